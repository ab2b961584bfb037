import { ALL_FACTS, isFactId } from '../facts/facts.js';
import { FunctionBuilder } from './codegen.js';
import type { CompiledRuleSet } from './compile-rule-set.js';
import type { Locale } from '../base/locale.js';
import type { MemberFacts } from './member-facts.js';
import { daysAgo } from './operators.js';
import type { Condition } from './types.js';
import { cutNote, percentileOf } from './percentile.js';
import { daysAgoText, topTierText, withUnit } from './words.js';

/**
 * 距下一层级, compiled: the same shortfalls, costs and texts as
 * progressToNextTier / gapOf / leafGap (explain.ts), generated once per tier
 * with labels and templates resolved. Costs use the same arithmetic in the
 * same order; the cheapest wins, the first written on a tie (a stable sort's
 * first element). When any cost comes out NaN, where that sort's answer is
 * not a plain minimum, it answers null and the caller asks the reference.
 */
type Value = number | string | null;

/** One leaf's cost (-1 when it cannot lead there, gapOf's null) and its text when the cost is not 0. */
interface LeafGap {
  cost(x: Value): number;
  text(x: Value): string;
}

const num = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

/**
 * The same cost as `gap.cost(x)`, as inline source for the common operators
 * (every constant folded exactly as leafGap would compute it); undefined
 * when the closure should be called instead.
 */
function inlineCost(op: string, v: unknown, x: string, today: number): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
  const d = num(Math.max(v, 1));
  const vv = num(v);
  const missing = (cost: string) => `(typeof ${x} !== 'number' ? 1 : ${cost})`;
  switch (op) {
    case 'withinDays':
      return `(typeof ${x} === 'number' && Number.isFinite(${x}) ? (Math.max(0, ${today} - ${x}) <= ${vv} ? 0 : Math.min(1, (Math.max(0, ${today} - ${x}) - ${vv}) / ${d})) : 1)`;
    case 'olderThanDays':
      return '-1';
    case 'greaterThanInclusive':
      return missing(`(${x} >= ${vv} ? 0 : Math.min(1, (${vv} - ${x}) / ${d}) || 0.01)`);
    case 'greaterThan': {
      const plain = `Math.min(1, (${vv} - ${x}) / ${d}) || 0.01`;
      if (!Number.isInteger(v)) return missing(`(${x} > ${vv} ? 0 : ${plain})`);
      const up = `Math.min(1, (${num(v + 1)} - ${x}) / ${num(Math.max(v + 1, 1))}) || 0.01`;
      return missing(`(${x} > ${vv} ? 0 : Number.isInteger(${x}) ? ${up} : ${plain})`);
    }
    case 'lessThanInclusive':
      return missing(`(${x} <= ${vv} ? 0 : Math.min(1, (${x} - ${vv}) / ${d}))`);
    case 'lessThan':
      return missing(`(${x} < ${vv} ? 0 : Math.min(1, (${x} - ${vv}) / ${d}))`);
    case 'equal':
      return missing(`(${x} === ${vv} ? 0 : 1)`);
    case 'notEqual':
      return missing(`(${x} !== ${vv} ? 0 : 1)`);
    default:
      return undefined;
  }
}

const SEP = { zh: '，', en: ', ' };
const COLON = { zh: '：', en: ': ' };
const NONE = -1;
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100));

/** The progress function for members placed in `tier` (undefined under `collect`). */
export function compileProgress(compiled: CompiledRuleSet, locale: Locale): (tier: string | undefined) => (m: MemberFacts) => string | null {
  const { ruleSet } = compiled;
  const byTier = new Map<string, (m: MemberFacts) => string | null>();
  ruleSet.tiers.forEach((t, index) => {
    if (byTier.has(t.id)) return; // findIndex: the first tier with that id
    if (index === 0) {
      const top = topTierText(ruleSet, locale);
      byTier.set(t.id, () => top);
      return;
    }
    const next = ruleSet.tiers[index - 1];
    const head = `${locale === 'zh' ? `距${next.zh}` : `To ${next.en}`}${COLON[locale]}`;
    const candidates = ruleSet.rules.filter((r) => r.event.params?.tier === next.id).map((r) => r.conditions);
    byTier.set(t.id, generate(candidates, head, head + (locale === 'zh' ? '无可用规则' : 'no rule leads there'), compiled, locale));
  });
  const none = () => '';
  return (tier) => (tier === undefined ? none : (byTier.get(tier) ?? none));
}

