import type { CellValue, Table } from '../core/base/table.js';
import type { AppendRowsPatch, ChartSpec, ColumnsPatch, ReplaceSheetPatch, SheetProtection, WorkbookPatch } from '../core/base/patch.js';
import { drawCharts } from './gas-charts.js';
import { protectSheet } from './gas-protect.js';
import { instantToWallClock } from '../core/base/time.js';
import type { WorkbookPort } from './port.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
/** What Range.setValues accepts. */
type GasCell = string | number | boolean | Date;

/** Sheets rejects longer cells. */
const MAX_CELL_CHARS = 50_000;
/** Sheets rejects longer tab names. */
const MAX_SHEET_NAME = 100;

/**
 * The workbook port over a Google spreadsheet. Every Sheets call is a round
 * trip, so a sheet is read with one getValues and written with one setValues
 * per contiguous block — the call count does not grow with rows.
 * The caller holds the document lock around `apply`.
 */
export class GasWorkbook implements WorkbookPort {
  private tz: string | undefined;
  private offsets: ZoneOffsets | undefined;
  /** The tab that was active before this apply inserted one. */
  private returnTo: Sheet | null | undefined;

  /** `timeZone` saves a call when the caller already has it. */
  constructor(
    private readonly ss: Spreadsheet,
    timeZone?: string,
  ) {
    this.tz = timeZone;
  }

  /** Fetched lazily: constructing the port costs no call. */
  private zone(): ZoneOffsets {
    return (this.offsets ??= new ZoneOffsets((this.tz ??= this.ss.getSpreadsheetTimeZone())));
  }

