import type { ColumnLayout, SheetLayout, SheetPatch } from '../base/patch.js';
import type { CellValue } from '../base/table.js';
import { displayWidth } from '../base/text-width.js';
import { findSheet } from '../base/bilingual.js';
import { OPS_SHEETS, OWNED_SHEETS } from '../names/sheets.js';

/**
 * Layout hints for every sheet a run writes, planned from the cells
 * themselves: widths that fit (CJK counts double; long text capped and
 * wrapped), a bold frozen header, an autofilter on list sheets, number and
 * date formats, tier columns coloured by tier. A columns patch (成员, 积分兑换)
 * gets hints for its own columns only: the rest of that sheet is the operator's.
 */

/** Widest a column gets; longer text wraps inside it. */
export const MAX_WIDTH = 48;
const MIN_WIDTH = 6;
/** Room for the cell's margins (and the filter button on the header). */
const PADDING = 2;
const FILTER_BUTTON = 2;

/** Light fills, highest tier first, that keep black text readable on screen and in print. */
export const TIER_FILLS = ['#C6EFCE', '#DDEBF7', '#FFEB9C', '#FCE4D6', '#EDEDED'];

export interface LayoutContext {
  /** Each tier rule set's tier labels as written, highest first. */
  tierLabels: string[][];
}

export function withLayouts(sheets: SheetPatch[], ctx: LayoutContext): SheetPatch[] {
  const fills = tierFills(ctx.tierLabels);
  return sheets.map((p) => {
    const layout = layoutOf(p, fills);
    return layout ? { ...p, layout } : p;
  });
}

function layoutOf(p: SheetPatch, fills: Map<string, string>): SheetLayout | undefined {
  if (p.sheet.startsWith('_fenceng_') || (p.kind === 'replace' && p.hidden)) return undefined;
  if (p.kind === 'columns') {
    return { columns: p.columns.map((c) => columnLayout(c.index, c.header, c.values, fills, false)), boldHeader: true };
  }
  const [header, data] = p.kind === 'append' ? [p.header, p.rows] : [p.rows[0] ?? [], p.rows.slice(1)];
  const width = Math.max(header.length, widest(data));
  const filter = isListSheet(p.sheet, header) ? filterRange(header, data) : undefined;
  // A title or note alone on its row runs on over the empty cells beside it: it does not widen column A.
  const measured = width > 1 ? data.filter((r) => !isLoneCell(r)) : data;
  const columns: ColumnLayout[] = [];
  for (let c = 0; c < width; c++) {
    const filtered = !!filter && c >= filter.from && c <= filter.to;
    const head = isLoneCell(header) && width > 1 && c === 0 ? null : (header[c] ?? null);
    columns.push(columnLayout(c, head, measured.map((r) => r[c] ?? null), fills, filtered));
  }
  const boldRows = isReportSheet(p.sheet) ? blockHeads(data) : [];
  return { columns, freezeRows: 1, boldHeader: true, ...(boldRows.length ? { boldRows } : {}), ...(filter ? { filter } : {}) };
}

/**
 * A report sheet's blocks, each starting after a blank row: a title alone
 * on its row right above a header row of two or more cells (运营看板), or
 * a header row that carries the block's title in its first cell (分层概览).
 * Those rows are bold (sheet rows, 1-based; data[0] is row 2).
 */
function blockHeads(data: CellValue[][]): number[] {
  const rows: number[] = [];
  const filled = (r: CellValue[] | undefined) => (r ?? []).filter((v) => !isBlank(v)).length;
  for (let i = 1; i < data.length; i++) {
    if (filled(data[i - 1]) > 0) continue;
    if (isLoneCell(data[i]) && filled(data[i + 1]) >= 2) rows.push(i + 2, i + 3);
    else if (filled(data[i]) >= 2) rows.push(i + 2);
  }
  return rows;
}

