import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import type * as SheetJS from '@e965/xlsx';
import type { CellValue } from '../../src/core/base/table.js';
import type { WorkbookPatch } from '../../src/core/base/patch.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { TRUNCATION_MARK } from '../../src/ports/xlsx/cell-text.js';

/**
 * What the lean writer promises, checked with libraries other than the one
 * that wrote: JSZip for the package, SheetJS and ExcelJS (a separate parser
 * with a strict XML reader, saxes) for the cells.
 */

const XLSX: typeof SheetJS = createRequire(import.meta.url)('@e965/xlsx');
const FIXTURE = fileURLToPath(new URL('../fixtures/operator-workbook.xlsx', import.meta.url));
const day = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

function patch(rows: number): WorkbookPatch {
  const idx = [...Array(rows).keys()];
  return {
    sheets: [
      {
        kind: 'columns',
        sheet: '成员',
        columns: [
          { index: 13, header: '分层', values: idx.map((i) => (i % 2 ? '核心' : '活跃')) },
          { index: 14, header: '分层得分', values: idx.map((i) => i * 1.5) },
          { index: 15, header: '分层日期', values: idx.map(() => day(2026, 3, 29)) },
        ],
      },
      { kind: 'replace', sheet: '分层概览', rows: [['层级', '人数'], ['核心', 30], ['活跃', 30]] },
      { kind: 'replace', sheet: '分层状态', rows: [['成员ID', '更新于'], ['M00001', day(2026, 3, 29, 9, 30)]], hidden: true },
      { kind: 'append', sheet: '积分流水', header: ['期间', '成员ID', '积分'], rows: [['2026-11', 'M00001', 5]] },
    ],
  };
}

async function contents(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async('nodebuffer'));
  return out;
}

/** Each `<c>` of a sheet's XML by reference, as written. */
function cellsOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g)) out.set(m[1], m[0]);
  return out;
}

