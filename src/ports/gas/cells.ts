import type { CellValue } from '../../core/base/table.js';
import { MAX_CELL_CHARS } from '../../core/budget/limits.js';
import type { ZoneOffsets } from './zone-offsets.js';

/** What Range.setValues accepts. */
export type GasCell = string | number | boolean | Date;

/** Cross-realm safe (tests run the bundle in node:vm with host-made Dates). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

export function fromGas(v: unknown, tz: ZoneOffsets): CellValue {
  if (v === '' || v == null) return null;
  if (typeof v === 'object' && isDate(v)) return isNaN(v.getTime()) ? null : tz.toWallClock(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

export function toGas(v: CellValue | undefined, tz: ZoneOffsets, sheet: string): GasCell {
  if (v == null) return '';
  // typeof first: isDate's toString costs, and nearly every cell is text or a number.
  if (typeof v === 'object' && isDate(v)) {
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
