import type { ColumnLayout, SheetLayout } from '../../core/base/patch.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Filter = GoogleAppsScript.Spreadsheet.Filter;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

/**
 * A sheet's layout hints in Sheets, batched: one call per property per
 * sheet (a RangeList per number format, for wrap and for the bold header,
 * one filter, one setConditionalFormatRules with one rule per tier label),
 * widths one call per run of equal widths — never per cell, so the count
 * stays flat in rows. Every call sets a state outright, so applying the
 * same layout again (a replayed journal) ends the same. Ranges stay inside
 * the grid the write left: layout never adds cells.
 */

/**
 * What a tab's filter and conditional formats are now, read before the
 * writes start (a read between writes flushes Sheets' write cache). `rules`
 * is null where it was not read: on Fenceng's own tabs every rule is ours,
 * so they are set outright without asking.
 */
export interface LayoutNow {
  filter: Filter | null;
  rules: Rule[] | null;
}

/** A tab this execution inserted: no filter, no rules, nothing to read. */
export const FRESH_TAB: LayoutNow = { filter: null, rules: [] };

/** One read on Fenceng's own tabs (the filter), two on the operator's (their rules are kept). */
export function readLayout(sheet: Sheet, owned: boolean): LayoutNow {
  return { filter: sheet.getFilter(), rules: owned ? null : sheet.getConditionalFormatRules() };
}

export interface LayoutTarget {
  /** Data rows under the header: what formats, wrap and tier colours cover. */
  rows: number;
  /** Data rows the filter covers (a list may end before a second block below it). */
  filterRows: number;
  /** The whole tab is Fenceng's: its filter and every conditional format are ours to replace. Otherwise (成员) only rules on the laid-out columns are. */
  owned: boolean;
}

/** Pixels for `chars` characters of Sheets' default 10 pt font, its padding included. */
export function pixelWidth(chars: number): number {
  return Math.round(chars * 7 + 8);
}

/** `newRule` is SpreadsheetApp.newConditionalFormatRule. Returns the tab's layout after, for a later write to the same tab. */
export function applySheetLayout(sheet: Sheet, layout: SheetLayout, target: LayoutTarget, now: LayoutNow, newRule: () => GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder): LayoutNow {
  const cols = [...layout.columns].sort((a, b) => a.index - b.index);
  if (cols.length === 0) return now;
  const { rows, owned } = target;
  for (const run of runs(cols, (c) => pixelWidth(c.width))) sheet.setColumnWidths(run.start + 1, run.count, run.key);
  // At least one row must stay unfrozen; a header-only tab is unfrozen so the next trim can cut it.
  if (layout.freezeRows) sheet.setFrozenRows(rows > 0 ? layout.freezeRows : 0);
  bold(sheet, layout, cols, target);
  if (rows > 0) {
    // Only on: a column not marked wrap is as wide as its text, so a wrap left from an earlier run shows nothing.
    const wrapped = runs(cols, (c) => !!c.wrap).filter((r) => r.key);
    if (wrapped.length) sheet.getRangeList(wrapped.map((r) => block(r, 2, rows))).setWrap(true);
    const formatted = runs(cols, (c) => c.numberFormat ?? '');
    for (const format of new Set(formatted.map((r) => r.key))) {
      if (format) sheet.getRangeList(formatted.filter((r) => r.key === format).map((r) => block(r, 2, rows))).setNumberFormat(format);
    }
  }
  let filter = now.filter;
  const { filterRows } = target;
  if (layout.filter && filterRows > 0) {
    filter?.remove();
    const { from, to } = layout.filter;
    filter = sheet.getRange(1, from + 1, filterRows + 1, to - from + 1).createFilter();
  } else if (owned && filter) {
    filter.remove();
    filter = null;
  }
  return { filter, rules: tierRules(sheet, cols, target, now.rules, newRule) };
}

/**
 * The header, and the report tabs' block titles and headers (`boldRows`,
 * planned by the core for 分层概览 and 运营看板), in one call. Where there are
 * block rows, the tab's rows are set normal first: blocks move between runs.
 */
function bold(sheet: Sheet, layout: SheetLayout, cols: ColumnLayout[], target: LayoutTarget): void {
  const blockRows = (layout.boldRows ?? []).filter((r) => Number.isInteger(r) && r > 1 && r <= target.rows + 1);
  const rows = [...(layout.boldHeader ? [1] : []), ...blockRows];
  const spans = runs(cols, () => true);
  if (blockRows.length && target.owned) sheet.getRangeList(spans.map((r) => block(r, 2, target.rows))).setFontWeight('normal');
  if (rows.length) sheet.getRangeList(rows.flatMap((row) => spans.map((r) => block(r, row, 1)))).setFontWeight('bold');
}

/**
 * One rule per tier label over every tier column showing it. Rules that are
 * not ours (the operator's, on their own columns of 成员) are kept in front.
 */
function tierRules(sheet: Sheet, cols: ColumnLayout[], target: LayoutTarget, rules: Rule[] | null, newRule: () => GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder): Rule[] {
  const laidOut = new Set(cols.map((c) => c.index + 1));
  const ours = (r: Rule) => target.owned || r.getRanges().every((g) => columnsOf(g).every((c) => laidOut.has(c)));
  const kept = (rules ?? []).filter((r) => !ours(r));
  const byLabel = new Map<string, { text: string; fill: string; columns: number[] }>();
  if (target.rows > 0) {
    for (const c of cols) {
      for (const f of c.fills ?? []) {
        const key = `${f.fill}\u0000${f.text}`;
        const entry = byLabel.get(key) ?? { text: f.text, fill: f.fill, columns: [] };
        entry.columns.push(c.index + 1);
        byLabel.set(key, entry);
      }
    }
  }
  // One Range per tier column, shared by its labels' rules.
  const ranges = new Map<number, GoogleAppsScript.Spreadsheet.Range>();
  const rangeOf = (col: number) => ranges.get(col) ?? ranges.set(col, sheet.getRange(2, col, target.rows, 1)).get(col)!;
  const added = [...byLabel.values()].map((e) => newRule().whenTextEqualTo(e.text).setBackground(e.fill).setRanges(e.columns.map(rangeOf)).build());
  if (rules && added.length === 0 && kept.length === rules.length) return rules;
  const next = [...kept, ...added];
  sheet.setConditionalFormatRules(next);
  return next;
}

function columnsOf(g: GoogleAppsScript.Spreadsheet.Range): number[] {
  const first = g.getColumn();
  return Array.from({ length: g.getNumColumns() }, (_, i) => first + i);
}

/** Adjacent columns with the same key, as runs (0-based start). */
function runs<K>(cols: ColumnLayout[], key: (c: ColumnLayout) => K): Array<{ start: number; count: number; key: K }> {
  const out: Array<{ start: number; count: number; key: K }> = [];
  for (const c of cols) {
    const k = key(c);
    const last = out[out.length - 1];
    if (last && last.key === k && last.start + last.count === c.index) last.count++;
    else out.push({ start: c.index, count: 1, key: k });
  }
  return out;
}

/** A1 of a run's columns over `count` rows from `fromRow`. */
function block(run: { start: number; count: number }, fromRow: number, count: number): string {
  return `${letters(run.start + 1)}${fromRow}:${letters(run.start + run.count)}${fromRow + count - 1}`;
}

function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
