/**
 * The built dist/Code.js, run the way Apps Script runs it: one script in a
 * global scope with only ECMAScript built-ins (no setTimeout, require,
 * process) plus the Google services — here, counting fakes.
 */
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuiltBundle, ROOT } from './built-bundle.js';
import { FakeEnv, isDate, type StoredCell } from './fakes.js';
import { OPS_SHEETS_ZH } from '../app/ops-sheets.js';

const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟', '备注'];
const TIER_COLUMNS = ['活跃层级', '贡献层级', '分层依据', '距下一层级', '计算时间'];
const DAY = 86_400_000;
const IO_CALLS = ['Range.getValues', 'Range.setValues', 'Sheet.getRange', 'Sheet.getDataRange'];

const bundle = useBuiltBundle();
const load = bundle.load;
/** The vm global: the bundle's top-level functions plus `Fenceng`. */
type Gas = any;

/**
 * An operator's 成员 sheet: a third each of clearly core, potential and
 * silent members (per rules/activity.json), Dates as real instants, some
 * blank counts and notes, including text that looks like a formula.
 */
function memberGrid(n: number, now = Date.now()): unknown[][] {
  const rows: unknown[][] = [HEADER];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const daysAgo = [i % 4, 10 + (i % 10), 60 + (i % 60)][kind];
    const counts = [
      [25 + (i % 7), 120, 15, 5, 300, 400],
      [5, 12, 2, 1, 20, 40],
      i % 2 ? ['', '', '', '', '', ''] : [0, 0, 0, 0, 0, 0],
    ][kind];
    const note = ['老粉', '', '=不是公式', '00123'][i % 4];
    rows.push([`U${100000 + i}`, `成员${i}`, new Date(now - daysAgo * DAY - (i % 24) * 3_600_000), ...counts, note]);
  }
  return rows;
}

function column(raw: StoredCell[][], name: string): StoredCell[] {
  const i = raw[0].indexOf(name);
  expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
  return raw.slice(1).map((r) => r[i]);
}

describe('dist/Code.js', () => {
  it('is built with the manifest beside it', () => {
    const manifest = JSON.parse(readFileSync(join(bundle.outDir, 'appsscript.json'), 'utf8'));
    expect(manifest).toEqual(JSON.parse(readFileSync(join(ROOT, 'appsscript.json'), 'utf8')));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      // Time-driven triggers continue a run that does not fit one execution (README: scopes).
      'https://www.googleapis.com/auth/script.scriptapp',
    ]);
  });

  it('loads with only ECMAScript globals, calling no service at load', () => {
    expect(vm.runInContext('typeof setTimeout', vm.createContext({}))).toBe('undefined');
    const env = new FakeEnv({ sheets: { 成员: memberGrid(3) } });
    const ctx = load(env);
    expect(vm.runInContext('[typeof require, typeof process, typeof module, typeof setTimeout]', ctx)).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'function', // the banner's shim
    ]);
    // Top-level declarations are what menus and triggers can call.
    expect(vm.runInContext('[typeof onOpen, typeof onInstall, typeof recomputeTiers]', ctx)).toEqual(['function', 'function', 'function']);
    expect(typeof ctx.Fenceng.recomputeTiers).toBe('function');
    expect(env.calls.total()).toBe(0);
  });

  it('shims timers: zero-delay callbacks run as microtasks, delayed ones never, clearTimeout cancels', async () => {
    const ctx = load(new FakeEnv());
    const log = await vm.runInContext(
      `new Promise(function (done) {
        var log = [];
        setTimeout(function (x) { log.push(x); }, 0, 'zero');
        clearTimeout(setTimeout(function () { log.push('cleared'); }));
        setTimeout(function () { log.push('late'); }, 1000);
        Promise.resolve().then(function () {}).then(function () { done(log); });
      })`,
      ctx,
    );
    expect([...log]).toEqual(['zero']);
  });

  it('leaves a real setTimeout alone', () => {
    const real = () => 0;
    const ctx = load(new FakeEnv(), { setTimeout: real });
    expect(ctx.setTimeout).toBe(real);
  });
});

