import type { CellValue } from '../../core/base/table.js';
import type { AppendRowsPatch, ColumnsPatch, ReplaceSheetPatch, SheetPatch } from '../../core/base/patch.js';
import { BookParts, resolve } from './book-parts.js';
import { capCellText, escapeCellText, needsPreserve } from './cell-text.js';
import { isWholeDay, serialOfWallClock } from './excel-dates.js';
import { colLetters, lastFilledRow, parseRef, rewriteSheet, type CellWriter, type SheetEdit } from './sheet-rewrite.js';
import { StyleSheet } from './styles.js';
import { LookVariants, RowHeights, isDateCode, looksOf, type SheetLooks } from './cell-looks.js';
import { withAutoFilter, withColumnWidths, withFrozenRows } from './layout-xml.js';
import { shiftDrawingAnchors } from './anchors.js';
import { placeCharts, type ChartPackage } from './sheet-charts.js';
import { XmlCursor, attr, localName, rootPrefix } from './xml-scan.js';
import { PieceDeflater, compress, decompress, inflateEntry, writeZip, type Compressed, type OutEntry, type ZipEntry, type ZipPackage } from './zip.js';

/**
 * Writing a patch into an .xlsx package without loading the workbook: the
 * parts a patch changes are edited as text (sheets in one streaming pass),
 * every other zip entry is copied as its original bytes.
 */

const MAX_COLUMNS = 16_384;
const MAX_ROWS = 1_048_576;
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A new worksheet part, as Excel would start one. */
const BLANK_SHEET =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
  '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
  '<sheetData/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

/**
 * A rewritten sheet: its body deflated as it was written, the text around it
 * kept apart so layout edits (widths, panes, filter) never touch the body.
 */
interface SplitSheet {
  head: string;
  body: PieceDeflater;
  tail: string;
}

/** The parts of a package being written: text edits over the original entries. */
class Parts {
  /** Changed parts: small ones as text, sheets deflated as soon as they are written. */
  private readonly text = new Map<string, string | Compressed | SplitSheet>();
  readonly added: string[] = [];
  readonly removed = new Set<string>();

  constructor(
    readonly zip: ZipPackage,
    private readonly where: string,
  ) {}

  has(name: string): boolean {
    return !this.removed.has(name) && (this.text.has(name) || this.zip.byName.has(name));
  }

  get(name: string): string | undefined {
    const t = this.text.get(name);
    if (t !== undefined) return typeof t === 'string' ? t : 'body' in t ? t.head + t.body.inflated().toString('utf8') + t.tail : decompress(t).toString('utf8');
    const e = this.zip.byName.get(name);
    return e && !this.removed.has(name) ? inflateEntry(this.zip, e, this.where).toString('utf8') : undefined;
  }

  set(name: string, xml: string | Buffer): void {
    if (!this.zip.byName.has(name) && !this.text.has(name)) this.added.push(name);
    this.text.set(name, typeof xml === 'string' ? xml : compress(xml));
  }

  /** A sheet as rewritten: body deflated, head and tail as text. */
  setSheet(name: string, sheet: SplitSheet): void {
    if (!this.zip.byName.has(name) && !this.text.has(name)) this.added.push(name);
    this.text.set(name, sheet);
  }

  /** The sheet as rewritten, when it was. */
  sheet(name: string): SplitSheet | undefined {
    const t = this.text.get(name);
    return t !== undefined && typeof t !== 'string' && 'body' in t ? t : undefined;
  }

  names(): Set<string> {
    return new Set([...this.zip.byName.keys(), ...this.added]);
  }

  /** The package: untouched entries raw, changed ones in place, new ones at the end. */
  output(): Buffer {
    const out: OutEntry[] = [];
    for (const e of this.zip.entries) {
      if (this.removed.has(e.name)) continue;
      const t = this.text.get(e.name);
      out.push(t === undefined ? { keep: e } : entry(e.name, t, e));
    }
    for (const name of this.added) out.push(entry(name, this.text.get(name)!));
    return writeZip(this.zip, out);
  }
}