function widest(rows: CellValue[][]): number {
  let w = 0;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

const isBlank = (v: CellValue | undefined) => v === null || v === undefined || v === '';

function isLoneCell(row: CellValue[]): boolean {
  let filled = 0;
  for (const v of row) if (!isBlank(v)) filled++;
  return filled === 1 && !isBlank(row[0]);
}

/**
 * Report-like sheets (分层概览, 运营看板, and any whose first row is a title,
 * such as 排行榜) get no filter; every other sheet Fenceng writes is a list.
 */
function isListSheet(name: string, header: CellValue[]): boolean {
  if (isReportSheet(name)) return false;
  return header.filter((h) => !isBlank(h)).length >= 2;
}

function isReportSheet(name: string): boolean {
  return [OWNED_SHEETS.overview, OPS_SHEETS.dashboard].some((n) => findSheet([name], n) !== undefined);
}

/**
 * The list itself: columns from A to the last header before the first blank
 * one (an admin sheet's task block stands apart), rows down to the first
 * blank row (内容计划's gaps table below is another block).
 */
function filterRange(header: CellValue[], data: CellValue[][]): SheetLayout['filter'] {
  const blank = header.findIndex(isBlank);
  const to = (blank < 0 ? header.length : blank) - 1;
  if (to < 0) return undefined;
  let rows = data.findIndex((r) => r.slice(0, to + 1).every(isBlank));
  if (rows < 0) rows = data.length;
  return { from: 0, to, rows };
}

function columnLayout(index: number, header: CellValue, values: CellValue[], fills: Map<string, string>, filtered: boolean): ColumnLayout {
  const format = numberFormatOf(header, values);
  // Formatting a number is costly (Intl) and counts and points repeat: each distinct value is measured once.
  const numberWidths = new Map<number, number>();
  let content = 0;
  for (const v of values) {
    let w: number;
    if (typeof v === 'number') {
      const known = numberWidths.get(v);
      w = known ?? shownWidth(v, format);
      if (known === undefined) numberWidths.set(v, w);
    } else w = shownWidth(v, format);
    if (w > content) {
      content = w;
      // Past the cap the column is MAX_WIDTH and wraps whatever the rest holds.
      if (content > MAX_WIDTH) break;
    }
  }
  const head = shownWidth(header, undefined) + (filtered ? FILTER_BUTTON : 0);
  const wanted = Math.max(head, content) + PADDING;
  const layout: ColumnLayout = { index, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, wanted)) };
  if (wanted > MAX_WIDTH) layout.wrap = true;
  if (format) layout.numberFormat = format;
  const tierFill = tierColumnFills(values, fills);
  if (tierFill) layout.fills = tierFill;
  return layout;
}

/** Dates as dates (no `###` once the width fits), numbers with thousands separators, `…%` columns as percentages. */
function numberFormatOf(header: CellValue, values: CellValue[]): string | undefined {
  let dates = 0;
  let timed = 0;
  let numbers = 0;
  let fractions = 0;
  for (const v of values) {
    if (v instanceof Date) {
      dates++;
      if (v.getTime() % 86_400_000 !== 0) timed++;
    } else if (typeof v === 'number') {
      numbers++;
      if (!Number.isInteger(v)) fractions++;
    }
  }
  if (dates > 0) return timed > 0 ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
  if (numbers === 0) return undefined;
  if (typeof header === 'string' && /[%％]$|率$|rate$/i.test(header.trim())) return fractions ? '0.0"%"' : '0"%"';
  return fractions ? '#,##0.0#' : '#,##0';
}

function shownWidth(v: CellValue, format: string | undefined): number {
  if (v === null || v === undefined || v === '') return 0;
  if (v instanceof Date) return format === 'yyyy-mm-dd hh:mm' ? 16 : 10;
  if (typeof v === 'number') {
    if (format?.includes('"%"')) return `${Math.round(v * 10) / 10}%`.length;
    // Counted, not formatted, for whole numbers: toLocaleString per cell took ~9 s of a 100k-member run.
    return Number.isSafeInteger(v) ? groupedIntegerWidth(v) : GROUPED.format(v).length;
  }
  if (typeof v === 'boolean') return 5;
  const text = String(v);
  // The longest line of a multi-line cell.
  return text.includes('\n') ? Math.max(...text.split('\n').map(displayWidth)) : displayWidth(text);
}

/** The en-US grouping Excel shows for #,##0 formats (one formatter, reused). */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Characters of a whole number written with thousands separators: digits, commas, sign. */
function groupedIntegerWidth(v: number): number {
  const digits = String(Math.abs(v)).length;
  return digits + Math.floor((digits - 1) / 3) + (v < 0 || Object.is(v, -0) ? 1 : 0);
}

/** Tier label → fill, each rule set's tiers spread over the palette (highest green, lowest grey). */
function tierFills(tierLabels: string[][]): Map<string, string> {
  const fills = new Map<string, string>();
  for (const labels of tierLabels) {
    labels.forEach((label, i) => {
      const at = labels.length <= 1 ? 0 : Math.round((i * (TIER_FILLS.length - 1)) / (labels.length - 1));
      if (!fills.has(label)) fills.set(label, TIER_FILLS[at]);
    });
  }
  return fills;
}

/** A tier column holds tier labels only (blank cells aside): 活跃层级, 贡献层级, 层级, 原层级, 新层级 … */
function tierColumnFills(values: CellValue[], fills: Map<string, string>): ColumnLayout['fills'] {
  if (fills.size === 0) return undefined;
  const seen = new Set<string>();
  for (const v of values) {
    if (v === null || v === undefined || v === '') continue;
    if (typeof v !== 'string' || !fills.has(v)) return undefined;
    seen.add(v);
  }
  if (seen.size === 0) return undefined;
  return [...fills].filter(([text]) => seen.has(text)).map(([text, fill]) => ({ text, fill }));
}
