import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { createServerApi, type ServerDeps } from '../../src/api/server.js';
import { answer } from '../../src/api/envelope.js';
import { API_METHODS, serverFunctionName, type ApiResult } from '../../src/api/contract.js';
import { RULES_SHEET } from '../../src/core/names/sheets.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { generateMembersTable } from '../../src/sample/generate.js';

const NOW = new Date('2026-11-26T04:00:00Z');

function workbook(members = 300): MemoryWorkbook {
  const t = generateMembersTable({ members, seed: 7, today: '2026-11-26' });
  return new MemoryWorkbook({ [t.sheet]: [t.header, ...t.rows] });
}

function api(wb: MemoryWorkbook, extra: Partial<ServerDeps> = {}) {
  return createServerApi({
    port: wb,
    now: () => NOW,
    uiLocale: 'zh',
    writeLocale: 'zh',
    user: () => 'tester',
    host: 'local',
    timeZone: { kind: 'store', fallback: 'Asia/Shanghai' },
    ...extra,
  });
}

/** The default rules with the core rule's comment threshold lowered from 20 to `n`. */
function lowered(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

function column(wb: MemoryWorkbook, header: string): CellValue[] {
  const grid = wb.grid('成员')!;
  const i = grid[0].indexOf(header);
  expect(i, header).toBeGreaterThanOrEqual(0);
  return grid.slice(1).map((r) => r[i] ?? null);
}

describe('server API over a workbook port', () => {
  it('bootstraps a workbook with no saved rules: the defaults, detected columns, no versions', async () => {
    const b = await api(workbook()).bootstrap({ locale: 'zh' });
    expect(b.activeVersion).toBeNull();
    expect(b.versions).toEqual([]);
    expect(b.doc.ruleSets.map((s) => s.id)).toEqual(['activity', 'contribution']);
    expect(b.membersSheet).toBe('成员');
    expect(b.columns.find((c) => c.header === '近30天评论')?.fact).toBe('comments30d');
    expect(b.timeZone).toBe('Asia/Shanghai');
    expect(b.timeZoneSource).toBe('store');
  });

  it('preview → save → recompute → rollback, with the sheet changing only on save/recompute', async () => {
    const wb = workbook();
    const server = api(wb);
    await server.recompute({ locale: 'zh' }); // tiers on the sheet, from the defaults
    const before = column(wb, '活跃层级');

    const preview = await server.preview({ locale: 'zh', ruleSets: lowered(5), settings: {} });
    const activity = preview.ruleSets.find((s) => s.id === 'activity')!;
    expect(activity.moved).toBeGreaterThan(0);
    const up = activity.moves.find((m) => m.from === 'potential' && m.to === 'core')!;
    expect(up.count).toBeGreaterThan(0);
    expect(up.examples.length).toBeGreaterThan(0);
    expect(up.examples[0].reason).toMatch(/^核心成员：/);
    expect(preview.changes.map((c) => c.text)).toContain('条件：近30天评论 大于等于 20 → 近30天评论 大于等于 5');
    expect(column(wb, '活跃层级')).toEqual(before); // a preview writes nothing
    expect(wb.sheetNames()).not.toContain(RULES_SHEET);

    const first = await server.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '初始', baseVersion: null });
    expect(first.saved.version).toBe(1);
    const second = await server.save({ locale: 'zh', ruleSets: lowered(5), settings: {}, note: '降低门槛', baseVersion: 1 });
    expect(second.saved).toMatchObject({ version: 2, note: '降低门槛', user: 'tester', savedAt: NOW.toISOString() });
    expect(second.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(wb.sheetNames()).toContain(RULES_SHEET);
    if ('isHidden' in wb) expect((wb as unknown as { isHidden(s: string): boolean }).isHidden(RULES_SHEET)).toBe(true);

    const run = await server.recompute({ locale: 'zh' });
    // Without a run driver (files, the local preview) one call finishes the run.
    if (run.state !== 'finished') throw new Error('a local run finishes in one call');
    expect(run.executions).toBe(1);
    expect(run.version).toBe(2);
    const after = column(wb, '活跃层级');
    const moved = after.filter((v, i) => v !== before[i]).length;
    expect(moved).toBe(activity.moved);

    const details = await server.version({ locale: 'en', version: 2 });
    expect(details.changes.map((c) => c.text)).toContain('Condition: Comments (30d) at least 20 → Comments (30d) at least 5');

    const back = await server.rollback({ locale: 'zh', version: 1, note: '', baseVersion: 2 });
    expect(back.saved.version).toBe(3);
    expect(back.saved.note).toMatch(/回滚到版本 1/);
    await server.recompute({ locale: 'zh' });
    expect(column(wb, '活跃层级')).toEqual(before);
  });

  it('refuses a save from a stale editor, an unchanged save and invalid rules, as readable errors', async () => {
    const wb = workbook(20);
    const server = api(wb);
    await server.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '', baseVersion: null });
    const stale = await answer(server, 'save', { locale: 'zh', ruleSets: lowered(5), settings: {}, note: '', baseVersion: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale' } });
    const same = await answer(server, 'save', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '', baseVersion: 1 });
    expect(same).toMatchObject({ ok: false, error: { code: 'unchanged' } });
    const bad = lowered(5);
    (bad[0].rules[0].conditions as { all: Array<{ fact?: string; value?: unknown }> }).all[1].value = 'abc';
    const invalid = (await answer(server, 'preview', { locale: 'zh', ruleSets: bad, settings: {} })) as ApiResult<unknown>;
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.error.code).toBe('invalid-rules');
      expect(invalid.error.message).toMatch(/最近活跃.*需要与数字比较/);
    }
    const unknown = await answer(server, 'dropTables', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('turns unexpected failures into messages, and answers with plain JSON', async () => {
    const wb = workbook(10);
    const broken = api(wb, { now: () => { throw new TypeError('clock broke'); } });
    const r = await answer(broken, 'recompute', { locale: 'zh' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!r.ok) expect(r.error.message).toMatch(/clock broke/);
    const ok = await answer(api(wb), 'bootstrap', { locale: 'zh' });
    expect(JSON.parse(JSON.stringify(ok))).toEqual(ok);
  });

  it('keeps using the last valid version when the newest stored row is damaged, and says so', async () => {
    const wb = workbook(30);
    const server = api(wb);
    await server.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: 'v1', baseVersion: null });
    await server.save({ locale: 'zh', ruleSets: lowered(5), settings: {}, note: 'v2', baseVersion: 1 });
    // Someone edits the JSON of version 2 by hand.
    const grid = wb.grid(RULES_SHEET)!;
    grid[2][6] = String(grid[2][6]).replace('"value":5', '"value":6');
    const b = await server.bootstrap({ locale: 'zh' });
    expect(b.activeVersion).toBe(1);
    expect(b.storeProblems).toHaveLength(1);
    expect(b.storeProblems[0]).toMatchObject({ row: 3, version: 2 });
    expect(b.storeProblems[0].message).toMatch(/校验不符/);
    const run = await server.recompute({ locale: 'zh' });
    if (run.state !== 'finished') throw new Error('a local run finishes in one call');
    expect(run.version).toBe(1);
    expect(run.text).toMatch(/损坏/);
    // The next save numbers past the damaged row and keeps it as it is.
    const next = await server.save({ locale: 'zh', ruleSets: lowered(7), settings: {}, note: 'v3', baseVersion: 1 });
    expect(next.saved.version).toBe(3);
    expect(wb.grid(RULES_SHEET)![2][6]).toBe(grid[2][6]);
  });

  it('applies header corrections and a stored time zone', async () => {
    const wb = workbook(30);
    const server = api(wb);
    const saved = await server.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: { headerOverrides: { 近30天评论: null }, timeZone: 'America/New_York' }, note: '', baseVersion: null });
    expect(saved.doc.settings.timeZone).toBe('America/New_York');
    const b = await server.bootstrap({ locale: 'zh' });
    expect(b.timeZone).toBe('America/New_York');
    const comments = b.columns.find((c) => c.header === '近30天评论')!;
    expect(comments).toMatchObject({ detected: 'comments30d', fact: null });
    const bad = await answer(server, 'save', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: { timeZone: 'Mars/Olympus' }, note: '', baseVersion: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-rules' } });
  });

  it('names one Apps Script function per method', () => {
    expect(API_METHODS.map(serverFunctionName)).toEqual(['fencengBootstrap', 'fencengPreview', 'fencengSave', 'fencengRecompute', 'fencengContinueRun', 'fencengRunStatus', 'fencengVersion', 'fencengRollback', 'fencengMemberFacts']);
  });
});