async function excelJs(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('the lean writer on the operator fixture', () => {
  it('copies every part it does not change byte for byte, and changes only the parts it must', async () => {
    const original = await readFile(FIXTURE);
    const wb = await XlsxWorkbook.open(original);
    await wb.apply(patch(60));
    const before = await contents(original);
    const after = await contents(wb.toBuffer());
    const changed = [...after.keys()].filter((name) => !before.get(name)?.equals(after.get(name)!));
    expect(changed.sort()).toEqual(
      ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/drawings/drawing1.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml', 'xl/worksheets/sheet4.xml', 'xl/worksheets/sheet5.xml'].sort(),
    );
    for (const name of before.keys()) expect(after.has(name), name).toBe(true);
    // The chart, comments, VML, theme and the formula sheet are among the untouched parts.
    for (const name of ['xl/charts/chart1.xml', 'xl/comments/comment1.xml', 'xl/drawings/commentsDrawing1.vml', 'xl/worksheets/sheet2.xml']) {
      expect(after.get(name)!.equals(before.get(name)!), name).toBe(true);
    }
    // The chart's drawing moves right past the appended columns (as Excel does on inserting columns); nothing else in it changes.
    const anchorsAside = (b: Buffer) => b.toString('utf8').replace(/<((?:xdr:)?col)>\d+<\/\1>/g, '<$1/>');
    expect(anchorsAside(after.get('xl/drawings/drawing1.xml')!)).toBe(anchorsAside(before.get('xl/drawings/drawing1.xml')!));
  });

  it('rewrites the members sheet only where it owns cells', async () => {
    const original = await readFile(FIXTURE);
    const wb = await XlsxWorkbook.open(original);
    await wb.apply(patch(60));
    const was = (await contents(original)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const now = (await contents(wb.toBuffer())).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const outside = (xml: string) => xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, '').replace(/<dimension [^>]*\/>/, '');
    // Panes, widths, conditional formatting, validation, drawing and comment links: all as they were.
    expect(outside(now)).toBe(outside(was));
    expect(now.includes('<dimension ref="A1:P61" />')).toBe(true);
    // Every operator cell (A–M) is the same XML, including openpyxl's empty inline strings.
    const a = cellsOf(was);
    const b = cellsOf(now);
    for (const [ref, xml] of a) expect(b.get(ref), ref).toBe(xml);
    expect(b.get('L2')).toBe('<c r="L2" t="inlineStr" />');
    expect(b.get('N2')).toBe('<c r="N2" t="inlineStr"><is><t>活跃</t></is></c>');
  });

  it('re-running the same patch over its own output changes nothing, byte for byte', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    await wb.apply(patch(60));
    const once = Buffer.from(wb.toBuffer());
    await wb.apply({ sheets: patch(60).sheets.filter((p) => p.kind !== 'append') });
    expect(wb.toBuffer().equals(once)).toBe(true);
    const reopened = await XlsxWorkbook.open(once);
    await reopened.apply({ sheets: patch(60).sheets.filter((p) => p.kind !== 'append') });
    expect(reopened.toBuffer().equals(once)).toBe(true);
  });

  it('opens in ExcelJS with the same values, text as text and dates as dates', async () => {
    // ExcelJS fails on the fixture itself (it only finds drawings and comments laid out as it writes
    // them), so this operator file has no chart or comment; the output is then read as written.
    const zip = await JSZip.loadAsync(await readFile(FIXTURE));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', sheet.replace(/<drawing [^>]*\/>/, '').replace(/<legacyDrawing [^>]*\/>/, ''));
    for (const rels of ['xl/worksheets/_rels/sheet1.xml.rels', 'xl/drawings/_rels/drawing1.xml.rels']) zip.remove(rels);
    const wb = await XlsxWorkbook.open(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const texts = ['00123', '1e5', ' 12 ', '=1+1', 'TRUE', '2025-03-29', '1.2万'];
    await wb.apply({ sheets: [...patch(60).sheets, { kind: 'columns', sheet: '成员', columns: [{ index: 16, header: '文本', values: texts }] }] });
    const book = await excelJs(wb.toBuffer());
    expect(book.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['成员', 'visible'], ['运营笔记', 'visible'], ['分层概览', 'visible'], ['分层状态', 'hidden'], ['积分流水', 'visible'],
    ]);
    const ws = book.getWorksheet('成员')!;
    expect(ws.getCell('A2').value).toBe('M00001');
    expect(ws.getCell('D2').value).toEqual(day(2026, 8, 11));
    expect(ws.getCell('N1').value).toBe('分层');
    expect(ws.getCell('N3').value).toBe('核心');
    expect(ws.getCell('O3').value).toBe(1.5);
    expect(ws.getCell('P2').value).toEqual(day(2026, 3, 29));
    expect(texts.map((_, i) => ws.getCell(`Q${i + 2}`).value)).toEqual(texts);
    expect(ws.getCell('M5').dataValidation).toMatchObject({ type: 'list', formulae: ['"待跟进,已联系,勿打扰"'] });
    expect(book.getWorksheet('分层状态')!.getCell('B2').value).toEqual(day(2026, 3, 29, 9, 30));
    expect(book.getWorksheet('积分流水')!.getRow(2).values).toEqual([undefined, '2026-11', 'M00001', 5]);
  });
});

