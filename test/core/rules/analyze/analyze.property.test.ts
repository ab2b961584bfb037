/**
 * The analysis's claims against brute force: every example it gives really
 * behaves as claimed in json-rules-engine (createEvaluator), and no random
 * member contradicts a "never" claim (unsatisfiable, shadowed, tier never
 * reached, default never used) or an "always" claim.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FactValues } from '../../../../src/core/facts/facts.js';
import { analyzeRuleSet, exampleFacts, type RuleSetAnalysis } from '../../../../src/core/rules/analyze/analyze.js';
import { createEvaluator } from '../../../../src/core/rules/evaluate.js';
import type { Condition, RuleSet } from '../../../../src/core/rules/types.js';
import { percentileCuts } from '../../../../src/core/rules/compile.js';
import { validateRuleSet } from '../../../../src/core/rules/validate.js';
import { member, ruleSet, TODAY } from './arbitraries.js';

async function check(set: RuleSet, analysis: RuleSetAnalysis, members: FactValues[]): Promise<void> {
  const ev = createEvaluator(set, TODAY);
  const run = async (facts: FactValues) => {
    const e = await ev.evaluate(facts);
    return { matched: new Set(e.matches.map((m) => m.rule.name)), placed: e.placedBy?.rule.name };
  };
  for (const v of analysis.rules) {
    if (v.example) {
      const r = await run(exampleFacts(v.example, TODAY));
      if (v.status === 'wins') expect(r.placed, `${v.name} wins for its example`).toBe(v.name);
      else expect(r.matched.has(v.name), `${v.name} fires for its example`).toBe(true);
    }
    if (v.quietExample) expect((await run(exampleFacts(v.quietExample, TODAY))).matched.has(v.name)).toBe(false);
  }
  if (analysis.defaultExample) expect((await run(exampleFacts(analysis.defaultExample, TODAY))).placed).toBeUndefined();
  for (const f of analysis.findings) {
    if (!f.example) continue;
    const r = await run(exampleFacts(f.example, TODAY));
    expect(r.matched.has(f.rules[0]), `${f.kind}: example matches ${f.rules[0]}`).toBe(true);
    if (f.placedBy) expect(r.placed, `${f.kind}: example placed by ${f.placedBy}`).toBe(f.placedBy);
    if (f.kind === 'duplicate') expect(r.matched.has(f.rules[1])).toBe(true);
    if (f.kind === 'shadowed') {
      const subject = set.rules.find((x) => x.name === f.rules[0])!;
      expect(set.rules.find((x) => x.name === r.placed)!.priority, 'a higher rule places the example').toBeGreaterThan(subject.priority);
    }
    if (f.kind === 'overlap') expect(r.matched.has(f.rules[1]) && f.placedBy === f.rules[1]).toBe(true);
    if (f.kind === 'shadowed' || (f.kind === 'duplicate' && set.hitPolicy === 'first')) expect(r.placed).not.toBe(f.rules[0]);
  }
  const never = analysis.rules.filter((v) => v.status === 'unsatisfiable').map((v) => v.name);
  const shadowed = analysis.rules.filter((v) => v.status === 'shadowed').map((v) => v.name);
  const always = analysis.findings.filter((f) => f.kind === 'always-fires').map((f) => f.rules[0]);
  const noTier = analysis.findings.filter((f) => f.kind === 'unreachable-tier').map((f) => f.tier);
  const noDefault = analysis.findings.some((f) => f.kind === 'default-unused');
  for (const m of members) {
    const r = await run(m);
    for (const n of never) expect(r.matched.has(n), `${n} called unsatisfiable but matched ${JSON.stringify(m)}`).toBe(false);
    for (const n of shadowed) expect(r.placed, `${n} called shadowed but won for ${JSON.stringify(m)}`).not.toBe(n);
    for (const n of always) expect(r.matched.has(n), `${n} called always-firing but did not for ${JSON.stringify(m)}`).toBe(true);
    if (set.hitPolicy === 'first') {
      const tier = r.placed ? set.rules.find((x) => x.name === r.placed)!.event.params!.tier : set.default!.tier;
      expect(noTier, `tier ${String(tier)} called unreachable, reached by ${JSON.stringify(m)}`).not.toContain(tier);
      if (noDefault) expect(r.placed, `default called unused, used by ${JSON.stringify(m)}`).toBeDefined();
    }
  }
}

describe('rule analysis against json-rules-engine', () => {
  it('every claim holds on its example and on random members', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(ruleSet, fc.array(member, { minLength: 40, maxLength: 40 }), async (set, members) => {
        expect(validateRuleSet(set)).toEqual([]);
        const analysis = analyzeRuleSet(set);
        expect(analysis.analyzed).toBe(true);
        for (const f of analysis.findings) seen.add(`${set.hitPolicy}:${f.kind}`);
        // Exactness both ways: a rule is either shown doing something, or said never to.
        for (const v of analysis.rules) expect(v.example !== undefined || v.status === 'unsatisfiable' || v.status === 'shadowed').toBe(true);
        await check(set, analysis, members);
      }),
      { numRuns: Number(process.env.ANALYSIS_RUNS ?? 300) },
    );
    // The generator must produce every kind of claim, or the property proves little.
    for (const kind of ['first:unsatisfiable', 'first:shadowed', 'first:duplicate', 'first:overlap', 'first:unreachable-tier', 'first:default-unused', 'collect:unsatisfiable', 'collect:always-fires', 'collect:duplicate']) {
      expect(seen, kind).toContain(kind);
    }
  }, 120_000);
});

/** A `first` rule set with a "top N%" leaf put into some of its rules (plain, or under not). */
const percentileSet: fc.Arbitrary<RuleSet> = fc
  .tuple(
    ruleSet.filter((s) => s.hitPolicy === 'first'),
    fc.constantFrom('comments30d', 'likes30d', 'interactions30d', 'daysSinceActive', 'posts30d'),
    fc.constantFrom('greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan'),
    fc.constantFrom(10, 50, 100),
    fc.array(fc.constantFrom('plain', 'not', 'none'), { minLength: 6, maxLength: 6 }),
  )
  .map(([set, fact, operator, top, how]) => {
    const leaf: Condition = { fact, operator, value: { fact: 'percentile', params: { fact, top } } };
    const rules = set.rules.map((r, i) => (how[i] === 'none' ? r : { ...r, conditions: { all: [how[i] === 'not' ? { not: leaf } : leaf, r.conditions] } }));
    return { ...set, rules };
  });

