import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, tempDir } from '../cli/helpers.js';
import { ADMINS, FORMULA_LIKE, MEMBER_HEADER, ODD_TEXT, expectNoFormulasAndCellsWithinLimits, expectNoStackTrace, hostileMemberRows, reread, runProcess, sheetJsWorkbook } from './hostile-fixtures.js';

// Whole-workbook runs and real processes on a loaded shared machine: a generous limit, not an assertion on time.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const NOW = ['--now', '2026-11-26'];

/** Either a valid output (re-read by SheetJS) or a clear refusal with the input untouched — never anything else. */
async function runHostile(input: string, out: string, extra: string[] = []) {
  const before = readFileSync(input);
  const run = await runCli('recompute', input, '--out', out, ...NOW, ...extra);
  expectNoStackTrace(run.err);
  expect(readFileSync(input).equals(before)).toBe(true);
  if (run.code === 0) expectNoFormulasAndCellsWithinLimits(out);
  else {
    expect(run.err).toMatch(/[\u4e00-\u9fff].* \/ \S/s);
    expect(existsSync(out)).toBe(false);
  }
  return run;
}

describe('a workbook of hostile members, through the CLI', () => {
  let dir: string;
  let input: string;
  let out: string;
  let run: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    dir = tempDir();
    input = join(dir, 'hostile.xlsx');
    writeFileSync(input, sheetJsWorkbook([{ name: '成员', rows: [MEMBER_HEADER, ...hostileMemberRows()] }, { name: '管理员', rows: ADMINS }]));
    out = join(dir, 'out.xlsx');
    run = await runHostile(input, out, ['--json']);
  }, 120_000);

  it('succeeds: one bad cell is an issue, never an abort', () => {
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).summary.members).toBeGreaterThan(30);
  });

  it('every unreadable number or date is an issue naming sheet, row and column, quoting a short excerpt', () => {
    const issues = reread(out).rows('问题');
    const header = issues[0] as string[];
    const at = (name: string) => header.indexOf(name);
    expect(header).toEqual(expect.arrayContaining(['工作表', '行', '列', '成员ID', '说明']));
    const unreadable = issues.slice(1).filter((r) => /无法识别/.test(String(r[at('说明')])));
    const where = (id: string) => unreadable.filter((r) => r[at('成员ID')] === id).map((r) => `${r[at('工作表')]}!${r[at('列')]}${r[at('行')]}`);
    const rows = hostileMemberRows();
    const rowOf = (id: string) => rows.findIndex((r) => r[0] === id) + 2;
    // '1e308', 400 digits, 1e308, MAX_VALUE and 99999999亿 in the three count columns (F, G, H).
    for (const id of ['n0', 'n1', 'n2', 'n4', 'n7']) expect(where(id).sort()).toEqual([`成员!F${rowOf(id)}`, `成员!G${rowOf(id)}`, `成员!H${rowOf(id)}`].sort());
    for (const id of ['n3', 'n5', 'n6', 'n8']) expect(where(id)).toEqual([]);
    // 1899, 99999999999天前 and year 0000 in both date columns (D, E).
    for (const id of ['d2', 'd3', 'd4']) expect(where(id).sort()).toEqual([`成员!D${rowOf(id)}`, `成员!E${rowOf(id)}`]);
    // 1900-01-01 and 9999-12-31 are dates.
    for (const id of ['d0', 'd1']) expect(where(id)).toEqual([]);
    for (const r of issues.slice(1)) expect(String(r[at('说明')]).length).toBeLessThan(400);
  });

  it('copies of member text in the admin sheets are the text as the operator had it', () => {
    const wb = reread(out);
    const adminSheets = wb.names.filter((n) => wb.rows(n)[0]?.[0] === '成员ID' && (wb.rows(n)[0] as unknown[]).includes('管理员备注'));
    expect(adminSheets.length).toBe(2);
    const copies = new Map<unknown, unknown>();
    for (const s of adminSheets) for (const r of wb.rows(s).slice(1)) copies.set(r[0], r[1]);
    [...FORMULA_LIKE, ...ODD_TEXT].forEach((t, i) => expect(copies.get(`h${i}`)).toBe(t));
    // Member IDs as written, too: the full-width ＝ is not turned into =.
    expect(copies.get(FORMULA_LIKE[4])).toBe('全角公式ID');
    expect(copies.get(FORMULA_LIKE[0])).toBe('公式ID');
  });

  it('normalised text never reaches a copy: ＝… and \u200B=… do not become =… anywhere the operator reads', () => {
    const wb = reread(out);
    const normalised = [FORMULA_LIKE[4]!.replace('＝', '='), FORMULA_LIKE[5]!.replace('\u200B', '')];
    for (const name of wb.names.filter((n) => !n.startsWith('_'))) {
      for (const row of wb.rows(name)) for (const cell of row) expect(normalised, `${name}: ${String(cell).slice(0, 60)}`).not.toContain(cell);
    }
  });
});

