import { ALL_FACTS, isFactId, type FactValues } from '../facts/facts.js';
import { formatCivilDay } from '../base/time.js';
import { daysAgo, OPERATORS } from './operators.js';
import type { Evaluation, HeldCondition } from './evaluate.js';
import type { Condition, RuleSet } from './types.js';
import type { Locale } from '../base/locale.js';
import { tierLabel } from './tier-label.js';
import { cutNote, cutValue, percentileOf, thresholdText, type PercentileCuts } from './percentile.js';
import { daysAgoText, topTierText, withUnit } from './words.js';


const SEP = { zh: '，', en: ', ' };
const COLON = { zh: '：', en: ': ' };

function factLabel(fact: string, locale: Locale): string {
  return isFactId(fact) ? ALL_FACTS[fact][locale] : fact;
}

function showValue(fact: string, v: unknown, locale: Locale): string {
  if (v === null || v === undefined) return locale === 'zh' ? '缺失' : 'missing';
  if (!isFactId(fact)) return String(v);
  const info = ALL_FACTS[fact];
  if (info.type === 'date' && typeof v === 'number') return formatCivilDay(v);
  if (typeof v === 'number') return withUnit(fact, v, formatNumber(v), locale);
  return `${String(v)}${info.unit ? info.unit[locale] : ''}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** `近30天评论 45 ≥ 20` — one condition with the value that met it. */
function describeHeld(c: HeldCondition, today: number, locale: Locale): string {
  const label = factLabel(c.fact, locale);
  if (c.operator === 'withinDays' || c.operator === 'olderThanDays') {
    const ago = daysAgo(c.factValue, today);
    const within = c.operator === 'withinDays';
    const when = ago === null ? String(ago) : daysAgoText(ago, locale);
    return locale === 'zh' ? `${label} ${when} ${within ? '≤' : '>'} ${c.value} 天` : `${label} ${when} ${within ? '≤' : '>'} ${c.value} days`;
  }
  const op = OPERATORS[c.operator]?.symbol[locale] ?? c.operator;
  const p = percentileOf(c.value);
  const value = p ? thresholdText(c.cut!, p.params, locale) : Array.isArray(c.value) ? c.value.join('/') : String(c.value);
  return `${label} ${showValue(c.fact, c.factValue, locale)} ${op} ${value}`;
}

/**
 * 分层依据: which rule placed the member and the values that satisfied it,
 * e.g. `核心成员：近30天评论 45 ≥ 20，最近活跃 2 天前 ≤ 7`.
 */
export function explainPlacement(ruleSet: RuleSet, ev: Evaluation, today: number, locale: Locale): string {
  const tier = tierLabel(ruleSet, ev.tier ?? '', locale);
  if (!ev.placedBy) {
    return locale === 'zh' ? `${tier}：未满足更高层级的条件（默认层级）` : `${tier}: no higher tier's conditions met (default tier)`;
  }
  const held = ev.placedBy.held.map((c) => describeHeld(c, today, locale));
  return `${tier}${COLON[locale]}${held.join(SEP[locale])}`;
}

/** A shortfall on one condition: how far, relative to the threshold, and how to say it. */
interface Gap {
  cost: number;
  text: string[];
}

/**
 * 距下一层级: what is missing for the next tier up, from the cheapest rule
 * of that tier, e.g. `距核心成员：近30天评论还差 12`.
 */
export function progressToNextTier(ruleSet: RuleSet, ev: Evaluation, today: number, locale: Locale): string {
  const index = ruleSet.tiers.findIndex((t) => t.id === ev.tier);
  if (index <= 0) return index === 0 ? topTierText(ruleSet, locale) : '';
  const next = ruleSet.tiers[index - 1];
  const candidates = ruleSet.rules
    .filter((r) => r.event.params?.tier === next.id)
    .map((r) => gapOf(r.conditions, ev.facts, today, locale, ev.cuts))
    .filter((g): g is Gap => g !== null)
    .sort((a, b) => a.cost - b.cost);
  const head = locale === 'zh' ? `距${next.zh}` : `To ${next.en}`;
  if (candidates.length === 0) return `${head}${COLON[locale]}${locale === 'zh' ? '无可用规则' : 'no rule leads there'}`;
  return `${head}${COLON[locale]}${candidates[0].text.join(SEP[locale])}`;
}