  sheetNames(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  read(name: string): Table | undefined {
    const sheet = this.ss.getSheetByName(name);
    if (!sheet) return undefined;
    const values = sheet.getDataRange().getValues();
    // An empty sheet still has a 1×1 data range holding ''.
    if (values.length === 1 && values[0].length === 1 && values[0][0] === '') {
      return { sheet: name, header: [], rows: [] };
    }
    const tz = this.zone();
    const grid = values.map((row) => row.map((v) => fromGas(v, tz)));
    const header = (grid[0] ?? []).map((h) => (h == null ? '' : String(h)));
    return { sheet: name, header, rows: grid.slice(1) };
  }

  apply(patch: WorkbookPatch): void {
    // Validate everything first: once the first setValues lands there is no undo.
    const replaces = patch.sheets.filter((p): p is ReplaceSheetPatch => p.kind === 'replace');
    const replaced = new Set(replaces.map((p) => p.sheet));
    // Only `hidden: true` acts: otherwise visibility stays the operator's.
    const toHide = new Set(replaces.filter((p) => p.hidden).map((p) => p.sheet));
    if (toHide.size > 0) this.checkOneVisibleLeft(replaces, toHide);
    const plans = patch.sheets.map((p) => (p.kind === 'columns' ? this.planColumns(p, replaced) : p.kind === 'append' ? this.planAppend(p) : this.planReplace(p)));
    try {
      const hide = new Map<string, Sheet>();
      const guard: Array<[Sheet, SheetProtection]> = [];
      const charts: Array<[Sheet, ChartSpec[]]> = [];
      plans.forEach((run, i) => {
        const sheet = run();
        const p = patch.sheets[i];
        if (sheet && toHide.has(p.sheet)) hide.set(p.sheet, sheet);
        if (sheet && p.kind === 'replace' && p.protect) guard.push([sheet, p.protect]);
        if (sheet && p.kind === 'replace' && p.charts) charts.push([sheet, p.charts]);
      });
      for (const [sheet, specs] of charts) drawCharts(sheet, specs);
      // Hidden last, so a tab this patch adds already counts as visible.
      for (const sheet of hide.values()) sheet.hideSheet();
      // Who may edit: after the content, which it does not change.
      for (const [sheet, protection] of guard) protectSheet(sheet, protection);
    } finally {
      // insertSheet activates the new tab: put the operator back where they were.
      const back = this.returnTo;
      this.returnTo = undefined;
      try {
        back?.activate();
      } catch {
        // Cosmetic; never mask the write's own error.
      }
    }
  }

  /**
   * Sheets refuses to hide the last visible tab, by then mid-write: check
   * first. Costs a few calls, and only when the patch hides something.
   */
  private checkOneVisibleLeft(replaces: ReplaceSheetPatch[], toHide: Set<string>): void {
    const names = new Set<string>();
    for (const s of this.ss.getSheets()) {
      const name = s.getName();
      names.add(name);
      if (!toHide.has(name) && !s.isSheetHidden()) return;
    }
    // A tab this patch adds without hiding it.
    if (replaces.some((p) => !toHide.has(p.sheet) && !names.has(p.sheet))) return;
    const name = [...toHide][0];
    throw new Error(`不能隐藏「${name}」：工作簿至少要有一个可见的工作表 / Cannot hide "${name}": a workbook needs at least one visible sheet`);
  }

  /** `replaced`: sheets an earlier replace in the same patch may create. */
  private planColumns(p: ColumnsPatch, replaced: Set<string>): () => undefined {
    const existing = this.ss.getSheetByName(p.sheet);
    if (!existing && !replaced.has(p.sheet)) throw new Error(`没有工作表「${p.sheet}」 / No sheet "${p.sheet}"`);
    const seen = new Set<number>();
    for (const c of p.columns) {
      if (!Number.isInteger(c.index) || c.index < 0) throw new Error(`列号无效：${c.index} / Bad column index ${c.index}`);
      if (seen.has(c.index)) throw new Error(`第 ${c.index + 1} 列写了两次 / Column ${c.index + 1} written twice`);
      seen.add(c.index);
    }
    const tz = this.zone();
    const blocks = columnRuns(p.columns).map((run) => {
      const height = run[0].values.length + 1;
      const rows: GasCell[][] = [];
      for (let r = 0; r < height; r++) {
        rows.push(run.map((c) => toGas(r === 0 ? c.header : c.values[r - 1], tz, p.sheet)));
      }
      return { col: run[0].index + 1, rows };
    });
    return () => {
      const sheet = existing ?? this.ss.getSheetByName(p.sheet);
      if (!sheet) throw new Error(`没有工作表「${p.sheet}」 / No sheet "${p.sheet}"`);
      const lastRow = sheet.getLastRow();
      for (const b of blocks) {
        const width = b.rows[0].length;
        ensureSize(sheet, b.rows.length, b.col + width - 1);
        sheet.getRange(1, b.col, b.rows.length, width).setValues(b.rows);
        // Rows removed since the last run: clear what is left below in these columns.
        if (lastRow > b.rows.length) sheet.getRange(b.rows.length + 1, b.col, lastRow - b.rows.length, width).clearContent();
      }
      return undefined;
    };
  }

  private planReplace(p: ReplaceSheetPatch): () => Sheet {
    if (!p.sheet || p.sheet.length > MAX_SHEET_NAME) throw new Error(`工作表名无效：「${p.sheet}」 / Bad sheet name "${p.sheet}"`);
    const tz = this.zone();
    const width = p.rows.reduce((w, r) => Math.max(w, r.length), 0);
    const rows = p.rows.map((r) => {
      const out: GasCell[] = [];
      for (let c = 0; c < width; c++) out.push(toGas(r[c] ?? null, tz, p.sheet));
      return out;
    });
    return () => {
      const sheet = this.ss.getSheetByName(p.sheet) ?? this.insertAtEnd(p.sheet);
      sheet.clearContents();
      if (rows.length === 0 || width === 0) return sheet;
      ensureSize(sheet, rows.length, width);
      sheet.getRange(1, 1, rows.length, width).setValues(rows);
      return sheet;
    };
  }

  /** Rows after the sheet's last row, in one setValues; a new or empty sheet gets the header first. */
  private planAppend(p: AppendRowsPatch): () => Sheet {
    if (!p.sheet || p.sheet.length > MAX_SHEET_NAME) throw new Error(`工作表名无效：「${p.sheet}」 / Bad sheet name "${p.sheet}"`);
    const tz = this.zone();
    const width = [p.header, ...p.rows].reduce((w, r) => Math.max(w, r.length), 0);
    const convert = (r: CellValue[]) => {
      const out: GasCell[] = [];
      for (let c = 0; c < width; c++) out.push(toGas(r[c] ?? null, tz, p.sheet));
      return out;
    };
    const header = convert(p.header);
    const rows = p.rows.map(convert);
    return () => {
      const sheet = this.ss.getSheetByName(p.sheet) ?? this.insertAtEnd(p.sheet);
      const last = sheet.getLastRow();
      const block = last === 0 ? [header, ...rows] : rows;
      if (block.length === 0 || width === 0) return sheet;
      ensureSize(sheet, last + block.length, width);
      sheet.getRange(last + 1, 1, block.length, width).setValues(block);
      return sheet;
    };
  }

  /** A new tab goes last, as in the other adapters. */
  private insertAtEnd(name: string): Sheet {
    if (this.returnTo === undefined) this.returnTo = this.ss.getActiveSheet();
    return this.ss.insertSheet(name, this.ss.getNumSheets());
  }
}

/**
 * Columns sorted and grouped into runs of adjacent indices with the same
 * number of values, so each run is one rectangle and shorter columns never
 * get padding that would blank cells the patch does not own.
 */
function columnRuns(columns: ColumnsPatch['columns']): Array<ColumnsPatch['columns']> {
  const sorted = [...columns].sort((a, b) => a.index - b.index);
  const runs: Array<ColumnsPatch['columns']> = [];
  for (const c of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.index + 1 === c.index && last.values.length === c.values.length) run.push(c);
    else runs.push([c]);
  }
  return runs;
}