describe('odd shapes, through the CLI', () => {
  const dir = tempDir();

  it('duplicate and merged headers: the duplicate is reported, the run succeeds', async () => {
    const input = join(dir, 'headers.xlsx');
    const header = ['成员ID', '昵称', '近30天评论', '近30天评论', '最近活跃', '备注', null];
    writeFileSync(input, sheetJsWorkbook([{ name: '成员', rows: [header, ['a', '甲', 3, 4, '2026-11-20', '合并', null], ['b', '乙', 1, 1, '2026-11-01', null, null]], merges: ['F1:G1', 'F2:G2'] }]));
    const run = await runHostile(input, join(dir, 'headers-out.xlsx'));
    expect(run.code).toBe(0);
    const issues = reread(join(dir, 'headers-out.xlsx')).rows('问题');
    expect(issues.some((r) => r.includes('重复列 / Duplicate column') || /本列被忽略/.test(String(r.at(-1))))).toBe(true);
  });

  it('a sheet 16,384 columns wide: a valid output or a clear refusal', async () => {
    const input = join(dir, 'wide.xlsx');
    const header: Array<string | null> = [...MEMBER_HEADER, ...Array.from({ length: 16_384 - MEMBER_HEADER.length }, (_, i) => `c${i}`)];
    writeFileSync(input, sheetJsWorkbook([{ name: '成员', rows: [header, ['a', '甲', null, null, '2026-11-20', 1, 1, 1]] }]));
    const run = await runHostile(input, join(dir, 'wide-out.xlsx'));
    // Fenceng's columns would go past XFD: refused up front, naming the sheet (not a library's "bad column index").
    expect(run.code).toBe(1);
    // (A bounded reader may refuse such a sheet earlier; either way the message names the column limit.)
    expect(run.err).toMatch(/16,?384|XFD/);
    expect(run.err).not.toMatch(/Bad column index/);
  }, 120_000);

  it('a CSV of the same hostile rows', async () => {
    const csv = (v: unknown) => (v === null || typeof v === 'object' ? '' : `"${String(v).replace(/"/g, '""')}"`);
    const input = join(dir, 'hostile.csv');
    writeFileSync(input, [MEMBER_HEADER, ...hostileMemberRows()].map((r) => r.map(csv).join(',')).join('\r\n'));
    const out = join(dir, 'hostile-csv.xlsx');
    const run = await runHostile(input, out);
    expect(run.code).toBe(0);
    const members = reread(out).rows('成员');
    [...FORMULA_LIKE, ...ODD_TEXT].forEach((t, i) => expect(members[i + 1]!.slice(0, 2)).toEqual([`h${i}`, t]));
  });
});

describe('as a real process: exit code and never a stack trace', () => {
  const dir = tempDir();

  it('a hostile workbook succeeds', async () => {
    const input = join(dir, 'p.xlsx');
    writeFileSync(input, sheetJsWorkbook([{ name: '成员', rows: [MEMBER_HEADER, ...hostileMemberRows()] }]));
    const r = await runProcess(['recompute', input, '--out', join(dir, 'p-out.xlsx'), ...NOW]);
    expectNoStackTrace(r.err);
    expect(r.code).toBe(0);
    expectNoFormulasAndCellsWithinLimits(join(dir, 'p-out.xlsx'));
  }, 120_000);

  it.each([
    ['a truncated .xlsx', 'broken.xlsx', () => sheetJsWorkbook([{ name: '成员', rows: [MEMBER_HEADER] }]).subarray(0, 300)],
    ['binary junk named .csv', 'junk.csv', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['an empty file', 'empty.xlsx', () => Buffer.alloc(0)],
    ['a plain .txt', 'notes.txt', () => Buffer.from('随便写的几句话\n没有表头\n')],
  ])('%s fails clearly', async (_, name, bytes) => {
    const input = join(dir, name);
    writeFileSync(input, bytes());
    const before = readFileSync(input);
    const out = join(dir, `${name}-out.xlsx`);
    const r = await runProcess(['recompute', input, '--out', out, ...NOW]);
    expectNoStackTrace(r.err);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/[\u4e00-\u9fff].* \/ \S/s);
    expect(existsSync(out)).toBe(false);
    expect(readFileSync(input).equals(before)).toBe(true);
  }, 60_000);
});
