import { sheetFactsOf, type SheetFactId } from '../facts/facts.js';
import type { HeaderMapping } from '../facts/headers.js';
import { locateAdminColumn, locateManagedColumns, findBalanceColumn } from '../names/columns.js';
import { parseMembers, type MemberRow, type ParsedMembers } from '../facts/members.js';
import { compileRuleSets, percentileCuts } from '../rules/compile.js';
import type { PercentileCuts } from '../rules/percentile.js';
import { relaxRuleSet } from '../rules/relax.js';
import { compileExplainer } from '../rules/compile-explain.js';
import type { Evaluation } from '../rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../rules/explain.js';
import { COMPILED_ENGINE, type RuleEngine } from '../rules/rule-engine.js';
import type { Locale } from '../base/locale.js';
import type { Condition, RuleSet } from '../rules/types.js';
import type { Table } from '../base/table.js';

/** One rule set's verdict on one member. */
export interface Placement {
  tier?: string;
  explanation: string;
  progress: string;
  /** With a low-water mark: the tier the relaxed thresholds give, and why (dynamics keeps a member no lower than it). */
  lowWater?: { tier?: string; explanation: string };
}

export interface TieredMembers {
  parsed: ParsedMembers;
  /** By data row index; only rows with status 'ok'. Each maps rule set id → placement. */
  placements: Map<number, Record<string, Placement>>;
  /**
   * One member's full Evaluation by one rule set (matching rules, held
   * conditions), worked out when asked: `explain` wants it for one member,
   * and keeping it for every member would hold 100k facts objects.
   */
  evaluation(row: MemberRow, ruleSetId: string): Evaluation | undefined;
}

export interface TieringInput {
  table: Table;
  ruleSets: RuleSet[];
  mapping: HeaderMapping;
  /** Civil day of today in the workbook's zone. */
  today: number;
  locale: Locale;
  onProgress?: (done: number, total: number) => void;
  /** Evaluate only the rows this accepts (explain one member); all rows are still parsed. */
  only?: (row: MemberRow) => boolean;
  /** The compiled rules unless told otherwise (`--engine json-rules-engine`). */
  engine?: RuleEngine;
}

/** Sheet facts the rules read, directly or through derived facts. */
export function factsUsedBy(ruleSets: RuleSet[]): Set<SheetFactId> {
  const used = new Set<SheetFactId>();
  const visit = (c: Condition): void => {
    if ('all' in c) return c.all.forEach(visit);
    if ('any' in c) return c.any.forEach(visit);
    if ('not' in c) return visit(c.not);
    for (const f of sheetFactsOf(c.fact)) used.add(f);
  };
  ruleSets.forEach((s) => s.rules.forEach((r) => visit(r.conditions)));
  return used;
}

/** Parse the members sheet and place every member with every `first` rule set. */
export function tierMembers(input: TieringInput): TieredMembers {
  const zeroFacts = new Set(input.ruleSets[0]?.missingAsZero ?? []);
  for (const s of input.ruleSets) for (const f of [...zeroFacts]) if (!s.missingAsZero?.includes(f)) zeroFacts.delete(f);
  const managed = locateManagedColumns(input.table);
  const ignoreColumns = new Set([...Object.values(managed), locateAdminColumn(input.table, managed), findBalanceColumn(input.table)]);
  const parsed = parseMembers(input.table, { mapping: input.mapping, today: input.today, usedFacts: factsUsedBy(input.ruleSets), zeroFacts, ignoreColumns });
  const sets = input.ruleSets.filter((s) => s.hitPolicy === 'first');
  const ok = parsed.rows.filter((r) => r.status === 'ok');
  const todo = input.only ? ok.filter(input.only) : ok;
  // "Top N%" cuts are over every member of the run, also when only one is explained.
  const cuts = percentileCuts(sets, input.today, ok.map((r) => r.facts));
  const { place, evaluation } = (input.engine ?? COMPILED_ENGINE).name === 'compiled' ? compiledPlacer(sets, input, cuts) : enginePlacer(sets, input, input.engine!, cuts);
  const placements = new Map<number, Record<string, Placement>>();
  const STEP = 50;
  for (let start = 0; start < todo.length; start += STEP) {
    const end = Math.min(todo.length, start + STEP);
    for (let i = start; i < end; i++) placements.set(todo[i].index, place(todo[i]));
    input.onProgress?.(end, todo.length);
  }
  return { parsed, placements, evaluation };
}

interface Placer {
  place: (row: MemberRow) => Record<string, Placement>;
  evaluation: TieredMembers['evaluation'];
}

