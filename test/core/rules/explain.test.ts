import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import type { FactValues } from '../../../src/core/facts/facts.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../../../src/core/rules/explain.js';
import { tierLabel } from '../../../src/core/rules/tier-label.js';
import type { Locale } from '../../../src/core/base/locale.js';
import type { RuleSet } from '../../../src/core/rules/types.js';
import { civilDay } from '../../../src/core/base/time.js';

const TODAY = civilDay(2026, 11, 26)!;
const [ACTIVITY, CONTRIBUTION] = DEFAULT_RULE_SETS;

async function explain(set: RuleSet, facts: FactValues, locale: Locale = 'zh') {
  const ev = await createEvaluator(set, TODAY).evaluate(facts);
  return { ev, reason: explainPlacement(set, ev, TODAY, locale), progress: progressToNextTier(set, ev, TODAY, locale) };
}

describe('explainPlacement', () => {
  it('quotes the rule that placed the member with the actual values', async () => {
    const { reason } = await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY - 2 });
    expect(reason).toBe('核心成员：近30天评论 45 ≥ 20，最近活跃 2 天前 ≤ 7');
  });

  it('follows the member\'s values, not fixed text', async () => {
    const { reason } = await explain(ACTIVITY, { comments30d: 23, lastActiveAt: TODAY - 6 });
    expect(reason).toBe('核心成员：近30天评论 23 ≥ 20，最近活跃 6 天前 ≤ 7');
    const potential = await explain(ACTIVITY, { comments30d: 8, lastActiveAt: TODAY - 5 });
    expect(potential.reason).toBe('潜力成员：近30天评论 8 ≥ 3，最近活跃 5 天前 ≤ 30');
  });

  it('quotes the derived fact that met the condition', async () => {
    const { reason } = await explain(ACTIVITY, { likes30d: 140, comments30d: 5, shares30d: 10, lastActiveAt: TODAY });
    // comments 5 < 20, so the interactions branch is what held.
    expect(reason).toContain('核心成员：');
    expect(reason).toContain('近30天互动（评论+点赞+转发） 155 ≥ 150');
    // Active today reads 今天, not 0 天前.
    expect(reason).toContain('最近活跃 今天 ≤ 7');
    expect(reason).not.toContain('0 天前');
  });

  it('all conditions of an all-rule are listed (contribution: posts and likes received)', async () => {
    const { reason } = await explain(CONTRIBUTION, { posts30d: 2, likesReceived30d: 1500 });
    expect(reason).toBe('内容创造者：近30天发布 2 ≥ 1，近30天获赞 1500 ≥ 1000');
  });

  it('the default tier says 默认层级', async () => {
    const { reason } = await explain(ACTIVITY, { comments30d: 1, lastActiveAt: TODAY - 50 });
    expect(reason).toBe('沉默成员：未满足更高层级的条件（默认层级）');
  });

  it('English locale gives English text', async () => {
    const core = await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY - 2 }, 'en');
    expect(core.reason).toBe('Core member: Comments (30d) 45 ≥ 20, Last active 2 days ago ≤ 7');
    const silent = await explain(ACTIVITY, {}, 'en');
    expect(silent.reason).toBe("Silent member: no higher tier's conditions met (default tier)");
    expect(silent.reason).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('date operators are explained in days', async () => {
    const set: RuleSet = {
      ...ACTIVITY,
      rules: [{ name: 'recent', priority: 10, conditions: { all: [{ fact: 'lastActiveAt', operator: 'withinDays', value: 7 }] }, event: { type: 'tier', params: { tier: 'core' } } }],
    };
    expect((await explain(set, { lastActiveAt: TODAY - 3 })).reason).toBe('核心成员：最近活跃 3 天前 ≤ 7 天');
    expect((await explain(set, { lastActiveAt: TODAY - 3 }, 'en')).reason).toBe('Core member: Last active 3 days ago ≤ 7 days');
    expect((await explain(set, { lastActiveAt: TODAY })).reason).toBe('核心成员：最近活跃 今天 ≤ 7 天');
    expect((await explain(set, { lastActiveAt: TODAY }, 'en')).reason).toBe('Core member: Last active today ≤ 7 days');
    expect((await explain(set, { lastActiveAt: TODAY - 1 }, 'en')).reason).toBe('Core member: Last active 1 day ago ≤ 7 days');
  });

  it('a days-ago fact at 0 reads 今天 / today, 1 reads 1 day ago', async () => {
    const today = await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY });
    expect(today.reason).toBe('核心成员：近30天评论 45 ≥ 20，最近活跃 今天 ≤ 7');
    expect((await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY }, 'en')).reason).toBe('Core member: Comments (30d) 45 ≥ 20, Last active today ≤ 7');
    expect((await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY - 1 }, 'en')).reason).toBe('Core member: Comments (30d) 45 ≥ 20, Last active 1 day ago ≤ 7');
  });
});

