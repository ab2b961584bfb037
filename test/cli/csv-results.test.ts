/**
 * A CSV run's result when a sheet is too large for one .xlsx: with small
 * limits injected (a real million rows is the benchmark's job), the sheets
 * over them are written as CSV and every other one into the .xlsx, led by
 * 文件说明; the .xlsx is read back by ExcelJS (a second library) and the CSV
 * by csv-parse. Under the limits the result is the very .xlsx a CSV run
 * always wrote.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { CellValue } from '../../src/core/base/table.js';
import { recompute } from '../../src/app/recompute.js';
import { openCsv, type CsvWorkbook } from '../../src/ports/csv.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { csvPathFor, csvRunLines, FILES_SHEET, writeCsvRunOutput } from '../../src/cli/csv-results.js';
import { progress } from '../../src/cli/progress.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import { tempDir } from './helpers.js';

const NOW = new Date('2026-11-26T04:00:00Z');
const OPTIONS = { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' as const };
const NO_BYTE_LIMIT = Number.MAX_SAFE_INTEGER;

/** The sample members as an export writes them: dates as YYYY-MM-DD, quoted where needed. */
function membersCsv(members: number, delimiter = ','): Buffer {
  const t = generateMembersTable({ members, seed: 7, today: '2026-11-26' });
  const text = (v: CellValue) => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const cell = (v: CellValue) => {
    const s = text(v);
    return /["\n\r,\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [t.header, ...t.rows].map((r) => r.map(cell).join(delimiter));
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

async function recomputed(bytes: Buffer): Promise<CsvWorkbook> {
  const { workbook } = await openCsv(bytes);
  await recompute(workbook, OPTIONS);
  return workbook;
}

const quiet = progress(undefined);

async function excel(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** A sheet as ExcelJS reads it: every row (row 1 first) as text, trailing blanks dropped. */
function excelRows(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(asText(row.getCell(c).value));
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    out.push(cells);
  }
  return trimBlankRows(out);
}

function withoutTrailingBlanks(r: string[]): string[] {
  let end = r.length;
  while (end > 0 && r[end - 1] === '') end--;
  return r.slice(0, end);
}

/** Blank rows at the end are not part of a sheet as a library reads it. */
function trimBlankRows(rows: string[][]): string[][] {
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

function asText(v: ExcelJS.CellValue | CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ').replace(/ 00:00$/, '');
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  return String(v);
}

const gridRows = (grid: readonly CellValue[][]) =>
  trimBlankRows(
    grid.map((r) => {
      const cells = r.map(asText);
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      return cells;
    }),
  );

describe('a CSV run whose result is too large for one .xlsx', () => {
  it('writes the members (with Fenceng’s columns) and any other too-large sheet as CSV, every other sheet into the .xlsx', async () => {
    const input = membersCsv(400);
    const workbook = await recomputed(input);
    const members = workbook.grid('成员')!;
    const ledger = workbook.grid('积分流水')!;
    expect(members.length).toBeGreaterThan(400); // header + every row, blank ones too
    expect(ledger.length).toBeGreaterThan(300);
    const dir = tempDir();
    const output = join(dir, 'out', 'result.xlsx');
    // 300 rows: the members and the ledger are over; the summary sheets are far under.
    const out = await writeCsvRunOutput(workbook, output, { locale: 'zh', status: quiet, limits: { rows: 300, columns: 16_384, sheetBytes: NO_BYTE_LIMIT } });

    expect(out.parts.map((p) => p.sheet).sort()).toEqual(['成员', '积分流水']);
    const membersPart = out.parts.find((p) => p.sheet === '成员')!;
    expect(membersPart.path).toBe(csvPathFor(output, '成员'));
    expect(membersPart.path).toBe(join(dir, 'out', 'result.成员.csv'));
    expect(membersPart.why.en).toMatch(/more than Excel's 300/);

    // The members CSV: UTF-8 with a BOM, the input's separator, the operator's columns then Fenceng's, every row.
    const bytes = readFileSync(membersPart.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(bytes.subarray(3).toString('utf8'), { relax_column_count: true });
    const inputRecords: string[][] = parse(input.toString('utf8'), { relax_column_count: true });
    expect(records.length).toBe(members.length);
    expect(records[0].slice(0, inputRecords[0].length)).toEqual(inputRecords[0]);
    expect(records[0]).toEqual(expect.arrayContaining(['活跃层级', '贡献层级']));
    expect(records[0].length).toBeGreaterThan(inputRecords[0].length);
    // The operator's cells come back exactly as they were written in the export.
    expect(records.map((r) => r.slice(0, inputRecords[0].length).join('|').replace(/\|+$/, ''))).toEqual(inputRecords.map((r) => r.join('|').replace(/\|+$/, '')));
    expect(gridRows(members)).toEqual(trimBlankRows(records.map(withoutTrailingBlanks)));
    const tierColumn = records[0].indexOf('活跃层级');
    expect(new Set(records.slice(1).map((r) => r[tierColumn]))).toEqual(new Set(['核心成员', '潜力成员', '沉默成员', '']));

    // The ledger too, whole.
    const ledgerRecords: string[][] = parse(readFileSync(csvPathFor(output, '积分流水')).subarray(3).toString('utf8'), { relax_column_count: true });
    expect(ledgerRecords.length).toBe(ledger.length);

    // The .xlsx, read by ExcelJS: 文件说明 first, no members sheet, the summary sheets with the values the run planned.
    const book = await excel(output);
    const names = book.worksheets.map((w) => w.name);
    expect(names[0]).toBe(FILES_SHEET.zh);
    expect(names).not.toContain('成员');
    expect(names).not.toContain('积分流水');
    for (const sheet of ['分层概览', '运营看板', '问题', '内容计划']) {
      expect(names).toContain(sheet);
      expect(excelRows(book.getWorksheet(sheet)!)).toEqual(gridRows(workbook.grid(sheet)!));
    }
    const files = excelRows(book.getWorksheet(FILES_SHEET.zh)!);
    expect(files.slice(1, 3).map((r) => [r[0], r[3]]).sort()).toEqual([['成员', 'result.成员.csv'], ['积分流水', 'result.积分流水.csv']]);

    // What the CLI prints names every file.
    const lines = csvRunLines(out).join('\n');
    expect(lines).toContain('result.成员.csv');
    expect(lines).toContain('result.积分流水.csv');
    expect(lines).toMatch(/result\.xlsx.*every other sheet/);
  });

  it('splits on columns and on the estimated size too, and keeps a tab-separated input tab-separated', async () => {
    const workbook = await recomputed(membersCsv(120, '\t'));
    expect(workbook.delimiter).toBe('\t');
    const dir = tempDir();
    const output = join(dir, 'r.xlsx');
    const width = workbook.grid('成员')![0].length;
    const byColumns = await writeCsvRunOutput(workbook, output, { locale: 'en', status: quiet, limits: { rows: 1_048_576, columns: width - 1, sheetBytes: NO_BYTE_LIMIT } });
    expect(byColumns.parts.map((p) => p.sheet)).toEqual(['成员']);
    expect(byColumns.parts[0].why.en).toMatch(/columns/);
    const text = readFileSync(byColumns.parts[0].path, 'utf8');
    expect(text.split('\r\n')[0].split('\t')).toHaveLength(width);
    expect((await excel(output)).worksheets[0].name).toBe(FILES_SHEET.en);

    const bySize = await writeCsvRunOutput(workbook, join(dir, 's.xlsx'), { locale: 'zh', status: quiet, limits: { rows: 1_048_576, columns: 16_384, sheetBytes: 64 * 1024 } });
    expect(bySize.parts.map((p) => p.sheet)).toContain('成员');
    expect(bySize.parts.find((p) => p.sheet === '成员')!.why.zh).toMatch(/MB/);
  });

  it('under the limits writes the same .xlsx a CSV run always wrote, and nothing beside it', async () => {
    const input = membersCsv(150);
    const workbook = await recomputed(input);
    const dir = tempDir();
    const output = join(dir, 'same.xlsx');
    const out = await writeCsvRunOutput(workbook, output, { locale: 'zh', status: quiet });
    expect(out.parts).toEqual([]);
    expect(existsSync(csvPathFor(output, '成员'))).toBe(false);
    // The old way: the CSV's table made into an .xlsx first, the run applied to that.
    const { workbook: read } = await openCsv(input);
    const old = await XlsxWorkbook.create([read.read('成员')!]);
    await recompute(old, OPTIONS);
    expect(readFileSync(output).equals(old.toBuffer())).toBe(true);
    expect(csvRunLines(out)).toEqual([expect.stringMatching(/^已写入 \/ Written: .*same\.xlsx$/)]);
  });
});
