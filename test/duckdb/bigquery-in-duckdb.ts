import type { DuckDb } from '../../src/duckdb/db.js';

/**
 * Turns the BigQuery query into DuckDB's so the parts both dialects share are
 * run and checked. Only the documented differences are rewritten:
 *   r'…' raw strings and '\…' escapes → DuckDB strings ('' for a quote);
 *   `a.b` → "a.b"; FLOAT64/INT64/STRING → DOUBLE/BIGINT/VARCHAR;
 *   SAFE_CAST → TRY_CAST; REGEXP_CONTAINS → regexp_matches;
 *   REGEXP_EXTRACT(s, p) → regexp_extract(s, p, 1); REGEXP_REPLACE(s, p, r) → regexp_replace(…, 'g');
 *   DIV → //; BYTE_LENGTH → strlen; CODE_POINTS_TO_STRING([…]) → chr(…) || ….
 * Everything else is passed through unchanged.
 */
export async function defineBigQueryShims(db: DuckDb): Promise<void> {
  await db.run(`CREATE OR REPLACE MACRO bq_regexp_extract(s, p) AS regexp_extract(s, p, 1)`);
  await db.run(`CREATE OR REPLACE MACRO bq_regexp_replace(s, p, r) AS regexp_replace(s, p, r, 'g')`);
  await db.run(`CREATE OR REPLACE MACRO bq_div(a, b) AS a // b`);
}

const WORDS: Array<[RegExp, string]> = [
  [/\bSAFE_CAST\(/g, 'TRY_CAST('],
  [/\bFLOAT64\b/g, 'DOUBLE'],
  [/\bINT64\b/g, 'BIGINT'],
  [/\bSTRING\b/g, 'VARCHAR'],
  [/\bREGEXP_CONTAINS\(/g, 'regexp_matches('],
  [/\bREGEXP_EXTRACT\(/g, 'bq_regexp_extract('],
  [/\bREGEXP_REPLACE\(/g, 'bq_regexp_replace('],
  [/\bDIV\(/g, 'bq_div('],
  [/\bBYTE_LENGTH\(/g, 'strlen('],
  [/\bCODE_POINTS_TO_STRING\(\[([0-9, ]+)\]\)/g, '__CODEPOINTS__$1__'],
];

export function bigQueryToDuckDb(sql: string): string {
  let out = '';
  let code = '';
  const flush = () => {
    let c = code;
    for (const [re, to] of WORDS) c = c.replace(re, to);
    c = c.replace(/__CODEPOINTS__([0-9, ]+)__/g, (_, list: string) => `(${list.split(',').map((n) => `chr(${n.trim()})`).join(' || ')})`);
    c = c.replace(/`([^`]*)`/g, (_, name: string) => `"${name.replace(/"/g, '""')}"`);
    out += c;
    code = '';
  };
  const duck = (s: string) => `'${s.replace(/'/g, "''")}'`;
  for (let i = 0; i < sql.length; ) {
    if (sql[i] === 'r' && sql[i + 1] === "'" && !/\w/.test(sql[i - 1] ?? '')) {
      const end = sql.indexOf("'", i + 2);
      flush();
      out += duck(sql.slice(i + 2, end));
      i = end + 1;
    } else if (sql[i] === "'") {
      let s = '';
      let j = i + 1;
      for (; sql[j] !== "'"; j++) s += sql[j] === '\\' ? sql[++j] : sql[j];
      flush();
      out += duck(s);
      i = j + 1;
    } else code += sql[i++];
  }
  flush();
  return out;
}
