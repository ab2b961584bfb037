import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FactValues } from '../../../src/core/facts/facts.js';
import { civilDay } from '../../../src/core/base/time.js';
import { compileRuleSets, percentileCuts } from '../../../src/core/rules/compile.js';
import { compileExplainer } from '../../../src/core/rules/compile-explain.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../../../src/core/rules/explain.js';
import { cutKey, cutOf } from '../../../src/core/rules/percentile.js';
import { relaxRuleSet } from '../../../src/core/rules/relax.js';
import type { Condition, RuleSet } from '../../../src/core/rules/types.js';
import { validateRuleSet } from '../../../src/core/rules/validate.js';

const TODAY = civilDay(2026, 11, 26)!;
const top = (fact: string, n: number, operator = 'greaterThanInclusive'): Condition => ({ fact, operator, value: { fact: 'percentile', params: { fact, top: n } } });

/** Core = top 10% by interactions, active = top 50% by comments, else silent. */
function percentileSet(extra: Partial<RuleSet> = {}): RuleSet {
  return {
    id: 'pct',
    label: { zh: '百分位', en: 'Percentile' },
    hitPolicy: 'first',
    tiers: [
      { id: 'core', zh: '核心成员', en: 'Core member' },
      { id: 'active', zh: '活跃成员', en: 'Active member' },
      { id: 'silent', zh: '沉默成员', en: 'Silent member' },
    ],
    default: { tier: 'silent' },
    rules: [
      { name: '核心', priority: 20, conditions: { all: [top('interactions30d', 10)] }, event: { type: 'tier', params: { tier: 'core' } } },
      { name: '活跃', priority: 10, conditions: { all: [top('comments30d', 50)] }, event: { type: 'tier', params: { tier: 'active' } } },
    ],
    ...extra,
  };
}

const sortedOf = (xs: number[]) => Float64Array.from(xs).sort();

describe('the cut of the top N%', () => {
  it('is the value at rank ⌈n·N/100⌉ from the top, ties all in', () => {
    expect(cutOf(sortedOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 10)).toBe(10);
    expect(cutOf(sortedOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 25)).toBe(8); // ⌈2.5⌉ = 3rd largest
    expect(cutOf(sortedOf([5, 9, 9, 9, 1]), 20)).toBe(9); // three tie at 9: all three are in the top 20%
    expect(cutOf(sortedOf([3]), 0.001)).toBe(3); // at least one member
    expect(cutOf(sortedOf([3, 1, 2]), 100)).toBe(1); // everyone
    expect(cutOf(sortedOf([]), 10)).toBeUndefined();
  });

  it('brute force: at least k members are ≥ the cut and fewer than k are above it, k = max(1, ⌈n·N/100⌉)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }), fc.constantFrom(0.5, 1, 10, 12.5, 33, 50, 99, 100), (xs, n) => {
        const cut = cutOf(sortedOf(xs), n)!;
        const k = Math.max(1, Math.ceil((xs.length * n) / 100));
        expect(xs).toContain(cut);
        expect(xs.filter((x) => x >= cut).length).toBeGreaterThanOrEqual(k);
        expect(xs.filter((x) => x > cut).length).toBeLessThan(k);
      }),
    );
  });

  it('is over members with a value as the rule set sees it: missing values left out, or 0 with missingAsZero', () => {
    const members: FactValues[] = [{ comments30d: 10 }, { comments30d: 8 }, {}, { comments30d: null }, { comments30d: 6 }, { comments30d: 4 }];
    const [plain] = percentileCuts([percentileSet()], TODAY, members);
    expect(plain!.get(cutKey('comments30d', 50))).toBe(8); // 4 with a value: 2nd largest
    const [zero] = percentileCuts([percentileSet({ missingAsZero: ['comments30d'] })], TODAY, members);
    expect(zero!.get(cutKey('comments30d', 50))).toBe(6); // 6 with a value (two zeros): 3rd largest
    expect(percentileCuts([{ ...percentileSet(), rules: [] }], TODAY, members)).toEqual([undefined]);
  });
});

