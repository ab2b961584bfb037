/** Every path the CLI prints, one way: relative to the working folder when inside it, absolute otherwise. */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('paths the CLI prints', () => {
  it('a missing input inside the working folder is named relative to it, however it was typed', async () => {
    const inside = join(process.cwd(), 'no-such-folder', 'members.xlsx');
    for (const typed of [inside, './no-such-folder/../no-such-folder/members.xlsx', 'no-such-folder/members.xlsx']) {
      for (const command of ['recompute', 'explain']) {
        const run = await runCli(command, typed, ...(command === 'explain' ? ['M1'] : []));
        expect(run.code, `${command} ${typed}`).not.toBe(0);
        expect(run.err).toContain('找不到文件：no-such-folder/members.xlsx / File not found: no-such-folder/members.xlsx');
      }
    }
  });

  it('outside the working folder the path is absolute, even when typed relative', async () => {
    const dir = tempDir();
    const missing = join(dir, 'gone.xlsx');
    const run = await runCli('recompute', relative(process.cwd(), missing));
    expect(run.err).toContain(`找不到文件：${missing} / File not found: ${missing}`);
    const rules = await runCli('recompute', missing, '--rules', relative(process.cwd(), join(dir, 'rules')));
    expect(rules.err).toContain(`找不到规则目录：${join(dir, 'rules')}`);
  });

  it('fenceng sample names its output the same way as recompute does', async () => {
    const dir = tempDir();
    const out = join(dir, 's.xlsx');
    const made = await runCli('sample', '--members', '20', '--today', '2026-11-26', '--out', relative(process.cwd(), out));
    expect(made.code).toBe(0);
    expect(made.out).toContain(`→ ${out}\n`);
    const run = await runCli('recompute', out, '--out', relative(process.cwd(), join(dir, 'o.xlsx')), '--now', '2026-11-26');
    expect(run.out).toContain(`已写入 / Written: ${join(dir, 'o.xlsx')}\n`);
  });
});
