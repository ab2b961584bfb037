import { MAX_NUMBER, MAX_YEAR, MIN_YEAR } from '../base/cells.js';
import { todaySql, type Dialect, type Today } from './dialect.js';

/**
 * SQL twins of the cell parsers in src/core/base/cells.ts, written so that every
 * step is the same operation on the same IEEE doubles: the differential tests
 * hold them to the JavaScript results cell by cell. Patterns are RE2 (DuckDB
 * and BigQuery); where JavaScript's regexes differ from RE2 (\s, \d, the i
 * flag) the classes are spelled out.
 */

/** ECMAScript's WhiteSpace and LineTerminator: what \s and trim() mean in JavaScript. */
const JS_SPACE = '[\\t\\n\\x{0B}\\x{0C}\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]';
/** Characters normalizeText turns into a plain space. */
const ODD_SPACES = '[\\x{3000}\\x{A0}\\x{2000}-\\x{200B}\\x{FEFF}]';
const FULL_WIDTH = Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
const ASCII_TWINS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

/** Same list as cells.ts (lower-cased compare). */
export const MISSING_WORDS = ['', '-', '--', '—', '——', '–', '/', 'n/a', 'na', 'null', 'none', '无', '暂无', '空', '#n/a'];

const S = `${JS_SPACE}*`;
const NUMBER_BODY = '[+-]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\\.[0-9]+)?';
// One class, not an alternation: RE2 merges `[kK]|…` alternatives into a case-folded class that also takes the Kelvin sign K (U+212A), which JavaScript's /i does not.
const UNIT = '[万wWkK千亿]';
const SUFFIX = '\\+|次|个|条|分钟|[mM][iI][nN]|[mM][iI][nN][sS]';
/** NUMBER_RE with one chosen group capturing (BigQuery allows only one). */
const numberPattern = (capture: 'number' | 'unit') =>
  capture === 'number' ? `^(${NUMBER_BODY})${S}(?:${UNIT})?${S}(?:${SUFFIX})?$` : `^(?:${NUMBER_BODY})${S}(${UNIT})?${S}(?:${SUFFIX})?$`;

const YMD_PARTS = ['([0-9]{4})', '([0-9]{1,2})', '([0-9]{1,2})'];
const ymdPattern = (part: 0 | 1 | 2) => {
  const g = YMD_PARTS.map((p, i) => (i === part ? p : p.replace('(', '(?:')));
  return `^${g[0]}${S}[-/.年]${S}${g[1]}${S}[-/.月]${S}${g[2]}${S}日?(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?)?$`;
};
const compactPattern = (part: 0 | 1 | 2) => `^${[0, 1, 2].map((i) => (i === part ? `([0-9]{${i === 0 ? 4 : 2}})` : `[0-9]{${i === 0 ? 4 : 2}}`)).join('')}$`;
const DAYS_AGO = `^([0-9]+)${S}天前$`;
const PLAIN_NUMBER = '^[0-9]+(?:\\.[0-9]+)?$';
/** cells.ts's date bounds as civil days: 1900-01-01 and 9999-12-31. */
const MIN_DAY = Date.UTC(MIN_YEAR, 0, 1) / 86_400_000;
const MAX_DAY = Date.UTC(MAX_YEAR, 11, 31) / 86_400_000;

/**
 * normalizeText: full-width → ASCII, odd spaces → space, JavaScript's trim.
 * NULL stays NULL. All-ASCII text (nearly every cell) only needs the trim of
 * ASCII spaces, which is much cheaper than the Unicode patterns.
 */
export function normalizeSql(d: Dialect, raw: string): string {
  const ascii = `translate(${raw}, ${d.str(FULL_WIDTH)}, ${d.str(ASCII_TWINS)})`;
  const spaced = d.replaceAll(ascii, ODD_SPACES, ' ');
  const full = d.replaceAll(spaced, `^${JS_SPACE}+|${JS_SPACE}+$`, '');
  return `CASE WHEN ${d.isAscii(raw)} THEN trim(${raw}, ${d.asciiSpaces}) ELSE ${full} END`;
}

/**
 * textAsWritten: only JavaScript's trim (its \s is exactly JS_SPACE), no
 * full-width folding: names copied elsewhere keep what the operator wrote.
 */
export function asWrittenSql(d: Dialect, raw: string): string {
  return `CASE WHEN ${d.isAscii(raw)} THEN trim(${raw}, ${d.asciiSpaces}) ELSE ${d.replaceAll(raw, `^${JS_SPACE}+|${JS_SPACE}+$`, '')} END`;
}

/** Up to nine plain digits: the number itself is exactly what parseNumber's ×1e6, round, ÷1e6 gives (all below 2^53). */
export function plainCountSql(d: Dialect, text: string): string {
  return d.matches(text, '^[0-9]{1,9}$');
}

