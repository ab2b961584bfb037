/**
 * The sidebar's live counts (its own small evaluator over member columns)
 * against json-rules-engine: same tier and rule counts on random rule sets
 * and members, read from a real members table through memberFactsOf.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memberFactsOf } from '../../src/api/member-facts.js';
import { DEFAULT_HEADER_MAPPING } from '../../src/app/default-rules.js';
import { SHEET_FACTS, type FactValues, type SheetFactId } from '../../src/core/facts/facts.js';
import { createEvaluator } from '../../src/core/rules/evaluate.js';
import { percentileCuts } from '../../src/core/rules/compile.js';
import type { Condition, RuleSet } from '../../src/core/rules/types.js';
import type { Table } from '../../src/core/base/table.js';
import { formatCivilDay } from '../../src/core/base/time.js';
import { countConditions, countSet } from '../../src/sidebar/live/tier-counts.js';
import { member, ruleSet, TODAY } from '../core/rules/analyze/arbitraries.js';

const FACTS = Object.keys(SHEET_FACTS) as SheetFactId[];

function tableOf(members: FactValues[]): Table {
  return {
    sheet: '成员',
    header: FACTS.map((f) => SHEET_FACTS[f].zh),
    rows: members.map((m, i) => FACTS.map((f) => (f === 'memberId' ? `m${i}` : SHEET_FACTS[f].type === 'date' && typeof m[f] === 'number' ? formatCivilDay(m[f] as number) : (m[f] ?? null)))),
  };
}

const usesText = (set: RuleSet) => JSON.stringify(set.rules).includes('"nickname"');

/** A `first` set with "top N%" leaves put into its rules (plain or under not). */
const percentileSet: fc.Arbitrary<RuleSet> = fc
  .tuple(
    ruleSet.filter((s) => s.hitPolicy === 'first' && !usesText(s)),
    fc.constantFrom('comments30d', 'likes30d', 'interactions30d', 'daysSinceActive', 'daysInCommunity'),
    fc.constantFrom('greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan'),
    fc.constantFrom(0.5, 10, 50, 100),
    fc.array(fc.constantFrom('plain', 'not', 'none'), { minLength: 6, maxLength: 6 }),
  )
  .map(([set, fact, operator, top, how]) => {
    const leaf: Condition = { fact, operator, value: { fact: 'percentile', params: { fact, top } } };
    return { ...set, rules: set.rules.map((r, i) => (how[i] === 'none' ? r : { ...r, conditions: { all: [how[i] === 'not' ? { not: leaf } : leaf, r.conditions] } })) };
  });

describe('sidebar live counts', () => {
  it('"top N%" counts agree with json-rules-engine given the cut of the same members', async () => {
    await fc.assert(
      fc.asyncProperty(percentileSet, fc.array(member, { minLength: 0, maxLength: 60 }), async (set, members) => {
        const facts = memberFactsOf(tableOf(members), DEFAULT_HEADER_MAPPING, TODAY);
        const counts = countSet(set, facts)!;
        const rows = members.map((m) => ({ ...m, memberId: 'x' }));
        const [cuts] = percentileCuts([set], TODAY, rows);
        const ev = createEvaluator(set, TODAY, cuts);
        const byTier: Record<string, number> = Object.fromEntries(set.tiers.map((t) => [t.id, 0]));
        for (const m of rows) byTier[(await ev.evaluate(m)).tier!]++;
        expect(counts.byTier).toEqual(byTier);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('agree with json-rules-engine per tier and per rule', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSet, fc.array(member, { minLength: 1, maxLength: 60 }), async (set, members) => {
        const facts = memberFactsOf(tableOf(members), DEFAULT_HEADER_MAPPING, TODAY);
        expect(facts.count).toBe(members.length);
        const counts = countSet(set, facts);
        if (usesText(set)) {
          expect(counts).toBeNull(); // no text columns in the browser: said, not guessed
          return;
        }
        const ev = createEvaluator(set, TODAY);
        const byRule = set.rules.map(() => 0);
        const byTier: Record<string, number> = Object.fromEntries(set.tiers.map((t) => [t.id, 0]));
        for (const m of members) {
          const e = await ev.evaluate({ ...m, memberId: 'x' });
          if (set.hitPolicy === 'first') {
            byTier[e.tier!]++;
            if (e.placedBy) byRule[set.rules.indexOf(e.placedBy.rule)]++;
          } else for (const hit of e.matches) byRule[set.rules.indexOf(hit.rule)]++;
        }
        expect(counts!.byRule).toEqual(byRule);
        if (set.hitPolicy === 'first') expect(counts!.byTier).toEqual(byTier);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('each condition of a set (histogram counts) agrees with json-rules-engine on a rule of that condition alone', async () => {
    const leavesOf = (c: Condition): Condition[] => ('all' in c ? c.all.flatMap(leavesOf) : 'any' in c ? c.any.flatMap(leavesOf) : 'not' in c ? leavesOf(c.not) : [c]);
    await fc.assert(
      fc.asyncProperty(percentileSet, fc.array(member, { minLength: 0, maxLength: 40 }), async (set, members) => {
        const facts = memberFactsOf(tableOf(members), DEFAULT_HEADER_MAPPING, TODAY);
        const leaves = set.rules.flatMap((r) => leavesOf(r.conditions));
        const counts = countConditions(set, leaves, facts);
        const rows = members.map((m) => ({ ...m, memberId: 'x' }));
        for (const [i, leaf] of leaves.entries()) {
          const alone: RuleSet = { ...set, hitPolicy: 'collect', tiers: [], default: undefined, rules: [{ name: 'r', priority: 1, conditions: { all: [leaf] }, event: { type: 'x' } }] };
          const [cuts] = percentileCuts([alone], TODAY, rows);
          const ev = createEvaluator(alone, TODAY, cuts);
          let yes = 0;
          for (const m of rows) if ((await ev.evaluate(m)).matches.length) yes++;
          expect(counts[i]?.yes, JSON.stringify(leaf)).toBe(yes);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('sends an even sample above the limit, and says how many there are', () => {
    const members = Array.from({ length: 10 }, (_, i) => ({ comments30d: i }));
    const facts = memberFactsOf(tableOf(members), DEFAULT_HEADER_MAPPING, TODAY, 4);
    expect(facts).toMatchObject({ total: 10, count: 4 });
    expect(facts.columns.comments30d).toEqual([0, 2, 5, 7]);
  });
});