describe('percentile conditions in both engines', () => {
  const members: FactValues[] = Array.from({ length: 20 }, (_, i) => ({ comments30d: i, likes30d: i * 10, shares30d: i % 3 === 0 ? null : 1 }));
  members.push({}, { comments30d: null });

  async function both(set: RuleSet, people: FactValues[]) {
    const [cuts] = percentileCuts([set], TODAY, people);
    const reference = createEvaluator(structuredClone(set), TODAY, cuts);
    const compiled = compileRuleSets([set], TODAY, [cuts]);
    const explainer = { zh: compileExplainer(compiled.sets[0], 'zh'), en: compileExplainer(compiled.sets[0], 'en') };
    const out = [];
    for (const facts of people) {
      const want = await reference.evaluate(facts);
      const m = compiled.load(facts);
      expect(compiled.evaluate(0, m, facts)).toEqual(want);
      const rule = compiled.sets[0].placingRule(m);
      for (const locale of ['zh', 'en'] as const) {
        expect(explainer[locale].explanation(rule, m)).toBe(explainPlacement(set, want, TODAY, locale));
        expect(explainer[locale].progress(rule, m, facts)).toBe(progressToNextTier(set, want, TODAY, locale));
      }
      out.push({ tier: want.tier, zh: explainPlacement(set, want, TODAY, 'zh'), en: explainPlacement(set, want, TODAY, 'en'), progress: progressToNextTier(set, want, TODAY, 'zh') });
    }
    return { cuts, out };
  }

  it('place the top 10% by interactions as core, quoting the cut', async () => {
    const { cuts, out } = await both(percentileSet(), members);
    // 20 members with interactions (i·11 + shares), top 10% = the 2 largest: 19·11+1 = 210, 18·11 = 198.
    expect(cuts!.get(cutKey('interactions30d', 10))).toBe(198);
    expect(out.filter((o) => o.tier === 'core')).toHaveLength(2);
    expect(out[19].zh).toBe('核心成员：近30天互动（评论+点赞+转发） 210 ≥ 198（前 10%）');
    expect(out[19].en).toBe('Core member: Interactions (30d: comments+likes+shares) 210 ≥ 198 (top 10%)');
    // 20 with comments: the top 50% are the 10 largest (10…19); the cut is 10.
    expect(out.filter((o) => o.tier === 'active')).toHaveLength(8);
    expect(out[10].progress).toBe('距核心成员：近30天互动（评论+点赞+转发）还差 87（前 10% 门槛 198）'); // 10 + 100 + 1 = 111
    expect(out[9].tier).toBe('silent');
    expect(out[20].tier).toBe('silent'); // no value: never in the top
  });

  it('an empty community has no cut: nobody is in the top, and no rule leads there', async () => {
    const { cuts, out } = await both(percentileSet(), [{}, { comments30d: null }]);
    expect(cuts!.size).toBe(0);
    expect(out.map((o) => o.tier)).toEqual(['silent', 'silent']);
    expect(out[0].progress).toBe('距活跃成员：无可用规则');
  });

  it('ties at the cut are all in (deterministic, whatever the order)', async () => {
    const tied: FactValues[] = [5, 9, 9, 9, 1, 2, 3, 4, 0, 0].map((c) => ({ comments30d: c }));
    const set = percentileSet({ rules: [{ name: '前 20%', priority: 1, conditions: { all: [top('comments30d', 20)] }, event: { type: 'tier', params: { tier: 'core' } } }] });
    const a = (await both(set, tied)).out.map((o) => o.tier);
    const b = (await both(set, [...tied].reverse())).out.map((o) => o.tier).reverse();
    expect(a).toEqual(b);
    expect(a.filter((t) => t === 'core')).toHaveLength(3);
  });

  it('"not in the top N%" and a negated top hold for the rest', async () => {
    const set = percentileSet({
      rules: [
        { name: 'below', priority: 2, conditions: { all: [top('comments30d', 50, 'lessThan'), { fact: 'comments30d', operator: 'greaterThan', value: 3 }] }, event: { type: 'tier', params: { tier: 'active' } } },
        { name: 'not top', priority: 1, conditions: { not: top('comments30d', 50) }, event: { type: 'tier', params: { tier: 'core' } } },
      ],
    });
    const { out } = await both(set, members);
    expect(out.slice(0, 20).map((o) => o.tier)).toEqual([...Array(4).fill('core'), ...Array(6).fill('active'), ...Array(10).fill('silent')]);
    expect(out[20].tier).toBe('core'); // missing: not in the top, so `not top` holds
  });

  it('the low-water mark relaxes the cut by the same share, rounded as any threshold', async () => {
    const set = percentileSet({ lowWaterMark: 0.9 });
    const loose = relaxRuleSet(set, 0.9);
    expect(loose.rules[0].conditions).toEqual({ all: [{ fact: 'interactions30d', operator: 'greaterThanInclusive', value: { fact: 'percentile', params: { fact: 'interactions30d', top: 10, relax: { share: 0.9, lower: true } } } }] });
    const [cuts] = percentileCuts([set], TODAY, members);
    const ev = await createEvaluator(loose, TODAY, cuts).evaluate({ comments30d: 17, likes30d: 170, shares30d: 1 });
    expect(ev.tier).toBe('core'); // 188 ≥ 198 × 0.9 = 178.2
    expect(explainPlacement(loose, ev, TODAY, 'zh')).toBe('核心成员：近30天互动（评论+点赞+转发） 188 ≥ 178.2（前 10% 的 90%）');
    const compiled = compileRuleSets([loose], TODAY, [cuts]);
    const m = compiled.load({ comments30d: 17, likes30d: 170, shares30d: 1 });
    expect(compileExplainer(compiled.sets[0], 'en').explanation(compiled.sets[0].placingRule(m), m)).toBe('Core member: Interactions (30d: comments+likes+shares) 188 ≥ 178.2 (90% of top 10%)');
  });

  it('an engine asked without the run’s cuts refuses (a wiring bug, not an empty tier)', () => {
    expect(() => createEvaluator(percentileSet(), TODAY)).toThrow(/percentile cuts/);
    expect(() => compileRuleSets([percentileSet()], TODAY)).toThrow(/percentile cuts/);
  });
});

