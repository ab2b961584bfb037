import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuleSet } from '../../src/core/rules/types.js';
import { civilDay } from '../../src/core/base/time.js';
import { openDuckDb, type DuckDb } from '../../src/duckdb/db.js';
import { assertValid, membersTable, pointsRuleSet, tierRuleSet } from '../core/sql/generators.js';
import { jsVerdicts } from '../core/sql/js-reference.js';
import { loadCells, queryFor, sqlVerdicts } from './sql-verdicts.js';

/**
 * One truth: random valid rule sets and random messy members go through the
 * JavaScript path (parseMembers + json-rules-engine + awards) and through the
 * compiled SQL on DuckDB; every row's status, tiers, placing rules, points
 * and issue counts must agree.
 */
const TODAY = civilDay(2026, 11, 26)!;
let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db.close());

describe('SQL on DuckDB agrees with the JavaScript evaluator', () => {
  it('for random rule sets and messy members', async () => {
    await fc.assert(
      fc.asyncProperty(tierRuleSet, tierRuleSet, pointsRuleSet, membersTable, async (a, b, points, table) => {
        const ruleSets: RuleSet[] = [a, { ...b, id: 'second' }, points];
        ruleSets.forEach(assertValid);
        const expected = await jsVerdicts(table.header, table.rows, ruleSets, TODAY);
        const name = await loadCells(db, table.header, table.rows);
        const actual = await sqlVerdicts(db, queryFor(name, table.header, ruleSets, TODAY), ruleSets);
        expect(actual).toEqual(expected);
      }),
      { numRuns: Number(process.env.FENCENG_DIFF_RUNS ?? 12) },
    );
  }, 600_000);
});
