import { describe, expect, it } from 'vitest';
import { progress } from '../../src/cli/progress.js';
import { reportPathFor, shownPath } from '../../src/cli/show-path.js';
import { NOW, runCli, sampleWorkbook, tempDir } from './helpers.js';
import { join } from 'node:path';

const sink = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (t: string) => chunks.push(t) } };
};

describe('progress', () => {
  it('without a terminal: a line per stage and a line per quarter of counted work, with separators', () => {
    const { chunks, stream } = sink(false);
    const p = progress(stream);
    p.stage('分层 / Tiering', '100,000 行 / rows');
    for (let d = 0; d <= 100_000; d += 500) p.update(d, 100_000);
    p.stage('写入 / Writing');
    p.done();
    expect(chunks.join('')).toBe(
      [
        '[fenceng] 分层 / Tiering：100,000 行 / rows',
        '[fenceng] 分层 / Tiering 25,000/100,000 (25%)',
        '[fenceng] 分层 / Tiering 50,000/100,000 (50%)',
        '[fenceng] 分层 / Tiering 75,000/100,000 (75%)',
        '[fenceng] 分层 / Tiering 100,000/100,000 (100%)',
        '[fenceng] 写入 / Writing',
        '',
      ].join('\n'),
    );
    expect(chunks.some((c) => c.includes('\r'))).toBe(false);
  });

  it('on a terminal: one redrawn bar per stage, ended by a newline', () => {
    const { chunks, stream } = sink(true);
    const p = progress(stream);
    p.stage('分层 / Tiering');
    for (let d = 0; d <= 2000; d++) p.update(d, 2000);
    p.done();
    const bars = chunks.filter((c) => c.startsWith('\r'));
    expect(bars.length).toBe(101); // once per percent, not per member
    expect(bars.at(-1)).toContain('100% 2,000/2,000');
    expect(chunks.at(-1)).toBe('\n');
  });

  it('the CLI reports its stages to a non-terminal status stream', async () => {
    const dir = tempDir();
    const input = await sampleWorkbook(join(dir, 's.xlsx'), 120, 3);
    const { chunks, stream } = sink(false);
    let out = '';
    const { main } = await import('../../src/cli/main.js');
    const code = await main(['recompute', input, '--out', join(dir, 'o.xlsx'), ...NOW], { out: (t) => (out += `${t}\n`), err: () => {}, status: stream });
    expect(code).toBe(0);
    const lines = chunks.join('').split('\n').filter(Boolean);
    expect(lines[0]).toMatch(/^\[fenceng\] 读取 \/ Reading：/);
    expect(lines.some((l) => /^\[fenceng\] 分层与计划 \/ Tiering and planning：\d[\d,]* 行 \/ rows$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\[fenceng\] 写入 \/ Writing：\d+ 个工作表 \/ sheets$/.test(l))).toBe(true);
    expect(out).toContain(`运营报告 / Report: ${shownPath(join(dir, 'o.report.html'))}`);
    expect(out).toContain(`已写入 / Written: ${shownPath(join(dir, 'o.xlsx'))}`);
  }, 60_000);
});

describe('paths and numbers the CLI prints', () => {
  it('shows paths inside the working folder relative, others absolute', () => {
    expect(shownPath('/work/x/out/a.xlsx', '/work/x')).toBe('out/a.xlsx');
    expect(shownPath('out/a.xlsx', '/work/x')).toBe('out/a.xlsx');
    expect(shownPath('/tmp/a.xlsx', '/work/x')).toBe('/tmp/a.xlsx');
    expect(reportPathFor('/tmp/out/members-sample.xlsx')).toBe('/tmp/out/members-sample.report.html');
  });

  it('every number in the summary carries thousands separators', async () => {
    const dir = tempDir();
    const input = await sampleWorkbook(join(dir, 'big.xlsx'), 1500, 4);
    const run = await runCli('recompute', input, '--out', join(dir, 'o.xlsx'), ...NOW);
    expect(run.code).toBe(0);
    // Counts of four digits or more without a separator (dates, periods and versions aside).
    const text = run.out.replace(/\d{4}-\d{2}(-\d{2})?( \d{2}:\d{2})?/g, '').replace(/[0-9a-f]{8}\b/g, '').replace(/\/tmp\S*/g, '');
    expect(text).not.toMatch(/\d{4,}/);
    expect(text).toMatch(/\d,\d{3}/);
  }, 90_000);
});
