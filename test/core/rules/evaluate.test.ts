import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { deriveFacts, type FactValues } from '../../../src/core/facts/facts.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import type { Condition, Rule, RuleSet } from '../../../src/core/rules/types.js';
import { civilDay } from '../../../src/core/base/time.js';

const TODAY = civilDay(2026, 11, 26)!;
const [ACTIVITY, CONTRIBUTION] = DEFAULT_RULE_SETS;

const rule = (name: string, priority: number, tier: string, conditions: Condition): Rule => ({
  name,
  priority,
  conditions,
  event: { type: 'tier', params: { tier } },
});

/** Three overlapping thresholds on comments, declared out of priority order. */
function ladder(hitPolicy: 'first' | 'collect' = 'first', missingAsZero?: string[]): RuleSet {
  return {
    id: 'ladder',
    label: { zh: '梯子', en: 'Ladder' },
    hitPolicy,
    tiers: [
      { id: 'high', zh: '高', en: 'High' },
      { id: 'mid', zh: '中', en: 'Mid' },
      { id: 'low', zh: '低', en: 'Low' },
      { id: 'none', zh: '无', en: 'None' },
    ],
    default: { tier: 'none' },
    missingAsZero,
    rules: [
      rule('low', 10, 'low', { all: [{ fact: 'comments30d', operator: 'greaterThanInclusive', value: 1 }] }),
      rule('high', 30, 'high', { all: [{ fact: 'comments30d', operator: 'greaterThanInclusive', value: 10 }] }),
      rule('mid', 20, 'mid', { all: [{ fact: 'comments30d', operator: 'greaterThanInclusive', value: 5 }] }),
    ],
  };
}

describe('createEvaluator: hit policy first', () => {
  it('picks the highest-priority matching rule when several match', async () => {
    const ev = await createEvaluator(ladder(), TODAY).evaluate({ comments30d: 12 });
    expect(ev.tier).toBe('high');
    expect(ev.placedBy?.rule.name).toBe('high');
    expect(ev.matches.map((m) => m.rule.name)).toEqual(['high', 'mid', 'low']);
  });

  it('a lower value lands on the highest rule it still meets', async () => {
    const e = createEvaluator(ladder(), TODAY);
    expect((await e.evaluate({ comments30d: 7 })).tier).toBe('mid');
    expect((await e.evaluate({ comments30d: 5 })).tier).toBe('mid');
    expect((await e.evaluate({ comments30d: 4 })).tier).toBe('low');
  });

  it('falls back to the default tier when no rule matches, with no placedBy', async () => {
    const e = createEvaluator(ladder(), TODAY);
    const ev = await e.evaluate({ comments30d: 0 });
    expect(ev.tier).toBe('none');
    expect(ev.placedBy).toBeUndefined();
    expect(ev.matches).toEqual([]);
  });

  it('a missing value does not meet a numeric condition (no invented zeros)', async () => {
    const ev = await createEvaluator(ladder(), TODAY).evaluate({ comments30d: null });
    expect(ev.tier).toBe('none');
  });

  it('missingAsZero turns a missing value into 0 for this rule set', async () => {
    const set = ladder('first', ['comments30d']);
    set.rules.push(rule('zero', 5, 'none', { all: [{ fact: 'comments30d', operator: 'equal', value: 0 }] }));
    const ev = await createEvaluator(set, TODAY).evaluate({ comments30d: null });
    expect(ev.facts.comments30d).toBe(0);
    expect(ev.placedBy?.rule.name).toBe('zero');
    // Without missingAsZero the same rule does not fire.
    const plain = ladder();
    plain.rules.push(rule('zero', 5, 'none', { all: [{ fact: 'comments30d', operator: 'equal', value: 0 }] }));
    const ev2 = await createEvaluator(plain, TODAY).evaluate({ comments30d: null });
    expect(ev2.facts.comments30d).toBeNull();
    expect(ev2.placedBy).toBeUndefined();
  });

  it('the evaluator is reused across members without leaking facts', async () => {
    const e = createEvaluator(ladder(), TODAY);
    const results = await Promise.all([e.evaluate({ comments30d: 12 }), e.evaluate({ comments30d: 0 }), e.evaluate({ comments30d: 6 })]);
    expect(results.map((r) => r.tier)).toEqual(['high', 'none', 'mid']);
    expect((await e.evaluate({})).tier).toBe('none');
  });

  it('records the leaf conditions that held, with the values that met them', async () => {
    const ev = await createEvaluator(ACTIVITY, TODAY).evaluate({ comments30d: 45, lastActiveAt: TODAY - 2 });
    expect(ev.tier).toBe('core');
    expect(ev.placedBy?.held).toEqual([
      { fact: 'comments30d', operator: 'greaterThanInclusive', value: 20, factValue: 45 },
      { fact: 'daysSinceActive', operator: 'lessThanInclusive', value: 7, factValue: 2 },
    ]);
  });

  it('quotes the branch of an any that held, not the first branch', async () => {
    const ev = await createEvaluator(ACTIVITY, TODAY).evaluate({ comments30d: 0, posts30d: 5, lastActiveAt: TODAY });
    expect(ev.placedBy?.held).toEqual([
      { fact: 'posts30d', operator: 'greaterThanInclusive', value: 4, factValue: 5 },
      { fact: 'daysSinceActive', operator: 'lessThanInclusive', value: 7, factValue: 0 },
    ]);
  });
});