/**
 * Source for one tier: leaf costs into c<n>, group costs bottom-up (an `any`
 * remembers its cheapest branch in b<n>), the cheapest candidate, then the
 * text of that candidate only.
 */
function generate(candidates: Condition[], head: string, noRule: string, compiled: CompiledRuleSet, locale: Locale): (m: MemberFacts) => string | null {
  const k = new FunctionBuilder();
  const facts = new Map<string, string>();
  const lines: string[] = [];
  const leafCosts: string[] = [];
  let count = 0;
  type Node = { cost: string; text: string[] };
  const local = (fact: string) => {
    if (!facts.has(fact)) facts.set(fact, `f${facts.size}`);
    return facts.get(fact)!;
  };
  const walk = (c: Condition): Node => {
    const id = count++;
    const cost = `c${id}`;
    if ('all' in c) {
      const parts = c.all.map(walk);
      lines.push(`const ${cost} = ${parts.map((p) => `${p.cost} === -1`).join(' || ')} ? -1 : 0 + ${parts.map((p) => p.cost).join(' + ')};`);
      return { cost, text: parts.flatMap((p) => p.text) };
    }
    if ('any' in c) {
      const parts = c.any.map(walk);
      lines.push(`let ${cost} = -1, b${id} = -1;`);
      parts.forEach((p, i) => lines.push(`if (${p.cost} !== -1 && (b${id} === -1 || ${p.cost} < ${cost})) { b${id} = ${i}; ${cost} = ${p.cost}; }`));
      return { cost, text: [parts.map((p, i) => `${i ? 'else ' : ''}if (b${id} === ${i}) {\n${p.text.join('\n')}\n}`).join('\n')] };
    }
    if ('not' in c) {
      lines.push(`const ${cost} = -1;`);
      return { cost, text: [] };
    }
    // "Top N%": the run's cut stands for the value (gapOf in explain.ts); no cut, no way there.
    const p = percentileOf(c.value);
    const value = p ? compiled.threshold(c) : c.value;
    if (p && Number.isNaN(value)) {
      lines.push(`const ${cost} = -1;`);
      return { cost, text: [] };
    }
    const plain = leafGap(c.fact, c.operator, value, compiled.today, locale);
    const note = p ? cutNote(value as number, p.params, locale) : '';
    const gap: LeafGap = note ? { cost: plain.cost, text: (x) => plain.text(x) + note } : plain;
    const x = local(c.fact);
    lines.push(`const ${cost} = ${inlineCost(c.operator, value, x, compiled.today) ?? `${k.add(gap.cost)}(${x})`};`);
    leafCosts.push(cost);
    return { cost, text: [`if (${cost} !== 0) s = s === null ? ${k.add(gap.text)}(${x}) : s + ${JSON.stringify(SEP[locale])} + ${k.add(gap.text)}(${x});`] };
  };
  const roots = candidates.map(walk);
  const pick = roots.map((r, i) => `if (${r.cost} !== -1 && (best === -1 || ${r.cost} < bestCost)) { best = ${i}; bestCost = ${r.cost}; }`);
  const texts = roots.map((r, i) => `${i ? 'else ' : ''}if (best === ${i}) {\n${r.text.join('\n')}\n}`);
  const prelude = facts.size ? `const ${[...facts].map(([fact, name]) => `${name} = ${compiled.factSource(fact)}`).join(', ')};` : '';
  const body = [
    prelude,
    ...lines,
    leafCosts.length ? `if (${leafCosts.map((c) => `${c} !== ${c}`).join(' || ')}) return null;` : '',
    'let best = -1, bestCost = 0;',
    ...pick,
    `if (best === -1) return ${JSON.stringify(noRule)};`,
    'let s = null;',
    ...texts,
    `return ${JSON.stringify(head)} + (s === null ? '' : s);`,
  ].join('\n');
  return k.build<(m: MemberFacts) => string | null>(['m'], body);
}