describe('validating percentile conditions', () => {
  const withLeaf = (leaf: unknown, hitPolicy: 'first' | 'collect' = 'first') => {
    const set = percentileSet() as unknown as Record<string, unknown>;
    if (hitPolicy === 'collect') Object.assign(set, { hitPolicy, tiers: [], default: undefined, rules: [{ name: 'r', priority: 1, conditions: { all: [leaf] }, event: { type: 'points', params: { points: 1 } } }] });
    else (set.rules as Array<{ conditions: unknown }>)[0].conditions = { all: [leaf] };
    return validateRuleSet(set);
  };
  const message = (leaf: unknown, hitPolicy?: 'first' | 'collect') => {
    const problems = withLeaf(leaf, hitPolicy);
    expect(problems).toHaveLength(1);
    return `${problems[0].rule} ${problems[0].path} ${problems[0].message}`;
  };

  it('accepts the shapes it documents', () => {
    expect(validateRuleSet(percentileSet())).toEqual([]);
    expect(withLeaf(top('likes30d', 0.5, 'lessThan'))).toEqual([]);
    expect(withLeaf(top('daysInCommunity', 100, 'greaterThan'))).toEqual([]);
  });

  it('refuses N outside (0, 100], another fact, other operators, extra params, other referenced facts and collect sets, naming rule and path', () => {
    expect(message({ fact: 'comments30d', operator: 'greaterThanInclusive', value: { fact: 'percentile', params: { fact: 'comments30d', top: 0 } } })).toBe(
      '核心 rules[0].conditions.all[0].value.params.top 前 N% 的 N 必须是大于 0、不超过 100 的数，现为 0 / N of top N% must be a number above 0 and at most 100, got 0',
    );
    expect(message(top('comments30d', 101))).toMatch(/params\.top .*现为 101/);
    expect(message({ fact: 'comments30d', operator: 'greaterThanInclusive', value: { fact: 'percentile', params: { fact: 'comments30d', top: '10' } } })).toMatch(/现为 "10"/);
    expect(message({ fact: 'comments30d', operator: 'greaterThanInclusive', value: { fact: 'percentile', params: { fact: 'likes30d', top: 10 } } })).toMatch(/params\.fact .*近30天评论.*"likes30d"/);
    expect(message({ ...top('comments30d', 10), operator: 'equal' })).toMatch(/all\[0\]\.operator .*≥、>、≤、<.*equal/);
    expect(message({ fact: 'comments30d', operator: 'greaterThan', value: { fact: 'percentile', params: { fact: 'comments30d', top: 10, relax: {} } } })).toMatch(/params\.relax/);
    expect(message({ fact: 'comments30d', operator: 'greaterThan', value: { fact: 'percentile', path: '$.x', params: { fact: 'comments30d', top: 10 } } })).toMatch(/value\.path/);
    expect(message({ fact: 'comments30d', operator: 'greaterThan', value: { fact: 'likes30d' } })).toMatch(/value\.fact .*只能引用「percentile」/);
    expect(message({ fact: 'comments30d', operator: 'greaterThan', value: { fact: 'percentile' } })).toMatch(/params: \{ fact, top \}/);
    expect(message({ fact: 'lastActiveAt', operator: 'withinDays', value: { fact: 'percentile', params: { fact: 'lastActiveAt', top: 10 } } })).toMatch(/≥、>、≤、<|withinDays/);
    expect(message(top('comments30d', 10), 'collect')).toMatch(/只能用于分层规则集/);
  });
});
