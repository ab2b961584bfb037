import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import type { FactValues } from '../../../src/core/facts/facts.js';
import { compileRuleSets, percentileCuts } from '../../../src/core/rules/compile.js';
import { relaxRuleSet } from '../../../src/core/rules/relax.js';
import { compileExplainer } from '../../../src/core/rules/compile-explain.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../../../src/core/rules/explain.js';
import type { Locale } from '../../../src/core/base/locale.js';
import type { RuleSet } from '../../../src/core/rules/types.js';
import { validateRuleSet } from '../../../src/core/rules/validate.js';
import { civilDay } from '../../../src/core/base/time.js';
import { randomMember, randomRuleSet } from './random-rules.js';

/**
 * The compiled evaluator against json-rules-engine itself (createEvaluator):
 * random valid rule sets, random members, and every answer compared — tier,
 * every matching rule in order, the held conditions with their values, the
 * facts, and the explanation and progress texts in both languages. Any
 * difference is a bug in the compiled path.
 *
 * FENCENG_DIFF_RUNS=200000 runs far more rule sets locally.
 */
const TODAY = civilDay(2026, 11, 26)!;
const RULE_SETS = Number(process.env.FENCENG_DIFF_RUNS ?? 1100);
const MEMBERS_PER_SET = 10;

async function compare(set: RuleSet, members: FactValues[], valid = true): Promise<void> {
  if (valid) expect(validateRuleSet(set, 'random')).toEqual([]);
  // "Top N%" cuts over these members, the same for both engines (as a run gives them).
  const [cuts] = percentileCuts([set], TODAY, members);
  // json-rules-engine rewrites leaf priorities in place; each engine gets its own copy.
  const reference = createEvaluator(structuredClone(set), TODAY, cuts);
  const compiled = compileRuleSets([set], TODAY, [cuts]);
  const one = compiled.sets[0];
  const explainers = { zh: compileExplainer(one, 'zh'), en: compileExplainer(one, 'en') };
  for (const facts of members) {
    const want = await reference.evaluate(facts);
    const m = compiled.load(facts);
    const got = compiled.evaluate(0, m, facts);
    expect(got).toEqual(want);
    expect(one.matchingRules(m).map((i) => one.rules[i].name)).toEqual(want.matches.map((x) => x.rule.name));
    if (set.hitPolicy !== 'first') continue;
    const placing = one.placingRule(m);
    expect(one.tierOf(placing)).toBe(want.tier);
    for (const locale of ['zh', 'en'] as Locale[]) {
      expect(explainers[locale].explanation(placing, m)).toBe(explainPlacement(set, want, TODAY, locale));
      expect(explainers[locale].progress(placing, m, facts)).toBe(progressToNextTier(set, want, TODAY, locale));
    }
  }
}

describe('compiled rules equal json-rules-engine', () => {
  it(`agrees on ${RULE_SETS.toLocaleString()} random rule sets × ${MEMBERS_PER_SET} random members`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(randomRuleSet, fc.array(randomMember(TODAY), { minLength: MEMBERS_PER_SET, maxLength: MEMBERS_PER_SET }), async (set, members) => {
        await compare(set, members);
        cases += members.length;
        // The low-water mark's relaxed rules (a relaxed cut among them) agree too.
        if (set.hitPolicy === 'first' && cases % 3 === 0) await compare(relaxRuleSet(set, 0.9), members, false);
      }),
      { numRuns: RULE_SETS },
    );
    expect(cases).toBeGreaterThanOrEqual(RULE_SETS * MEMBERS_PER_SET);
  }, Math.max(120_000, RULE_SETS * 200));

  it('agrees on the shipped rule sets for random members', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomMember(TODAY, false), { minLength: 20, maxLength: 20 }), async (members) => {
        for (const set of DEFAULT_RULE_SETS) await compare(set, members);
      }),
      { numRuns: 50 },
    );
  }, 60_000);
});