/** getRange throws outside the sheet's grid; grow it first (a new tab is 1000×26). */
function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

/** Cross-realm safe (tests run the bundle in node:vm with host-made Dates). */
function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

function fromGas(v: unknown, tz: ZoneOffsets): CellValue {
  if (v === '' || v == null) return null;
  if (isDate(v)) return isNaN(v.getTime()) ? null : tz.toWallClock(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function toGas(v: CellValue | undefined, tz: ZoneOffsets, sheet: string): GasCell {
  if (v == null) return '';
  if (isDate(v)) {
    if (isNaN(v.getTime())) throw new Error(`「${sheet}」有无效日期 / Invalid date for "${sheet}"`);
    return tz.toInstant(v);
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`「${sheet}」有无效数字 ${v} / Invalid number ${v} for "${sheet}"`);
    return v;
  }
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (v.length > MAX_CELL_CHARS) throw new Error(`「${sheet}」单元格超过 5 万字 / Cell over 50,000 characters in "${sheet}"`);
    return asLiteralText(v);
  }
  throw new Error(`「${sheet}」有无法写入的值 / Unwritable value in "${sheet}"`);
}

/**
 * setValues parses strings like typed input: "=…" becomes a formula, "00123"
 * the number 123, "Mar 1" or "3月1日" a date, "TRUE" a boolean. A leading
 * apostrophe keeps the text as is (it is not part of the stored value), so
 * add one to anything that starts like a formula or holds a digit.
 */
export function asLiteralText(s: string): string {
  if (/^\s*[=+\-'@]/.test(s) || /[0-9\uFF10-\uFF19]/.test(s) || /^\s*(true|false)\s*$/i.test(s)) return `'${s}`;
  return s;
}

const HOUR = 3_600_000;

/**
 * Offsets (wall clock − instant) of one time zone. instantToWallClock is
 * exact but builds an Intl formatter per call — slow for thousands of date
 * cells — and offsets only change at zone transitions, so cache them per
 * UTC hour, falling back to the exact call for an hour that holds a change.
 */
class ZoneOffsets {
  private byHour = new Map<number, number>();

  constructor(private readonly tz: string) {}

  private exact(t: number): number {
    return instantToWallClock(new Date(t), this.tz).getTime() - t;
  }

  private at(t: number): number {
    const h = Math.floor(t / HOUR);
    let off = this.byHour.get(h);
    if (off === undefined) {
      const start = this.exact(h * HOUR);
      off = start === this.exact(h * HOUR + HOUR - 1000) ? start : NaN;
      this.byHour.set(h, off);
    }
    return Number.isNaN(off) ? this.exact(t) : off;
  }

  toWallClock(instant: Date): Date {
    return new Date(instant.getTime() + this.at(instant.getTime()));
  }

  /**
   * The inverse. Two passes settle the offset across DST changes; a wall
   * time that DST skips or repeats resolves to one of its neighbours.
   */
  toInstant(wall: Date): Date {
    const w = wall.getTime();
    return new Date(w - this.at(w - this.at(w)));
  }
}

/** The instant whose wall clock in `tz` is `wall`'s UTC fields. */
export function wallClockToInstant(wall: Date, tz: string): Date {
  return new ZoneOffsets(tz).toInstant(wall);
}