describe('progressToNextTier', () => {
  it('a potential member active 5 days ago with 8 comments is 12 comments short of core', async () => {
    const { ev, progress } = await explain(ACTIVITY, { comments30d: 8, lastActiveAt: TODAY - 5 });
    expect(ev.tier).toBe('potential');
    expect(progress).toBe('距核心成员：近30天评论还差 12');
  });

  it('names the cheapest path and every condition still unmet', async () => {
    // Active 10 days ago: core needs both more activity and a more recent visit.
    const { progress } = await explain(ACTIVITY, { comments30d: 18, lastActiveAt: TODAY - 10 });
    expect(progress).toContain('距核心成员：');
    expect(progress).toContain('近30天评论还差 2');
    expect(progress).toContain('最近活跃需 ≤ 7 天前（现为 10 天前）');
  });

  it('the top tier says 已是最高层级, naming which tier kind (活跃 / 贡献)', async () => {
    const { progress } = await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY - 2 });
    expect(progress).toBe('活跃：已是最高层级');
    expect((await explain(ACTIVITY, { comments30d: 45, lastActiveAt: TODAY - 2 }, 'en')).progress).toBe('Activity: already the top tier');
    expect((await explain(CONTRIBUTION, { posts30d: 5 })).progress).toBe('贡献：已是最高层级');
    expect((await explain(CONTRIBUTION, { posts30d: 5 }, 'en')).progress).toBe('Contribution: already the top tier');
    // A rule set whose label is not "… 层级" is named as it is.
    expect((await explain({ ...ACTIVITY, label: { zh: '粉丝等级', en: 'Fan level' } }, { comments30d: 45, lastActiveAt: TODAY - 2 })).progress).toBe('粉丝等级：已是最高层级');
  });

  it('a silent member is pointed at potential, not core', async () => {
    const { progress } = await explain(ACTIVITY, { comments30d: 1, lastActiveAt: TODAY - 3 });
    expect(progress).toBe('距潜力成员：近30天评论还差 2');
  });

  it('a missing date is called out as missing', async () => {
    const { progress } = await explain(ACTIVITY, { comments30d: 50 });
    expect(progress).toBe('距潜力成员：最近活跃缺失');
  });

  it('English locale gives English text', async () => {
    const { progress } = await explain(ACTIVITY, { comments30d: 8, lastActiveAt: TODAY - 5 }, 'en');
    expect(progress).toBe('To Core member: Comments (30d) 12 short');
  });

  it('contribution: an observer is told what an interactor needs', async () => {
    const { progress } = await explain(CONTRIBUTION, { comments30d: 7 });
    expect(progress).toBe('距互动者：近30天评论还差 3');
  });

  // Regression: found by these tests and fixed.
  it('a greaterThan condition that is already met is not reported as a shortfall', async () => {
    const set: RuleSet = {
      ...ACTIVITY,
      rules: [
        {
          name: 'core',
          priority: 30,
          conditions: {
            all: [
              { fact: 'liveMinutes30d', operator: 'greaterThan', value: 30 },
              { fact: 'daysSinceActive', operator: 'lessThanInclusive', value: 7 },
            ],
          },
          event: { type: 'tier', params: { tier: 'core' } },
        },
        { name: 'potential', priority: 20, conditions: { all: [{ fact: 'liveMinutes30d', operator: 'greaterThan', value: 0 }] }, event: { type: 'tier', params: { tier: 'potential' } } },
      ],
    };
    const { ev, progress } = await explain(set, { liveMinutes30d: 30.5, lastActiveAt: TODAY - 9 });
    expect(ev.tier).toBe('potential');
    expect(progress).toContain('最近活跃需 ≤ 7 天前（现为 9 天前）');
    expect(progress).not.toContain('直播观看分钟还差');
  });
});

describe('tierLabel', () => {
  it('gives the tier name in the locale, or the id when unknown', () => {
    expect(tierLabel(ACTIVITY, 'core', 'zh')).toBe('核心成员');
    expect(tierLabel(ACTIVITY, 'core', 'en')).toBe('Core member');
    expect(tierLabel(ACTIVITY, 'vip', 'zh')).toBe('vip');
  });
});
