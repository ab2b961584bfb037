import { Engine, type RuleProperties } from 'json-rules-engine';
import { deriveFacts, type FactValues } from '../facts/facts.js';
import { dateOperators } from './operators.js';
import type { Condition, Rule, RuleSet } from './types.js';
import { cutValue, hasPercentiles, PERCENTILE_FACT, percentileOf, type PercentileCuts, type PercentileParams } from './percentile.js';

/** A leaf condition that held, with the value that satisfied it. */
export interface HeldCondition {
  fact: string;
  operator: string;
  value: unknown;
  factValue: unknown;
  /** A "top N%" condition (percentile.ts): the number its value stood for in this run. */
  cut?: number;
}

export interface RuleMatch {
  rule: Rule;
  held: HeldCondition[];
}

export interface Evaluation {
  /** Facts as this rule set saw them (missing-as-zero applied, derived added). */
  facts: FactValues;
  /** Every matching rule, highest priority first. */
  matches: RuleMatch[];
  /** Under `first`: the winning rule's tier, or the default when none matched. */
  tier?: string;
  /** The rule that placed the member; undefined when the default applied. */
  placedBy?: RuleMatch;
  /** The run's percentile cuts, when the rule set has "top N%" conditions (距下一层级 quotes them). */
  cuts?: PercentileCuts;
}

export interface Evaluator {
  ruleSet: RuleSet;
  evaluate(sheetFacts: FactValues): Promise<Evaluation>;
}

/**
 * The one place rules are evaluated: through json-rules-engine itself, one
 * engine per rule set, reused for every row. json-rules-engine fires every
 * matching rule; the hit policy is applied here.
 */
export function createEvaluator(ruleSet: RuleSet, today: number, cuts?: PercentileCuts): Evaluator {
  const engine = new Engine(ruleSet.rules.map(toEngineRule), { allowUndefinedFacts: true });
  for (const op of dateOperators(today)) engine.addOperator(op);
  const percentiles = hasPercentiles(ruleSet, cuts);
  // "Top N%" values refer to this run-time fact; it answers from the cuts worked out for the run.
  if (percentiles) engine.addFact(PERCENTILE_FACT, (params: Record<string, unknown>) => cutValue(cuts, params as unknown as PercentileParams));
  const byName = new Map(ruleSet.rules.map((r) => [r.name, r]));
  const order = new Map(ruleSet.rules.map((r, i) => [r, i]));
  const zeroes = new Set(ruleSet.missingAsZero ?? []);
  // json-rules-engine wraps every runtime fact it is given; handing it only the
  // facts these rules read makes each run about a third cheaper.
  const read = [...new Set(ruleSet.rules.flatMap((r) => factsIn(r.conditions)))] as Array<keyof FactValues>;

  return {
    ruleSet,
    async evaluate(sheetFacts) {
      const base: FactValues = { ...sheetFacts };
      for (const f of zeroes) if (base[f as keyof FactValues] == null) base[f as keyof FactValues] = 0;
      const facts = deriveFacts(base, today);
      const runtime: Record<string, unknown> = {};
      for (const f of read) runtime[f] = facts[f] ?? null;
      const { results } = await engine.run(runtime);
      // json-rules-engine lists rules of equal priority in the order their promises settle (deeper
      // conditions settle later); Fenceng's order for them is the order they are written.
      const matches = results
        .map((r) => ({ rule: byName.get(r.name as string)!, held: heldConditions((r as unknown as { conditions: unknown }).conditions) }))
        .sort((a, b) => b.rule.priority - a.rule.priority || order.get(a.rule)! - order.get(b.rule)!);
      const extra = percentiles ? { cuts } : {};
      if (ruleSet.hitPolicy !== 'first') return { facts, matches, ...extra };
      const placedBy = matches[0];
      return { facts, matches, placedBy, tier: placedBy ? String(placedBy.rule.event.params?.tier) : ruleSet.default!.tier, ...extra };
    },
  };
}

function factsIn(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(factsIn);
  if ('any' in c) return c.any.flatMap(factsIn);
  if ('not' in c) return factsIn(c.not);
  return [c.fact];
}

function toEngineRule(rule: Rule): RuleProperties {
  return { name: rule.name, priority: rule.priority, conditions: rule.conditions as RuleProperties['conditions'], event: rule.event };
}

/** Leaves that held in json-rules-engine's annotated result (only the branches that made the rule true). */
function heldConditions(node: unknown): HeldCondition[] {
  const n = node as Record<string, unknown>;
  if (!n || typeof n !== 'object') return [];
  if (Array.isArray(n.all)) return (n.all as unknown[]).flatMap(heldConditions);
  if (Array.isArray(n.any)) {
    // Quote the first branch that held: one reason is enough to read at a glance.
    const held = (n.any as Array<Record<string, unknown>>).find((c) => ('fact' in c ? c.result === true : groupHeld(c)));
    return held ? heldConditions(held) : [];
  }
  if (n.not) return []; // a negation holds because something did not: nothing to quote
  if (n.result !== true) return [];
  const held: HeldCondition = { fact: String(n.fact), operator: String(n.operator), value: n.value, factValue: n.factResult };
  if (percentileOf(n.value)) held.cut = n.valueResult as number;
  return [held];
}

function groupHeld(n: Record<string, unknown>): boolean {
  if (Array.isArray(n.all)) return (n.all as Array<Record<string, unknown>>).every((c) => ('fact' in c ? c.result === true : groupHeld(c)));
  if (Array.isArray(n.any)) return (n.any as Array<Record<string, unknown>>).some((c) => ('fact' in c ? c.result === true : groupHeld(c)));
  return false;
}
