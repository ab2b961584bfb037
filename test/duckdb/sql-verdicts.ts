import { DEFAULT_HEADER_MAPPING } from '../../src/app/default-rules.js';
import { mapHeaders } from '../../src/core/facts/headers.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { DUCKDB, type Dialect } from '../../src/core/sql/dialect.js';
import { AWARDS_SEPARATOR, membersQuery, pointsSetOf, POINTS_COLUMNS, ruleColumn, tierColumn } from '../../src/core/sql/query.js';
import type { DuckDb } from '../../src/duckdb/db.js';
import type { RowVerdict } from '../core/sql/js-reference.js';

let tables = 0;

/** Loads the cells as a VARCHAR table (column o keeps row order). */
export async function loadCells(db: DuckDb, header: string[], rows: Array<Array<string | null>>): Promise<string> {
  const name = `cells_${++tables}`;
  const cols = header.map((_, i) => `c${i} VARCHAR`);
  await db.run(`CREATE TABLE ${name} (o INTEGER${cols.length ? ', ' : ''}${cols.join(', ')})`);
  if (rows.length) {
    const values = rows.map((r, i) => `(${[String(i), ...header.map((_, k) => (r[k] === null || r[k] === undefined ? 'NULL' : DUCKDB.str(r[k]!)))].join(', ')})`);
    await db.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
  }
  return name;
}

/** The members query for a loaded table, in a dialect (its text turned into DuckDB's by `translate` when given). */
export function queryFor(table: string, header: string[], ruleSets: RuleSet[], today: number, dialect: Dialect = DUCKDB, translate: (sql: string) => string = (s) => s): string {
  const map = mapHeaders(header, DEFAULT_HEADER_MAPPING);
  const q = membersQuery({ dialect, ruleSets, today, source: { from: table, columns: header.map((_, i) => dialect.ident(`c${i}`)), factColumn: map.columns, order: dialect.ident('o') } });
  return translate(q);
}

/** Runs the query and reads its rows as verdicts comparable with jsVerdicts. */
export async function sqlVerdicts(db: DuckDb, sql: string, ruleSets: RuleSet[]): Promise<RowVerdict[]> {
  const rows = await db.rows(`${sql} ORDER BY row_order`);
  const tierSets = ruleSets.filter((s) => s.hitPolicy === 'first');
  const hasPoints = !!pointsSetOf(ruleSets);
  return rows.map((r) => ({
    row: Number(r.row_order),
    memberId: (r.memberId as string | null) ?? null,
    memberIdText: (r.memberIdText as string | null) ?? null,
    nickname: (r.nickname as string | null) ?? null,
    status: String(r.status),
    tiers: Object.fromEntries(tierSets.map((s) => [s.id, { tier: (r[tierColumn(s)] as string | null) ?? null, rule: (r[ruleColumn(s)] as string | null) ?? null }])),
    points:
      hasPoints && r.status === 'ok'
        ? {
            total: Number(r[POINTS_COLUMNS.total]),
            content: Number(r[POINTS_COLUMNS.content]),
            interaction: Number(r[POINTS_COLUMNS.interaction]),
            other: Number(r[POINTS_COLUMNS.other]),
            rules: r[POINTS_COLUMNS.awards] ? String(r[POINTS_COLUMNS.awards]).split(AWARDS_SEPARATOR) : [],
          }
        : null,
    unreadable: Number(r.unreadable_cells),
    missingValues: Number(r.missing_values),
    futureDates: Number(r.future_dates),
  }));
}
