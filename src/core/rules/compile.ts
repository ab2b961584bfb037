import type { FactValues } from '../facts/facts.js';
import { FunctionBuilder } from './codegen.js';
import { compileRuleSet, evaluationOf, type CompiledRuleSet } from './compile-rule-set.js';
import type { Evaluation } from './evaluate.js';
import { interactionZeroBits, memberFactsSource, type MemberFacts } from './member-facts.js';
import type { RuleSet } from './types.js';

/**
 * Several validated rule sets compiled together, once per run: a member's
 * facts are read once (`load`) and every rule set evaluates that same
 * MemberFacts. Synchronous, and equal to json-rules-engine (createEvaluator).
 *
 *   const rules = compileRuleSets(sets, today);
 *   const m = rules.load(row.facts);
 *   rules.sets[0].placingRule(m)          // fast: tier only
 *   rules.evaluate(0, m, row.facts)       // the full Evaluation
 */
export interface CompiledRules {
  sets: CompiledRuleSet[];
  /** Reads one member's sheet facts for every compiled rule set. */
  load(sheetFacts: FactValues): MemberFacts;
  /** The same, into a MemberFacts from `load` that is no longer needed (saves an allocation per member in tight loops). */
  loadInto(sheetFacts: FactValues, m: MemberFacts): MemberFacts;
  /** The full Evaluation of rule set `set` (index in `sets`), as createEvaluator would return it. */
  evaluate(set: number, m: MemberFacts, sheetFacts: FactValues): Evaluation;
  byId(id: string): CompiledRuleSet | undefined;
}

export function compileRuleSets(ruleSets: RuleSet[], today: number): CompiledRules {
  const sets = ruleSets.map((s) => compileRuleSet(s, today));
  const bits = ruleSets.map((s) => interactionZeroBits(new Set(s.missingAsZero ?? [])));
  const load = new FunctionBuilder().build<(s: FactValues) => MemberFacts>(['s'], memberFactsSource(today, bits));
  const loadInto = new FunctionBuilder().build<(s: FactValues, m: MemberFacts) => MemberFacts>(['s', 'm'], memberFactsSource(today, bits, true));
  return {
    sets,
    load,
    loadInto,
    evaluate: (set, m, sheetFacts) => evaluationOf(sets[set], m, sheetFacts),
    byId: (id) => sets.find((s) => s.ruleSet.id === id),
  };
}

/** A drop-in for createEvaluator that answers synchronously. */
export function createCompiledEvaluator(ruleSet: RuleSet, today: number): { ruleSet: RuleSet; compiled: CompiledRuleSet; evaluate(sheetFacts: FactValues): Evaluation } {
  const rules = compileRuleSets([ruleSet], today);
  return { ruleSet, compiled: rules.sets[0], evaluate: (sheetFacts) => rules.evaluate(0, rules.load(sheetFacts), sheetFacts) };
}
