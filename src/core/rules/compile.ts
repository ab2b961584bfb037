import type { FactValues } from '../facts/facts.js';
import { FunctionBuilder } from './codegen.js';
import { compileRuleSet, evaluationOf, type CompiledRuleSet } from './compile-rule-set.js';
import type { Evaluation } from './evaluate.js';
import { interactionZeroBits, memberFactsSource, type MemberFacts } from './member-facts.js';
import type { RuleSet } from './types.js';
import { cutKey, cutOf, percentileRequests, type PercentileCuts } from './percentile.js';

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

/** `cuts[i]`: the run's percentile cuts for ruleSets[i] (percentileCuts), needed when it has "top N%" conditions. */
export function compileRuleSets(ruleSets: RuleSet[], today: number, cuts: Array<PercentileCuts | undefined> = []): CompiledRules {
  const sets = ruleSets.map((s, i) => compileRuleSet(s, today, cuts[i]));
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
export function createCompiledEvaluator(ruleSet: RuleSet, today: number, cuts?: PercentileCuts): { ruleSet: RuleSet; compiled: CompiledRuleSet; evaluate(sheetFacts: FactValues): Evaluation } {
  const rules = compileRuleSets([ruleSet], today, [cuts]);
  return { ruleSet, compiled: rules.sets[0], evaluate: (sheetFacts) => rules.evaluate(0, rules.load(sheetFacts), sheetFacts) };
}

/**
 * The run's percentile cuts (percentile.ts) of each rule set over all
 * members, each fact as that rule set sees it: one pass to read the values,
 * one sort per (fact, top) asked for — O(n log n). Undefined for a rule set
 * without "top N%" conditions.
 */
export function percentileCuts(ruleSets: RuleSet[], today: number, members: FactValues[]): Array<PercentileCuts | undefined> {
  const asks = ruleSets.map((s) => percentileRequests(s.rules.map((r) => r.conditions)));
  if (asks.every((a) => a.length === 0)) return ruleSets.map(() => undefined);
  const readers = compileRuleSets(ruleSets.map((s) => ({ ...s, rules: [] })), today);
  const m = readers.load({});
  // One column of values per (rule set, fact); several tops of one fact share it.
  const columns = ruleSets.map((_, i) => new Map([...new Set(asks[i].map((a) => a.fact))].map((f) => [f, { read: readers.sets[i].reader(f), values: new Float64Array(members.length), n: 0 }])));
  for (const facts of members) {
    readers.loadInto(facts, m);
    for (const byFact of columns) {
      for (const c of byFact.values()) {
        const x = c.read(m);
        if (typeof x === 'number' && Number.isFinite(x)) c.values[c.n++] = x;
      }
    }
  }
  return ruleSets.map((_, i) => {
    if (asks[i].length === 0) return undefined;
    const cuts = new Map<string, number>();
    const sorted = new Map([...columns[i]].map(([fact, c]) => [fact, c.values.subarray(0, c.n).sort()]));
    for (const { fact, top } of asks[i]) {
      const cut = cutOf(sorted.get(fact)!, top);
      if (cut !== undefined) cuts.set(cutKey(fact, top), cut);
    }
    return cuts;
  });
}
