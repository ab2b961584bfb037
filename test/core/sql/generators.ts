import fc from 'fast-check';
import { ALL_FACTS, SHEET_FACTS, type FactId, type SheetFactId } from '../../../src/core/facts/facts.js';
import { OPERATORS } from '../../../src/core/rules/operator-catalog.js';
import type { Condition, Rule, RuleSet } from '../../../src/core/rules/types.js';
import { validateRuleSet } from '../../../src/core/rules/validate.js';
import { PERCENTILE_OPERATORS, percentileOf } from '../../../src/core/rules/percentile.js';

/**
 * Random rule sets (valid per the validator) and random members with the
 * messy cells real exports have, shared by the SQL tests.
 */
const FACT_IDS = Object.keys(ALL_FACTS) as FactId[];
const NUMERIC = FACT_IDS.filter((f) => ALL_FACTS[f].type === 'number');
const SHEET_IDS = Object.keys(SHEET_FACTS) as SheetFactId[];

const TEXT_VALUES = ['u1', 'u2', 'u7', '小明', 'abc', ' u1', 'U1', '１２３', '123', ''];
const numberValue = fc.oneof(fc.integer({ min: -5, max: 400 }), fc.constantFrom(0, 0.5, 1.2, 12000, 1e4, -0.5, 2.4, 29.99, 150));

function leaf(): fc.Arbitrary<Condition> {
  return fc.constantFrom(...FACT_IDS).chain((fact) => {
    const type = ALL_FACTS[fact].type;
    const ops = Object.keys(OPERATORS).filter((o) => OPERATORS[o].factTypes.includes(type));
    return fc.constantFrom(...ops).chain((operator) => {
      const info = OPERATORS[operator];
      const one: fc.Arbitrary<unknown> = info.value === 'number' || type !== 'text' ? numberValue : fc.constantFrom(...TEXT_VALUES);
      const value: fc.Arbitrary<unknown> = info.value === 'array' ? fc.array(one, { minLength: 1, maxLength: 4 }) : one;
      return value.map((v) => ({ fact, operator, value: v }) as Condition);
    });
  });
}

/** "Top N%" by a numeric fact (percentile.ts); points sets get plain thresholds instead (withoutPercentiles). */
const percentileLeaf: fc.Arbitrary<Condition> = fc
  .tuple(fc.constantFrom(...NUMERIC), fc.constantFrom(...PERCENTILE_OPERATORS), fc.constantFrom(0.5, 10, 25, 33.3, 50, 100))
  .map(([fact, operator, top]) => ({ fact, operator, value: { fact: 'percentile', params: { fact, top } } }));

function withoutPercentiles(c: Condition): Condition {
  if ('all' in c) return { all: c.all.map(withoutPercentiles) };
  if ('any' in c) return { any: c.any.map(withoutPercentiles) };
  if ('not' in c) return { not: withoutPercentiles(c.not) };
  return percentileOf(c.value) ? { ...c, value: 10 } : c;
}

export const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf(),
    percentileLeaf,
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('c').map((not) => ({ not })),
  ),
})).c;

const topCondition = fc.oneof(
  fc.array(condition, { minLength: 1, maxLength: 3 }).map((all) => ({ all }) as Condition),
  fc.array(condition, { minLength: 1, maxLength: 3 }).map((any) => ({ any }) as Condition),
  condition.map((not) => ({ not }) as Condition),
);

const missingAsZero = fc.subarray(NUMERIC);

export const tierRuleSet: fc.Arbitrary<RuleSet> = fc
  .record({
    tierCount: fc.integer({ min: 1, max: 4 }),
    rules: fc.array(fc.record({ conditions: topCondition, tier: fc.nat(3) }), { minLength: 0, maxLength: 5 }),
    priorities: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 5, maxLength: 5 }),
    zero: missingAsZero,
    def: fc.nat(3),
  })
  .map(({ tierCount, rules, priorities, zero, def }) => {
    const tiers = Array.from({ length: tierCount }, (_, i) => ({ id: `t${i}`, zh: `层${i}`, en: `Tier ${i}` }));
    return {
      id: 'tiers',
      label: { zh: '随机', en: 'Random' },
      hitPolicy: 'first',
      tiers,
      missingAsZero: zero,
      default: { tier: tiers[def % tierCount].id },
      rules: rules.map((r, i): Rule => ({ name: `规则 ${i} '"`, priority: priorities[i], conditions: r.conditions, event: { type: 'tier', params: { tier: tiers[r.tier % tierCount].id } } })),
    } as RuleSet;
  });