function entry(name: string, t: string | Compressed | SplitSheet, like?: ZipEntry): OutEntry {
  if (typeof t === 'string') return { name, data: Buffer.from(t, 'utf8'), like };
  if ('body' in t) return { name, compressed: t.body.around(Buffer.from(t.head, 'utf8'), Buffer.from(t.tail, 'utf8')), like };
  return { name, compressed: t, like };
}

/** The package's workbook part, from the root relationships. */
function workbookPartOf(parts: Parts): string {
  const rels = parts.get('_rels/.rels') ?? '';
  for (const [tag] of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const target = attr(tag, 'Target');
    if ((attr(tag, 'Type') ?? '').endsWith('/officeDocument') && target) return resolve('', target);
  }
  return 'xl/workbook.xml';
}

/** Applies sheet patches to a package and returns the new package's bytes. */
export function writePatch(zip: ZipPackage, patches: SheetPatch[], where: string, order?: readonly string[]): Buffer {
  const parts = new Parts(zip, where);
  const workbookPart = workbookPartOf(parts);
  const dir = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
  const relsPart = `${dir}_rels/${workbookPart.slice(dir.length)}.rels`;
  const workbook = parts.get(workbookPart);
  const rels = parts.get(relsPart);
  const types = parts.get('[Content_Types].xml');
  if (!workbook || !rels || !types) throw new Error('.xlsx 文件结构不完整 / The .xlsx package is incomplete');
  const book = new BookParts(workbook, rels, types, workbookPart);
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\sdate1904\s*=\s*["'](1|true)["']/.test(workbook);
  const w = new SheetWriter(parts, book, dir, date1904, looksOf(patches));
  for (const p of mergeColumnPatches(patches)) {
    if (p.kind === 'replace') w.replace(p);
    else if (p.kind === 'append') w.append(p);
    else w.columns(p);
  }
  for (const p of patches) w.layout(p);
  if (order) book.reorder(order);
  w.finish();
  return parts.output();
}

/**
 * Columns patches for a sheet no other kind of patch touches, as one patch
 * at the place of the first (a later patch's column wins): the same result
 * as applying them in turn, in one pass over the sheet instead of several.
 */
export function mergeColumnPatches(patches: SheetPatch[]): SheetPatch[] {
  const other = new Set(patches.filter((p) => p.kind !== 'columns').map((p) => p.sheet));
  const merged = new Map<string, ColumnsPatch>();
  const out: SheetPatch[] = [];
  for (const p of patches) {
    if (p.kind !== 'columns' || other.has(p.sheet)) {
      out.push(p);
      continue;
    }
    const into = merged.get(p.sheet);
    if (!into) {
      const copy: ColumnsPatch = { kind: 'columns', sheet: p.sheet, columns: [...p.columns] };
      merged.set(p.sheet, copy);
      out.push(copy);
      continue;
    }
    for (const col of p.columns) {
      const at = into.columns.findIndex((c) => c.index === col.index);
      if (at >= 0) into.columns.splice(at, 1);
      into.columns.push(col);
    }
  }
  return out;
}

class SheetWriter {
  private styleSheet: StyleSheet | undefined;
  private stylesPart: string | undefined;
  private emptyShared: boolean[] | undefined;
  private readonly toHide = new Set<string>();
  private formulaRemoved = false;
  /** An append patch's last filled row within its filter, worked out before the sheet was rewritten (part → patch, row). */
  private readonly filled = new Map<string, { patch: SheetPatch; row: number }>();

  constructor(
    private readonly parts: Parts,
    private readonly book: BookParts,
    private readonly dir: string,
    private readonly date1904: boolean,
    private readonly looks: ReadonlyMap<string, SheetLooks> = new Map(),
  ) {}

  columns(p: ColumnsPatch): void {
    const part = this.existing(p.sheet);
    if (!part) throw new Error(`没有工作表「${p.sheet}」 / No sheet "${p.sheet}"`);
    const byColumn = new Map<number, { header: string; values: CellValue[] }>();
    let rows = 1;
    for (const col of p.columns) {
      if (!Number.isInteger(col.index) || col.index < 0 || col.index >= MAX_COLUMNS) {
        throw new Error(`列号无效：${col.index} / Bad column index ${col.index}`);
      }
      byColumn.set(col.index + 1, col);
      rows = Math.max(rows, col.values.length + 1);
    }
    if (rows > MAX_ROWS) throw tooManyRows(p.sheet, rows);
    const cols = [...byColumn.keys()].sort((a, b) => a - b);
    const edit: SheetEdit = {
      ownsRow: () => cols.length > 0,
      owns: (_r, c) => byColumn.has(c),
      rows: () => Array.from({ length: rows }, (_, i) => i + 1),
      cells: (r) => {
        const out: Array<[number, CellValue]> = [];
        for (const c of cols) {
          const col = byColumn.get(c)!;
          const v = r === 1 ? col.header : col.values[r - 2];
          if (v !== null && v !== undefined && v !== '') out.push([c, v]);
        }
        return out;
      },
    };
    const xml = this.parts.get(part)!;
    const before = headerWidth(xml);
    this.rewrite(p.sheet, part, edit, false, false, xml);
    this.clearDrawings(part, before, p.columns.filter((c) => c.index >= before).length);
  }

  /**
   * Columns appended past the header: the sheet's drawings (charts, images,
   * shapes) anchored at or right of them move right, as Excel moves them when
   * columns are inserted, so nothing covers the new columns.
   */
  private clearDrawings(part: string, at: number, added: number): void {
    if (added <= 0) return;
    const slash = part.lastIndexOf('/');
    const relsName = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
    const rels = this.parts.get(relsName);
    if (!rels) return;
    for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      if (!(attr(m[0], 'Type') ?? '').endsWith('/drawing') || attr(m[0], 'TargetMode') === 'External') continue;
      const drawing = resolve(part.slice(0, slash + 1), attr(m[0], 'Target') ?? '');
      const xml = this.parts.get(drawing);
      if (xml !== undefined) {
        const shifted = shiftDrawingAnchors(xml, at, added);
        if (shifted !== xml) this.parts.set(drawing, shifted);
      }
    }
  }

  replace(p: ReplaceSheetPatch): void {
    checkSheetName(p.sheet);
    if (p.rows.length > MAX_ROWS) throw tooManyRows(p.sheet, p.rows.length);
    const part = this.existing(p.sheet) ?? this.create(p.sheet);
    const edit: SheetEdit = {
      ownsRow: () => true,
      owns: () => true,
      rows: () => Array.from({ length: p.rows.length }, (_, i) => i + 1),
      cells: (r) => gridCells(p.rows[r - 1]),
    };
    this.rewrite(p.sheet, part, edit, p.hidden === true, true);
    if (p.hidden) this.toHide.add(p.sheet);
    if (p.charts) placeCharts(this.chartPackage(), part, p.sheet, p.charts);
  }

  /** Rows after the last row holding anything; a new or empty sheet gets the header first. */
  append(p: AppendRowsPatch): void {
    checkSheetName(p.sheet);
    const part = this.existing(p.sheet) ?? this.create(p.sheet);
    const width = [p.header, ...p.rows].reduce((n, r) => Math.max(n, r.length), 0);
    const xml = this.parts.get(part)!;
    const last = lastFilledRow(xml, width, (i) => this.sharedStringEmpty(i));
    const block = last === 0 ? [p.header, ...p.rows] : p.rows;
    if (last + block.length > MAX_ROWS) throw tooManyRows(p.sheet, last + block.length);
    const edit: SheetEdit = {
      ownsRow: (r) => r > last && r <= last + block.length,
      owns: (r, c) => r > last && r <= last + block.length && c <= width,
      rows: () => Array.from({ length: block.length }, (_, i) => last + 1 + i),
      cells: (r) => gridCells(block[r - last - 1]),
    };
    const filter = p.layout?.filter;
    const filled = filter ? filledWithAppend(xml, last, width, block, filter.to + 1, (i) => this.sharedStringEmpty(i)) : undefined;
    this.rewrite(p.sheet, part, edit, false, true, xml);
    if (filled !== undefined) this.filled.set(part, { patch: p, row: filled });
  }

  /**
   * The patch's layout hints in the sheet part: column widths, the frozen
   * header and the autofilter (cell formats are applied as cells are written, see cellWriter).
   */
  layout(p: SheetPatch): void {
    const layout = p.layout;
    const part = layout && layout.columns.length ? this.existing(p.sheet) : undefined;
    if (!layout || !part) return;
    // A rewritten sheet is edited without its body: every hint lives outside <sheetData>.
    const split = this.parts.sheet(part);
    let xml = split ? split.head + split.tail : this.parts.get(part)!;
    xml = withColumnWidths(xml, layout.columns);
    if (layout.freezeRows) xml = withFrozenRows(xml, layout.freezeRows);
    if (layout.filter) {
      // An appended sheet's filter covers every row it has, not only the rows just added.
      const known = this.filled.get(part);
      const last = p.kind !== 'append' ? 0 : known?.patch === p ? known.row : lastFilledRow(this.parts.get(part)!, layout.filter.to + 1, (i) => this.sharedStringEmpty(i));
      const rows = p.kind === 'append' ? Math.max(1, last) - 1 : layout.filter.rows;
      xml = withAutoFilter(xml, `${colLetters(layout.filter.from + 1)}1:${colLetters(layout.filter.to + 1)}${Math.max(1, rows + 1)}`);
    }
    const close = split ? xml.indexOf(`</${rootPrefix(xml)}sheetData>`) : -1;
    if (split && close >= 0) this.parts.setSheet(part, { head: xml.slice(0, close), body: split.body, tail: xml.slice(close) });
    else this.parts.set(part, xml);
  }

  /** Hides what the patch asked to hide (only `hidden: true` acts), never the last visible sheet. */
  finish(): void {
    if (this.toHide.size > 0) {
      if (!this.book.sheets.some((s) => !this.book.isHidden(s.name) && !this.toHide.has(s.name))) throw lastVisibleSheet([...this.toHide][0]);
      for (const name of this.toHide) this.book.hide(name);
    }
    if (this.formulaRemoved) {
      // Excel rebuilds the calculation chain; a stale one naming cells without formulas makes it "repair" the file.
      for (const name of this.parts.names()) {
        if (/(^|\/)calcChain\.xml$/.test(name)) {
          this.parts.removed.add(name);
          this.book.removePart(name);
        }
      }
    }
    const changed = this.book.changed();
    if (changed.workbook) this.parts.set(this.book.workbookPart, this.book.workbookXml());
    if (changed.rels) this.parts.set(`${this.dir}_rels/${this.book.workbookPart.slice(this.dir.length)}.rels`, this.book.relsXml());
    if (changed.types) this.parts.set('[Content_Types].xml', this.book.typesXml());
    const styles = this.styleSheet?.changed();
    if (styles !== undefined) this.parts.set(this.stylesPart!, styles);
  }

  private chartPackage(): ChartPackage {
    return {
      get: (name) => this.parts.get(name),
      set: (name, xml) => this.parts.set(name, xml),
      names: () => this.parts.names(),
      remove: (name) => {
        this.parts.removed.add(name);
        this.book.removePart(name);
      },
      addContentType: (part, type) => this.book.addContentType(part, type),
    };
  }

  private existing(sheet: string): string | undefined {
    const s = this.book.sheet(sheet);
    if (!s) return undefined;
    if (!s.worksheet || !s.part || !this.parts.has(s.part)) {
      throw new Error(`「${sheet}」不是普通工作表（图表工作表？），无法写入 / "${sheet}" is not a worksheet (a chart sheet?) and cannot be written`);
    }
    return s.part;
  }

  private create(sheet: string): string {
    const part = this.book.addSheet(sheet, this.parts.names());
    this.parts.set(part, BLANK_SHEET);
    return part;
  }

  /** The sheet rewritten, its body deflated as it is made (never held whole). */
  private rewrite(sheet: string, part: string, edit: SheetEdit, hide: boolean, owned: boolean, xml = this.parts.get(part)!): void {
    this.filled.delete(part);
    const body = new PieceDeflater();
    const rows = new RowHeights(this.looks.get(sheet), owned);
    const res = rewriteSheet(xml, edit, this.cellWriter(sheet, rootPrefix(xml), owned, rows), hide, (chunk) => body.push(chunk), (r) => rows.height(r));
    if (res.formulaRemoved) this.formulaRemoved = true;
    this.parts.setSheet(part, { head: res.head, body, tail: res.tail });
  }

  private styles(): StyleSheet {
    if (!this.styleSheet) {
      const rels = this.parts.get(`${this.dir}_rels/${this.book.workbookPart.slice(this.dir.length)}.rels`) ?? '';
      const rel = [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].find((m) => (attr(m[0], 'Type') ?? '').endsWith('/styles'));
      this.stylesPart = rel ? resolve(this.dir, attr(rel[0], 'Target') ?? '') : `${this.dir}styles.xml`;
      const xml = this.parts.get(this.stylesPart);
      if (xml === undefined) throw new Error('.xlsx 文件缺少样式表 / The .xlsx package has no styles part');
      this.styleSheet = new StyleSheet(xml);
    }
    return this.styleSheet;
  }

  private sharedStringEmpty(i: number): boolean {
    if (!this.emptyShared) {
      this.emptyShared = [];
      const name = this.parts.names().has(`${this.dir}sharedStrings.xml`) ? `${this.dir}sharedStrings.xml` : undefined;
      const xml = name ? this.parts.get(name) ?? '' : '';
      const p = rootPrefix(xml);
      const c = new XmlCursor(xml);
      let text = '';
      let from = -1;
      while (c.next()) {
        const local = localName(c.name);
        if (c.name === `${p}si` && c.is('open')) text = '';
        else if (c.name === `${p}si` && c.is('close')) this.emptyShared.push(text === '');
        else if (c.name === `${p}si` && c.is('empty')) this.emptyShared.push(true);
        else if (local === 't' && c.is('open')) from = c.end;
        else if (local === 't' && c.is('close') && from >= 0) {
          text += xml.slice(from, c.start);
          from = -1;
        }
      }
    }
    return this.emptyShared[i] ?? true;
  }

  /**
   * Cells as `p`-prefixed SpreadsheetML, the prefix the sheet itself uses.
   * In a laid-out sheet the layout's look (bold header, number format, wrap,
   * tier fill) is applied: over the cell's old format in a columns patch (the
   * operator may have styled those cells), over the default format in a
   * sheet Fenceng owns (so nothing from an earlier run lingers).
   */
  private cellWriter(sheet: string, p: string, owned: boolean, rows: RowHeights): CellWriter {
    const looks = this.looks.get(sheet);
    const variants = new LookVariants();
    return (r, c, v, oldStyle) => {
      const ref = colLetters(c) + r;
      const look = looks?.look(r, c, v);
      const base = looks && owned ? undefined : oldStyle;
      if (typeof v === 'string' || typeof v === 'boolean') {
        const style = look ? this.styles().withLook(base ?? 0, look) : base;
        if (typeof v === 'boolean') return `<${p}c r="${ref}"${styleAttr(style)} t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`;
        if (look?.wrap) rows.wrapped(r, c, v);
        const text = capCellText(v);
        const space = needsPreserve(text) ? ' xml:space="preserve"' : '';
        return `<${p}c r="${ref}"${styleAttr(style)} t="inlineStr"><${p}is><${p}t${space}>${escapeCellText(text)}</${p}t></${p}is></${p}c>`;
      }
      const wasDate = base !== undefined && this.styles().isDate(base);
      const asked = look?.numberFormat;
      if (v instanceof Date) {
        const t = v.getTime();
        if (!Number.isFinite(t)) throw badValue(sheet, ref);
        // Keep the operator's own date format if the cell already had one.
        const format = wasDate ? undefined : asked !== undefined && isDateCode(asked) ? asked : isWholeDay(t) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
        const style = format === undefined && !look ? base : this.styles().withLook(base ?? 0, variants.of(look, format));
        return `<${p}c r="${ref}"${styleAttr(style)}><${p}v>${serialOfWallClock(t, this.date1904)}</${p}v></${p}c>`;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) throw badValue(sheet, ref);
      // A number left in a date-formatted cell would show as a date.
      const format = asked !== undefined && !isDateCode(asked) ? asked : wasDate ? 'General' : undefined;
      const style = format === undefined && !look ? base : this.styles().withLook(base ?? 0, variants.of(look, format));
      return `<${p}c r="${ref}"${styleAttr(style)}><${p}v>${v}</${p}v></${p}c>`;
    };
  }
}

