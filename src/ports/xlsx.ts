import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type * as SheetJS from 'xlsx';
import type { CellValue, Table } from '../core/table.js';
import { columnLetter } from '../core/table.js';
import type { ColumnsPatch, ReplaceSheetPatch, WorkbookPatch } from '../core/patch.js';
import { wallClockOfExcelSerial } from '../core/time.js';
import type { WorkbookPort } from './port.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * The .xlsx adapter. READ with SheetJS (fast, sync, reads everything) and
 * WRITE with xlsx-populate, which keeps charts, data validation, conditional
 * formatting, comments, panes and other sheets that SheetJS would drop.
 */

// Both libraries are CommonJS; require() gives the same instances in Node and
// vitest, and lets us reach the xlsx-populate internals patched below.
const require = createRequire(import.meta.url);
const XLSX: typeof SheetJS = require('xlsx');
const XlsxPopulate: XpStatic = require('xlsx-populate');

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** Days between the 1900 and 1904 date systems (Mac Excel's epoch). */
const DATE1904_OFFSET = 1462;
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?', 0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

export class XlsxWorkbook implements WorkbookPort {
  /** The workbook as it will be saved. */
  private bytes: Buffer;
  /** What SheetJS reads: the same bytes, or a copy that knows the CJK built-in date formats. */
  private readable: Buffer;
  /** The one parsed SheetJS copy; dropped after each write and re-read lazily. */
  private parsed: SheetJS.WorkBook | undefined;
  /** Serialises `apply` calls so a second one never starts from stale bytes. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(bytes: Buffer, readable: Buffer) {
    this.bytes = bytes;
    this.readable = readable;
  }

  static async open(pathOrBuffer: string | Buffer): Promise<XlsxWorkbook> {
    const bytes = typeof pathOrBuffer === 'string' ? await readFile(pathOrBuffer) : pathOrBuffer;
    // SheetJS would happily "read" CSV or .xls bytes, but only a zip package can be written back.
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw new Error('不是 .xlsx 文件（可能是 .xls、CSV 或加密文件） / Not an .xlsx file (maybe .xls, CSV or encrypted)');
    }
    const wb = new XlsxWorkbook(bytes, await withCjkDateFormats(bytes));
    wb.book(); // parse now so a broken file fails at open, not at the first read
    return wb;
  }

  /** A new workbook whose sheets are these tables, in order. */
  static async create(tables: Table[]): Promise<XlsxWorkbook> {
    const blank = await XlsxPopulate.fromBlankAsync();
    const placeholder = 'fenceng-blank-9c41';
    blank.sheet(0)!.name(placeholder);
    const bytes = await blank.outputAsync();
    const wb = new XlsxWorkbook(bytes, bytes);
    await wb.transform(
      tables.map((t) => ({ kind: 'replace' as const, sheet: t.sheet, rows: [t.header, ...t.rows] })),
      (xp) => {
        if (tables.length > 0) xp.deleteSheet(placeholder);
        else xp.sheet(placeholder)!.name('Sheet1');
      },
    );
    return wb;
  }

  /** The current bytes of the workbook (not a copy). */
  toBuffer(): Buffer {
    return this.bytes;
  }

  async save(path: string): Promise<void> {
    await writeFileAtomic(path, this.bytes);
  }

  sheetNames(): string[] {
    return [...this.book().SheetNames];
  }

  read(sheet: string): Table | undefined {
    const book = this.book();
    const ws = book.Sheets[sheet];
    if (!ws) return undefined;
    const date1904 = isDate1904(book);
    const data = denseRows(ws);
    const last = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']).e.r : -1;

    const header = rowValues(data[0], date1904).map(headerText);
    const rows: CellValue[][] = [];
    let lastUsed = -1;
    for (let r = 1; r <= last; r++) {
      const row = rowValues(data[r], date1904);
      if (row.length > 0) lastUsed = r - 1;
      while (row.length < header.length) row.push(null);
      rows.push(row);
    }
    rows.length = lastUsed + 1; // drop trailing blank rows; blank rows in the middle stay
    return { sheet, header, rows };
  }

  /** Apply every sheet patch or none: all edits go to a fresh copy; the bytes change only if it all worked. */
  apply(patch: WorkbookPatch): Promise<void> {
    return this.transform(patch.sheets);
  }

  private transform(sheets: WorkbookPatch['sheets'], finish?: (xp: XpWorkbook) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const before = formatsBefore(this.book(), sheets);
      // xlsx-populate needs several times the file's size in memory; free the SheetJS copy meanwhile.
      this.parsed = undefined;
      const xp = await XlsxPopulate.fromDataAsync(await repairForXlsxPopulate(this.bytes));
      const w = new Writer(xp, before);
      for (const p of sheets) {
        if (p.kind === 'replace') w.replace(p);
        else w.columns(p);
      }
      finish?.(xp);
      const out = await xp.outputAsync();
      const readable = await withCjkDateFormats(out);
      this.bytes = out;
      this.readable = readable;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private book(): SheetJS.WorkBook {
    // Raw values plus number formats only: no text/HTML renderings, formulas or styles, to save memory.
    this.parsed ??= XLSX.read(this.readable, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      cellDates: false,
    });
    return this.parsed;
  }
}

// ---------------------------------------------------------------- reading

type DenseRow = Array<SheetJS.CellObject | undefined> | undefined;

/** SheetJS 0.18 keeps dense rows on the sheet itself; 0.19+ moved them to `!data`. */
function denseRows(ws: SheetJS.WorkSheet): DenseRow[] {
  const w = ws as unknown as { '!data'?: DenseRow[] } & DenseRow[];
  return w['!data'] ?? w;
}

function isDate1904(book: SheetJS.WorkBook): boolean {
  return Boolean(book.Workbook?.WBProps?.date1904);
}

/** One sheet row as cell values, without trailing empty cells. */
function rowValues(row: DenseRow, date1904: boolean): CellValue[] {
  const out: CellValue[] = [];
  if (!row) return out;
  for (let c = 0; c < row.length; c++) {
    const v = cellValue(row[c], date1904);
    if (v === null) continue;
    while (out.length < c) out.push(null);
    out.push(v);
  }
  return out;
}

function cellValue(cell: SheetJS.CellObject | undefined, date1904: boolean): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 's':
      return cell.v === '' ? null : String(cell.v);
    case 'b':
      return Boolean(cell.v);
    case 'e':
      return ERROR_TEXT[cell.v as number] ?? '#ERROR!';
    case 'n': {
      const n = cell.v as number;
      if (isDateFormat(cell.z)) return wallClockOfExcelSerial(date1904 ? n + DATE1904_OFFSET : n);
      return n;
    }
    case 'd': {
      // Only produced for ISO `t="d"` cells; SheetJS builds them in local time.
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
    }
    default:
      return null;
  }
}