describe('onOpen / onInstall', () => {
  // The menu is MENU_ITEMS, each calling a top-level function of the bundle (checked below).
  const expected = (ctx: Gas) => [{ title: '分层管理', items: ctx.Fenceng.MENU_ITEMS.map((i: { caption: string; functionName: string }) => ({ caption: i.caption, functionName: i.functionName })) }];

  for (const entry of ['onOpen', 'onInstall']) {
    it(`${entry} builds the add-on menu and touches no data or properties (AuthMode.NONE)`, () => {
      const env = new FakeEnv({ sheets: { 成员: memberGrid(5) } });
      const ctx = load(env);
      vm.runInContext(`${entry}({ authMode: 'NONE' })`, ctx);
      expect(env.menus).toEqual(expected(ctx));
      const items = env.menus[0].items.filter((i): i is { caption: string; functionName: string } => i !== 'separator');
      for (const item of items) expect(typeof ctx[item.functionName], item.functionName).toBe('function');
      const captions = items.map((i) => i.caption);
      expect(captions.filter((c) => ['重新计算分层', '编辑分层规则', '预览规则变动', '帮助'].includes(c))).toEqual(['重新计算分层', '编辑分层规则', '预览规则变动', '帮助']);
      expect(env.calls.sum('Range.*', 'Sheet.*', 'Spreadsheet.*', 'Properties*', 'Session.*', 'LockService.*')).toBe(0);
      expect(Object.keys(env.calls.counts).every((k) => /^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(k))).toBe(true);
    });
  }
});

describe('recomputeTiers without the core', () => {
  it('reads the UI locale: en* → en, anything else (or nothing) → zh', () => {
    for (const [locale, want] of [['en_US', 'en'], ['en', 'en'], ['zh_CN', 'zh'], ['zh_TW', 'zh'], ['', 'zh']]) {
      const env = new FakeEnv({ locale });
      expect(load(env).Fenceng.userLocale()).toBe(want);
    }
  });

  it('when another run holds the lock: waits ~30 s, writes nothing, says so in both languages', async () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(10) } });
    const before = env.sheet('成员').raw();
    env.lockBusy = true;
    await load(env).recomputeTiers();
    expect(env.lockWaits).toEqual([30_000]);
    expect(env.calls.sum('Range.*', 'Sheet.*', 'Spreadsheet.insertSheet')).toBe(0);
    expect(env.calls.get('Lock.releaseLock')).toBe(0);
    expect(env.sheet('成员').raw()).toEqual(before);
    expect(env.alerts).toHaveLength(1);
    expect(env.alerts[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect(env.alerts[0].message).toMatch(/another recompute/i);
  });

  it('falls back to a toast when there is no UI (trigger context)', async () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(2) } });
    env.lockBusy = true;
    env.uiAvailable = false;
    await load(env).recomputeTiers();
    expect(env.alerts).toHaveLength(0);
    expect(env.toasts).toHaveLength(1);
    expect(env.toasts[0].message).toMatch(/another recompute/i);
  });
});

// These need the real src/app/recompute.ts (the lead's); they fail against the placeholder.
describe('recomputeTiers end to end', () => {
  it('appends the tier columns after the operator columns, leaves operator cells alone, toasts, releases the lock', async () => {
    const now = Date.now();
    const env = new FakeEnv({ sheets: { 成员: memberGrid(30, now) } });
    const before = env.sheet('成员').raw();
    await load(env).recomputeTiers();

    expect(env.alerts).toEqual([]);
    const after = env.sheet('成员').raw();
    expect(after[0].slice(0, HEADER.length)).toEqual(HEADER);
    for (const name of TIER_COLUMNS) expect(after[0].indexOf(name)).toBeGreaterThanOrEqual(HEADER.length);
    expect(after.map((r) => r.slice(0, HEADER.length))).toEqual(before);

    const activity = column(after, '活跃层级');
    expect(new Set(activity)).toEqual(new Set(['核心成员', '潜力成员', '沉默成员']));
    expect(activity.slice(0, 3)).toEqual(['核心成员', '潜力成员', '沉默成员']);
    expect(column(after, '贡献层级').every((v) => typeof v === 'string' && v !== '')).toBe(true);
    expect(column(after, '分层依据').every((v) => typeof v === 'string' && v !== '')).toBe(true);
    // 计算时间 shows now: a date cell (an instant close to now) or text.
    for (const v of column(after, '计算时间')) {
      if (isDate(v)) expect(Math.abs(v.getTime() - now)).toBeLessThan(5 * 60_000);
      else expect(typeof v).toBe('string');
    }

    expect(env.toasts).toHaveLength(1);
    expect(env.toasts[0].title).toBe('分层完成 / Tiers updated');
    expect(env.toasts[0].message.length).toBeGreaterThan(0);
    expect(env.lockWaits).toEqual([30_000]);
    expect(env.calls.get('Lock.releaseLock')).toBe(1);
    expect(env.lockHeld).toBe(false);
  }, 60_000);

  it('runs to the end synchronously: with no Promise at all in the context, the sheet is written when it returns', () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(30) } });
    const ctx = load(env);
    // Nothing may wait on a microtask: make any use of Promise fail loudly.
    vm.runInContext('globalThis.Promise = new Proxy(function () {}, { get() { throw new Error("Promise used"); }, construct() { throw new Error("Promise used"); }, apply() { throw new Error("Promise used"); } });', ctx);
    expect(ctx.recomputeTiers()).toBeUndefined();
    expect(env.alerts).toEqual([]);
    expect(env.toasts.map((t) => t.title)).toEqual(['分层完成 / Tiers updated']);
    expect(new Set(column(env.sheet('成员').raw(), '活跃层级'))).toEqual(new Set(['核心成员', '潜力成员', '沉默成员']));
    expect(env.lockHeld).toBe(false);
  }, 60_000);

  it('a second run updates the same columns in place', async () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(30) } });
    await load(env).recomputeTiers();
    const first = env.sheet('成员').raw();
    await load(env).recomputeTiers();
    const second = env.sheet('成员').raw();
    expect(env.alerts).toEqual([]);
    expect(second[0]).toEqual(first[0]);
    const at = first[0].indexOf('计算时间');
    const withoutTime = (g: StoredCell[][]) => g.map((r) => r.filter((_, i) => i !== at));
    expect(withoutTime(second)).toEqual(withoutTime(first));
  }, 60_000);

  it('spends as many sheet calls on 2,000 members as on 50', async () => {
    const counts: number[] = [];
    for (const n of [50, 2000]) {
      const env = new FakeEnv({ sheets: { 成员: memberGrid(n) } });
      await load(env).recomputeTiers();
      expect(env.alerts).toEqual([]);
      expect(column(env.sheet('成员').raw(), '活跃层级')).toHaveLength(n);
      counts.push(env.calls.sum(...IO_CALLS));
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeGreaterThan(0);
  }, 120_000);

  it('a failing write is reported in an alert and the lock is still released', async () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(6) } });
    env.failures.add('Range.setValues');
    const logged: unknown[] = [];
    await load(env, { console: { ...console, error: (e: unknown) => logged.push(e) } }).recomputeTiers();
    expect(logged).toHaveLength(1); // for the execution log / Cloud Logging
    expect(env.alerts).toHaveLength(1);
    expect(env.alerts[0].title).toBe('分层失败 / Recompute failed');
    expect(env.alerts[0].message).toMatch(/Service Spreadsheets failed/);
    expect(env.toasts).toHaveLength(0);
    expect(env.lockHeld).toBe(false);
    expect(env.calls.get('Lock.releaseLock')).toBe(1);
  }, 60_000);
});

