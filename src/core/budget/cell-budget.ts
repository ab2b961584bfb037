import { MAX_CELLS, MAX_COLUMNS, NEW_TAB } from './limits.js';

/**
 * The cell budget: what a spreadsheet will hold after a patch, grid sizes
 * included, worked out before anything is written. Google counts every tab's
 * whole grid (max rows × max columns) against MAX_CELLS, so a tab's size is
 * what matters, not how much of it is filled.
 */
export interface GridSize {
  rows: number;
  columns: number;
}

export const cellsOf = (g: GridSize): number => g.rows * g.columns;

/** One tab's change, in the order the adapter makes them. */
export interface GridStep {
  /** A tab not in `now` is inserted by the step (it starts as NEW_TAB). */
  sheet: string;
  /** After the write: the content's size for Fenceng's own tabs (trimmed), at least as big as before for the operator's. */
  after: GridSize;
}

export interface CellBudget {
  limit: number;
  /** Grid cells held now / after the patch / at the worst moment while writing. */
  before: number;
  after: number;
  peak: number;
  fits: boolean;
  /** The tabs holding the most cells after the patch, largest first (for the message). */
  largest: Array<{ sheet: string; cells: number }>;
  /** A tab that would pass the column limit. */
  tooWide?: { sheet: string; columns: number };
}

/**
 * `now`: every tab's grid now. Steps run one after another; within a step a
 * tab that has content grows to hold the new content, is written, then is
 * trimmed (never cut before its content is replaced); a new tab appears at
 * NEW_TAB and is cut to size before it grows. The peak is taken inside
 * each step.
 */
export function cellBudget(now: ReadonlyMap<string, GridSize>, steps: GridStep[], limit = MAX_CELLS): CellBudget {
  const sizes = new Map(now);
  let total = 0;
  for (const g of sizes.values()) total += cellsOf(g);
  const before = total;
  let peak = total;
  let tooWide: CellBudget['tooWide'];
  for (const step of steps) {
    const start = sizes.get(step.sheet);
    const was = start ? cellsOf(start) : 0;
    // A new tab is trimmed before it grows (it holds nothing yet); a tab with content grows, is written, then trimmed.
    const widest = start ? { rows: Math.max(start.rows, step.after.rows), columns: Math.max(start.columns, step.after.columns) } : step.after;
    if (widest.columns > MAX_COLUMNS && !tooWide) tooWide = { sheet: step.sheet, columns: widest.columns };
    peak = Math.max(peak, total - was + Math.max(cellsOf(widest), start ? 0 : cellsOf(NEW_TAB)));
    total += cellsOf(step.after) - was;
    sizes.set(step.sheet, step.after);
  }
  const largest = [...sizes]
    .map(([sheet, g]) => ({ sheet, cells: cellsOf(g) }))
    .sort((a, b) => b.cells - a.cells)
    .slice(0, 3);
  return { limit, before, after: total, peak, fits: peak <= limit && !tooWide, largest, ...(tooWide ? { tooWide } : {}) };
}

/** Chinese first, then English: why nothing was written and what to do. */
export function budgetMessage(b: CellBudget): string {
  if (b.tooWide) {
    const { sheet, columns } = b.tooWide;
    return `「${sheet}」将有 ${columns.toLocaleString('en-US')} 列，超过 Google 表格每个工作表 ${MAX_COLUMNS.toLocaleString('en-US')} 列的上限，未写入任何内容。\n"${sheet}" would have ${columns.toLocaleString('en-US')} columns, over Google Sheets' limit of ${MAX_COLUMNS.toLocaleString('en-US')} per sheet; nothing was written.`;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  const top = b.largest.map((t) => `「${t.sheet}」${n(t.cells)}`).join('、');
  const topEn = b.largest.map((t) => `"${t.sheet}" ${n(t.cells)}`).join(', ');
  return (
    `写入后表格将占用 ${n(b.peak)} 个单元格，超过 Google 表格 ${n(b.limit)} 个单元格的上限（现在 ${n(b.before)}），未写入任何内容。` +
    `最大的工作表：${top}。请删除不用的工作表或空行空列，或把旧数据移到另一个表格后再试。\n` +
    `After this run the spreadsheet would hold ${n(b.peak)} cells, over Google Sheets' limit of ${n(b.limit)} (now ${n(b.before)}); nothing was written. ` +
    `Largest sheets: ${topEn}. Delete unused sheets or empty rows and columns, or move old data to another spreadsheet, then try again.`
  );
}
