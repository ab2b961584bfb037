/**
 * The sidebar's server functions in the built dist/Code.js, run as Apps
 * Script runs them (bare vm, fake services): each top-level function must
 * return plain JSON synchronously — the value itself, never a Promise —
 * because what google.script.run does with a returned Promise is not
 * documented. Also the menu items that open the sidebar, and help.
 */
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { CHUNK } from '../../src/core/rule-store/codec.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { useBuiltBundle } from './built-bundle.js';
import { FakeEnv, type StoredCell } from './fakes.js';

const DAY = 86_400_000;
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];
const STORE = '_fenceng_rules';
const FUNCTIONS = ['fencengBootstrap', 'fencengPreview', 'fencengSave', 'fencengRecompute', 'fencengContinueRun', 'fencengRunStatus', 'fencengVersion', 'fencengRollback'];

const bundle = useBuiltBundle();
const load = bundle.load;
/** The vm global: the bundle's top-level functions plus `Fenceng`. */
type Gas = any;

/** Thirds: core (25 comments), near-core potential (8 comments, active within 5 days), silent. Dates are instants. */
function grid(n: number, now = Date.now()): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const ago = [i % 4, i % 5, 60][kind];
    const comments = [25, 8, 0][kind];
    rows.push([`U${100000 + i}`, `成员${i}`, new Date(now - ago * DAY - 3_600_000), comments, 0, 0, 0, 0, 0]);
  }
  return rows;
}

