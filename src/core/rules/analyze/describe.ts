/** Conditions and example members in words, Chinese and English. */
import { ALL_FACTS, isFactId, type FactId } from '../../facts/facts.js';
import { OPERATORS } from '../operator-catalog.js';
import type { Condition } from '../types.js';
import type { ExampleMember } from './example.js';
import { percentileTag, type PercentileValue } from '../percentile.js';
import { SUM_PARTS, VARIABLE_OF, VARIABLES, type VarId } from './variables.js';

export type Locale = 'zh' | 'en';

const label = (fact: string, locale: Locale) => (isFactId(fact) ? ALL_FACTS[fact][locale] : fact);
const unit = (fact: string, locale: Locale) => (isFactId(fact) ? (ALL_FACTS[fact] as { unit?: Record<Locale, string> }).unit?.[locale] ?? '' : '');
const num = (n: unknown) => (typeof n === 'number' && !Number.isInteger(n) ? String(Math.round(n * 1e4) / 1e4) : String(n));

/** `近30天评论 ≥ 20`, `最近活跃在 7 天内`, `(A 或 B)`. */
export function describeCondition(c: Condition, locale: Locale, nested = false): string {
  const wrap = (s: string) => (nested ? `（${s}）` : s);
  const wrapEn = (s: string) => (nested ? `(${s})` : s);
  if ('all' in c || 'any' in c) {
    const list = 'all' in c ? c.all : c.any;
    if (list.length === 1) return describeCondition(list[0], locale, nested);
    const joiner = 'all' in c ? (locale === 'zh' ? ' 且 ' : ' and ') : locale === 'zh' ? ' 或 ' : ' or ';
    const text = list.map((x) => describeCondition(x, locale, true)).join(joiner);
    return locale === 'zh' ? wrap(text) : wrapEn(text);
  }
  if ('not' in c) return locale === 'zh' ? `非（${describeCondition(c.not, locale)}）` : `not (${describeCondition(c.not, locale)})`;
  const name = label(c.fact, locale);
  // A "top N%" leaf resolved for one scenario of the cut (percentile-scenarios.ts) is shown as written.
  const shown = (c as { shownAs?: { operator: string; value: PercentileValue } }).shownAs;
  if (shown) return `${name} ${OPERATORS[shown.operator]?.symbol[locale] ?? shown.operator} ${percentileTag(shown.value.params, locale)}`;
  if (c.operator === 'withinDays') return locale === 'zh' ? `${name}在 ${num(c.value)} 天内` : `${name} within ${num(c.value)} days`;
  if (c.operator === 'olderThanDays') return locale === 'zh' ? `${name}早于 ${num(c.value)} 天前` : `${name} more than ${num(c.value)} days ago`;
  const symbol = OPERATORS[c.operator]?.symbol[locale] ?? c.operator;
  const value = Array.isArray(c.value) ? c.value.map(num).join('/') : num(c.value);
  return `${name} ${symbol} ${value}${Array.isArray(c.value) ? '' : unit(c.fact, locale)}`;
}

/** The variables a condition reads, interactions30d as its parts too (an example shows what the sheet holds). */
export function variablesRead(conditions: Condition[]): Set<VarId> {
  const out = new Set<VarId>();
  const walk = (c: Condition): void => {
    if ('all' in c) c.all.forEach(walk);
    else if ('any' in c) c.any.forEach(walk);
    else if ('not' in c) walk(c.not);
    else if (isFactId(c.fact)) {
      const v = VARIABLE_OF[c.fact];
      if (v === 'interactions30d') SUM_PARTS.forEach((p) => out.add(p));
      else out.add(v);
    }
  };
  conditions.forEach(walk);
  return out;
}

/** `近30天评论 20、最近活跃 3 天前、昵称 空` — only what the rules in question read. */
export function describeExample(example: ExampleMember, read: Set<VarId>, locale: Locale, zeroes: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const v of VARIABLES) {
    if (!read.has(v) || v === 'interactions30d') continue;
    const x = example[v as keyof ExampleMember];
    const fact = v as FactId;
    // A count the rule set reads as 0 when empty reads as none: leave its zeros out.
    if (zeroes.has(v) && (x === undefined || x === null || x === 0)) continue;
    if (x === undefined || x === null) parts.push(`${label(fact, locale)} ${locale === 'zh' ? '空' : 'blank'}`);
    else parts.push(`${label(fact, locale)} ${typeof x === 'number' ? num(x) : x}${unit(fact, locale)}`);
  }
  if (parts.length === 0) return locale === 'zh' ? '各项均为 0' : 'all counts 0';
  return parts.join(locale === 'zh' ? '、' : ', ');
}

/** 「名称」 / "name". */
export const quote = (name: string, locale: Locale) => (locale === 'zh' ? `「${name}」` : `"${name}"`);
