import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POINTS_RULES } from '../../../src/app/default-operations.js';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { SHEET_FACTS, type SheetFactId } from '../../../src/core/facts/facts.js';
import { BIGQUERY, todaySql } from '../../../src/core/sql/dialect.js';
import { membersQuery } from '../../../src/core/sql/query.js';
import { civilDay } from '../../../src/core/base/time.js';

/**
 * Where BigQuery and DuckDB differ (functions, literals, quoting), the
 * BigQuery text is pinned here; review the diff when it changes.
 * FENCENG_UPDATE_GOLDEN=1 rewrites the file.
 */
const GOLDEN = new URL('./golden/members.bigquery.sql', import.meta.url);
const facts = Object.keys(SHEET_FACTS) as SheetFactId[];

function bundledQuery(): string {
  return `${membersQuery({
    dialect: BIGQUERY,
    ruleSets: [...DEFAULT_RULE_SETS, DEFAULT_POINTS_RULES],
    today: civilDay(2026, 11, 26)!,
    source: { from: BIGQUERY.ident('project.dataset.members'), columns: facts.map(BIGQUERY.ident), factColumn: Object.fromEntries(facts.map((f, i) => [f, i])), order: BIGQUERY.ident('row') },
  })};\n`;
}

describe('BigQuery query for the bundled rules', () => {
  it('matches the golden file', () => {
    const sql = bundledQuery();
    if (process.env.FENCENG_UPDATE_GOLDEN) writeFileSync(GOLDEN, sql);
    expect(sql).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('uses only BigQuery forms for the dialect-specific parts', () => {
    const sql = bundledQuery();
    expect(sql).toContain('FROM `project.dataset.members`');
    expect(sql).toContain("CAST('1000000' AS FLOAT64)");
    expect(sql).toMatch(/REGEXP_CONTAINS\(t5, r'\^\[0-9\]\{1,9\}\$'\)/);
    expect(sql).toContain('DIV(');
    expect(sql).not.toMatch(/TRY_CAST|regexp_matches|\bDOUBLE\b|\bVARCHAR\b|\/\//);
  });

  it('can take today from the day the query runs, in a time zone', () => {
    expect(todaySql(BIGQUERY, { currentIn: 'Asia/Shanghai' })).toBe("CAST(DATE_DIFF(CURRENT_DATE('Asia/Shanghai'), DATE '1970-01-01', DAY) AS FLOAT64)");
  });
});
