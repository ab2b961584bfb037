import type { Table } from '../../core/table.js';
import type { WorkbookPatch, ReplaceSheetPatch } from '../../core/patch.js';
import { budgetMessage, cellBudget, type GridSize, type GridStep } from '../../core/budget/cell-budget.js';
import type { WorkbookPort } from '../port.js';
import { fromGas } from './cells.js';
import { drawCharts } from './charts.js';
import { growTo, trimTo } from './grid.js';
import { protectSheet } from './protect.js';
import { gridAfter, prepareAppend, prepareColumns, prepareReplace, type PreparedAppend, type PreparedColumns, type PreparedReplace, type PreparedWrite, type TabNow } from './write-plan.js';
import { ZoneOffsets } from './zone-offsets.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The workbook port over a Google spreadsheet. Every Sheets call is a round
 * trip, so a sheet is read with one getValues and written with one setValues
 * per contiguous block — the call count does not grow with rows.
 *
 * Sheets has no transaction: a write that fails, or an execution Google
 * stops at 6 minutes, leaves whatever landed before it. So `apply` checks
 * everything it can first (values, names, the cell budget), then writes the
 * patch's sheets in the patch's order, each in an order that leaves nothing
 * a re-run cannot repair: a tab is protected before members' data goes in,
 * content is written before the stale rest is trimmed (never cleared first),
 * and the core puts what must land first (ownership) and last (the state
 * that commits a run) at the ends of the patch.
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
    const tabs = new Map<string, Sheet>();
    for (const s of this.ss.getSheets()) tabs.set(s.getName(), s);
    // Only `hidden: true` acts: otherwise visibility stays the operator's.
    const replaces = patch.sheets.filter((p): p is ReplaceSheetPatch => p.kind === 'replace');
    const toHide = new Set(replaces.filter((p) => p.hidden).map((p) => p.sheet));
    if (toHide.size > 0) checkOneVisibleLeft(tabs, replaces, toHide);

    // Validate and convert everything first: once the first setValues lands there is no undo.
    const tz = this.zone();
    const made = new Set(replaces.map((p) => p.sheet));
    const writes: PreparedWrite[] = patch.sheets.map((p) =>
      p.kind === 'columns' ? prepareColumns(p, tabs.has(p.sheet) || made.has(p.sheet), tz) : p.kind === 'append' ? prepareAppend(p, tz) : prepareReplace(p, tz),
    );
    const now = measure(tabs, writes);
    this.checkBudget(now, writes);

    const sizes = new Map([...now].map(([name, t]) => [name, t.grid]));
    const hide = new Map<string, Sheet>();
    try {
      for (const w of writes) {
        const sheet = w.kind === 'replace' ? this.replace(w, tabs, sizes) : w.kind === 'append' ? this.append(w, tabs, sizes, now.get(w.patch.sheet)) : this.columns(w, tabs, sizes);
        if (sheet && toHide.has(w.patch.sheet)) hide.set(w.patch.sheet, sheet);
      }
      // Hidden last, so a tab this patch adds already counts as visible.
      for (const sheet of hide.values()) sheet.hideSheet();
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

  /** Refuses, writing nothing, a patch after which the spreadsheet would pass Google's limits. */
  private checkBudget(now: Map<string, TabNow>, writes: PreparedWrite[]): void {
    const grids = new Map([...now].map(([name, t]) => [name, t.grid]));
    const simulated = new Map(now);
    const steps: GridStep[] = writes.map((w) => {
      const after = gridAfter(w, simulated.get(w.patch.sheet));
      simulated.set(w.patch.sheet, { grid: after });
      return { sheet: w.patch.sheet, after };
    });
    const budget = cellBudget(grids, steps);
    if (!budget.fits) throw new Error(budgetMessage(budget));
  }

  /** The tab, inserted if missing and then cut to `want` at once (it holds nothing), so it never grows on 26 columns it does not need. */
  private tab(name: string, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>, want: GridSize): Sheet {
    const found = tabs.get(name);
    if (found) return found;
    const sheet = this.insertAtEnd(name);
    tabs.set(name, sheet);
    sizes.set(name, trimTo(sheet, { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() }, want));
    return sheet;
  }

  /** Protection first (members' data never sits on an open tab), then content, then the stale rest trimmed. */
  private replace(w: PreparedReplace, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>): Sheet {
    const name = w.patch.sheet;
    const want = gridAfter(w, undefined);
    const sheet = this.tab(name, tabs, sizes, want);
    if (w.patch.protect) protectSheet(sheet, w.patch.protect);
    let size = sizes.get(name)!;
    if (w.rows.length === 0 || w.width === 0) {
      sheet.clearContents();
    } else {
      size = growTo(sheet, size, want);
      sheet.getRange(1, 1, w.rows.length, w.width).setValues(w.rows);
    }
    sizes.set(name, trimTo(sheet, size, want));
    if (w.patch.charts) drawCharts(sheet, w.patch.charts);
    return sheet;
  }

  /** Rows after the sheet's last row, in one setValues; a new or empty sheet gets the header first. */
  private append(w: PreparedAppend, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>, before: TabNow | undefined): Sheet {
    const name = w.patch.sheet;
    const existed = tabs.has(name);
    const sheet = this.tab(name, tabs, sizes, gridAfter(w, undefined));
    const now: TabNow = existed ? { grid: sizes.get(name)!, lastRow: before?.lastRow ?? sheet.getLastRow(), lastColumn: before?.lastColumn ?? sheet.getLastColumn() } : { grid: sizes.get(name)!, lastRow: 0, lastColumn: 0 };
    const last = now.lastRow!;
    const block = last === 0 ? [w.header, ...w.rows] : w.rows;
    if (block.length === 0 || w.width === 0) return sheet;
    const want = gridAfter(w, now);
    const size = growTo(sheet, now.grid, want);
    sheet.getRange(last + 1, 1, block.length, w.width).setValues(block);
    sizes.set(name, trimTo(sheet, size, want));
    return sheet;
  }

  /** The operator's tab: our columns written, rows below them cleared, the grid only ever grown. */
  private columns(w: PreparedColumns, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>): undefined {
    const name = w.patch.sheet;
    const sheet = tabs.get(name);
    if (!sheet) throw new Error(`没有工作表「${name}」 / No sheet "${name}"`);
    const lastRow = sheet.getLastRow();
    let size = sizes.get(name)!;
    for (const b of w.blocks) {
      const width = b.rows[0].length;
      size = growTo(sheet, size, { rows: b.rows.length, columns: b.col + width - 1 });
      sheet.getRange(1, b.col, b.rows.length, width).setValues(b.rows);
      // Rows removed since the last run: clear what is left below in these columns.
      if (lastRow > b.rows.length) sheet.getRange(b.rows.length + 1, b.col, lastRow - b.rows.length, width).clearContent();
    }
    sizes.set(name, size);
    return undefined;
  }

  /** A new tab goes last, as in the other adapters. */
  private insertAtEnd(name: string): Sheet {
    if (this.returnTo === undefined) this.returnTo = this.ss.getActiveSheet();
    return this.ss.insertSheet(name, this.ss.getNumSheets());
  }
}