describe('several columns patches on one sheet in one apply (written in one pass)', () => {
  it('give what applying them one after the other gives, a later column winning', async () => {
    const grid: CellValue[][] = [['ID', '名'], ['M1', '甲'], ['M2', '乙'], ['M3', '丙']];
    const patches: WorkbookPatch['sheets'] = [
      { kind: 'columns', sheet: '成员', columns: [{ index: 2, header: 'a', values: [1, 2, 3] }, { index: 3, header: 'b', values: ['x', 'y', 'z'] }] },
      { kind: 'replace', sheet: '其他', rows: [['k'], ['v']] },
      { kind: 'columns', sheet: '成员', columns: [{ index: 3, header: 'b2', values: ['只有一行'] }, { index: 1, header: '名2', values: [null, '改'] }] },
    ];
    const together = await XlsxWorkbook.create([{ sheet: '成员', header: grid[0] as string[], rows: grid.slice(1) }]);
    await together.apply({ sheets: patches });
    const inTurn = await XlsxWorkbook.create([{ sheet: '成员', header: grid[0] as string[], rows: grid.slice(1) }]);
    for (const p of patches) await inTurn.apply({ sheets: [p] });
    expect(together.read('成员')).toEqual(inTurn.read('成员'));
    expect(together.read('成员')!.header).toEqual(['ID', '名2', 'a', 'b2']);
    expect(together.read('成员')!.rows).toEqual([['M1', null, 1, '只有一行'], ['M2', '改', 2, null], ['M3', null, 3, null]]);
    expect(together.sheetNames()).toEqual(['成员', '其他']);
  });
});

describe('every string written is valid XML 1.0 and fits in a cell', () => {
  const nasty = [
    'bell\u0007', 'vt\u000b', 'nul\u0000x', 'esc\u001b[31m', 'cr\r\nlf', 'tab\tin', 'lone \ud800 high', 'lone \udc00 low', 'end\ud83d',
    '😀 emoji 分层', 'lit _x0007_ text', '_x005F_', 'nonchar \ufffe\uffff', '<b>&amp;</b>', '  spaced  ',
  ];

  it('round-trips control characters, lone surrogates and escape look-alikes through SheetJS, and ExcelJS opens the file', async () => {
    const wb = await XlsxWorkbook.create([{ sheet: '成员', header: ['昵称'], rows: nasty.map((n) => [n]) }]);
    await wb.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 1, header: '副本', values: nasty }] }] });
    const back = await XlsxWorkbook.open(Buffer.from(wb.toBuffer()));
    const rows = back.read('成员')!.rows;
    // The file keeps the CR (as _x000D_); SheetJS reads CRLF as LF, as it does for any file.
    const expected = nasty.map((n) => n.replace('\r\n', '\n'));
    expect(rows.map((r) => r[0])).toEqual(expected);
    expect(rows.map((r) => r[1])).toEqual(expected);
    // Nothing XML 1.0 forbids is in any part.
    for (const [name, data] of await contents(wb.toBuffer())) {
      const xml = data.toString('utf8');
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    const ws = (await excelJs(wb.toBuffer())).getWorksheet('成员')!;
    expect(ws.getCell('A11').value).toBe('😀 emoji 分层');
    expect(ws.getCell('B15').value).toBe('<b>&amp;</b>');
    expect(ws.getCell('A16').value).toBe('  spaced  ');
    expect(ws.rowCount).toBe(nasty.length + 1);
  });

  it('cuts text over 32,767 characters with a visible marker, never inside a surrogate pair', async () => {
    const long = 'x'.repeat(40_000);
    const pairs = '😀'.repeat(20_000);
    const wb = await XlsxWorkbook.create([{ sheet: '问题', header: ['说明'], rows: [[long], [pairs], ['short']] }]);
    const rows = (await XlsxWorkbook.open(Buffer.from(wb.toBuffer()))).read('问题')!.rows as CellValue[][];
    const [a, b] = [rows[0][0] as string, rows[1][0] as string];
    expect(a.length).toBe(32_767);
    expect(a.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(b.length).toBeLessThanOrEqual(32_767);
    expect(b.endsWith(TRUNCATION_MARK)).toBe(true);
    expect(b.slice(0, -TRUNCATION_MARK.length)).toMatch(/^(😀)+$/u);
    expect(rows[2][0]).toBe('short');
    const ws = XLSX.read(wb.toBuffer(), { type: 'buffer' }).Sheets['问题'];
    expect(String(ws.A2.v).length).toBe(32_767);
  });
});
