import type { CellValue } from './table.js';

/**
 * Records of text fields packed into as few cells as Sheets allows: one
 * record a line, fields joined by tabs (tabs, newlines and backslashes in a
 * field escaped), the text cut into cells of at most PACKED_CHARS. A cell
 * may end mid-line; the parts are joined back in order. Google counts grid
 * cells, not characters, so 100,000 records take a few dozen cells.
 */
export const PACKED_CHARS = 40_000;

export function packRecords(records: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
  return packLines(records.map((r) => r.map((f) => escapeField(String(f))).join('\t')));
}

/** Lines joined by newlines into cells of at most PACKED_CHARS; a cell may end mid-line (parts are joined back in order). */
export function packLines(lines: ReadonlyArray<string>): string[] {
  const text = lines.join('\n');
  const cells: string[] = [];
  for (let i = 0; i < text.length; i += PACKED_CHARS) cells.push(text.slice(i, i + PACKED_CHARS));
  return cells;
}

/** The records of cells written by packRecords, in order (blank lines skipped). */
export function unpackRecords(cells: ReadonlyArray<CellValue | undefined>): string[][] {
  const text = cells.map((c) => (c === null || c === undefined ? '' : String(c))).join('');
  if (!text) return [];
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t').map(unescapeField));
}

/** Operator text in a packed field: tabs, newlines and backslashes escaped so they cannot break the packing. */
export function escapeField(s: string): string {
  if (!/[\\\t\n\r]/.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function unescapeField(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\([\\tnr])/g, (_m, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));
}