describe('rule analysis with "top N%" conditions', () => {
  it('claims nothing a real cut contradicts: never/always claims hold for the cut of random communities', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(percentileSet, fc.array(member, { minLength: 0, maxLength: 40 }), async (set, members) => {
        expect(validateRuleSet(set)).toEqual([]);
        const analysis = analyzeRuleSet(set);
        for (const f of analysis.findings) seen.add(f.kind);
        const [cuts] = percentileCuts([set], TODAY, members);
        const ev = createEvaluator(set, TODAY, cuts);
        const never = analysis.rules.filter((v) => v.status === 'unsatisfiable' || v.status === 'shadowed').map((v) => v.name);
        const noTier = analysis.findings.filter((f) => f.kind === 'unreachable-tier').map((f) => f.tier);
        const noDefault = analysis.findings.some((f) => f.kind === 'default-unused');
        for (const m of members) {
          const e = await ev.evaluate(m);
          for (const n of never) expect(e.placedBy?.rule.name, `${n} claimed never to place, placed ${JSON.stringify(m)}`).not.toBe(n);
          expect(noTier).not.toContain(e.tier);
          if (noDefault) expect(e.placedBy, `default claimed unused, used by ${JSON.stringify(m)}`).toBeDefined();
        }
      }),
      { numRuns: Number(process.env.ANALYSIS_RUNS ?? 200) },
    );
    // Sound is not empty: some findings survive every cut.
    expect(seen.size).toBeGreaterThan(2);
  }, 120_000);
});