export const pointsRuleSet: fc.Arbitrary<RuleSet> = fc
  .record({
    rules: fc.array(
      fc.record({
        conditions: topCondition,
        points: fc.constantFrom(0, 0.01, 0.1, 1, 2, 5, 20, 0.3),
        per: fc.option(fc.constantFrom(...NUMERIC), { nil: undefined }),
        cap: fc.option(fc.constantFrom(0.5, 1, 10, 50.5, 100), { nil: undefined }),
        category: fc.option(fc.constantFrom('content', 'interaction', 'other'), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    priorities: fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 5, maxLength: 5 }),
    zero: missingAsZero,
  })
  .map(({ rules, priorities, zero }) => ({
    id: 'points',
    label: { zh: '积分', en: 'Points' },
    hitPolicy: 'collect',
    tiers: [],
    missingAsZero: zero,
    rules: rules.map((r, i): Rule => {
      const params: Record<string, unknown> = { points: r.points };
      if (r.per) params.per = r.per;
      if (r.cap !== undefined) params.cap = r.cap;
      if (r.category) params.category = r.category;
      return { name: `积分 ${i}`, priority: priorities[i], conditions: withoutPercentiles(r.conditions), event: { type: 'points', params } };
    }),
  }) as RuleSet);

/** Asserts the generator's promise: every set is valid. */
export function assertValid(set: RuleSet): void {
  const problems = validateRuleSet(set);
  if (problems.length) throw new Error(`generator made an invalid rule set: ${JSON.stringify(problems)}`);
}

const NUMBER_CELLS = ['1.2万', '2.4w', '3k', '2,012', '１２', '—', '', ' 12次 ', '-5', '0.5', 'abc', '1,23', '+15', '３０分钟', 'N/A', '7 mins', '1.1万', '0', '-0', '30MIN', '1千', '2亿', '1,234,567.5', '00123', '5+', '3 K', '\u00a012\u3000', '12.', 'null', '无', '0.49999999999999994', '999999999', '1234567890', '12345678901234567890', '0000000001', '１．５万', 'ｋ', '1000000000000', '1000000000001', '-1000000000001', '99999999亿', '10000亿', '9'.repeat(30)];
const DATE_CELLS = ['2026-11-20', '2026/3/1 12:00', '2026年11月1日', '20261101', '46300', '46300.7', '3天前', '０天前', '今天', '刚刚', '昨天', '前天', '2026-02-30', '2024-02-29', '0099-01-01', 'x', '', '—', '2026.11.26', '2026-11-27', '2027-01-01', '19000', '2026 - 1 - 5 日', '2026-11-20T08:30:00.5', '20261399', '1900-01-01', '1899-12-31', '9999-12-31', '99999999999天前', '46350天前'];
// Written forms that normalise alike (u1, ｕ1, u1 with a zero-width space): one key, different texts as written.
const TEXT_CELLS = ['u1', 'u2', 'u3', 'u4', ' u5 ', 'ｕ６', '', '—', 'N/A', '小明', '123', 'abc', 'ｕ1', '\u3000u1\u3000', 'u1\u200b', '１２３', '＝1+1'];

const cellFor = (fact: SheetFactId): fc.Arbitrary<string | null> => {
  const pool = SHEET_FACTS[fact].type === 'number' ? NUMBER_CELLS : SHEET_FACTS[fact].type === 'date' ? DATE_CELLS : TEXT_CELLS;
  const free = SHEET_FACTS[fact].type === 'number' ? fc.integer({ min: -50, max: 5000 }).map(String) : fc.string({ maxLength: 4 });
  return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: free }, { weight: 1, arbitrary: fc.constant(null) });
};

/** A header (some facts absent, columns shuffled) and rows of messy cells. */
export const membersTable = fc
  .record({
    picked: fc.shuffledSubarray(SHEET_IDS, { minLength: 1 }),
    keepId: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
    count: fc.integer({ min: 0, max: 120 }),
  })
  .map(({ picked, keepId, count }) => ({ columns: keepId && !picked.includes('memberId') ? ['memberId' as SheetFactId, ...picked] : picked, count }))
  .chain(({ columns, count }) =>
    fc.array(fc.tuple(...columns.map(cellFor)), { minLength: count, maxLength: count }).map((rows) => ({ header: columns.map((c) => SHEET_FACTS[c].zh), rows: rows as Array<Array<string | null>> })),
  );
