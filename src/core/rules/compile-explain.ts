import { ALL_FACTS, isFactId } from '../facts/facts.js';
import { formatCivilDay } from '../base/time.js';
import { FunctionBuilder } from './codegen.js';
import { compileProgress } from './compile-progress.js';
import type { CompiledRuleSet } from './compile-rule-set.js';
import { evaluationOf } from './compile-rule-set.js';
import { progressToNextTier } from './explain.js';
import { tierLabel } from './tier-label.js';
import type { Locale } from '../base/locale.js';
import type { MemberFacts } from './member-facts.js';
import { OPERATORS } from './operator-catalog.js';
import { daysAgo } from './operators.js';
import type { FactValues } from '../facts/facts.js';
import { percentileOf, thresholdText } from './percentile.js';
import { daysAgoText, isDaysAgoFact, withUnit } from './words.js';

/**
 * 分层依据 and 距下一层级 for a compiled rule set, byte for byte what
 * explainPlacement and progressToNextTier (explain.ts) write for the same
 * member, with every template resolved once per rule set and locale.
 * `rule` is a placingRule result (index in compiled.rules, -1 for the default).
 */
export interface CompiledExplainer {
  explanation(rule: number, m: MemberFacts): string;
  /** `sheetFacts` is only read in the rare case the fast path cannot vouch for its result. */
  progress(rule: number, m: MemberFacts, sheetFacts: FactValues): string;
}

const SEP = { zh: '，', en: ', ' };
const COLON = { zh: '：', en: ': ' };

export const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

export function compileExplainer(compiled: CompiledRuleSet, locale: Locale): CompiledExplainer {
  const { ruleSet, today } = compiled;
  const tierOfRule = (rule: number): string | undefined => (ruleSet.hitPolicy === 'first' ? compiled.tierOf(rule) : undefined);
  const fallbackTier = tierLabel(ruleSet, tierOfRule(-1) ?? '', locale);
  const byDefault = locale === 'zh' ? `${fallbackTier}：未满足更高层级的条件（默认层级）` : `${fallbackTier}: no higher tier's conditions met (default tier)`;
  const heads = compiled.rules.map((_, i) => `${tierLabel(ruleSet, tierOfRule(i) ?? '', locale)}${COLON[locale]}`);
  const describe = compiled.leaves.map((leaf) => describer(leaf.fact, leaf.operator, shownValue(leaf.value, compiled.threshold(leaf), locale), today, locale));
  // One generated function per rule: replay it, and write each held leaf as it is found.
  const k = new FunctionBuilder();
  const sep = JSON.stringify(SEP[locale]);
  const texts = compiled.rules.map((_, i) =>
    k.build<(m: MemberFacts) => string>(
      ['m'],
      `let s = ${JSON.stringify(heads[i])}, first = true;\n${compiled.heldSource(i, (leaf, x) => `s += (first ? '' : ${sep}) + ${k.add(describe[leaf.id])}(${x}); first = false;`, 'return s;', k)}`,
    ),
  );
  const progressOf = compileProgress(compiled, locale);
  // One progress function per placing rule (index + 1; 0 is the default).
  const progress = [-1, ...compiled.rules.map((_, i) => i)].map((rule) => {
    return progressOf(tierOfRule(rule));
  });

  return {
    explanation(rule, m) {
      if (rule < 0 || ruleSet.hitPolicy !== 'first') return byDefault;
      return texts[rule](m);
    },
    progress(rule, m, sheetFacts) {
      const fast = progress[rule + 1](m);
      if (fast !== null) return fast;
      const ev = evaluationOf(compiled, m, sheetFacts);
      return progressToNextTier(ruleSet, ev, today, locale);
    },
  };
}

/** The value a held leaf quotes: as written, or a "top N%" cut as `151（前 10%）`. */
function shownValue(value: unknown, threshold: unknown, locale: Locale): unknown {
  const p = percentileOf(value);
  return p ? thresholdText(threshold as number, p.params, locale) : value;
}

/** describeHeld (explain.ts) for one leaf, with its label and operator resolved up front. */
function describer(fact: string, operator: string, value: unknown, today: number, locale: Locale): (v: number | string | null) => string {
  const label = isFactId(fact) ? ALL_FACTS[fact][locale] : fact;
  if (operator === 'withinDays' || operator === 'olderThanDays') {
    const within = operator === 'withinDays';
    const tail = locale === 'zh' ? ` ${within ? '≤' : '>'} ${value} 天` : ` ${within ? '≤' : '>'} ${value} days`;
    return (v) => {
      const ago = daysAgo(v, today);
      return `${label} ${ago === null ? String(ago) : daysAgoText(ago, locale)}${tail}`;
    };
  }
  const op = OPERATORS[operator]?.symbol[locale] ?? operator;
  const tail = ` ${op} ${Array.isArray(value) ? value.join('/') : String(value)}`;
  const missing = locale === 'zh' ? '缺失' : 'missing';
  const info = isFactId(fact) ? ALL_FACTS[fact] : undefined;
  const unit = info?.unit ? info.unit[locale] : '';
  const agoFact = isDaysAgoFact(fact);
  return (v) => {
    if (v === null || v === undefined) return `${label} ${missing}${tail}`;
    if (!info) return `${label} ${String(v)}${tail}`;
    if (info.type === 'date' && typeof v === 'number') return `${label} ${formatCivilDay(v)}${tail}`;
    if (typeof v === 'number') return `${label} ${agoFact ? withUnit(fact, v, formatNumber(v), locale) : `${formatNumber(v)}${unit}`}${tail}`;
    return `${label} ${String(v)}${unit}${tail}`;
  };
}
