/** Random rule sets and members for property tests: small values, so thresholds collide. */
import fc from 'fast-check';
import type { FactValues } from '../../../../src/core/facts/facts.js';
import type { Condition, Rule, RuleSet } from '../../../../src/core/rules/types.js';

export const TODAY = 20_500;
const COUNTS = ['comments30d', 'likes30d', 'shares30d', 'posts30d'] as const;
const NUMBER_FACTS = [...COUNTS, 'interactions30d', 'daysSinceActive', 'daysInCommunity'] as const;
const NUMBER_OPS = ['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan', 'equal', 'notEqual', 'in', 'notIn'] as const;
const NAMES = ['a', 'b', 'c'];

// Small values, halves included, so thresholds collide and whole-day rounding matters.
const value = fc.integer({ min: -1, max: 16 }).map((n) => n / 2);

const leaf: fc.Arbitrary<Condition> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ fact: fc.constantFrom(...NUMBER_FACTS), operator: fc.constantFrom(...NUMBER_OPS), value }).map((l) => (l.operator === 'in' || l.operator === 'notIn' ? { ...l, value: [l.value, l.value + 1] } : l)) },
  { weight: 2, arbitrary: fc.record({ fact: fc.constantFrom('lastActiveAt', 'joinedAt'), operator: fc.constantFrom('withinDays', 'olderThanDays'), value }) },
  { weight: 1, arbitrary: fc.record({ fact: fc.constant('nickname'), operator: fc.constantFrom('equal', 'notEqual'), value: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ fact: fc.constant('nickname'), operator: fc.constantFrom('in', 'notIn'), value: fc.subarray(NAMES, { minLength: 1 }) }) },
);

const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('c').map((not) => ({ not })),
  ),
})).c;

const TIERS = [
  { id: 't1', zh: '一', en: 'One' },
  { id: 't2', zh: '二', en: 'Two' },
  { id: 't3', zh: '三', en: 'Three' },
];

export const ruleSet: fc.Arbitrary<RuleSet> = fc
  .record({
    hitPolicy: fc.constantFrom('first' as const, 'collect' as const),
    zeroes: fc.subarray([...COUNTS]),
    rules: fc.array(fc.record({ conditions: condition, tier: fc.constantFrom('t1', 't2', 't3') }), { minLength: 1, maxLength: 5 }),
    // Sometimes repeat a rule: duplicates and shadowing need exact copies too.
    copy: fc.boolean(),
  })
  .map(({ hitPolicy, zeroes, rules, copy }) => {
    const list = copy ? [...rules, rules[0]] : rules;
    const built: Rule[] = list.map((r, i) => ({
      name: `R${i + 1}`,
      priority: (list.length - i) * 10,
      conditions: { all: [r.conditions] },
      event: hitPolicy === 'first' ? { type: 'tier', params: { tier: r.tier } } : { type: 'points', params: { points: 1 } },
    }));
    const set: RuleSet = { id: 'gen', label: { zh: '生成', en: 'Generated' }, hitPolicy, tiers: hitPolicy === 'first' ? TIERS : [], missingAsZero: zeroes, rules: built };
    if (hitPolicy === 'first') set.default = { tier: 't3' };
    return set;
  });

const num = fc.oneof(fc.constant(null), value.filter((v) => v >= 0), fc.integer({ min: 0, max: 40 }));
const day = fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 12 }).map((d) => TODAY - d));
export const member: fc.Arbitrary<FactValues> = fc.record({
  memberId: fc.constant('m'),
  nickname: fc.constantFrom(null, 'a', 'b', 'c', 'z'),
  comments30d: num,
  likes30d: num,
  shares30d: num,
  posts30d: num,
  lastActiveAt: day,
  joinedAt: day,
});

