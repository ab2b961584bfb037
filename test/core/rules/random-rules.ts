import fc from 'fast-check';
import { ALL_FACTS, SHEET_FACTS, type FactId, type FactValues } from '../../../src/core/facts/facts.js';
import { OPERATORS } from '../../../src/core/rules/operator-catalog.js';
import type { Condition, Rule, RuleSet, Tier } from '../../../src/core/rules/types.js';
import { PERCENTILE_OPERATORS, percentileOf } from '../../../src/core/rules/percentile.js';

/**
 * Random valid rule sets over the fact catalog and random members, for the
 * differential test. Thresholds, list entries and member values come from the
 * same small pools so that equal and boundary values meet often.
 */
const FACTS = Object.keys(ALL_FACTS) as FactId[];
const NUMBERS = [-3, -1, 0, 0.5, 1, 2, 2.5, 3, 4, 5, 7, 10, 19.99, 20, 21, 30, 31, 150, 1e6];
const TEXTS = ['', 'a', 'b', 'A', '0', '1', '甲', 'member-1'];
const DAY_OFFSETS = [0, 1, 2, 6, 7, 8, 13, 14, 15, 29, 30, 31, 90, 400];

const opsFor = (fact: FactId) => Object.keys(OPERATORS).filter((op) => OPERATORS[op].factTypes.includes(ALL_FACTS[fact].type));

const leafValue = (fact: FactId, op: string): fc.Arbitrary<unknown> => {
  const info = OPERATORS[op];
  const scalar: fc.Arbitrary<number | string> = info.value === 'number' || ALL_FACTS[fact].type === 'number' ? fc.constantFrom(...NUMBERS) : fc.constantFrom(...TEXTS);
  if (info.value === 'number') return ALL_FACTS[fact].type === 'date' ? fc.constantFrom(...DAY_OFFSETS, 0.5, -1) : fc.constantFrom(...NUMBERS);
  return info.value === 'array' ? fc.array(scalar, { minLength: 1, maxLength: 11 }) : scalar;
};

/** A condition priority, as json-rules-engine allows on any condition; mostly absent. */
const conditionPriority = fc.option(fc.constantFrom(1, 2, 3), { freq: 3, nil: undefined });

const withPriority = (c: Condition, p: number | undefined): Condition => (p === undefined ? c : ({ ...c, priority: p } as unknown as Condition));

const plainLeaf: fc.Arbitrary<Condition> = fc
  .constantFrom(...FACTS)
  .chain((fact) => fc.constantFrom(...opsFor(fact)).chain((operator) => fc.tuple(leafValue(fact, operator), conditionPriority).map(([value, p]) => withPriority({ fact, operator, value }, p))));

/** "Top N%" by a numeric fact (percentile.ts); only `first` sets keep them (see randomRuleSet). */
const percentileLeaf: fc.Arbitrary<Condition> = fc
  .tuple(fc.constantFrom(...FACTS.filter((f) => ALL_FACTS[f].type === 'number')), fc.constantFrom(...PERCENTILE_OPERATORS), fc.constantFrom(0.5, 10, 25, 33.3, 50, 100), conditionPriority)
  .map(([fact, operator, top, p]) => withPriority({ fact, operator, value: { fact: 'percentile', params: { fact, top } } }, p));

const leaf: fc.Arbitrary<Condition> = fc.oneof({ arbitrary: plainLeaf, weight: 5 }, { arbitrary: percentileLeaf, weight: 1 });

/** A `collect` set cannot hold "top N%": each becomes a plain threshold. */
function withoutPercentiles(c: Condition): Condition {
  if ('all' in c) return { ...c, all: c.all.map(withoutPercentiles) };
  if ('any' in c) return { ...c, any: c.any.map(withoutPercentiles) };
  if ('not' in c) return { ...c, not: withoutPercentiles(c.not) };
  return percentileOf(c.value) ? { ...c, value: 10 } : c;
}