/**
 * The compiled rules: facts read once per member for both rule sets, tier,
 * 分层依据 and 距下一层级 from the compiled explainer; the full Evaluation
 * (matching rules, held conditions) only when someone reads it.
 */
function compiledPlacer(sets: RuleSet[], input: TieringInput, cuts: Array<PercentileCuts | undefined>): Placer {
  const compiled = compileRuleSets(sets, input.today, cuts);
  const explainers = compiled.sets.map((s) => compileExplainer(s, input.locale));
  // One MemberFacts for the loop; a full Evaluation, rarely read, loads its own.
  const m = compiled.load({});
  // Rule sets with a low-water mark are also compiled with their thresholds relaxed.
  const relaxed = lowWaterSets(sets).length ? relaxedRules(sets, input, cuts) : undefined;
  const relaxedFacts = relaxed?.compiled.load({});
  const place = (row: MemberRow): Record<string, Placement> => {
    compiled.loadInto(row.facts, m);
    if (relaxed) relaxed.compiled.loadInto(row.facts, relaxedFacts!);
    const byRuleSet: Record<string, Placement> = {};
    compiled.sets.forEach((set, k) => {
      const rule = set.placingRule(m);
      byRuleSet[set.ruleSet.id] = {
        tier: set.tierOf(rule),
        explanation: explainers[k].explanation(rule, m),
        progress: explainers[k].progress(rule, m, row.facts),
      };
      const j = relaxed?.index.get(set.ruleSet.id);
      if (j !== undefined) {
        const loose = relaxed!.compiled.sets[j];
        const r = loose.placingRule(relaxedFacts!);
        byRuleSet[set.ruleSet.id].lowWater = { tier: loose.tierOf(r), explanation: relaxed!.explainers[j].explanation(r, relaxedFacts!) };
      }
    });
    return byRuleSet;
  };
  const evaluation = (row: MemberRow, ruleSetId: string): Evaluation | undefined => {
    const k = compiled.sets.findIndex((s) => s.ruleSet.id === ruleSetId);
    return k < 0 ? undefined : compiled.evaluate(k, compiled.load(row.facts), row.facts);
  };
  return { place, evaluation };
}

const lowWaterSets = (sets: RuleSet[]) => sets.filter((s) => s.lowWaterMark !== undefined);

/** The low-water rule sets, relaxed and compiled, with their explainers; by rule set id. */
function relaxedRules(sets: RuleSet[], input: TieringInput, cuts: Array<PercentileCuts | undefined>) {
  const loose = lowWaterSets(sets).map((s) => relaxRuleSet(s, s.lowWaterMark!));
  // A relaxed "top N%" reads the same cut, moved by the mark (relax.ts).
  const compiled = compileRuleSets(loose, input.today, loose.map((s) => cuts[sets.findIndex((x) => x.id === s.id)]));
  return { compiled, explainers: compiled.sets.map((s) => compileExplainer(s, input.locale)), index: new Map(loose.map((s, j) => [s.id, j])) };
}

/** Any other engine (the json-rules-engine reference): its Evaluation, explained by explain.ts. */
function enginePlacer(sets: RuleSet[], input: TieringInput, engine: RuleEngine, cuts: Array<PercentileCuts | undefined>): Placer {
  const evaluators = sets.map((s, i) => engine.evaluator(s, input.today, cuts[i]));
  const relaxed = new Map(lowWaterSets(sets).map((s) => [s.id, engine.evaluator(relaxRuleSet(s, s.lowWaterMark!), input.today, cuts[sets.indexOf(s)])]));
  const place = (row: MemberRow): Record<string, Placement> => {
    const byRuleSet: Record<string, Placement> = {};
    for (const ev of evaluators) {
      const evaluation = ev.evaluate(row.facts);
      byRuleSet[ev.ruleSet.id] = {
        tier: evaluation.tier,
        explanation: explainPlacement(ev.ruleSet, evaluation, input.today, input.locale),
        progress: progressToNextTier(ev.ruleSet, evaluation, input.today, input.locale),
      };
      const loose = relaxed.get(ev.ruleSet.id);
      if (loose) {
        const r = loose.evaluate(row.facts);
        byRuleSet[ev.ruleSet.id].lowWater = { tier: r.tier, explanation: explainPlacement(loose.ruleSet, r, input.today, input.locale) };
      }
    }
    return byRuleSet;
  };
  const evaluation = (row: MemberRow, ruleSetId: string) => evaluators.find((ev) => ev.ruleSet.id === ruleSetId)?.evaluate(row.facts);
  return { place, evaluation };
}