const dateFormatCache = new Map<string, boolean>();

function isDateFormat(z: SheetJS.NumberFormat | undefined): boolean {
  if (typeof z !== 'string' || z === 'General') return false;
  let yes = dateFormatCache.get(z);
  if (yes === undefined) dateFormatCache.set(z, (yes = Boolean(XLSX.SSF.is_date(z))));
  return yes;
}

function headerText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

// ---------------------------------------------------------------- writing

/** What the writer needs to know about the workbook before the patch: taken from SheetJS, which then can be freed. */
interface FormatsBefore {
  date1904: boolean;
  /** Per sheet, the cells (row * MAX_COLUMNS + column, 1-based) the patch will write that have a date format. */
  dated: Map<string, Set<number>>;
}

const MAX_COLUMNS = 16_384;

function formatsBefore(book: SheetJS.WorkBook, sheets: WorkbookPatch['sheets']): FormatsBefore {
  const dated = new Map<string, Set<number>>();
  for (const p of sheets) {
    const ws = book.Sheets[p.sheet];
    if (!ws) continue;
    // A columns patch only needs its own columns; a replace patch owns the whole (small) sheet.
    const only = p.kind === 'columns' ? new Set(p.columns.map((c) => c.index)) : undefined;
    const set = dated.get(p.sheet) ?? new Set<number>();
    denseRows(ws).forEach((row, r) =>
      row?.forEach((cell, c) => {
        if ((!only || only.has(c)) && isDateFormat(cell?.z)) set.add((r + 1) * MAX_COLUMNS + c + 1);
      }),
    );
    dated.set(p.sheet, set);
  }
  return { date1904: isDate1904(book), dated };
}