// ---- admin sheets: protection, and sharing with the admin team ----------------------

const ADMINS = [
  ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'],
  ['陈总', '总负责人', 'chen@example.com', '', '是', '', '', ''],
  ['吴组长', '中层负责人', 'wu@example.com', '陈总', '是', '', '', ''],
  ['马丽', '普通管理员', 'ma@example.com', '吴组长', '是', '', '', ''],
  ['张强', '普通管理员', 'Zhang@Example.com', '吴组长', '是', '', '', ''],
  ['孙洋', '普通管理员', 'sun@example.com', '吴组长', '否', '', '', ''],
];

describe('admin sheets in Apps Script', () => {
  it('each admin sheet is protected for that admin and their leads (plus owner and runner); re-runs only adjust', async () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(30), 管理员: ADMINS }, email: 'op@example.com' });
    await load(env).recomputeTiers();
    expect(env.alerts).toEqual([]);
    const names = env.sheets.map((s) => s.name);
    expect(names).toEqual(['成员', '管理员', '分层概览', '问题', '管理员分配', '分配-马丽', '分配-张强', '分层变动', '流失预警', '_fenceng_state', ...OPS_SHEETS_ZH]);
    expect(env.sheet('_fenceng_state').hidden).toBe(true);
    for (const [sheet, admin] of [['分配-马丽', 'ma@example.com'], ['分配-张强', 'zhang@example.com']]) {
      const p = env.sheet(sheet).protection!;
      expect(p, sheet).toBeDefined();
      expect([...p.editors].sort()).toEqual(['chen@example.com', 'op@example.com', 'owner@example.com', 'wu@example.com', admin].sort());
      expect(p.warningOnly).toBe(false);
      expect(p.domainEdit).toBe(false);
      expect(p.description).toContain(sheet.slice(3));
    }
    for (const sheet of ['成员', '管理员', '分层概览', '管理员分配', '分层变动']) expect(env.sheet(sheet).protection, sheet).toBeUndefined();
    expect(env.calls.get('Sheet.protect')).toBe(2);

    // 马丽 leaves: her sheet becomes a notice only the leads may edit; 张强's stays as it was.
    env.sheet('管理员').put(3, 4, '否');
    env.calls.reset();
    await load(env).recomputeTiers();
    expect(env.calls.get('Sheet.protect')).toBe(0); // existing protections are reused
    expect([...env.sheet('分配-马丽').protection!.editors].sort()).toEqual(['chen@example.com', 'op@example.com', 'owner@example.com', 'wu@example.com']);
    expect(env.sheet('分配-马丽').raw()[0][0]).toContain('已不在管理员表中或已不在职');
    expect([...env.sheet('分配-张强').protection!.editors].sort()).toEqual(['chen@example.com', 'op@example.com', 'owner@example.com', 'wu@example.com', 'zhang@example.com']);
  }, 60_000);

  it('where the domain refuses an editor the sheet falls back to a warning-only protection, and the run still succeeds', async () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(12), 管理员: ADMINS } });
    env.refusedEditors.add('ma@example.com');
    const warned: unknown[] = [];
    await load(env, { console: { ...console, warn: (...a: unknown[]) => warned.push(a) } }).recomputeTiers();
    expect(env.alerts).toEqual([]);
    expect(env.sheet('分配-马丽').protection!.warningOnly).toBe(true);
    expect(env.sheet('分配-张强').protection!.warningOnly).toBe(false);
    expect(warned).toHaveLength(1);
  }, 60_000);
});