describe('createEvaluator: hit policy collect', () => {
  it('returns every matching rule sorted by priority, and no tier', async () => {
    const ev = await createEvaluator(ladder('collect'), TODAY).evaluate({ comments30d: 6 });
    expect(ev.matches.map((m) => [m.rule.name, m.rule.priority])).toEqual([
      ['mid', 20],
      ['low', 10],
    ]);
    expect(ev.tier).toBeUndefined();
    expect(ev.placedBy).toBeUndefined();
  });
});

describe('createEvaluator: equal priorities', () => {
  it('lists rules of equal priority in the order they are written, however deep their conditions', async () => {
    const leaf = { fact: 'comments30d', operator: 'greaterThanInclusive', value: 1 };
    const set: RuleSet = {
      ...ladder('collect'),
      rules: [
        rule('deep', 5, 'low', { all: [{ any: [{ all: [leaf, leaf] }, leaf] }, leaf] }),
        rule('shallow', 5, 'low', { all: [leaf] }),
      ],
    };
    const ev = await createEvaluator(set, TODAY).evaluate({ comments30d: 3 });
    expect(ev.matches.map((m) => m.rule.name)).toEqual(['deep', 'shallow']);
  });
});

describe('derived facts', () => {
  it('deriveFacts computes daysSinceActive, daysInCommunity and interactions30d', () => {
    const f = deriveFacts({ lastActiveAt: TODAY - 5, joinedAt: TODAY - 100, comments30d: 3, likes30d: null, shares30d: 2 }, TODAY);
    expect(f).toMatchObject({ daysSinceActive: 5, daysInCommunity: 100, interactions30d: 5 });
  });

  it('a derived fact is missing when all it is made of is missing; future dates count as today', () => {
    const f = deriveFacts({ lastActiveAt: TODAY + 3 }, TODAY);
    expect(f).toMatchObject({ daysSinceActive: 0, daysInCommunity: null, interactions30d: null });
  });

  it('rules on derived facts work through the engine', async () => {
    const set: RuleSet = {
      ...ladder(),
      rules: [
        rule('busy', 30, 'high', { all: [{ fact: 'interactions30d', operator: 'greaterThanInclusive', value: 100 }, { fact: 'daysSinceActive', operator: 'lessThan', value: 3 }] }),
        rule('veteran', 20, 'mid', { all: [{ fact: 'daysInCommunity', operator: 'greaterThan', value: 365 }] }),
      ],
    };
    const e = createEvaluator(set, TODAY);
    expect((await e.evaluate({ comments30d: 40, likes30d: 50, shares30d: 10, lastActiveAt: TODAY - 2 })).tier).toBe('high');
    expect((await e.evaluate({ comments30d: 40, likes30d: 50, shares30d: 9, lastActiveAt: TODAY - 2 })).tier).toBe('none');
    expect((await e.evaluate({ comments30d: 40, likes30d: 50, shares30d: 10, lastActiveAt: TODAY - 3 })).tier).toBe('none');
    expect((await e.evaluate({ joinedAt: TODAY - 366 })).tier).toBe('mid');
    expect((await e.evaluate({ joinedAt: TODAY - 365 })).tier).toBe('none');
    const ev = await e.evaluate({ comments30d: 1, likes30d: 2, shares30d: 3, lastActiveAt: TODAY - 1 });
    expect(ev.facts).toMatchObject({ interactions30d: 6, daysSinceActive: 1 });
  });
});

