import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { runCli, tempDir } from './helpers.js';

// Whole-workbook runs through xlsx on a loaded shared machine (a limit, not an assertion on time).
vi.setConfig({ testTimeout: 60_000 });

const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布'];
const DAYS = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];
const rows = (week: number) => [
  ['u1', '一号', DAYS[week], week === 3 ? 2 : 30, week === 3 ? 10 : 150, week === 3 ? 0 : 20, 5],
  ['u2', '二号', DAYS[week], 30, 150, 20, 5],
];

describe('流失预警 locally: a CSV export, then weekly runs on the workbook it became', () => {
  it('the CSV run writes an empty 流失预警; three weeks later the member whose interactions fell is listed', async () => {
    const dir = tempDir();
    const csv = join(dir, '导出.csv');
    writeFileSync(csv, [HEADER, ...rows(0)].map((r) => r.join(',')).join('\n'));
    const out = join(dir, '结果.xlsx');
    expect((await runCli('recompute', csv, '--out', out, '--now', DAYS[0])).code).toBe(0);
    expect((await XlsxWorkbook.open(out)).read('流失预警')!.rows.map((r) => r[0])).toEqual(['目前没有需要关注的成员']);

    for (let week = 1; week < 4; week++) {
      // This week's export pasted over the members sheet; everything else (the state included) as the last run left it.
      const last = await XlsxWorkbook.open(out);
      const tables = last.sheetNames().map((name) => (name === '成员' ? { sheet: name, header: HEADER, rows: rows(week) } : last.read(name)!));
      await (await XlsxWorkbook.create(tables)).save(out);
      const run = await runCli('recompute', out, '--in-place', '--now', DAYS[week]);
      expect(run.code, run.err).toBe(0);
    }
    const sheet = (await XlsxWorkbook.open(out)).read('流失预警')!;
    expect(sheet.rows.map((r) => r[0])).toEqual(['u1']);
    expect(sheet.rows[0][5]).toBe('近30天互动（评论+点赞+转发）从平均 200 降到 12（−94%，近 3 次运行）');
  });
});