/** The common 2026-11-26 form, read by position instead of by the general pattern. */
export function isoDateSql(d: Dialect, text: string): string {
  return d.matches(text, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
}

/** The cell says "nothing here" (text is the normalized cell). */
export function missingSql(d: Dialect, text: string): string {
  return `(${text} IS NULL OR lower(${text}) IN (${MISSING_WORDS.map((w) => d.str(w)).join(', ')}))`;
}

/**
 * parseNumber, first half: base × unit (NULL when missing, unreadable or a
 * plain count). The second half is numberSql.
 */
export function scaledNumberSql(d: Dialect, text: string): string {
  const base = d.toDouble(`replace(${d.extract(text, numberPattern('number'))}, ',', '')`);
  const unitText = `lower(${d.extract(text, numberPattern('unit'))})`;
  const unit = `CASE ${unitText} WHEN '万' THEN ${d.num(1e4)} WHEN 'w' THEN ${d.num(1e4)} WHEN 'k' THEN ${d.num(1e3)} WHEN '千' THEN ${d.num(1e3)} WHEN '亿' THEN ${d.num(1e8)} ELSE ${d.num(1)} END`;
  // Nested WHENs, not AND: the engine then runs the patterns only on the cells that get that far.
  return `CASE WHEN ${plainCountSql(d, text)} THEN NULL WHEN ${missingSql(d, text)} THEN NULL WHEN ${d.matches(text, numberPattern('number'))} THEN ${base} * ${unit} END`;
}

/**
 * parseNumber, second half: a plain count as it is; else, within ±MAX_NUMBER,
 * Math.round(x × 1e6) / 1e6, exactly — floor(y + 0.5) is one too high where
 * y + 0.5 rounds up (0.49999999999999994, odd y ≥ 2^52). A plain count (nine
 * digits) is always within bounds; beyond them (or infinite) is unreadable.
 */
export function numberSql(d: Dialect, text: string, scaled: string): string {
  const y = `(${scaled} * ${d.num(1e6)})`;
  const r = `floor(${y} + ${d.num(0.5)})`;
  // Math.round gives −0 for −0.5 ≤ y ≤ −0: exactly the texts with a minus sign that round to zero.
  const negativeZero = `${r} - ${y} <= ${d.num(0.5)} AND ${r} = ${d.num(0)} AND ${d.matches(text, '^-')}`;
  return `CASE WHEN ${plainCountSql(d, text)} THEN ${d.toDouble(text)} WHEN abs(${scaled}) <= ${d.num(MAX_NUMBER)} THEN CASE WHEN ${negativeZero} THEN ${d.num(-0)} ELSE (CASE WHEN ${r} - ${y} > ${d.num(0.5)} THEN ${r} - ${d.num(1)} ELSE ${r} END) / ${d.num(1e6)} END END`;
}

/** Year, month and day of a written date (ISO-like or 20250301), as integers; NULL when the text is neither. */
export function datePartSql(d: Dialect, text: string, part: 0 | 1 | 2): string {
  const fixed = `substr(${text}, ${[1, 6, 9][part]}, ${part === 0 ? 4 : 2})`;
  return d.toInt(`CASE WHEN ${isoDateSql(d, text)} THEN ${fixed} ELSE COALESCE(${d.extract(text, ymdPattern(part))}, ${d.extract(text, compactPattern(part))}) END`);
}

/**
 * parseDate, second half, from the parts: a civil day (days since
 * 1970-01-01) as a double, NULL when missing or unreadable. `today` is the
 * run's civil day.
 */
export function civilDaySql(d: Dialect, text: string, y: string, m: string, day: string, today: Today): string {
  const leap = `((${d.mod(y, '4')} = 0 AND ${d.mod(y, '100')} <> 0) OR ${d.mod(y, '400')} = 0)`;
  const daysInMonth = `CASE WHEN ${m} IN (4, 6, 9, 11) THEN 30 WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END ELSE 31 END`;
  // Years before 1900 are junk to cells.ts (the four-digit pattern stops at 9999).
  const valid = `(${y} BETWEEN ${MIN_YEAR} AND ${MAX_YEAR} AND ${m} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysInMonth})`;
  // Days from the civil calendar (proleptic Gregorian), for years ≥ 100 where all terms are non-negative.
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const mp = d.mod(`(${m} + 9)`, '12');
  const days = `(365 * ${yy} + ${d.intDiv(yy, '4')} - ${d.intDiv(yy, '100')} + ${d.intDiv(yy, '400')} + ${d.intDiv(`(153 * ${mp} + 2)`, '5')} + ${day} - 1 - 719468)`;
  const serial = d.toDouble(text);
  const excelDay = `floor((${d.num(Date.UTC(1899, 11, 30))} + ${serial} * ${d.num(86_400_000)}) / ${d.num(86_400_000)})`;
  const t = todaySql(d, today);
  // Days counted back from today stay within the years 1900–9999 too ('99999999999天前' is unreadable).
  const bounded = (e: string) => `CASE WHEN ${e} BETWEEN ${d.num(MIN_DAY)} AND ${d.num(MAX_DAY)} THEN ${e} END`;
  return `CASE WHEN ${missingSql(d, text)} THEN NULL
      WHEN ${y} IS NOT NULL THEN CASE WHEN ${valid} THEN ${d.toDouble(days)} END
      WHEN ${text} IN ('今天', '刚刚') THEN ${bounded(t)}
      WHEN ${text} = '昨天' THEN ${bounded(`${t} - ${d.num(1)}`)}
      WHEN ${text} = '前天' THEN ${bounded(`${t} - ${d.num(2)}`)}
      WHEN ${d.matches(text, DAYS_AGO)} THEN ${bounded(`${t} - ${d.toDouble(d.extract(text, DAYS_AGO))}`)}
      WHEN ${d.matches(text, PLAIN_NUMBER)} THEN CASE WHEN ${serial} >= ${d.num(20000)} AND ${serial} <= ${d.num(80000)} THEN ${excelDay} END
    END`;
}

/**
 * parseText: the normalized text, NULL when missing. With `asWritten` (the
 * cell through asWrittenSql) the value is the text as written instead, as
 * parseMembers keeps names: `textAsWritten(cell) || parsed.value`.
 */
export function textSql(d: Dialect, text: string, asWritten?: string): string {
  return `CASE WHEN NOT ${missingSql(d, text)} THEN ${asWritten ? `COALESCE(NULLIF(${asWritten}, ''), ${text})` : text} END`;
}