describe('date operators', () => {
  const set = (): RuleSet => ({
    ...ladder(),
    rules: [
      rule('recent', 30, 'high', { all: [{ fact: 'lastActiveAt', operator: 'withinDays', value: 7 }] }),
      rule('lapsed', 20, 'low', { all: [{ fact: 'lastActiveAt', operator: 'olderThanDays', value: 30 }] }),
    ],
  });

  it('withinDays holds up to and including N days ago', async () => {
    const e = createEvaluator(set(), TODAY);
    expect((await e.evaluate({ lastActiveAt: TODAY })).tier).toBe('high');
    expect((await e.evaluate({ lastActiveAt: TODAY - 7 })).tier).toBe('high');
    expect((await e.evaluate({ lastActiveAt: TODAY - 8 })).tier).toBe('none');
    expect((await e.evaluate({ lastActiveAt: TODAY + 2 })).tier).toBe('high');
  });

  it('olderThanDays holds strictly beyond N days ago', async () => {
    const e = createEvaluator(set(), TODAY);
    expect((await e.evaluate({ lastActiveAt: TODAY - 30 })).tier).toBe('none');
    expect((await e.evaluate({ lastActiveAt: TODAY - 31 })).tier).toBe('low');
  });

  it('neither holds for a missing date', async () => {
    const e = createEvaluator(set(), TODAY);
    const ev = await e.evaluate({ lastActiveAt: null });
    expect(ev.matches).toEqual([]);
    expect(ev.tier).toBe('none');
  });

  it('"today" is the one the evaluator was created with', async () => {
    const later = createEvaluator(set(), TODAY + 10);
    expect((await later.evaluate({ lastActiveAt: TODAY })).tier).toBe('none');
  });
});

describe('the default rule sets', () => {
  const cases: Array<[string, FactValues, string, string]> = [
    ['45 comments, 2 days ago', { comments30d: 45, lastActiveAt: TODAY - 2 }, 'core', 'interactor'],
    ['45 comments but 10 days ago', { comments30d: 45, lastActiveAt: TODAY - 10 }, 'potential', 'interactor'],
    ['8 comments, 5 days ago', { comments30d: 8, lastActiveAt: TODAY - 5 }, 'potential', 'observer'],
    ['150 interactions via likes', { likes30d: 150, lastActiveAt: TODAY - 1 }, 'core', 'interactor'],
    ['300 live minutes', { liveMinutes30d: 300, lastActiveAt: TODAY }, 'core', 'observer'],
    ['3 posts, 40 days ago', { posts30d: 3, lastActiveAt: TODAY - 40 }, 'silent', 'creator'],
    ['1 post with 1000 likes received', { posts30d: 1, likesReceived30d: 1000, lastActiveAt: TODAY - 3 }, 'potential', 'creator'],
    ['5 shares', { shares30d: 5 }, 'silent', 'interactor'],
    ['everything empty', {}, 'silent', 'observer'],
  ];
  it.each(cases)('%s', async (_, facts, activity, contribution) => {
    expect((await createEvaluator(ACTIVITY, TODAY).evaluate(facts)).tier).toBe(activity);
    expect((await createEvaluator(CONTRIBUTION, TODAY).evaluate(facts)).tier).toBe(contribution);
  });
});