function lowered(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

function column(raw: StoredCell[][], name: string): StoredCell[] {
  const i = raw[0].indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  return raw.slice(1).map((r) => r[i]);
}

/** Calls a top-level function and insists on a settled, plain answer. */
function call(ctx: Gas, fn: string, request: unknown): any {
  ctx.__request = JSON.parse(JSON.stringify(request)); // what google.script.run would hand over
  const result = vm.runInContext(`${fn}(__request)`, ctx);
  expect(result === null || typeof result !== 'object' || typeof result.then !== 'function', `${fn} returned a thenable`).toBe(true);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  return result;
}

describe('sidebar server functions in dist/Code.js', () => {
  it('are top-level functions, one per API method, and cost no service call to load', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(3) } });
    const ctx = load(env);
    for (const f of FUNCTIONS) expect(vm.runInContext(`typeof ${f}`, ctx), f).toBe('function');
    expect(env.calls.total()).toBe(0);
  });

  it('answer synchronously with plain JSON and leave the global Promise as it was', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(30) } });
    const ctx = load(env);
    const native = vm.runInContext('Promise', ctx);
    const r = call(ctx, 'fencengBootstrap', { locale: 'zh' });
    expect(r.ok).toBe(true);
    expect(r.value).toMatchObject({ activeVersion: null, versions: [], membersSheet: '成员', memberRows: 30, timeZone: 'Asia/Shanghai', timeZoneSource: 'spreadsheet', host: 'sheets' });
    expect(r.value.doc.ruleSets.map((s: RuleSet) => s.id)).toEqual(['activity', 'contribution']);
    expect(vm.runInContext('Promise', ctx)).toBe(native);
  });

  it('need no Promise at all: preview, save and recompute answer with every use of Promise failing', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(30) }, email: 'ops@example.com' });
    const poisoned = () => {
      const ctx = load(env);
      vm.runInContext('globalThis.Promise = new Proxy(function () {}, { get() { throw new Error("Promise used"); }, construct() { throw new Error("Promise used"); }, apply() { throw new Error("Promise used"); } });', ctx);
      return ctx;
    };
    expect(call(poisoned(), 'fencengPreview', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} }).ok).toBe(true);
    expect(call(poisoned(), 'fencengSave', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '初始', baseVersion: null }).ok).toBe(true);
    const recomputed = call(poisoned(), 'fencengRecompute', { locale: 'zh' });
    expect(recomputed).toMatchObject({ ok: true, value: { version: 1 } });
    expect(new Set(column(env.sheet('成员').raw(), '活跃层级'))).toEqual(new Set(['核心成员', '潜力成员', '沉默成员']));
  });

  it('preview → save → recompute → rollback → recompute, all settled within each call', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(60) }, email: 'ops@example.com' });
    let ctx = load(env);
    expect(call(ctx, 'fencengRecompute', { locale: 'zh' }).ok).toBe(true);
    const before = column(env.sheet('成员').raw(), '活跃层级');
    expect(new Set(before)).toEqual(new Set(['核心成员', '潜力成员', '沉默成员']));

    ctx = load(env); // each google.script.run call is a fresh execution
    const preview = call(ctx, 'fencengPreview', { locale: 'zh', ruleSets: lowered(5), settings: {} });
    expect(preview.ok).toBe(true);
    const activity = preview.value.ruleSets.find((s: { id: string }) => s.id === 'activity');
    expect(activity.moves[0]).toMatchObject({ from: 'potential', to: 'core', count: 20 });
    expect(activity.moves[0].examples[0].reason).toMatch(/^核心成员：近30天评论 8 ≥ 5/);
    expect(column(env.sheet('成员').raw(), '活跃层级')).toEqual(before);
    expect(env.sheets.some((s) => s.name === STORE)).toBe(false);

    ctx = load(env);
    expect(call(ctx, 'fencengSave', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '初始', baseVersion: null }).value.saved.version).toBe(1);
    ctx = load(env);
    const saved = call(ctx, 'fencengSave', { locale: 'zh', ruleSets: lowered(5), settings: {}, note: '评论门槛 20 → 5', baseVersion: 1 });
    expect(saved.value.saved).toMatchObject({ version: 2, note: '评论门槛 20 → 5', user: 'ops@example.com' });
    const store = env.sheet(STORE);
    expect(store.hidden).toBe(true);
    expect(store.raw()[2][0]).toBe(2);

    ctx = load(env);
    const run = call(ctx, 'fencengRecompute', { locale: 'zh' });
    expect(run.value.version).toBe(2);
    const after = column(env.sheet('成员').raw(), '活跃层级');
    expect(after.filter((v, i) => v !== before[i])).toHaveLength(20);
    expect(env.lockHeld).toBe(false);

    ctx = load(env);
    const history = call(ctx, 'fencengVersion', { locale: 'zh', version: 2 });
    expect(history.value.changes.map((c: { text: string }) => c.text)).toContain('条件：近30天评论 大于等于 20 → 近30天评论 大于等于 5');

    ctx = load(env);
    const back = call(ctx, 'fencengRollback', { locale: 'zh', version: 1, note: '', baseVersion: 2 });
    expect(back.value.saved.version).toBe(3);
    ctx = load(env);
    call(ctx, 'fencengRecompute', { locale: 'zh' });
    expect(column(env.sheet('成员').raw(), '活跃层级')).toEqual(before);
    expect(env.alerts).toEqual([]);
  }, 60_000);

  it('every failure comes back as a readable message, with the lock released', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(9) } });
    let ctx = load(env);
    const bad = lowered(5);
    (bad[0].rules[0].conditions as { all: Array<{ value?: unknown }> }).all[1].value = 'abc';
    const invalid = call(ctx, 'fencengPreview', { locale: 'zh', ruleSets: bad, settings: {} });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-rules' } });
    expect(invalid.error.message).toMatch(/需要与数字比较/);

    ctx = load(env);
    call(ctx, 'fencengSave', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '', baseVersion: null });
    const stale = call(load(env), 'fencengSave', { locale: 'zh', ruleSets: lowered(5), settings: {}, note: '', baseVersion: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale' } });

    env.failures.add('Range.setValues');
    const failed = call(load(env), 'fencengSave', { locale: 'zh', ruleSets: lowered(5), settings: {}, note: '', baseVersion: 1 });
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(failed.error.message).toMatch(/Service Spreadsheets failed/);
    expect(env.lockHeld).toBe(false);
    env.failures.clear();

    env.lockBusy = true;
    const busy = call(load(env), 'fencengRecompute', { locale: 'zh' });
    expect(busy).toMatchObject({ ok: false, error: { code: 'busy' } });
    env.lockBusy = false;

    const unknown = vm.runInContext('Fenceng.callApi("dropEverything", {})', load(env));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  }, 60_000);

  it('the menu\'s 重新计算分层 uses the saved rules; a saved time zone becomes the spreadsheet\'s', async () => {
    const env = new FakeEnv({ sheets: { 成员: grid(30) } });
    const saved = call(load(env), 'fencengSave', { locale: 'zh', ruleSets: lowered(5), settings: { timeZone: 'Asia/Tokyo' }, note: '', baseVersion: null });
    expect(saved.ok).toBe(true);
    expect(env.timeZone).toBe('Asia/Tokyo');
    expect(call(load(env), 'fencengBootstrap', { locale: 'zh' }).value.timeZone).toBe('Asia/Tokyo');
    await load(env).recomputeTiers();
    const tiers = column(env.sheet('成员').raw(), '活跃层级');
    expect(tiers.filter((t) => t === '核心成员')).toHaveLength(20); // 10 core + 10 near-core with the lowered threshold
  }, 60_000);

  it('stores rules longer than one cell across several cells and reads them back', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(6) } });
    const big = structuredClone(DEFAULT_RULE_SETS);
    big[0].description = '很长的说明 / a long description '.repeat(2500); // ~70,000 characters
    const r = call(load(env), 'fencengSave', { locale: 'zh', ruleSets: big, settings: {}, note: 'big', baseVersion: null });
    expect(r.ok).toBe(true);
    const row = env.sheet(STORE).raw()[1];
    expect(row[5]).toBeGreaterThanOrEqual(3);
    for (const piece of row.slice(6)) if (piece !== '') expect(String(piece).length).toBeLessThanOrEqual(CHUNK);
    const b = call(load(env), 'fencengBootstrap', { locale: 'zh' });
    expect(b.value).toMatchObject({ activeVersion: 1, storeProblems: [] });
    expect(b.value.doc.ruleSets[0].description).toBe(big[0].description);
  });

  it('keeps the sheet-call count flat as members grow', () => {
    const counts: number[] = [];
    for (const n of [60, 1500]) {
      const env = new FakeEnv({ sheets: { 成员: grid(n) } });
      const ctx = load(env);
      env.calls.reset();
      expect(call(ctx, 'fencengPreview', { locale: 'zh', ruleSets: lowered(5), settings: {} }).ok).toBe(true);
      counts.push(env.calls.sum('Range.getValues', 'Range.setValues', 'Sheet.getRange', 'Sheet.getDataRange'));
    }
    expect(counts[1]).toBe(counts[0]);
  }, 120_000);
});