const { tree } = fc.letrec<{ tree: Condition; group: Condition }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { arbitrary: leaf, weight: 3 }, { arbitrary: tie('group'), weight: 2 }),
  group: fc.oneof(
    { arbitrary: fc.tuple(fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), conditionPriority).map(([all, p]) => withPriority({ all }, p)), weight: 3 },
    { arbitrary: fc.tuple(fc.array(tie('tree'), { minLength: 1, maxLength: 4 }), conditionPriority).map(([any, p]) => withPriority({ any }, p)), weight: 3 },
    { arbitrary: fc.tuple(tie('tree'), conditionPriority).map(([not, p]) => withPriority({ not }, p)), weight: 1 },
  ),
}));

/** Top-level conditions must be a group. */
const topConditions: fc.Arbitrary<Condition> = fc.oneof(
  fc.array(tree, { minLength: 1, maxLength: 4 }).map((all) => ({ all })),
  fc.array(tree, { minLength: 1, maxLength: 4 }).map((any) => ({ any })),
  tree.map((not) => ({ not })),
);

const NUMBER_FACTS = FACTS.filter((f) => ALL_FACTS[f].type === 'number');

export const randomRuleSet: fc.Arbitrary<RuleSet> = fc
  .record({
    hitPolicy: fc.constantFrom<'first' | 'collect'>('first', 'collect'),
    tierCount: fc.integer({ min: 1, max: 4 }),
    missingAsZero: fc.option(fc.subarray(NUMBER_FACTS), { nil: undefined }),
    rules: fc.array(fc.record({ conditions: topConditions, priority: fc.integer({ min: 1, max: 4 }), tier: fc.nat(3), points: fc.constantFrom(0, 1, 5) }), { maxLength: 6 }),
    defaultTier: fc.nat(3),
  })
  .map(({ hitPolicy, tierCount, missingAsZero, rules, defaultTier }) => {
    const tiers: Tier[] = Array.from({ length: tierCount }, (_, i) => ({ id: `t${i}`, zh: `层${i}`, en: `Tier ${i}` }));
    const out: Rule[] = rules.map((r, i) => ({
      name: `rule ${i}`,
      // `first` needs distinct priorities (the validator says so); `collect` may tie.
      priority: hitPolicy === 'first' ? r.priority * 10 + i : r.priority,
      conditions: hitPolicy === 'first' ? r.conditions : withoutPercentiles(r.conditions),
      event: hitPolicy === 'first' ? { type: 'tier', params: { tier: `t${r.tier % tierCount}` } } : { type: 'points', params: { points: r.points } },
    }));
    return {
      id: 'random',
      label: { zh: '随机', en: 'Random' },
      hitPolicy,
      tiers,
      missingAsZero,
      default: hitPolicy === 'first' ? { tier: `t${defaultTier % tierCount}` } : undefined,
      rules: out,
    } satisfies RuleSet;
  });

/**
 * A member's sheet facts: each fact absent, null, or a value near the
 * thresholds (dates around today, some in the future). Now and then a value
 * the parser would never give (a numeric string, NaN, Infinity), to hold the
 * compiled path to the engine's coercions too.
 */
export function randomMember(today: number, odd = true): fc.Arbitrary<FactValues> {
  const value = (fact: keyof typeof SHEET_FACTS): fc.Arbitrary<number | string | null | undefined> => {
    const type = SHEET_FACTS[fact].type;
    const usual: fc.Arbitrary<number | string> =
      type === 'date' ? fc.constantFrom(...DAY_OFFSETS, -1, -3, 0.5).map((d) => today - d) : type === 'number' ? fc.constantFrom(...NUMBERS) : fc.constantFrom(...TEXTS);
    const weird = fc.constantFrom<number | string>('12', '3.5', 'x', NaN, Infinity, -Infinity, 7);
    const choices = [{ arbitrary: usual, weight: 12 }, { arbitrary: fc.constantFrom(null, undefined), weight: 4 }];
    return fc.oneof(...choices, ...(odd ? [{ arbitrary: weird, weight: 1 }] : []));
  };
  const ids = Object.keys(SHEET_FACTS) as Array<keyof typeof SHEET_FACTS>;
  return fc.tuple(...ids.map(value)).map((values) => {
    const facts: FactValues = {};
    ids.forEach((id, i) => {
      if (values[i] !== undefined) facts[id] = values[i] as number | string | null;
    });
    return facts;
  });
}