/** Applies sheet patches to one loaded xlsx-populate workbook. */
class Writer {
  private styles = new Map<string, XpStyle>();

  constructor(
    private xp: XpWorkbook,
    private before: FormatsBefore,
  ) {}

  columns(p: ColumnsPatch): void {
    const sheet = this.xp.sheet(p.sheet);
    if (!sheet) throw new Error(`没有工作表「${p.sheet}」 / No sheet "${p.sheet}"`);
    for (const col of p.columns) {
      if (!Number.isInteger(col.index) || col.index < 0 || col.index >= MAX_COLUMNS) {
        throw new Error(`列号无效：${col.index} / Bad column index ${col.index}`);
      }
      const c = col.index + 1;
      this.write(sheet, 1, c, col.header);
      col.values.forEach((v, i) => this.write(sheet, i + 2, c, v));
      // Rows removed since the last run: clear what is left below in this column.
      const lastRow = col.values.length + 1;
      sheet.forEachExistingRow((row, r) => {
        if (r > lastRow && row.hasCell(c)) row.cell(c).clear();
      });
    }
  }

  replace(p: ReplaceSheetPatch): void {
    checkSheetName(p.sheet);
    const existing = this.xp.sheet(p.sheet);
    existing?.usedRange()?.clear();
    const sheet = existing ?? this.xp.addSheet(p.sheet);
    p.rows.forEach((row, r) => row.forEach((v, c) => this.write(sheet, r + 1, c + 1, v)));
  }