/**
 * Every tab's grid now (two calls a tab: Google counts all of them), and for
 * tabs that get rows appended, where their content ends.
 */
function measure(tabs: Map<string, Sheet>, writes: PreparedWrite[]): Map<string, TabNow> {
  const appended = new Set(writes.filter((w) => w.kind === 'append').map((w) => w.patch.sheet));
  const now = new Map<string, TabNow>();
  for (const [name, sheet] of tabs) {
    const t: TabNow = { grid: { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() } };
    if (appended.has(name)) {
      t.lastRow = sheet.getLastRow();
      t.lastColumn = sheet.getLastColumn();
    }
    now.set(name, t);
  }
  return now;
}

/**
 * Sheets refuses to hide the last visible tab, by then mid-write: check
 * first. Costs a few calls, and only when the patch hides something.
 */
function checkOneVisibleLeft(tabs: Map<string, Sheet>, replaces: ReplaceSheetPatch[], toHide: Set<string>): void {
  for (const [name, s] of tabs) if (!toHide.has(name) && !s.isSheetHidden()) return;
  // A tab this patch adds without hiding it.
  if (replaces.some((p) => !toHide.has(p.sheet) && !tabs.has(p.sheet))) return;
  const name = [...toHide][0];
  throw new Error(`不能隐藏「${name}」：工作簿至少要有一个可见的工作表 / Cannot hide "${name}": a workbook needs at least one visible sheet`);
}
