import type { CellValue } from '../../core/base/table.js';
import { columnLetter } from '../../core/base/table.js';
import type { AppendRowsPatch, ColumnsPatch, ReplaceSheetPatch, WorkbookPatch } from '../../core/base/patch.js';
import { isWholeDay, serialOfWallClock } from './excel-dates.js';
import type { XmlNode, XpSheet, XpStyle, XpWorkbook } from './populate.js';
import { denseRows, isDate1904, isDateFormat, type SheetJsBook } from './read.js';

/** Writing a patch into one loaded xlsx-populate workbook. */

/** What the writer needs to know about the workbook before the patch: taken from SheetJS, which then can be freed. */
export interface FormatsBefore {
  date1904: boolean;
  /** Per sheet, the cells (row * MAX_COLUMNS + column, 1-based) the patch will write that have a date format. */
  dated: Map<string, Set<number>>;
}

const MAX_COLUMNS = 16_384;

export function formatsBefore(book: SheetJsBook, sheets: WorkbookPatch['sheets']): FormatsBefore {
  const dated = new Map<string, Set<number>>();
  for (const p of sheets) {
    const ws = book.Sheets[p.sheet];
    // Appended rows land below everything: no existing cell's format is in the way.
    if (!ws || p.kind === 'append') continue;
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

/** Applies sheet patches to one loaded xlsx-populate workbook; call `finish` after the last one. */
export class Writer {
  private styles = new Map<string, XpStyle>();
  /** Sheets to hide once every patch is written, so a tab added later still counts as visible. */
  private toHide = new Set<string>();

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
    if (p.hidden) this.toHide.add(p.sheet);
  }

  /** Rows after the last row holding anything; a new or empty sheet gets the header first. */
  append(p: AppendRowsPatch): void {
    checkSheetName(p.sheet);
    const sheet = this.xp.sheet(p.sheet) ?? this.xp.addSheet(p.sheet);
    const width = [p.header, ...p.rows].reduce((w, r) => Math.max(w, r.length), 0);
    let last = 0;
    sheet.forEachExistingRow((row, r) => {
      for (let c = 1; c <= width; c++) {
        if (!row.hasCell(c)) continue;
        const v = (row.cell(c) as unknown as { value(): unknown }).value();
        if (v !== undefined && v !== null && v !== '') {
          last = Math.max(last, r);
          break;
        }
      }
    });
    const block = last === 0 ? [p.header, ...p.rows] : p.rows;
    block.forEach((row, i) => row.forEach((v, c) => this.write(sheet, last + 1 + i, c + 1, v)));
  }

  /** Hides what the patch asked to hide. Only `hidden: true` acts: visibility is otherwise the operator's. */
  finish(): void {
    if (this.toHide.size === 0) return;
    // xlsx-populate would refuse too, but only after hiding earlier sheets, and in English only.
    if (!this.xp.sheets().some((s) => !s.hidden() && !this.toHide.has(s.name()))) {
      throw lastVisibleSheet([...this.toHide][0]);
    }
    for (const name of this.toHide) {
      const sheet = this.xp.sheet(name)!;
      // Leave a "very hidden" sheet as it is; hidden(true) also moves the active tab off the sheet.
      if (!sheet.hidden()) sheet.hidden(true);
    }
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
      cell.value(serialOfWallClock(t, this.before.date1904));
      // Keep the operator's own date format if the cell already had one.
      if (!hadDateFormat) cell.style(this.style(isWholeDay(t) ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm'));
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

function lastVisibleSheet(name: string): Error {
  return new Error(
    `不能隐藏「${name}」：工作簿至少要有一个可见的工作表 / Cannot hide "${name}": a workbook needs at least one visible sheet`,
  );
}

/** Excel refuses (and "repairs") workbooks with such sheet names. */
function checkSheetName(name: string): void {
  if (name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new Error(`工作表名称无效：「${name}」 / Invalid sheet name: "${name}"`);
  }
}