  private write(sheet: XpSheet, r: number, c: number, v: CellValue): void {
    const cell = sheet.cell(r, c);
    const hadDateFormat = this.before.dated.get(sheet.name())?.has(r * MAX_COLUMNS + c) ?? false;
    if (v === null || v === '') {
      cell.clear();
      return;
    }
    if (v instanceof Date) {
      const t = v.getTime();
      if (!Number.isFinite(t)) throw badValue(sheet, r, c);
      // xlsx-populate converts Dates with local-time fields; a wall-clock Date needs its UTC fields, so write the serial.
      const serial = (t - EXCEL_EPOCH_UTC) / MS_PER_DAY - (this.before.date1904 ? DATE1904_OFFSET : 0);
      cell.value(serial);
      // Keep the operator's own date format if the cell already had one.
      if (!hadDateFormat) cell.style(this.style(t % MS_PER_DAY === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm'));
      return;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw badValue(sheet, r, c);
    cell.value(v);
    // A number left in a date-formatted cell would show as a date.
    if (hadDateFormat) cell.style(this.style('General'));
  }

  /** One shared style per number format per write, not one per cell (Excel caps cell formats at ~64k). */
  private style(numberFormat: string): XpStyle {
    let s = this.styles.get(numberFormat);
    if (!s) {
      const sheet = this.xp.styleSheet();
      s = sheet.createStyle();
      s.style('numberFormat', numberFormat);
      // createStyle adds an empty <font/> and <fill/>: LibreOffice then shows a serif font and
      // openpyxl (so pandas) cannot open the file. Use the workbook's default font and no fill.
      const defaultFont = sheet._fontsNode?.children?.[0] as XmlNode | undefined;
      if (defaultFont && s._fontNode) s._fontNode.children = structuredClone(defaultFont.children);
      s.style('fill', { type: 'pattern', pattern: 'none' });
      this.styles.set(numberFormat, s);
    }
    return s;
  }
}

function badValue(sheet: XpSheet, r: number, c: number): Error {
  const at = `${sheet.name()}!${columnLetter(c - 1)}${r}`;
  return new Error(`无效的值（日期或数字）：${at} / Invalid date or number at ${at}`);
}

/** Excel refuses (and "repairs") workbooks with such sheet names. */
function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new Error(`工作表名称无效：「${name}」 / Invalid sheet name: "${name}"`);
  }
}

// ------------------------------------------------- CJK built-in date formats

/**
 * Chinese (and Japanese/Korean) Excel stores its default date formats as
 * built-in ids 27–36 and 50–58 with no format code in the file; ECMA-376
 * leaves them to the locale, so SheetJS sees no format and returns bare
 * serial numbers (SheetJS issue #2349). For reading only, declare the zh-CN
 * meaning of the ids the file uses; the saved bytes are never changed.
 */
const CJK_DATE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

async function withCjkDateFormats(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/styles.xml')?.async('string');
  if (!xml) return bytes;
  const missing = new Set<number>();
  for (const m of xml.matchAll(/numFmtId="(\d+)"/g)) if (Number(m[1]) in CJK_DATE_FORMATS) missing.add(Number(m[1]));
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"/g)) missing.delete(Number(m[1]));
  if (missing.size === 0) return bytes;
  const defs = [...missing].map((id) => `<numFmt numFmtId="${id}" formatCode="${CJK_DATE_FORMATS[id].replaceAll('"', '&quot;')}"/>`).join('');
  // Into the existing <numFmts> list (SheetJS reads only one), else a new list first in <styleSheet>.
  const list = /<(?:\w+:)?numFmts\b[^>]*?(\/?)>/.exec(xml);
  const at = list && !list[1] ? list.index + list[0].length : -1;
  const fixed =
    at >= 0
      ? xml.slice(0, at) + defs + xml.slice(at)
      : xml.replace(list?.[0] ?? '', '').replace(/<(?:\w+:)?styleSheet\b[^>]*>/, (tag) => `${tag}<numFmts>${defs}</numFmts>`);
  zip.file('xl/styles.xml', fixed);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ------------------------------------------------- xlsx-populate workarounds

/**
 * xlsx-populate 1.21 crashes on empty inline-string cells as openpyxl writes
 * them (`<c r="L2" t="inlineStr"/>`, or with an empty `<is/>`). Dropping the
 * type gives a plain empty cell, which means the same thing. Only sheets that
 * need it are rewritten; the package is returned as-is otherwise.
 */
const EMPTY_INLINE_CELL = /<c\b([^>]*?)\s+t=(["'])inlineStr\2([^>]*?)\s*(?:\/>|>\s*<is\s*(?:\/>|>\s*<\/is>)\s*<\/c>)/g;

async function repairForXlsxPopulate(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await checkSheetParts(zip);
  let changed = false;
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    if (!xml.includes('inlineStr')) continue;
    const fixed = xml.replace(EMPTY_INLINE_CELL, '<c$1$3/>');
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  if (!changed) return bytes;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * xlsx-populate loads the i-th tab from `xl/worksheets/sheet{i+1}.xml`
 * regardless of the relationships. If a tool named the parts differently
 * (tabs reordered, chart sheets) it would write one tab's cells under another
 * tab's name, so refuse instead of corrupting the workbook.
 */
async function checkSheetParts(zip: JSZip): Promise<void> {
  const book = await zip.file('xl/workbook.xml')?.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')?.async('string');
  if (!book || !rels) throw new Error('.xlsx 文件结构不完整 / The .xlsx package is incomplete');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?(xl\/)?/, ''));
  }
  let i = 0;
  for (const m of book.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const id = /\s(?:\w+:)?id="([^"]*)"/.exec(m[0])?.[1] ?? '';
    i += 1;
    if (targets.get(id) !== `worksheets/sheet${i}.xml`) {
      throw new Error(
        '无法安全写入此工作簿（工作表文件顺序异常，可在 Excel/WPS 中另存一次后重试） / ' +
          'Cannot safely write this workbook (unusual sheet part layout; re-save it in Excel/WPS and retry)',
      );
    }
  }
}

/**
 * xlsx-populate's XML parser turns every text node that looks like a number
 * into a number, so text cells such as "12" (shared or inline strings) come
 * back as numeric cells after a save — silently changing untouched operator
 * data (dtjohnson/xlsx-populate PR #276, never merged). Turn those text nodes
 * back into strings before cells are built. Rich inline strings, which 1.21
 * would drop, are flattened to their plain text.
 */