/**
 * The last row filled in columns 1..`within` once `block` is written after
 * row `last` (the last filled in 1..`width`), without reading the result:
 * the block's own last filled row, else whatever the sheet had there.
 */
function filledWithAppend(xml: string, last: number, width: number, block: CellValue[][], within: number, emptyShared: (i: number) => boolean): number {
  let k = block.length;
  while (k > 0 && !block[k - 1].slice(0, within).some((v) => v !== null && v !== undefined && v !== '')) k--;
  // Cells past `width` are the operator's and stay; before the block nothing changed.
  const kept = k === 0 || within > width ? lastFilledRow(xml, within, emptyShared) : 0;
  return Math.max(k > 0 ? last + k : 0, kept);
}

function styleAttr(s: number | undefined): string {
  return s ? ` s="${s}"` : '';
}

function gridCells(row: CellValue[] | undefined): Array<[number, CellValue]> {
  const out: Array<[number, CellValue]> = [];
  if (!row) return out;
  if (row.length > MAX_COLUMNS) throw new Error(`列数超过 ${MAX_COLUMNS} / More than ${MAX_COLUMNS} columns`);
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v !== null && v !== undefined && v !== '') out.push([i + 1, v]);
  }
  return out;
}

function badValue(sheet: string, ref: string): Error {
  const at = `${sheet}!${ref}`;
  return new Error(`无效的值（日期或数字）：${at} / Invalid date or number at ${at}`);
}

