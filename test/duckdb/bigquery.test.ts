import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/core/rules/types.js';
import { BIGQUERY } from '../../src/core/sql/dialect.js';
import { civilDay } from '../../src/core/base/time.js';
import { openDuckDb, type DuckDb } from '../../src/duckdb/db.js';
import { assertValid, membersTable, pointsRuleSet, tierRuleSet } from '../core/sql/generators.js';
import { jsVerdicts } from '../core/sql/js-reference.js';
import { bigQueryToDuckDb, defineBigQueryShims } from './bigquery-in-duckdb.js';
import { loadCells, queryFor, sqlVerdicts } from './sql-verdicts.js';

/**
 * The BigQuery dialect, run on DuckDB where the dialects agree: its text with
 * only the documented differences rewritten (bigquery-in-duckdb.ts) must give
 * the JavaScript verdicts. The differing functions themselves are pinned by
 * the golden file (test/core/sql/golden.test.ts).
 */
const TODAY = civilDay(2026, 11, 26)!;
let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb();
  await defineBigQueryShims(db);
});
afterAll(() => db.close());

describe('BigQuery dialect', () => {
  it('agrees with the JavaScript evaluator when run through DuckDB', async () => {
    await fc.assert(
      fc.asyncProperty(tierRuleSet, pointsRuleSet, membersTable, async (a, points, table) => {
        const ruleSets: RuleSet[] = [a, points];
        ruleSets.forEach(assertValid);
        const expected = await jsVerdicts(table.header, table.rows, ruleSets, TODAY);
        const name = await loadCells(db, table.header, table.rows);
        const sql = queryFor(name, table.header, ruleSets, TODAY, BIGQUERY, bigQueryToDuckDb);
        expect(await sqlVerdicts(db, sql, ruleSets)).toEqual(expected);
      }),
      { numRuns: Number(process.env.FENCENG_DIFF_RUNS ?? 6) },
    );
  }, 600_000);

  it('keeps BigQuery string escapes apart from DuckDB ones', () => {
    expect(bigQueryToDuckDb(String.raw`SELECT 'it\'s', r'^[0-9]+\.\x{3000}$', 'a\\b', ${'`p.d.t`'}`)).toBe(String.raw`SELECT 'it''s', '^[0-9]+\.\x{3000}$', 'a\b', "p.d.t"`);
  });
});