function installXlsxPopulateFixes(): void {
  const SharedStrings = require('xlsx-populate/lib/SharedStrings.js');
  const Cell = require('xlsx-populate/lib/Cell.js');
  const cache = SharedStrings?.prototype?._cacheExistingSharedStrings;
  const parse = Cell?.prototype?._parseNode;
  if (typeof cache !== 'function' || typeof parse !== 'function') {
    throw new Error('xlsx-populate internals changed; review src/ports/xlsx.ts before upgrading');
  }
  if (cache.fenceng) return;
  const patchedCache = function (this: { _node: XmlNode }) {
    for (const si of this._node.children) textNodesToStrings(si);
    return cache.call(this);
  };
  patchedCache.fenceng = true;
  SharedStrings.prototype._cacheExistingSharedStrings = patchedCache;
  Cell.prototype._parseNode = function (this: unknown, node: XmlNode) {
    const t = node.attributes?.t;
    if (t === 'inlineStr') {
      const is = childNamed(node, 'is');
      if (is) {
        textNodesToStrings(is);
        if (is.children.length > 0 && childName(is.children[0]) !== 't') {
          is.children = [{ name: 't', attributes: { 'xml:space': 'preserve' }, children: [plainText(is)] }];
        }
      }
    } else if (t === 'str') {
      const v = childNamed(node, 'v');
      if (v) v.children = v.children.map((x) => (typeof x === 'number' ? String(x) : x));
    }
    return parse.call(this, node);
  };
}
installXlsxPopulateFixes();

type XmlChild = XmlNode | string | number;
interface XmlNode {
  name: string;
  attributes: Record<string, unknown>;
  children: XmlChild[];
}

function childName(x: XmlChild | undefined): string | undefined {
  return typeof x === 'object' && x !== null ? x.name : undefined;
}

function childNamed(node: XmlNode, name: string): XmlNode | undefined {
  return node.children?.find((x): x is XmlNode => childName(x) === name);
}

/** Number children of every `<t>` below `node` become the strings they were in the file. */
function textNodesToStrings(node: XmlChild): void {
  if (typeof node !== 'object' || node === null || !node.children) return;
  if (node.name === 't') node.children = node.children.map((x) => (typeof x === 'number' ? String(x) : x));
  else node.children.forEach(textNodesToStrings);
}

/** Text of the `<r><t>` runs of a rich string (phonetic `<rPh>` hints left out). */
function plainText(node: XmlNode): string {
  let s = '';
  for (const x of node.children) {
    if (typeof x !== 'object' || x === null) continue;
    if (x.name === 't') s += x.children.map(String).join('');
    else if (x.name === 'r') s += plainText(x);
  }
  return s;
}

// ------------------------------------- the slice of xlsx-populate we use

interface XpStatic {
  fromDataAsync(data: Buffer): Promise<XpWorkbook>;
  fromBlankAsync(): Promise<XpWorkbook>;
}
interface XpWorkbook {
  sheet(nameOrIndex: string | number): XpSheet | undefined;
  addSheet(name: string): XpSheet;
  deleteSheet(name: string): XpWorkbook;
  outputAsync(): Promise<Buffer>;
  styleSheet(): XpStyleSheet;
}
interface XpSheet {
  name(): string;
  name(name: string): XpSheet;
  cell(row: number, column: number): XpCell;
  usedRange(): { clear(): unknown } | undefined;
  forEachExistingRow(callback: (row: XpRow, rowNumber: number) => void): XpSheet;
}
interface XpRow {
  hasCell(column: number): boolean;
  cell(column: number): XpCell;
}
interface XpCell {
  value(v: string | number | boolean): XpCell;
  clear(): XpCell;
  style(style: XpStyle): XpCell;
}
interface XpStyle {
  style(name: string, value: unknown): XpStyle;
  /** Internal: the style's own <font> node. */
  _fontNode?: XmlNode;
}
interface XpStyleSheet {
  createStyle(): XpStyle;
  /** Internal: the <fonts> node; font 0 is the workbook default. */
  _fontsNode?: XmlNode;
}
