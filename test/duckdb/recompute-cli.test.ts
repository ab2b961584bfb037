import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POINTS_RULES } from '../../src/app/default-operations.js';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { civilDay } from '../../src/core/base/time.js';
import { openCsv } from '../../src/ports/csv.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { openDuckDb, type DuckDb } from '../../src/duckdb/db.js';
import { membersTable } from '../core/sql/generators.js';
import { jsVerdicts } from '../core/sql/js-reference.js';
import { NOW, runCli, tempDir } from '../cli/helpers.js';

/** `fenceng recompute --engine duckdb` and `fenceng sql` end to end, against the JavaScript path on the same CSV. */
const TODAY = civilDay(2026, 11, 26)!;
const RULES = [...DEFAULT_RULE_SETS, DEFAULT_POINTS_RULES];
const csvCell = (v: string | null) => (v === null ? '' : /[",\n\r]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (header: string[], rows: Array<Array<string | null>>) => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

// Fixed members: every fact present, messy cells, repeats and gaps.
const [table] = fc.sample(membersTable.filter((t) => t.header.length >= 8 && t.rows.length >= 30), { numRuns: 1, seed: 42 });
let dir: string;
let db: DuckDb;
beforeAll(async () => {
  dir = tempDir();
  db = await openDuckDb();
});
afterAll(() => db.close());

const readResults = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;

async function expectedTiers(csvPath: string) {
  const wb = (await openCsv(csvPath)).workbook;
  const t = wb.read(wb.sheetNames()[0])!;
  return jsVerdicts(t.header, t.rows as Array<Array<string | null>>, RULES, TODAY);
}

describe('recompute --engine duckdb', () => {
  it('writes the same tiers and points as the JavaScript path, and a summary workbook', async () => {
    const csv = join(dir, 'members.csv');
    writeFileSync(csv, toCsv(table.header, table.rows));
    const out = join(dir, 'out', 'results.csv');
    const run = await runCli('recompute', csv, '--engine', 'duckdb', '--out', out, ...NOW);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const expected = await expectedTiers(csv);
    const rows = readResults(out);
    // The ID and nickname as written (ｕ1 stays ｕ1), as the JavaScript path copies them.
    expect(rows.map((r) => [Number(r.row), r.memberId, r.nickname, r.status, r.activity_tier, r.activity_rule, r.contribution_tier, r.points])).toEqual(
      expected.map((e) => [e.row + 2, e.memberIdText ?? '', e.nickname ?? '', e.status, e.tiers.activity.tier ?? '', e.tiers.activity.rule ?? '', e.tiers.contribution.tier ?? '', e.points ? String(e.points.total) : '']),
    );
    const summary = await XlsxWorkbook.open(join(dir, 'out', 'results-summary.xlsx'));
    expect(summary.sheetNames()).toEqual(['分层概览', '问题', '运营看板']);
    const overview = summary.read('分层概览')!;
    const members = overview.rows.find((r) => r[0] === '成员总数')?.[1];
    expect(members).toBe(expected.filter((e) => e.status === 'ok').length);
    expect(run.out).toContain(`${expected.filter((e) => e.status === 'ok').length} 名成员`);
  }, 60_000);

  it('reads a GB18030 CSV, a Parquet file and a folder of CSVs as one table', async () => {
    const text = toCsv(table.header, table.rows);
    const gb = join(dir, 'gb.csv');
    writeFileSync(gb, iconv.encode(text, 'gb18030'));
    const utf = join(dir, 'utf.csv');
    writeFileSync(utf, text);
    const parquet = join(dir, 'members.parquet');
    await db.run(`COPY (SELECT * FROM read_csv('${utf}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const half = Math.floor(table.rows.length / 2);
    writeFileSync(join(folder, 'a.csv'), toCsv(table.header, table.rows.slice(0, half)));
    writeFileSync(join(folder, 'b.csv'), toCsv(table.header, table.rows.slice(half)));

    const tiersOf = (rows: Array<Record<string, string>>) => rows.map((r) => `${r.memberId}:${r.status}:${r.activity_tier}:${r.points}`);
    const runTo = async (input: string, out: string) => {
      const r = await runCli('recompute', input, '--engine', 'duckdb', '--out', out, ...NOW);
      expect(r.err).toBe('');
      return r.code;
    };
    expect(await runTo(utf, join(dir, 'utf-results.csv'))).toBe(0);
    const reference = tiersOf(readResults(join(dir, 'utf-results.csv')));
    expect(await runTo(gb, join(dir, 'gb-results.csv'))).toBe(0);
    expect(tiersOf(readResults(join(dir, 'gb-results.csv')))).toEqual(reference);
    expect(await runTo(parquet, join(dir, 'pq-results.csv'))).toBe(0);
    expect(tiersOf(readResults(join(dir, 'pq-results.csv')))).toEqual(reference);
    expect(await runTo(folder, join(dir, 'folder-results.parquet'))).toBe(0);
    const fromFolder = (await db.rows(`SELECT * FROM '${join(dir, 'folder-results.parquet')}'`)) as Array<Record<string, unknown>>;
    // A member repeated across the two files is a duplicate of the first file's row, as in one table.
    expect(fromFolder.map((r) => `${r.memberId ?? ''}:${r.status}:${r.activity_tier ?? ''}:${r.points ?? ''}`)).toEqual(reference);
    expect(fromFolder[0].file).toBe('a.csv');
    expect(fromFolder.at(-1)!.file).toBe('b.csv');
  }, 90_000);

  it('leaves no results behind when a later step fails', async () => {
    const csv = join(dir, 'members-3.csv');
    writeFileSync(csv, toCsv(table.header, table.rows));
    const outDir = join(dir, 'failing');
    mkdirSync(outDir);
    writeFileSync(join(dir, 'a-file'), 'x');
    const r = await runCli('recompute', csv, '--engine', 'duckdb', '--out', join(outDir, 'results.csv'), '--summary', join(dir, 'a-file', 'summary.xlsx'), ...NOW);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/未写入|nothing written|no results written/);
    expect(readdirSync(outDir)).toEqual([]);
  }, 60_000);

  it('refuses input with nobody to tier, naming why, writing nothing', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['no-id.csv', '昵称,近30天评论数\n小明,3\n', /找不到「成员ID」列.*no "Member ID" column/s],
      ['header-only.csv', '成员ID,昵称\n', /只有表头，没有成员.*a header but no members/s],
      ['no-ids.csv', '成员ID,昵称\n,小明\n—,小红\n', /没有一行有成员ID.*No row of no-ids\.csv has a member ID/s],
    ];
    for (const [name, text, message] of cases) {
      const csv = join(dir, name);
      writeFileSync(csv, text);
      const out = join(dir, `${name}-results.csv`);
      const r = await runCli('recompute', csv, '--engine', 'duckdb', '--out', out, ...NOW);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/没有可分层的成员，未写入任何内容/);
      expect(r.err).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);

  it('refuses a results file that is neither CSV nor Parquet, writing nothing', async () => {
    const csv = join(dir, 'members-4.csv');
    writeFileSync(csv, toCsv(table.header, table.rows));
    const r = await runCli('recompute', csv, '--engine', 'duckdb', '--out', join(dir, 'bad.xlsx'), ...NOW);
    expect(r.code).toBe(1);
    expect(r.err).toContain('结果文件须为 .csv 或 .parquet');
    expect(existsSync(join(dir, 'bad.xlsx'))).toBe(false);
  });
});

describe('fenceng sql', () => {
  it('prints a DuckDB query that gives the same results on a table named by fact IDs', async () => {
    const r = await runCli('sql', '--dialect', 'duckdb', '--table', 'members', '--order-by', 'row', ...NOW);
    expect(r.code).toBe(0);
    await db.run(`CREATE TABLE members AS SELECT row_number() OVER () - 1 AS "row", * FROM (VALUES ('m1', '小明', '1.2万', '2026-11-25', '3天前'), ('m2', NULL, '2', '2026/1/1', '—'), ('m1', 'x', '99', '2026-11-25', '今天')) t(memberId, nickname, comments30d, joinedAt, lastActiveAt)`);
    await db.run(`ALTER TABLE members ADD COLUMN douyinId VARCHAR; ALTER TABLE members ADD COLUMN likes30d VARCHAR; ALTER TABLE members ADD COLUMN shares30d VARCHAR; ALTER TABLE members ADD COLUMN posts30d VARCHAR; ALTER TABLE members ADD COLUMN likesReceived30d VARCHAR; ALTER TABLE members ADD COLUMN liveMinutes30d VARCHAR`);
    const rows = await db.rows(`${r.out.trim().replace(/;$/, '')} ORDER BY row_order`);
    expect(rows.map((x) => [x.memberId, x.status, x.activity_tier, x.activity_rule])).toEqual([
      ['m1', 'ok', 'core', '核心成员：近期高频互动'],
      ['m2', 'ok', 'silent', null],
      ['m1', 'duplicate-id', null, null],
    ]);
  });

  it('can ask the engine for today (scheduled queries) and rejects unknown dialects and columns', async () => {
    const current = await runCli('sql', '--dialect', 'duckdb', '--today', 'current', '--columns', 'memberId,lastActiveAt');
    expect(current.code).toBe(0);
    await db.run(`CREATE TABLE m2 AS SELECT * FROM (VALUES ('a', '今天')) t(memberId, lastActiveAt)`);
    const q = current.out.trim().replace(/;$/, '').replace('FROM "members"', 'FROM m2');
    expect(await db.rows(q)).toHaveLength(1);
    expect((await runCli('sql', '--dialect', 'oracle')).err).toContain('--dialect 只能是 bigquery 或 duckdb');
    expect((await runCli('sql', '--columns', 'memberId,shoeSize')).err).toContain('shoeSize');
  });
});
