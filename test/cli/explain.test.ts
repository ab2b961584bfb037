import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, tempDir } from './helpers.js';

describe('fenceng explain', () => {
  it('answers as the sheet would: a locked member shows the lock, not the raw rule result', async () => {
    const file = join(tempDir(), 'locked.xlsx');
    const header = ['成员ID', '昵称', '最近活跃', '近30天评论', '锁定层级', '锁定至'];
    const wb = await XlsxWorkbook.create([
      { sheet: '成员', header, rows: [['L1', '老粉', '2026/9/1', '0', '核心成员', '2026-12-31'], ['F1', '新粉', '2026/11/25', '30', null, null]] },
    ]);
    await wb.save(file);

    const locked = JSON.parse((await runCli('explain', file, 'L1', '--json', ...NOW)).out);
    expect(locked.activity.tier).toBe('core');
    expect(locked.activity.explanation).toContain('2026-12-31');
    expect(locked.activity.explanation).toMatch(/锁定/);
    expect(locked.facts.lastActiveAt).toBe('2026-09-01');

    const free = JSON.parse((await runCli('explain', file, 'F1', '--json', ...NOW)).out);
    expect(free.activity.tier).toBe('core');
    expect(free.activity.explanation).toContain('近30天评论 30 ≥ 20');
    expect(free.activity.explanation).not.toMatch(/锁定/);
  });
});
