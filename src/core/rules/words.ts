import type { Locale } from '../base/locale.js';
import { ALL_FACTS, isFactId } from '../facts/facts.js';
import type { RuleSet } from './types.js';

/**
 * Words the reference explanations (explain.ts) and the compiled ones
 * (compile-explain.ts, compile-progress.ts) share, so both say the same.
 */

/** Days back from today as a person says it: 0 is 今天 / today. */
export function daysAgoText(days: number, locale: Locale): string {
  if (days === 0) return locale === 'zh' ? '今天' : 'today';
  return locale === 'zh' ? `${days} 天前` : `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** A fact counted in days ago (最近活跃): its value reads like daysAgoText. */
export function isDaysAgoFact(fact: string): boolean {
  return isFactId(fact) && ALL_FACTS[fact].unit?.en === ' days ago';
}

/** A number with its fact's unit (`shown`: the number as formatted); a days-ago fact reads 今天, 2 天前. */
export function withUnit(fact: string, v: number, shown: string, locale: Locale): string {
  if (isDaysAgoFact(fact) && Number.isInteger(v) && v >= 0) return daysAgoText(v, locale);
  const unit = isFactId(fact) ? ALL_FACTS[fact].unit : undefined;
  return `${shown}${unit ? unit[locale] : ''}`;
}

/**
 * 距下一层级 at the top tier, naming the tier kind, so the members sheet's
 * cell reads `活跃：已是最高层级；贡献：已是最高层级` rather than the same
 * words twice. The kind is the rule set's label without 层级 / "tier".
 */
export function topTierText(ruleSet: RuleSet, locale: Locale): string {
  const label = ruleSet.label?.[locale] ?? '';
  const kind = (locale === 'zh' ? label.replace(/\s*层级$/, '') : label.replace(/\s+tier$/i, '')).trim();
  if (locale === 'zh') return kind ? `${kind}：已是最高层级` : '已是最高层级';
  return kind ? `${kind}: already the top tier` : 'Already the top tier';
}