function tooManyRows(sheet: string, rows: number): Error {
  return new Error(`「${sheet}」需要 ${rows} 行，超过 Excel 的 ${MAX_ROWS} 行上限 / "${sheet}" needs ${rows} rows, over Excel's limit of ${MAX_ROWS}`);
}

function lastVisibleSheet(name: string): Error {
  return new Error(
    `不能隐藏「${name}」：工作簿至少要有一个可见的工作表 / Cannot hide "${name}": a workbook needs at least one visible sheet`,
  );
}

/** Excel refuses (and "repairs") workbooks with such sheet names. */
function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\\u0000-\u001f]/.test(name) || /^'|'$/.test(name)) {
    throw new Error(`工作表名称无效：「${name}」 / Invalid sheet name: "${name}"`);
  }
}

/** Columns the header row spans (its last cell's column), 0 when the sheet has none. */
function headerWidth(sheetXml: string): number {
  const row = /<(?:\w+:)?row\b[^>]*\br="1"[^>]*>([\s\S]*?)<\/(?:\w+:)?row>/.exec(sheetXml);
  if (!row) return 0;
  let width = 0;
  for (const m of row[1].matchAll(/<(?:\w+:)?c\b[^>]*\br="([A-Z]+)1"[^>]*?(\/?)>/g)) {
    // An empty self-closed cell holds nothing: it does not make the header wider.
    if (m[2] === '/') continue;
    width = Math.max(width, parseRef(`${m[1]}1`).col);
  }
  return width;
}
