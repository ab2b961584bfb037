/**
 * The few places DuckDB and BigQuery SQL differ, behind one small interface.
 * Everything else the compiler writes is common SQL that both accept.
 * Regular expressions are RE2 in both engines, so patterns are shared.
 */
export type DialectName = 'duckdb' | 'bigquery';

export interface Dialect {
  name: DialectName;
  /** A 64-bit float literal, exact: written from JavaScript's shortest round-trip form. */
  num(n: number): string;
  /** A string literal. */
  str(s: string): string;
  /** A quoted identifier (column or table). */
  ident(name: string): string;
  /** True when the pattern matches (patterns are anchored ^…$ by the caller). */
  matches(expr: string, pattern: string): string;
  /** The pattern's only capturing group, or NULL when it does not match or the group did not take part. */
  extract(expr: string, pattern: string): string;
  /** Every match replaced. */
  replaceAll(expr: string, pattern: string, replacement: string): string;
  /** Text → 64-bit float (the text is known to be digits, sign and dot). */
  toDouble(expr: string): string;
  /** Any column → text, the way the engine prints it. */
  toText(expr: string): string;
  /** Text of digits → 64-bit integer. */
  toInt(expr: string): string;
  /** Integer division and remainder of non-negative integers. */
  intDiv(a: string, b: string): string;
  mod(a: string, b: string): string;
  /** True when the text is all ASCII (bytes = characters). */
  isAscii(expr: string): string;
  /** The six ASCII characters JavaScript's trim() removes: space, \t, \n, \v, \f, \r. */
  asciiSpaces: string;
}

/** Shortest text JavaScript reads back as exactly this double (never an exponent DuckDB's parser would refuse). */
function doubleText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return Object.is(n, -0) ? '-0.0' : String(n);
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const DUCKDB: Dialect = {
  name: 'duckdb',
  // A bare 1.1 is a DECIMAL in DuckDB; a string cast is parsed as a correctly rounded double.
  num: (n) => `CAST('${doubleText(n)}' AS DOUBLE)`,
  // DuckDB strings have no backslash escapes: only the quote is doubled.
  str: (s) => `'${s.replace(/'/g, "''")}'`,
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  matches: (e, p) => `regexp_matches(${e}, ${DUCKDB.str(p)})`,
  extract: (e, p) => `NULLIF(regexp_extract(${e}, ${DUCKDB.str(p)}, 1), '')`,
  replaceAll: (e, p, r) => `regexp_replace(${e}, ${DUCKDB.str(p)}, ${DUCKDB.str(r)}, 'g')`,
  toDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
  toText: (e) => `CAST(${e} AS VARCHAR)`,
  toInt: (e) => `TRY_CAST(${e} AS BIGINT)`,
  intDiv: (a, b) => `(${a} // ${b})`,
  mod: (a, b) => `(${a} % ${b})`,
  isAscii: (e) => `(strlen(${e}) = length(${e}))`,
  asciiSpaces: `(' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))`,
};

export const BIGQUERY: Dialect = {
  name: 'bigquery',
  num: (n) => `CAST('${doubleText(n)}' AS FLOAT64)`,
  str: quote,
  ident: (name) => `\`${name.replace(/`/g, '\\`')}\``,
  // Raw strings keep RE2's \x{…} escapes away from BigQuery's own string escapes.
  matches: (e, p) => `REGEXP_CONTAINS(${e}, r'${p}')`,
  extract: (e, p) => `NULLIF(REGEXP_EXTRACT(${e}, r'${p}'), '')`,
  replaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, r'${p}', ${BIGQUERY.str(r)})`,
  toDouble: (e) => `SAFE_CAST(${e} AS FLOAT64)`,
  toText: (e) => `CAST(${e} AS STRING)`,
  toInt: (e) => `SAFE_CAST(${e} AS INT64)`,
  intDiv: (a, b) => `DIV(${a}, ${b})`,
  mod: (a, b) => `MOD(${a}, ${b})`,
  isAscii: (e) => `(BYTE_LENGTH(${e}) = CHAR_LENGTH(${e}))`,
  asciiSpaces: `CODE_POINTS_TO_STRING([32, 9, 10, 11, 12, 13])`,
};

/** "Today" of a query: a civil day fixed when the query is written, or the engine's current day in a time zone (scheduled queries). */
export type Today = number | { currentIn: string };

export function todaySql(d: Dialect, today: Today): string {
  if (typeof today === 'number') return d.num(today);
  const tz = d.str(today.currentIn);
  return d.name === 'duckdb'
    ? `CAST(date_diff('day', DATE '1970-01-01', CAST(timezone(${tz}, current_timestamp) AS DATE)) AS DOUBLE)`
    : `CAST(DATE_DIFF(CURRENT_DATE(${tz}), DATE '1970-01-01', DAY) AS FLOAT64)`;
}

export function dialectByName(name: string): Dialect | undefined {
  return name === 'duckdb' ? DUCKDB : name === 'bigquery' ? BIGQUERY : undefined;
}
