import { ALL_FACTS, isFactId, type FactValues } from '../facts/facts.js';
import { COMPILED_ENGINE, type RuleEngine } from '../rules/rule-engine.js';
import type { Locale } from '../base/locale.js';
import type { Rule, RuleSet } from '../rules/types.js';

/**
 * Points for one period from the `collect` points rule set: every matching
 * rule awards `points` (times the value of `per` when given, rounded down),
 * never more than `cap` in the period.
 */
export type PointsCategory = 'content' | 'interaction' | 'other';

export interface PointsParams {
  points: number;
  per?: string;
  cap?: number;
  category?: PointsCategory;
}

export interface Award {
  /** The rule's name: with the member and period, the ledger's key. */
  rule: string;
  points: number;
  category: PointsCategory;
  /** How the amount was reached, in the run's locale. */
  reason: string;
}

export function pointsParams(rule: Rule): PointsParams {
  return (rule.event.params ?? {}) as unknown as PointsParams;
}

/** Rule name → category, for summing the ledger by category. */
export function categoriesOf(set: RuleSet | undefined): Map<string, PointsCategory> {
  return new Map((set?.rules ?? []).map((r) => [r.name, pointsParams(r).category ?? 'other']));
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

export function awardFor(rule: Rule, facts: FactValues, locale: Locale): Award | undefined {
  const p = pointsParams(rule);
  const category = p.category ?? 'other';
  let raw = p.points;
  let how = '';
  if (p.per) {
    const units = facts[p.per as keyof FactValues];
    const n = typeof units === 'number' && Number.isFinite(units) ? units : 0;
    raw = p.points * n;
    const label = isFactId(p.per) ? ALL_FACTS[p.per][locale] : p.per;
    how = `${label} ${fmt(n)} × ${fmt(p.points)} = ${fmt(raw)}`;
  } else {
    how = locale === 'zh' ? `固定 ${fmt(p.points)} 分` : `fixed ${fmt(p.points)}`;
  }
  let points = Math.floor(raw + 1e-9);
  if (p.cap !== undefined && points > p.cap) {
    points = Math.floor(p.cap);
    how += locale === 'zh' ? `，本期上限 ${fmt(p.cap)}` : `, capped at ${fmt(p.cap)} per period`;
  }
  if (points <= 0) return undefined;
  return { rule: rule.name, points, category, reason: `${rule.name}${locale === 'zh' ? '：' : ': '}${how}` };
}

/** Awards per member for the period, from the members' facts as the rules see them. */
export function computeAwards(set: RuleSet, members: Array<{ memberId: string; facts: FactValues }>, today: number, locale: Locale, engine: RuleEngine = COMPILED_ENGINE): Map<string, Award[]> {
  const evaluator = engine.evaluator(set, today);
  const out = new Map<string, Award[]>();
  for (const m of members) {
    const ev = evaluator.evaluate(m.facts);
    const awards = ev.matches.map((match) => awardFor(match.rule, ev.facts, locale)).filter((a): a is Award => !!a);
    if (awards.length) out.set(m.memberId, awards);
  }
  return out;
}
