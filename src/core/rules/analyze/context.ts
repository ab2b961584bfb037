/** What every check of one rule set shares: its rules prepared as regions, and how to word an example. */
import type { Rule, RuleSet } from '../types.js';
import { describeExample, variablesRead, type Locale } from './describe.js';
import type { ExampleMember } from './example.js';
import { seenFacts } from './example.js';
import { firstMatch } from './holds.js';
import { complementOf, regionOf, type Region } from './region.js';
import { WORK_LIMIT, type Context } from './variables.js';

/** Examples are in days ago; any day works for evaluating them. */
export const EXAMPLE_TODAY = 20_000;

export interface PreparedRule {
  rule: Rule;
  /** Index in ruleSet.rules: the validator's rules[i]. */
  index: number;
  region: Region;
  /** Built on first use: negations can be large. */
  complement(): Region;
}

export interface SetContext extends Context {
  ruleSet: RuleSet;
  /** Highest priority first. */
  rules: PreparedRule[];
}

export function prepare(ruleSet: RuleSet): SetContext {
  const ctx: Context = { zeroes: new Set(ruleSet.missingAsZero ?? []), work: { left: WORK_LIMIT } };
  const rules = ruleSet.rules
    .map((rule, index) => {
      let complement: Region | undefined;
      return { rule, index, region: regionOf(rule.conditions, ctx), complement: () => (complement ??= complementOf(rule.conditions, ctx)) };
    })
    .sort((a, b) => b.rule.priority - a.rule.priority);
  return { ...ctx, ruleSet, rules };
}

/** `近30天评论 20、最近活跃 0 天前 → 「核心成员」先命中`, reading only what the named rules read. */
export function exampleText(ctx: SetContext, example: ExampleMember, involved: Rule[], arrow: boolean): (l: Locale) => string {
  const read = variablesRead(involved.map((r) => r.conditions));
  return (l) => {
    const text = describeExample(example, read, l, ctx.zeroes);
    if (!arrow) return text;
    const winner = placedBy(ctx, example);
    const tail = winner ? (l === 'zh' ? `「${winner.name}」先命中` : `"${winner.name}" matches first`) : l === 'zh' ? '默认层级' : 'the default tier';
    return `${text} → ${tail}`;
  };
}

export function placedBy(ctx: SetContext, example: ExampleMember): Rule | undefined {
  return firstMatch(ctx.ruleSet.rules, seenFacts(example, EXAMPLE_TODAY, ctx.zeroes), EXAMPLE_TODAY);
}