describe('共享给管理员团队 (shareWithAdminTeam)', () => {
  const active = ['chen@example.com', 'wu@example.com', 'ma@example.com', 'zhang@example.com'];

  it('asks YES/NO listing exactly who gets access; NO (or closing the dialog) shares nothing', async () => {
    for (const answer of ['NO', undefined]) {
      const env = new FakeEnv({ sheets: { 成员: memberGrid(3), 管理员: ADMINS } });
      if (answer) env.alertAnswers.push(answer);
      load(env).shareWithAdminTeam();
      expect(env.alerts).toHaveLength(1);
      expect(env.alerts[0].buttons).toBe('YES_NO');
      expect(env.alerts[0].title).toBe('共享给管理员团队 / Share with the admin team');
      for (const e of active) expect(env.alerts[0].message).toContain(e);
      expect(env.alerts[0].message).not.toContain('sun@example.com'); // inactive
      expect(env.editors).toEqual(['owner@example.com']);
      expect(env.calls.get('Spreadsheet.addEditors') + env.calls.get('Spreadsheet.addEditor')).toBe(0);
      expect(env.toasts.map((t) => t.message)).toEqual(['未共享给任何人 / Nothing was shared']);
    }
  });

  it('YES adds the active admins as editors in one call; asked again, there is nobody new to add', () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(3), 管理员: ADMINS } });
    env.editors.push('wu@example.com'); // already shared by hand
    env.alertAnswers.push('YES');
    load(env).shareWithAdminTeam();
    expect(env.alerts[0].message).toContain('已是编辑者');
    expect(env.alerts[0].message).not.toContain('<wu@example.com>');
    expect(env.calls.get('Spreadsheet.addEditors')).toBe(1);
    expect([...env.editors].sort()).toEqual(['owner@example.com', ...active].sort());
    expect(env.toasts.at(-1)!.message).toBe('已共享给 3 人 / Shared with 3 people');

    load(env).shareWithAdminTeam();
    expect(env.alerts).toHaveLength(2);
    expect(env.alerts[1].buttons).toBe('OK');
    expect(env.alerts[1].message).toContain('没有需要新增的编辑者');
    expect(env.calls.get('Spreadsheet.addEditors')).toBe(1);
  });

  it('shares nothing while the Admins sheet has problems, and says which', () => {
    const broken = ADMINS.map((r) => [...r]);
    broken[2][3] = '马丽'; // 吴组长 reports to 马丽, who reports to 吴组长: a cycle
    const env = new FakeEnv({ sheets: { 成员: memberGrid(3), 管理员: broken } });
    env.alertAnswers.push('YES');
    load(env).shareWithAdminTeam();
    expect(env.alerts).toHaveLength(1);
    expect(env.alerts[0].buttons).toBe('OK');
    expect(env.alerts[0].message).toMatch(/未共享给任何人/);
    expect(env.alerts[0].message).toContain('汇报关系成环：吴组长 → 马丽 → 吴组长');
    expect(env.editors).toEqual(['owner@example.com']);
  });

  it('without an Admins sheet: says so, shares nothing', () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(3) } });
    load(env).shareWithAdminTeam();
    expect(env.alerts).toHaveLength(1);
    expect(env.alerts[0].message).toContain('没有「管理员」表');
    expect(env.editors).toEqual(['owner@example.com']);
  });

  it('a refused address is reported in an alert', () => {
    const env = new FakeEnv({ sheets: { 成员: memberGrid(3), 管理员: ADMINS } });
    env.refusedEditors.add('ma@example.com');
    env.alertAnswers.push('YES');
    const logged: unknown[] = [];
    load(env, { console: { ...console, error: (e: unknown) => logged.push(e) } }).shareWithAdminTeam();
    expect(logged).toHaveLength(1);
    expect(env.alerts).toHaveLength(2);
    expect(env.alerts[1].message).toMatch(/共享失败 \/ Sharing failed: .*ma@example\.com/);
  });
});
