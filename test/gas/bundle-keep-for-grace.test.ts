/**
 * The grace choice of a rule change in the built dist/Code.js (bare vm,
 * fake services): saved with the version through the sidebar's fencengSave,
 * honoured by the sidebar's recompute and by the menu's 重新计算分层 alike.
 */
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { useBuiltBundle } from './built-bundle.js';
import { FakeEnv, type StoredCell } from './fakes.js';

const DAY = 86_400_000;
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];
const bundle = useBuiltBundle();

/** Alternately 25 and 40 comments, all active yesterday: every member is core under the defaults. */
function grid(n: number): unknown[][] {
  return [HEADER, ...Array.from({ length: n }, (_, i) => [`U${100 + i}`, `成员${i}`, new Date(Date.now() - DAY), i % 2 ? 40 : 25, 0, 0, 0, 0, 0])];
}

/** The core rule's comment threshold at 30: the members with 25 fall to potential. */
function raised(): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any[0].value = 30;
  return sets;
}

function column(raw: StoredCell[][], name: string): StoredCell[] {
  const i = raw[0].indexOf(name);
  expect(i, name).toBeGreaterThanOrEqual(0);
  return raw.slice(1).map((r) => r[i]);
}

function call(env: FakeEnv, fn: string, request: unknown): any {
  const ctx = bundle.load(env); // each google.script.run call is a fresh execution
  ctx.__request = JSON.parse(JSON.stringify(request));
  const r = vm.runInContext(`${fn}(__request)`, ctx);
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return r.value;
}

async function tiered(): Promise<FakeEnv> {
  const env = new FakeEnv({ sheets: { 成员: grid(20) } });
  await bundle.load(env).recomputeTiers();
  expect(new Set(column(env.sheet('成员').raw(), '活跃层级'))).toEqual(new Set(['核心成员']));
  return env;
}

describe('keep for grace in the Apps Script bundle', () => {
  it('preview counts the demotions; saved with keepForGrace, both run paths keep them in grace', async () => {
    const env = await tiered();
    const preview = call(env, 'fencengPreview', { locale: 'zh', ruleSets: raised(), settings: {} });
    expect(preview.ruleSets.find((s: { id: string }) => s.id === 'activity')).toMatchObject({ demoted: 10, graceDays: 14 });
    call(env, 'fencengSave', { locale: 'zh', ruleSets: raised(), settings: {}, note: '门槛 30', baseVersion: null, keepForGrace: ['activity'] });
    call(env, 'fencengRecompute', { locale: 'zh' });
    const reasons = column(env.sheet('成员').raw(), '分层依据');
    expect(new Set(column(env.sheet('成员').raw(), '活跃层级'))).toEqual(new Set(['核心成员']));
    expect(reasons.filter((r) => /^核心成员（宽限期：还剩 14 天）；规则结果 潜力成员/.test(String(r)))).toHaveLength(10);
    // The menu's run (a separate path) sees the same saved choice and changes nothing the same day.
    await bundle.load(env).recomputeTiers();
    expect(column(env.sheet('成员').raw(), '分层依据')).toEqual(reasons);
  }, 120_000);

  it('without the choice the same save drops them at once', async () => {
    const env = await tiered();
    call(env, 'fencengSave', { locale: 'zh', ruleSets: raised(), settings: {}, note: '', baseVersion: null });
    await bundle.load(env).recomputeTiers();
    expect(column(env.sheet('成员').raw(), '活跃层级').filter((t) => t === '潜力成员')).toHaveLength(10);
  }, 120_000);
});
