import { DERIVED_FACTS, SHEET_FACTS, type FactId, type SheetFactId } from '../facts/facts.js';
import type { PointsParams } from '../points/award.js';
import type { Condition, Rule, RuleSet } from '../rules/types.js';
import { todaySql, type Dialect, type Today } from './dialect.js';
import { percentileOf } from '../rules/percentile.js';

/**
 * A rule set → SQL expressions over the members' parsed facts, with
 * json-rules-engine's semantics as Fenceng runs it (src/core/rules/evaluate.ts):
 * a missing fact is NULL in SQL and `null` to the engine, where numeric
 * comparisons and `equal`/`in` fail and `notEqual`/`notIn` hold; so every
 * leaf is made two-valued here and all/any/not are plain AND/OR/NOT.
 */
export interface FactColumns {
  /** SQL for a parsed sheet fact (numbers and civil days as doubles, text as text; NULL when missing). */
  sheet(fact: SheetFactId): string;
}

export class SqlCompileError extends Error {}

/** A fact as `set` sees it: missingAsZero applied to sheet facts, then the derived facts (facts.ts deriveFacts). */
export function factSql(d: Dialect, set: RuleSet, fact: FactId, cols: FactColumns, today: Today): string {
  const zero = new Set(set.missingAsZero ?? []);
  const base = (f: SheetFactId) => (zero.has(f) ? `COALESCE(${cols.sheet(f)}, ${d.num(0)})` : cols.sheet(f));
  const sinceDay = (f: SheetFactId) => `CASE WHEN ${base(f)} IS NULL THEN NULL WHEN ${todaySql(d, today)} - ${base(f)} > ${d.num(0)} THEN ${todaySql(d, today)} - ${base(f)} ELSE ${d.num(0)} END`;
  switch (fact) {
    case 'daysSinceActive':
      return sinceDay('lastActiveAt');
    case 'daysInCommunity':
      return sinceDay('joinedAt');
    case 'interactions30d': {
      const parts = (['comments30d', 'likes30d', 'shares30d'] as const).map(base);
      return `CASE WHEN ${parts.map((p) => `${p} IS NULL`).join(' AND ')} THEN NULL ELSE ${d.num(0)} + ${parts.map((p) => `COALESCE(${p}, ${d.num(0)})`).join(' + ')} END`;
    }
    default:
      if (!(fact in SHEET_FACTS)) throw new SqlCompileError(`unknown fact ${fact}`);
      return base(fact as SheetFactId);
  }
}

