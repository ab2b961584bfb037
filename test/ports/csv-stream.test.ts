/**
 * The CSV read is one streaming pass a megabyte at a time, and the writer
 * makes its text a piece at a time: what could go wrong at the seams.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { openCsv } from '../../src/ports/csv.js';
import { csvText, writeCsvFile } from '../../src/ports/csv/write.js';
import { tempDir } from '../cli/helpers.js';

/** Enough rows for several 1 MB chunks, every row different. */
function bigText(rows: number): string {
  const lines = ['成员ID,昵称,评论'];
  for (let i = 0; i < rows; i++) lines.push(`M${i},小明同学的昵称${i},${i % 97}`);
  return `${lines.join('\n')}\n`;
}

describe('reading a CSV larger than one chunk', () => {
  it('keeps characters split between chunks whole, in UTF-8 and from a file', async () => {
    const text = bigText(30_000); // ~1.2 MB: chunk seams fall inside three-byte characters
    const path = join(tempDir(), 'big.csv');
    writeFileSync(path, text, 'utf8');
    const { workbook, encoding } = await openCsv(path);
    expect(encoding).toBe('utf-8');
    const t = workbook.read('成员')!;
    expect(t.rows).toHaveLength(30_000);
    for (const i of [0, 1234, 26_000, 29_999]) expect(t.rows[i]).toEqual([`M${i}`, `小明同学的昵称${i}`, i % 97]);
  });

  it('reads a file as GB18030 when the first non-UTF-8 bytes come after the first chunk', async () => {
    const ascii = Array.from({ length: 70_000 }, (_, i) => `M${i},name${i},${i % 7}`).join('\n'); // > 1 MB of plain ASCII
    const bytes = Buffer.concat([Buffer.from(`ID,nick,n\n${ascii}\n`, 'ascii'), iconv.encode('M-last,小明,3\n', 'gb18030')]);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const { workbook, encoding } = await openCsv(bytes);
    expect(encoding).toBe('gb18030');
    const rows = workbook.read('成员')!.rows;
    expect(rows).toHaveLength(70_001);
    expect(rows[70_000]).toEqual(['M-last', '小明', 3]);
  });
});

describe('writing a sheet as CSV', () => {
  it('writes UTF-8 with a BOM, quotes only what needs it, and reads back the same', async () => {
    const path = join(tempDir(), 'out.csv');
    const grid = [
      ['成员ID', '昵称', '备注', '日期', '时间', '数', '是'],
      ['M1', '张,三', '说"你好"', new Date(Date.UTC(2026, 10, 26)), new Date(Date.UTC(2026, 10, 26, 9, 5)), 1.5, true],
      ['M2', '第一行\n第二行', null, null, null, 0, false],
      ['M3', ' 空格 ', '00123', null],
    ];
    let last = 0;
    await writeCsvFile(path, grid, { delimiter: ',', lineBreak: '\r\n', onProgress: (d, t) => (last = d / t) });
    expect(last).toBe(1);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('成员ID,昵称,备注,日期,时间,数,是\r\nM1,"张,三","说""你好""",2026-11-26,2026-11-26 09:05,1.5,TRUE\r\n')).toBe(true);
    expect(parse(text, { relax_column_count: true })).toEqual(grid.map((r) => r.map(csvText)));
  });

  it('with a tab separator quotes tabs, not commas', async () => {
    const path = join(tempDir(), 'out.txt');
    await writeCsvFile(path, [['a', 'b,c', 'd\te']], { delimiter: '\t', lineBreak: '\n' });
    expect(readFileSync(path, 'utf8')).toBe('\ufeffa\tb,c\t"d\te"\n');
  });
});
