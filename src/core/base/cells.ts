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

const value = <T>(v: T): Parsed<T> => ({ kind: 'value', value: v });
const MISSING: Parsed<never> = { kind: 'missing' };
const invalid = (raw: unknown): Parsed<never> => ({ kind: 'invalid', raw: String(raw) });

const UNITS: Record<string, number> = { 万: 1e4, w: 1e4, k: 1e3, 千: 1e3, 亿: 1e8 };
// 1.2万 · 2.4w · 3k · 2,012 · +15 · 12次 · 30分钟
const NUMBER_RE = /^([+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?)\s*(万|w|k|千|亿)?\s*(?:\+|次|个|条|分钟|min|mins)?$/i;

export function parseNumber(cell: CellValue): Parsed<number> {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'number') return Number.isFinite(cell) ? value(cell) : invalid(cell);
  if (typeof cell !== 'string') return invalid(cell instanceof Date ? cell.toISOString().slice(0, 10) : cell);
  const text = normalizeText(cell).replace(/，/g, ',');
  if (MISSING_WORDS.has(text.toLowerCase())) return MISSING;
  const m = NUMBER_RE.exec(text);
  if (!m) return invalid(cell);
  const base = Number(m[1].replace(/,/g, ''));
  const unit = m[2] ? UNITS[m[2].toLowerCase()] : 1;
  // Round away float noise such as 1.1 * 10000 = 11000.000000000002.
  return value(Math.round(base * unit * 1e6) / 1e6);
}

/** Identifiers and names: numbers become their digits, spaces are trimmed. */
export function parseText(cell: CellValue): Parsed<string> {
  if (cell === null || cell === undefined) return MISSING;
  if (typeof cell === 'number') return Number.isFinite(cell) ? value(String(cell)) : invalid(cell);
  if (typeof cell === 'boolean' || cell instanceof Date) return invalid(cell instanceof Date ? cell.toISOString() : cell);
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
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? invalid(cell) : value(civilDayOfWallClock(cell));
  if (typeof cell === 'number') {
    return cell >= SERIAL_MIN && cell <= SERIAL_MAX ? value(civilDayOfExcelSerial(cell)) : invalid(cell);
  }
  if (typeof cell !== 'string') return invalid(cell);
  const text = normalizeText(cell);
  if (MISSING_WORDS.has(text.toLowerCase())) return MISSING;
  const m = YMD_RE.exec(text) ?? COMPACT_RE.exec(text);
  if (m) {
    const day = civilDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return day === undefined ? invalid(cell) : value(day);
  }
  if (text === '今天' || text === '刚刚') return value(today);
  if (text === '昨天') return value(today - 1);
  if (text === '前天') return value(today - 2);
  const ago = DAYS_AGO_RE.exec(text);
  if (ago) return value(today - Number(ago[1]));
  if (/^\d+(\.\d+)?$/.test(text)) return parseDate(Number(text), today);
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