/** leafGap (explain.ts) for one leaf: its cost and text as functions of the fact's value. */
function leafGap(fact: string, op: string, v: unknown, today: number, locale: Locale): LeafGap {
  const label = isFactId(fact) ? ALL_FACTS[fact][locale] : fact;
  const zh = locale === 'zh';
  if (typeof v !== 'number') {
    const say = zh ? `${label}需为 ${String(v)}` : `${label} must be ${String(v)}`;
    const met = Array.isArray(v) ? (x: Value) => v.includes(x) !== (op === 'notIn') : (x: Value) => (x === v) === (op === 'equal');
    return { cost: (x) => (met(x) ? 0 : 1), text: () => say };
  }
  if (op === 'olderThanDays') return { cost: () => NONE, text: () => '' };
  if (op === 'withinDays') {
    const missing = zh ? `${label}需在 ${v} 天内（现为缺失）` : `${label} within ${v} days (now missing)`;
    return {
      cost(x) {
        const ago = daysAgo(x, today);
        return ago === null ? 1 : ago <= v ? 0 : Math.min(1, (ago - v) / Math.max(v, 1));
      },
      text(x) {
        const ago = daysAgo(x, today);
        return ago === null ? missing : zh ? `${label}需在 ${v} 天内（现为 ${daysAgoText(ago, 'zh')}）` : `${label} within ${v} days (now ${daysAgoText(ago, 'en')})`;
      },
    };
  }
  const missing = zh ? `${label}缺失` : `${label} missing`;
  const numeric = (cost: (x: number) => number, say: (x: number) => string): LeafGap => ({
    cost: (x) => (typeof x !== 'number' ? 1 : cost(x)),
    text: (x) => (typeof x !== 'number' ? missing : say(x)),
  });
  if (op === 'greaterThanInclusive' || op === 'greaterThan') {
    const strict = op === 'greaterThan';
    const need = (x: number) => (strict && Number.isInteger(v) && Number.isInteger(x) ? v + 1 : v);
    return numeric(
      (x) => ((strict ? x > v : x >= v) ? 0 : Math.min(1, (need(x) - x) / Math.max(need(x), 1)) || 0.01),
      (x) => {
        const n = need(x);
        const text = strict && n === v ? `> ${fmt(v)}` : fmt(n - x);
        return zh ? `${label}还差 ${text}` : `${label} ${text} short`;
      },
    );
  }
  if (op === 'lessThanInclusive' || op === 'lessThan') {
    const strict = op === 'lessThan';
    const unit = isFactId(fact) && ALL_FACTS[fact].unit ? ALL_FACTS[fact].unit![locale] : '';
    const sym = strict ? '<' : '≤';
    return numeric(
      (x) => ((strict ? x < v : x <= v) ? 0 : Math.min(1, (x - v) / Math.max(v, 1))),
      (x) => (zh ? `${label}需 ${sym} ${v}${unit}（现为 ${withUnit(fact, x, fmt(x), 'zh')}）` : `${label} must be ${sym} ${v}${unit} (now ${withUnit(fact, x, fmt(x), 'en')})`),
    );
  }
  const equal = op === 'equal';
  const say = zh ? `${label}需${equal ? '为' : '不为'} ${v}` : `${label} must ${equal ? 'be' : 'not be'} ${v}`;
  return numeric((x) => ((equal ? x === v : x !== v) ? 0 : 1), () => say);
}