function literal(d: Dialect, fact: FactId, v: unknown): string {
  const type = fact in DERIVED_FACTS ? 'number' : SHEET_FACTS[fact as SheetFactId].type;
  if (type === 'text') {
    if (typeof v !== 'string') throw new SqlCompileError(`${fact} needs text, got ${JSON.stringify(v)}`);
    return d.str(v);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SqlCompileError(`${fact} needs a number, got ${JSON.stringify(v)}`);
  return d.num(v);
}

/** SQL for the run's cut of the top `top`% by `fact` (NULL when nobody has a value); see cutSql in query.ts. */
export type CutColumn = (fact: FactId, top: number) => string;

/** One condition → a two-valued SQL boolean. */
export function conditionSql(d: Dialect, set: RuleSet, c: Condition, cols: FactColumns, today: Today, cut?: CutColumn): string {
  if ('all' in c) return `(${c.all.map((x) => conditionSql(d, set, x, cols, today, cut)).join(' AND ')})`;
  if ('any' in c) return `(${c.any.map((x) => conditionSql(d, set, x, cols, today, cut)).join(' OR ')})`;
  if ('not' in c) return `(NOT ${conditionSql(d, set, c.not, cols, today, cut)})`;
  if (c.path !== undefined) throw new SqlCompileError('条件里的 path 无法写成 SQL / A condition with "path" cannot be compiled to SQL');
  const fact = c.fact as FactId;
  const f = factSql(d, set, fact, cols, today);
  const p = percentileOf(c.value);
  if (p && (!cut || p.params.relax)) throw new SqlCompileError('此处的「前 N%」条件无法写成 SQL / A top-N% condition cannot be compiled to SQL here');
  // A NULL cut (nobody has a value) fails every comparison, as NaN does in the engines.
  const v = () => (p ? cut!(fact, p.params.top) : literal(d, fact, c.value));
  const list = () => {
    if (!Array.isArray(c.value) || c.value.length === 0) throw new SqlCompileError(`${c.operator} needs a non-empty array`);
    return c.value.map((x) => literal(d, fact, x)).join(', ');
  };
  const held = (test: string) => `COALESCE(${test}, FALSE)`;
  switch (c.operator) {
    case 'greaterThanInclusive': return held(`${f} >= ${v()}`);
    case 'greaterThan': return held(`${f} > ${v()}`);
    case 'lessThanInclusive': return held(`${f} <= ${v()}`);
    case 'lessThan': return held(`${f} < ${v()}`);
    case 'equal': return held(`${f} = ${v()}`);
    case 'notEqual': return `COALESCE(${f} <> ${v()}, TRUE)`;
    case 'in': return held(`${f} IN (${list()})`);
    case 'notIn': return `COALESCE(${f} NOT IN (${list()}), TRUE)`;
    case 'withinDays':
    case 'olderThanDays': {
      // operators.ts: max(0, today − day) compared with n; NULL never holds.
      if (typeof c.value !== 'number' || !Number.isFinite(c.value)) throw new SqlCompileError(`${c.operator} needs a number`);
      const ago = `CASE WHEN ${f} IS NULL THEN NULL WHEN ${todaySql(d, today)} - ${f} > ${d.num(0)} THEN ${todaySql(d, today)} - ${f} ELSE ${d.num(0)} END`;
      return held(`${ago} ${c.operator === 'withinDays' ? '<=' : '>'} ${d.num(c.value)}`);
    }
    default:
      throw new SqlCompileError(`运算符 ${c.operator} 无法写成 SQL / Operator ${c.operator} cannot be compiled to SQL`);
  }
}

const byPriority = (set: RuleSet) => [...set.rules].sort((a, b) => b.priority - a.priority);

/** `first`: the tier id and the placing rule's name (NULL when the default applied), from each rule's held condition. */
export function tierCase(d: Dialect, set: RuleSet, held: Array<{ rule: Rule; held: string }>): { tier: string; rule: string } {
  const order = [...held].sort((a, b) => b.rule.priority - a.rule.priority);
  if (order.length === 0) return { tier: d.str(set.default!.tier), rule: 'NULL' };
  const whens = (pick: (r: Rule) => string) => order.map((h) => `WHEN ${h.held} THEN ${pick(h.rule)}`).join(' ');
  return {
    tier: `CASE ${whens((r) => d.str(String(r.event.params?.tier)))} ELSE ${d.str(set.default!.tier)} END`,
    rule: `CASE ${whens((r) => d.str(r.name))} ELSE NULL END`,
  };
}

/** `collect` points (src/core/points/award.ts): each matching rule's amount, 0 when it does not match or awards nothing. */
export function awardSql(d: Dialect, set: RuleSet, rule: Rule, cols: FactColumns, today: Today): string {
  const p = (rule.event.params ?? {}) as unknown as PointsParams;
  if (typeof p.points !== 'number' || !Number.isFinite(p.points)) throw new SqlCompileError(`rule ${rule.name}: points must be a number`);
  const units = p.per ? `COALESCE(${factSql(d, set, p.per as FactId, cols, today)}, ${d.num(0)})` : undefined;
  const raw = units ? `${d.num(p.points)} * ${units}` : d.num(p.points);
  const floored = `floor(${raw} + ${d.num(1e-9)})`;
  // award.ts: over the cap → floor(cap); that equals min(points, floor(cap)) since points is whole.
  const capped = p.cap === undefined ? floored : `CASE WHEN ${floored} > ${d.num(p.cap)} THEN ${d.num(Math.floor(p.cap))} ELSE ${floored} END`;
  return `CASE WHEN ${conditionSql(d, set, rule.conditions, cols, today)} THEN CASE WHEN ${capped} > ${d.num(0)} THEN ${capped} ELSE ${d.num(0)} END ELSE ${d.num(0)} END`;
}

/** The points rules: those of a `collect` set whose event type is `points`, highest priority first. */
export function pointsRules(set: RuleSet): Rule[] {
  return byPriority(set).filter((r) => r.event.type === 'points');
}