describe('menu items that open the sidebar', () => {
  it('编辑分层规则 shows the one self-contained sidebar file; 预览规则变动 opens it on the preview', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(3) } });
    const ctx = load(env);
    ctx.showRulesSidebar();
    ctx.showRulePreview();
    expect(env.sidebars).toHaveLength(2);
    const [rules, preview] = env.sidebars;
    expect(rules.getTitle()).toBe('分层管理 Fenceng');
    expect(rules.getContent()).toContain('FENCENG_START={"view":"rules"}');
    expect(preview.getContent()).toContain('FENCENG_START={"view":"preview"}');
    // One file: inline script and styles, nothing fetched from elsewhere.
    const html = rules.getContent();
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/i);
    expect(env.calls.sum('Range.*', 'Sheet.*', 'LockService.*')).toBe(0);
  });

  it('says what to do instead of failing when the sidebar cannot open', () => {
    const env = new FakeEnv({ sheets: { 成员: grid(3) } });
    const ctx = load(env);
    env.htmlFiles.clear();
    ctx.showRulesSidebar();
    expect(env.sidebars).toHaveLength(0);
    expect(env.alerts).toHaveLength(1);
    expect(env.alerts[0].message).toMatch(/授权/);
    expect(env.alerts[0].message).toMatch(/allow the add-on/);
  });

  it('帮助 needs no data and follows the UI language', () => {
    for (const [locale, pattern] of [['zh_CN', /重新计算分层/], ['en_US', /Recompute tiers/]] as const) {
      const env = new FakeEnv({ sheets: { 成员: grid(3) }, locale });
      load(env).showHelp();
      expect(env.alerts[0].message).toMatch(pattern);
      expect(env.calls.sum('Range.*', 'Sheet.*')).toBe(0);
    }
  });
});