function gapOf(c: Condition, facts: FactValues, today: number, locale: Locale, cuts?: PercentileCuts): Gap | null {
  if ('all' in c) {
    const parts = c.all.map((x) => gapOf(x, facts, today, locale, cuts));
    if (parts.some((p) => p === null)) return null;
    return { cost: parts.reduce((s, p) => s + p!.cost, 0), text: parts.flatMap((p) => p!.text) };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => gapOf(x, facts, today, locale, cuts)).filter((p): p is Gap => p !== null);
    return parts.sort((a, b) => a.cost - b.cost)[0] ?? null;
  }
  if ('not' in c) return null; // "stop doing X" is not a useful hint
  const p = percentileOf(c.value);
  if (!p) return leafGap(c, facts, today, locale);
  // "Top N%": the shortfall against this run's cut, which it names; no cut, no way there.
  const cut = cutValue(cuts, p.params);
  if (Number.isNaN(cut)) return null;
  const gap = leafGap({ ...c, value: cut }, facts, today, locale);
  return gap && { cost: gap.cost, text: gap.text.map((t) => t + cutNote(cut, p.params, locale)) };
}

function leafGap(c: { fact: string; operator: string; value: unknown }, facts: FactValues, today: number, locale: Locale): Gap | null {
  const label = factLabel(c.fact, locale);
  const x = facts[c.fact as keyof FactValues];
  const v = c.value;
  const say = (zh: string, en: string, cost: number): Gap => ({ cost, text: cost === 0 ? [] : [locale === 'zh' ? zh : en] });
  if (typeof v !== 'number') {
    const met = Array.isArray(v) ? v.includes(x) !== (c.operator === 'notIn') : (x === v) === (c.operator === 'equal');
    return say(`${label}需为 ${String(v)}`, `${label} must be ${String(v)}`, met ? 0 : 1);
  }
  if (c.operator === 'withinDays' || c.operator === 'olderThanDays') {
    const ago = daysAgo(x, today);
    if (c.operator === 'olderThanDays') return null;
    if (ago === null) return say(`${label}需在 ${v} 天内（现为缺失）`, `${label} within ${v} days (now missing)`, 1);
    return say(`${label}需在 ${v} 天内（现为 ${daysAgoText(ago, 'zh')}）`, `${label} within ${v} days (now ${daysAgoText(ago, 'en')})`, ago <= v ? 0 : Math.min(1, (ago - v) / Math.max(v, 1)));
  }
  if (typeof x !== 'number') return say(`${label}缺失`, `${label} missing`, 1);
  const op = c.operator;
  if (op === 'greaterThanInclusive' || op === 'greaterThan') {
    const met = op === 'greaterThan' ? x > v : x >= v;
    // Counts are whole numbers: "more than 30" needs 31.
    const need = op === 'greaterThan' && Number.isInteger(v) && Number.isInteger(x) ? v + 1 : v;
    const short = need - x;
    const text = op === 'greaterThan' && need === v ? `> ${formatNumber(v)}` : formatNumber(short);
    return say(`${label}还差 ${text}`, `${label} ${text} short`, met ? 0 : Math.min(1, short / Math.max(need, 1)) || 0.01);
  }
  if (op === 'lessThanInclusive' || op === 'lessThan') {
    const met = op === 'lessThan' ? x < v : x <= v;
    const unit = isFactId(c.fact) && ALL_FACTS[c.fact].unit ? ALL_FACTS[c.fact].unit![locale] : '';
    return say(`${label}需 ${op === 'lessThan' ? '<' : '≤'} ${v}${unit}（现为 ${withUnit(c.fact, x, formatNumber(x), 'zh')}）`, `${label} must be ${op === 'lessThan' ? '<' : '≤'} ${v}${unit} (now ${withUnit(c.fact, x, formatNumber(x), 'en')})`, met ? 0 : Math.min(1, (x - v) / Math.max(v, 1)));
  }
  const met = op === 'equal' ? x === v : x !== v;
  return say(`${label}需${op === 'equal' ? '为' : '不为'} ${v}`, `${label} must ${op === 'equal' ? 'be' : 'not be'} ${v}`, met ? 0 : 1);
}
