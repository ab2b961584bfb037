import type { ColumnLayout, SheetLayout } from '../core/base/patch.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type RuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;

/**
 * A sheet's layout hints in Sheets, batched: one call per property per
 * sheet (a RangeList per number format, one per wrap or bold, one filter,
 * one setConditionalFormatRules), never per cell, so the count stays flat
 * in rows. Widths: one call per run of equal widths.
 */

/** Pixels for `chars` characters of Sheets' default 10 pt font, its padding included. */
export function pixelWidth(chars: number): number {
  return Math.round(chars * 7 + 8);
}

/**
 * `rows`: data rows under the header (what the filter and formats cover).
 * `newRule` is SpreadsheetApp.newConditionalFormatRule, passed in so this
 * module needs no global.
 */
export function applySheetLayout(sheet: Sheet, layout: SheetLayout, rows: number, newRule?: () => RuleBuilder): void {
  const cols = [...layout.columns].sort((a, b) => a.index - b.index);
  if (cols.length === 0) return;
  for (const run of runs(cols, (c) => pixelWidth(c.width))) sheet.setColumnWidths(run.start + 1, run.count, run.key);
  if (layout.freezeRows) sheet.setFrozenRows(layout.freezeRows);
  const a1 = (c: ColumnLayout, fromRow: number) => `${letters(c.index + 1)}${fromRow}:${letters(c.index + 1)}${Math.max(fromRow, rows + 1)}`;
  if (layout.boldHeader) sheet.getRangeList(cols.map((c) => `${letters(c.index + 1)}1`)).setFontWeight('bold');
  const wrapped = cols.filter((c) => c.wrap);
  if (wrapped.length && rows > 0) sheet.getRangeList(wrapped.map((c) => a1(c, 2))).setWrap(true);
  const byFormat = new Map<string, string[]>();
  for (const c of cols) if (c.numberFormat && rows > 0) byFormat.set(c.numberFormat, [...(byFormat.get(c.numberFormat) ?? []), a1(c, 2)]);
  for (const [format, ranges] of byFormat) sheet.getRangeList(ranges).setNumberFormat(format);
  if (layout.filter) {
    sheet.getFilter()?.remove();
    const { from, to } = layout.filter;
    sheet.getRange(1, from + 1, Math.max(1, rows) + 1, to - from + 1).createFilter();
  }
  const tiers = cols.filter((c) => c.fills?.length);
  if (tiers.length && newRule && rows > 0) {
    const ours = new Set(tiers.map((c) => c.index + 1));
    // The operator's own rules stay; ours (on our tier columns) are replaced.
    const kept = sheet.getConditionalFormatRules().filter((r) => !r.getRanges().every((g) => g.getNumColumns() === 1 && ours.has(g.getColumn())));
    const added: Rule[] = tiers.flatMap((c) =>
      c.fills!.map((f) => newRule().whenTextEqualTo(f.text).setBackground(f.fill).setRanges([sheet.getRange(2, c.index + 1, rows, 1)]).build()),
    );
    sheet.setConditionalFormatRules([...kept, ...added]);
  }
}

/** Adjacent columns with the same key, as [start, count, key] runs. */
function runs<K>(cols: ColumnLayout[], key: (c: ColumnLayout) => K): Array<{ start: number; count: number; key: K }> {
  const out: Array<{ start: number; count: number; key: K }> = [];
  for (const c of cols) {
    const k = key(c);
    const last = out.at(-1);
    if (last && last.key === k && last.start + last.count === c.index) last.count++;
    else out.push({ start: c.index, count: 1, key: k });
  }
  return out;
}

function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
