import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeText, parseDate, parseNumber, parseText, textAsWritten } from '../../src/core/base/cells.js';
import { asWrittenSql, civilDaySql, datePartSql, missingSql, normalizeSql, numberSql, scaledNumberSql, textSql } from '../../src/core/sql/clean.js';
import { DUCKDB as d } from '../../src/core/sql/dialect.js';
import { civilDay } from '../../src/core/base/time.js';
import { openDuckDb, type DuckDb } from '../../src/duckdb/db.js';

/**
 * The SQL cell parsers against src/core/base/cells.ts, cell by cell, on messy
 * and random text (Unicode spaces, full-width forms, near-misses of every
 * pattern, values at and beyond the bounds).
 */
const TODAY = civilDay(2026, 11, 26)!;
let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb();
});
afterAll(() => db.close());

const pieces = ['1', '2', '0', '9', '.', ',', '+', '-', '万', 'w', 'W', 'k', 'K', '千', '亿', '次', '分钟', 'min', 'MINS', ' ', '\u3000', '\u00a0', '\u200b', '\t', '\u2028', '\ufeff', '\u1680', '１', '２', '．', '，', '－', '／', '年', '月', '日', '天前', '今天', '昨天', '前天', '刚刚', 'T', ':', '/', '2026', '11', '26', '02', '30', '—', 'N/A', 'na', 'Null', 'x', '\u212a', '\u017f'];
/** Near-misses of every pattern and values at and beyond the bounds of cells.ts. */
const EDGE_CELLS = ['na', 'NA', 'None', ' 无 ', '暂无', '空', '#N/A', '——', '–', '--', '-', '/', 'nul', 'nan', '2026-11-26', '2026/2/29', '2024-02-29', '1900-02-29', '2000-02-29', '0100-03-01', '0099-12-31', '9999-12-31', '20260229', '46000.999', '80000', '80000.5', '19999.9', '12 : 30', '2026-1-1 8:05:09.123', '1,000,000.25万', '0.49999999999999994', '4503599627370497', '1e5', '999999999', '1000000000',
    '1000000000000', '-1000000000000', '1000000000001', '999999999999.9999999', '1,000,000,000,000.0000001', '10000亿', '10000.000001亿', '99999999亿', '100000000万', '1e12', '9'.repeat(400), '1' + '0'.repeat(400),
    '1900-01-01', '1899-12-31', '1899/12/31 23:59', '18991231', '19000101', '0000-01-01', '1000-06-15', '9999-12-31', '99999999999天前', '45000天前', '46350天前', '46351天前', '9'.repeat(400) + '天前', '1' + '0'.repeat(400) + '.5'];
const messy = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((s) => s.replace(/\0/g, '')) },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_CELLS) },
);

/** Each parser's answer: its value, or 'missing' / 'invalid' as cells.ts tells them apart. */
interface Parsed { n: unknown; dt: unknown; tx: unknown; written: unknown }

async function sqlParse(cells: Array<string | null>): Promise<Parsed[]> {
  const values = cells.map((c, i) => `(${i}, ${c === null ? 'NULL' : d.str(c)})`).join(', ');
  const t = 't';
  const rows = await db.rows(`
    WITH a AS (SELECT i, ${normalizeSql(d, 'raw')} AS t, ${asWrittenSql(d, 'raw')} AS w FROM (VALUES ${values}) v(i, raw)),
    b AS (SELECT *, ${scaledNumberSql(d, t)} AS x, ${datePartSql(d, t, 0)} AS y, ${datePartSql(d, t, 1)} AS m, ${datePartSql(d, t, 2)} AS dd FROM a)
    SELECT ${numberSql(d, t, 'x')} AS n, ${civilDaySql(d, t, 'y', 'm', 'dd', TODAY)} AS dt, ${textSql(d, t)} AS tx, ${textSql(d, t, 'w')} AS written, ${missingSql(d, t)} AS miss FROM b ORDER BY i`);
  const kind = (v: unknown, miss: unknown) => (miss ? 'missing' : v === null ? 'invalid' : v);
  return rows.map((r) => ({ n: kind(r.n, r.miss), dt: kind(r.dt, r.miss), tx: kind(r.tx, r.miss), written: kind(r.written, r.miss) }));
}

const js = (c: string | null): Parsed => {
  const v = <T>(p: { kind: string; value?: T }) => (p.kind === 'value' ? p.value : p.kind);
  const tx = parseText(c);
  // As parseMembers keeps a name: the cell as written, where parseText reads a value.
  const written = tx.kind === 'value' ? textAsWritten(c) || tx.value : tx.kind;
  return { n: v(parseNumber(c)), dt: v(parseDate(c, TODAY)), tx: v(tx), written };
};

describe('SQL cell parsing', () => {
  it('normalizes like normalizeText', async () => {
    const cells = fc.sample(messy, { numRuns: 500, seed: 1 });
    const rows = await db.rows(`SELECT ${normalizeSql(d, 'raw')} AS t FROM (VALUES ${cells.map((c, i) => `(${i}, ${d.str(c)})`).join(', ')}) v(i, raw) ORDER BY i`);
    expect(rows.map((r) => r.t)).toEqual(cells.map(normalizeText));
  });

  it('reads every edge case like cells.ts', async () => {
    expect(await sqlParse(EDGE_CELLS)).toEqual(EDGE_CELLS.map(js));
  });

  it('reads numbers, dates and text like cells.ts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(messy, { nil: null }), { minLength: 1, maxLength: 300 }), async (cells) => {
        expect(await sqlParse(cells)).toEqual(cells.map(js));
      }),
      { numRuns: Number(process.env.FENCENG_DIFF_RUNS ?? 30) },
    );
  }, 120_000);
});
