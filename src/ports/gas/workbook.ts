import type { Table } from '../../core/base/table.js';
import type { WorkbookPatch, ReplaceSheetPatch } from '../../core/base/patch.js';
import { budgetMessage, cellBudget, type GridSize, type GridStep } from '../../core/budget/cell-budget.js';
import type { WorkbookPort } from '../port.js';
import { fromGas } from './cells.js';
import { drawCharts } from './charts.js';
import { growTo, trimTo } from './grid.js';
import { applySheetLayout, FRESH_TAB, readLayout, type LayoutNow, type LayoutTarget } from './layout.js';
import { placeOf } from './tab-order.js';
import { protectSheet } from './protect.js';
import { commitLine, decodeJournal, encodeJournal, JOURNAL_SHEET, readJournalCells } from './journal.js';
import { WriteRefused } from './refused.js';
import { gridAfter, prepareAppend, prepareColumns, prepareReplace, type PreparedAppend, type PreparedColumns, type PreparedReplace, type PreparedWrite, type TabNow } from './write-plan.js';
import { ZoneOffsets } from './zone-offsets.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Journal chunks (40,000 characters each) per setValues: about 4 MB a call. */
const JOURNAL_ROWS_PER_CALL = 100;

/** How far `applySteps` got. */
export interface ApplyProgress {
  /** Every sheet patch is written (and tabs hidden). */
  finished: boolean;
  /** Sheet patches in the patch / written by now, this call and earlier ones. */
  total: number;
  done: number;
}
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
  /** Tab names in order as they are now (kept up to date as tabs are inserted and deleted, so placing a tab costs no call). */
  private names: string[] = [];
  /** The patch's planned tab order. */
  private order: readonly string[] | undefined;
  /** Filters and conditional formats of the tabs this replay lays out, read before its first write. */
  private layoutNow = new Map<string, LayoutNow>();

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

  /**
   * The whole patch. More than one sheet goes through the journal, so an
   * interrupted apply is finished by the next `recover`; a single sheet
   * patch is its own repair (written again, it ends the same).
   */
  apply(patch: WorkbookPatch): void {
    this.recover();
    if (patch.sheets.length > 1) {
      this.applyJournaled(patch);
      return;
    }
    const tabs = this.tabs();
    const { writes, now } = refusing(() => {
      const writes = this.prepare(patch, tabs);
      const now = measure(tabs, writes);
      this.checkBudget(now, writes);
      return { writes, now };
    });
    const bases = appendBases(writes, now);
    this.replay({ chunks: 0, done: 0, writes, bases, tabs, now });
  }

  /**
   * Checks the patch (values, names, the cell budget — refusing with
   * WriteRefused before anything is written), writes it into the journal,
   * then writes its sheets in order. `stop()`, asked between sheets, may end
   * this execution's share: the journal keeps the rest for `recover`.
   * `meta` is kept with the journal and handed back by `recover`;
   * `onJournaled` is called once the journal is complete, before any sheet is written.
   */
  applyJournaled(patch: WorkbookPatch, opts: { stop?: () => boolean; meta?: unknown; onJournaled?: () => void } = {}): ApplyProgress {
    const tabs = this.tabs();
    // The journal is encoded once (it is the whole patch): the bases come from the grid as it is now.
    const { writes, bases, chunks } = refusing(() => {
      const writes = this.prepare(patch, tabs);
      const now = measure(tabs, writes);
      const bases = appendBases(writes, now);
      const chunks = encodeJournal({ v: 1, patch, bases, meta: opts.meta });
      this.checkBudget(now, writes, { sheet: JOURNAL_SHEET, after: { rows: chunks.length + 1, columns: 1 } });
      return { writes, bases, chunks };
    });
    const journal = this.writeJournal(chunks, tabs);
    opts.onJournaled?.();
    return this.replay({ journal, chunks: chunks.length, done: 0, writes, bases, tabs, stop: opts.stop });
  }

  /**
   * Finishes the patch an earlier execution journaled and did not finish
   * (undefined: there was none; a journal cut off before its commit line is
   * dropped). May stop between sheets like applyJournaled.
   */
  recover(opts: { stop?: () => boolean } = {}): (ApplyProgress & { meta?: unknown }) | undefined {
    const journal = this.ss.getSheetByName(JOURNAL_SHEET);
    if (!journal) return undefined;
    const cells = journal.getRange(1, 1, journal.getMaxRows(), 1).getValues().map((r) => r[0]);
    const found = readJournalCells(cells);
    if (found === 'incomplete') {
      this.ss.deleteSheet(journal);
      return undefined;
    }
    const entry = decodeJournal(found.chunks);
    const tabs = this.tabs();
    const writes = this.prepare(entry.patch, tabs);
    const progress = this.replay({ journal, chunks: found.chunks.length, done: found.done, writes, bases: entry.bases, tabs, stop: opts.stop });
    return { ...progress, meta: entry.meta };
  }

  private tabs(): Map<string, Sheet> {
    const tabs = new Map<string, Sheet>();
    for (const s of this.ss.getSheets()) tabs.set(s.getName(), s);
    this.names = [...tabs.keys()];
    return tabs;
  }

  /** Validated and converted: once the first setValues lands there is no undo. */
  private prepare(patch: WorkbookPatch, tabs: Map<string, Sheet>): PreparedWrite[] {
    this.order = patch.order;
    const replaces = patch.sheets.filter((p): p is ReplaceSheetPatch => p.kind === 'replace');
    const toHide = new Set(replaces.filter((p) => p.hidden).map((p) => p.sheet));
    if (toHide.size > 0) checkOneVisibleLeft(tabs, replaces, toHide);
    const tz = this.zone();
    const made = new Set(replaces.map((p) => p.sheet));
    return patch.sheets.map((p) =>
      p.kind === 'columns' ? prepareColumns(p, tabs.has(p.sheet) || made.has(p.sheet), tz) : p.kind === 'append' ? prepareAppend(p, tz) : prepareReplace(p, tz),
    );
  }

  /** The journal tab, sized to its chunks, the commit line last; hidden. */
  private writeJournal(chunks: string[], tabs: Map<string, Sheet>): Sheet {
    const sizes = new Map<string, GridSize>();
    const want = { rows: chunks.length + 1, columns: 1 };
    const sheet = this.tab(JOURNAL_SHEET, tabs, sizes, want);
    growTo(sheet, sizes.get(JOURNAL_SHEET)!, want);
    // A chunk is arbitrary text: the apostrophe keeps Sheets from reading it as a number or formula.
    for (let i = 0; i < chunks.length; i += JOURNAL_ROWS_PER_CALL) {
      const block = chunks.slice(i, i + JOURNAL_ROWS_PER_CALL).map((c) => [`'${c}`]);
      sheet.getRange(i + 2, 1, block.length, 1).setValues(block);
    }
    sheet.getRange(1, 1, 1, 1).setValues([[commitLine(chunks.length, 0)]]);
    try {
      sheet.hideSheet();
    } catch {
      // Only when it is the one visible tab (an empty spreadsheet): it is deleted at the end anyway.
    }
    return sheet;
  }

  /** Writes sheets `done`… in order, moving the journal's cursor after each; deletes the journal when all are written. */
  private replay(r: { journal?: Sheet; chunks: number; done: number; writes: PreparedWrite[]; bases: Record<number, number>; tabs: Map<string, Sheet>; stop?: () => boolean; now?: Map<string, TabNow> }): ApplyProgress {
    const { writes, tabs } = r;
    const now = r.now ?? measure(tabs, []);
    const sizes = new Map([...now].map(([name, t]) => [name, t.grid]));
    let done = r.done;
    this.layoutNow = readLayouts(tabs, writes.slice(done));
    try {
      for (; done < writes.length; done++) {
        if (done > r.done && r.stop?.()) return { finished: false, done, total: writes.length };
        const w = writes[done];
        if (w.kind === 'replace') this.replace(w, tabs, sizes);
        else if (w.kind === 'append') this.append(w, tabs, sizes, r.bases[done] ?? 0);
        else this.columns(w, tabs, sizes);
        r.journal?.getRange(1, 1, 1, 1).setValues([[commitLine(r.chunks, done + 1)]]);
      }
      // Hidden last, so a tab this patch adds already counts as visible.
      const hidden = new Set(writes.filter((w) => w.kind !== 'columns' && w.patch.hidden).map((w) => w.patch.sheet));
      for (const name of hidden) {
        const sheet = tabs.get(name);
        if (sheet && !sheet.isSheetHidden()) sheet.hideSheet();
      }
      if (r.journal) {
        this.ss.deleteSheet(r.journal);
        this.names = this.names.filter((n) => n !== JOURNAL_SHEET);
      }
      return { finished: true, done, total: writes.length };
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
  private checkBudget(now: Map<string, TabNow>, writes: PreparedWrite[], journal?: GridStep): void {
    const grids = new Map([...now].map(([name, t]) => [name, t.grid]));
    const simulated = new Map(now);
    const steps: GridStep[] = journal ? [journal] : [];
    steps.push(...writes.map((w) => {
      const after = gridAfter(w, simulated.get(w.patch.sheet));
      simulated.set(w.patch.sheet, { grid: after });
      return { sheet: w.patch.sheet, after };
    }));
    const budget = cellBudget(grids, steps);
    if (!budget.fits) throw new Error(budgetMessage(budget));
  }

  /** The tab, inserted if missing and then cut to `want` at once (it holds nothing), so it never grows on 26 columns it does not need. */
  private tab(name: string, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>, want: GridSize): Sheet {
    const found = tabs.get(name);
    if (found) return found;
    const sheet = this.insertPlaced(name);
    tabs.set(name, sheet);
    sizes.set(name, trimTo(sheet, { rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() }, want));
    return sheet;
  }

  /** Protection first (members' data never sits on an open tab), then content, then the stale rest trimmed. */
  private replace(w: PreparedReplace, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>): void {
    const name = w.patch.sheet;
    const want = gridAfter(w, undefined);
    const sheet = this.tab(name, tabs, sizes, want);
    if (w.patch.protect) protectSheet(sheet, w.patch.protect);
    let size = sizes.get(name)!;
    // A header-only tab is not frozen (layout.ts): unfreeze first, or Sheets refuses to trim to the header.
    if (w.rows.length <= 1 && w.patch.layout?.freezeRows && this.layoutNow.get(name) !== FRESH_TAB) sheet.setFrozenRows(0);
    if (w.rows.length === 0 || w.width === 0) {
      sheet.clearContents();
    } else {
      size = growTo(sheet, size, want);
      sheet.getRange(1, 1, w.rows.length, w.width).setValues(w.rows);
    }
    sizes.set(name, trimTo(sheet, size, want));
    if (w.patch.charts) drawCharts(sheet, w.patch.charts);
    const rows = Math.max(0, w.rows.length - 1);
    this.layout(sheet, w.patch, { rows, filterRows: Math.min(rows, w.patch.layout?.filter?.rows ?? 0), owned: true });
  }

  /**
   * Rows after the sheet's last row as it was when the run planned (`base`),
   * in one setValues; a new or empty sheet gets the header first. Replayed,
   * it finds its rows already there and adds nothing.
   */
  private append(w: PreparedAppend, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>, base: number): void {
    const name = w.patch.sheet;
    const block = base === 0 ? [w.header, ...w.rows] : w.rows;
    if (block.length === 0 || w.width === 0) return;
    const existed = tabs.has(name);
    const want = { rows: base + block.length, columns: w.width };
    const sheet = this.tab(name, tabs, sizes, want);
    const landed = existed && sheet.getLastRow() >= base + block.length;
    const lastColumn = existed ? sheet.getLastColumn() : 0;
    const target = { rows: landed ? sheet.getLastRow() : want.rows, columns: Math.max(w.width, lastColumn) };
    let size = sizes.get(name)!;
    if (!landed) {
      size = growTo(sheet, size, target);
      sheet.getRange(base + 1, 1, block.length, w.width).setValues(block);
    }
    // Also when the rows landed in an execution that stopped before trimming.
    sizes.set(name, trimTo(sheet, size, target));
    // The filter covers every row the ledger holds, not only this run's.
    const rows = Math.max(0, target.rows - 1);
    this.layout(sheet, w.patch, { rows, filterRows: rows, owned: true });
  }

  /** The operator's tab: our columns written, rows below them cleared, the grid only ever grown. */
  private columns(w: PreparedColumns, tabs: Map<string, Sheet>, sizes: Map<string, GridSize>): void {
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
    const rows = Math.max(0, ...w.blocks.map((b) => b.rows.length - 1));
    // The operator's tab: no filter of ours, and their own conditional formats stay.
    this.layout(sheet, w.patch, { rows, filterRows: 0, owned: false });
  }

  /** The patch's layout hints, if any, from what this replay read before writing. */
  private layout(sheet: Sheet, patch: PreparedWrite['patch'], target: LayoutTarget): void {
    if (!patch.layout) return;
    const name = patch.sheet;
    const after = applySheetLayout(sheet, patch.layout, target, this.layoutNow.get(name) ?? FRESH_TAB, () => SpreadsheetApp.newConditionalFormatRule());
    this.layoutNow.set(name, after);
  }

  /** A new tab goes where the patch's tab order puts it (last when the order does not name it), so no tab ever has to be moved. */
  private insertPlaced(name: string): Sheet {
    if (this.returnTo === undefined) this.returnTo = this.ss.getActiveSheet();
    const at = placeOf(name, this.names, this.order);
    const sheet = this.ss.insertSheet(name, at);
    this.names.splice(at, 0, name);
    this.layoutNow.set(name, FRESH_TAB);
    return sheet;
  }
}

/** Filters (and on the operator's tabs conditional formats) of the existing tabs the writes lay out, all read before the first write. */
function readLayouts(tabs: Map<string, Sheet>, writes: PreparedWrite[]): Map<string, LayoutNow> {
  const out = new Map<string, LayoutNow>();
  for (const w of writes) {
    const sheet = tabs.get(w.patch.sheet);
    if (w.patch.layout && sheet && !out.has(w.patch.sheet)) out.set(w.patch.sheet, readLayout(sheet, w.kind !== 'columns'));
  }
  return out;
}

/** Sheet patch index → the appended tab's last row before the run writes (0: a new tab). */
function appendBases(writes: PreparedWrite[], now: Map<string, TabNow>): Record<number, number> {
  const bases: Record<number, number> = {};
  writes.forEach((w, i) => {
    if (w.kind === 'append') bases[i] = now.get(w.patch.sheet)?.lastRow ?? 0;
  });
  return bases;
}

/** Errors of Fenceng's own checks become WriteRefused; Sheets' own (a failed read) pass as they are. */
function refusing<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    const m = (err as { message?: unknown } | null)?.message;
    // Our messages are bilingual ("… / …"); a service error is not ours to relabel.
    if (err instanceof Error && typeof m === 'string' && / \/ /.test(m) && !/^Exception:/.test(m)) throw new WriteRefused(m);
    throw err;
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
