import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { analyzeRuleSet } from '../../../src/core/rules/analyze/analyze.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import { relaxRuleSet } from '../../../src/core/rules/relax.js';
import { member, ruleSet, TODAY } from './analyze/arbitraries.js';

describe('relaxRuleSet (the low-water mark)', () => {
  it('moves every threshold in the member’s favour, the other way under not', () => {
    const relaxed = relaxRuleSet(DEFAULT_RULE_SETS[0], 0.9);
    const core = relaxed.rules[0].conditions as unknown as { all: [{ any: Array<{ value: number }> }, { value: number }] };
    expect(core.all[0].any.map((c) => c.value)).toEqual([18, 135, 3.6, 270]);
    expect(core.all[1].value).toBe(7.78); // daysSinceActive ≤ 7 → ≤ 7.78
    const neg = relaxRuleSet({ ...DEFAULT_RULE_SETS[0], rules: [{ ...DEFAULT_RULE_SETS[0].rules[0], conditions: { not: { fact: 'comments30d', operator: 'lessThan', value: 10 } } }] }, 0.9);
    expect((neg.rules[0].conditions as { not: { value: number } }).not.value).toBe(9); // not (x < 10) → not (x < 9)
  });

  it('the relaxed rules match every member the rules match (json-rules-engine, random rule sets)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSet, fc.array(member, { minLength: 20, maxLength: 20 }), fc.constantFrom(0.5, 0.8, 0.9, 1), async (set, members, share) => {
        const strict = createEvaluator(set, TODAY);
        const loose = createEvaluator(relaxRuleSet(set, share), TODAY);
        for (const m of members) {
          const a = new Set((await strict.evaluate(m)).matches.map((x) => x.rule.name));
          const b = new Set((await loose.evaluate(m)).matches.map((x) => x.rule.name));
          for (const name of a) expect(b.has(name), `${name} for ${JSON.stringify(m)}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('share 1 changes nothing the analysis can tell apart', () => {
    const set = DEFAULT_RULE_SETS[0];
    expect(analyzeRuleSet(relaxRuleSet(set, 1)).findings).toEqual(analyzeRuleSet(set).findings);
  });
});
