import { civilDay, civilDayOfExcelSerial, civilDayOfWallClock } from './time.js';
import type { CellValue } from './table.js';

/**
 * Messy cells from real exports → typed values. Each parser answers with a
 * value, `missing` (the cell says "nothing here"), or `invalid` (it says
 * something we cannot read) — never an exception.
 */
export type Parsed<T> = { kind: 'value'; value: T } | { kind: 'missing' } | { kind: 'invalid'; raw: string };

const MISSING_WORDS = new Set(['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', 'null', 'none', '无', '暂无', '空', '#n/a']);

/** Full-width digits and punctuation → ASCII; all kinds of spaces trimmed. */
export function normalizeText(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2000-\u200B\uFEFF]/g, ' ')
    .trim();
}

/** Characters of a cell quoted in a message: enough to find it, never a wall of text. */
export const EXCERPT_CHARS = 40;

/** A short, safe-to-quote excerpt of a cell: at most EXCERPT_CHARS characters, then …. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/**
 * Largest count or amount a cell may hold (a trillion). Real fan counts stay far
 * below; anything above is a typo or junk, and would overflow derived sums.
 */
export const MAX_NUMBER = 1e12;
/** Dates outside these years are junk (Excel itself starts at 1900 and ends at 9999). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / 86_400_000;
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / 86_400_000;

/**
 * A text cell as the operator wrote it, for copies (admin sheets, 邀请名单,
 * 排行榜): only ordinary spaces at the ends are trimmed. normalizeText is for
 * matching and parsing; it must never reach a copy, since it would turn
 * `＝IMPORTXML(…)` or `\u200B=IMPORTXML(…)` into a formula-like `=IMPORTXML(…)`.
 */
export function textAsWritten(cell: CellValue): string {
  if (typeof cell === 'string') return cell.replace(/^[\s\u3000\u00A0\uFEFF]+|[\s\u3000\u00A0\uFEFF]+$/g, '');
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  return '';
}

const value = <T>(v: T): Parsed<T> => ({ kind: 'value', value: v });
const MISSING: Parsed<never> = { kind: 'missing' };
const invalid = (raw: unknown): Parsed<never> => ({ kind: 'invalid', raw: excerpt(describe(raw)) });
const number = (n: number): Parsed<number> => (Number.isFinite(n) && Math.abs(n) <= MAX_NUMBER ? value(n) : invalid(n));
const day = (d: number, raw: unknown): Parsed<number> => (Number.isInteger(d) && d >= MIN_DAY && d <= MAX_DAY ? value(d) : invalid(raw));

/** A cell as text for a message; never throws (an invalid Date has no ISO form). */
function describe(raw: unknown): string {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString().replace(/T00:00:00\.000Z$/, '');
  return String(raw);
}

const UNITS: Record<string, number> = { 万: 1e4, w: 1e4, k: 1e3, 千: 1e3, 亿: 1e8 };
// 1.2万 · 2.4w · 3k · 2,012 · +15 · 12次 · 30分钟
const NUMBER_RE = /^([+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?)\s*(万|w|k|千|亿)?\s*(?:\+|次|个|条|分钟|min|mins)?$/i;

export function parseNumber(cell: CellValue): Parsed<number> {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'number') return number(cell);
  if (typeof cell !== 'string') return invalid(cell);
  const text = normalizeText(cell).replace(/，/g, ',');
  if (MISSING_WORDS.has(text.toLowerCase())) return MISSING;
  const m = NUMBER_RE.exec(text);
  if (!m) return invalid(cell);
  const base = Number(m[1].replace(/,/g, ''));
  const unit = m[2] ? UNITS[m[2].toLowerCase()] : 1;
  // Round away float noise such as 1.1 * 10000 = 11000.000000000002.
  if (!(Math.abs(base * unit) <= MAX_NUMBER)) return invalid(cell);
  return number(Math.round(base * unit * 1e6) / 1e6);
}

/** Identifiers and names: numbers become their digits, spaces are trimmed. */
export function parseText(cell: CellValue): Parsed<string> {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'number') return Number.isFinite(cell) ? value(String(cell)) : invalid(cell);
  if (typeof cell === 'boolean' || cell instanceof Date) return invalid(cell);
  if (typeof cell !== 'string') return invalid(cell);
  const text = normalizeText(cell);
  return MISSING_WORDS.has(text.toLowerCase()) ? MISSING : value(text);
}

// Excel serial numbers between 1954 and 2119: anything else in a date column is not a date.
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
const YMD_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const DAYS_AGO_RE = /^(\d+)\s*天前$/;

/**
 * A date as a civil day (days since 1970-01-01 in the workbook's zone).
 * `today` resolves relative words some exports use (今天, 昨天, 3天前).
 */
export function parseDate(cell: CellValue, today: number): Parsed<number> {
  if (cell === null || cell === undefined) return MISSING;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? invalid(cell) : day(civilDayOfWallClock(cell), cell);
  if (typeof cell === 'number') {
    return cell >= SERIAL_MIN && cell <= SERIAL_MAX ? day(civilDayOfExcelSerial(cell), cell) : invalid(cell);
  }
  if (typeof cell !== 'string') return invalid(cell);
  const text = normalizeText(cell);
  if (MISSING_WORDS.has(text.toLowerCase())) return MISSING;
  const m = YMD_RE.exec(text) ?? COMPACT_RE.exec(text);
  if (m) {
    const d = civilDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return d === undefined ? invalid(cell) : day(d, cell);
  }
  if (text === '今天' || text === '刚刚') return day(today, cell);
  if (text === '昨天') return day(today - 1, cell);
  if (text === '前天') return day(today - 2, cell);
  const ago = DAYS_AGO_RE.exec(text);
  if (ago) return day(today - Number(ago[1]), cell);
  if (/^\d+(\.\d+)?$/.test(text)) {
    const serial = parseDate(Number(text), today);
    return serial.kind === 'invalid' ? invalid(cell) : serial;
  }
  return invalid(cell);
}

/**
 * A text cell as the operator wrote it, only trimmed: titles and notes are
 * written back, so full-width punctuation must survive (parseText would
 * turn ：into :). Numbers become their digits; anything else is ''.
 */
export function rawText(cell: unknown): string {
  if (typeof cell === 'string') return cell.replace(/^[\s\u3000\u00A0\uFEFF]+|[\s\u3000\u00A0\uFEFF]+$/g, '');
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  return '';
}
