import { sheetFactsOf, type SheetFactId } from '../facts/facts.js';
import type { HeaderMapping } from '../facts/headers.js';
import { locateAdminColumn, locateManagedColumns, findBalanceColumn } from '../names/columns.js';
import { parseMembers, type MemberRow, type ParsedMembers } from '../facts/members.js';
import { createEvaluator, type Evaluation } from '../rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../rules/explain.js';
import type { Locale } from '../base/locale.js';
import type { Condition, RuleSet } from '../rules/types.js';
import type { Table } from '../base/table.js';

/** One rule set's verdict on one member. */
export interface Placement {
  tier?: string;
  explanation: string;
  progress: string;
  evaluation: Evaluation;
}

export interface TieredMembers {
  parsed: ParsedMembers;
  /** By data row index; only rows with status 'ok'. Each maps rule set id → placement. */
  placements: Map<number, Record<string, Placement>>;
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
export async function tierMembers(input: TieringInput): Promise<TieredMembers> {
  const zeroFacts = new Set(input.ruleSets[0]?.missingAsZero ?? []);
  for (const s of input.ruleSets) for (const f of [...zeroFacts]) if (!s.missingAsZero?.includes(f)) zeroFacts.delete(f);
  const managed = locateManagedColumns(input.table);
  const ignoreColumns = new Set([...Object.values(managed), locateAdminColumn(input.table, managed), findBalanceColumn(input.table)]);
  const parsed = parseMembers(input.table, { mapping: input.mapping, today: input.today, usedFacts: factsUsedBy(input.ruleSets), zeroFacts, ignoreColumns });
  const evaluators = input.ruleSets.filter((s) => s.hitPolicy === 'first').map((s) => createEvaluator(s, input.today));
  const placements = new Map<number, Record<string, Placement>>();
  const todo = parsed.rows.filter((r) => r.status === 'ok' && (!input.only || input.only(r)));
  const place = async (row: MemberRow): Promise<Record<string, Placement>> => {
    const byRuleSet: Record<string, Placement> = {};
    for (const ev of evaluators) {
      const evaluation = await ev.evaluate(row.facts);
      byRuleSet[ev.ruleSet.id] = {
        tier: evaluation.tier,
        explanation: explainPlacement(ev.ruleSet, evaluation, input.today, input.locale),
        progress: progressToNextTier(ev.ruleSet, evaluation, input.today, input.locale),
        evaluation,
      };
    }
    return byRuleSet;
  };
  // Rows go to the engine in small batches: its promise chains interleave,
  // which is a quarter faster than one row at a time; results keep row order.
  const BATCH = 50;
  for (let start = 0; start < todo.length; start += BATCH) {
    const batch = todo.slice(start, start + BATCH);
    const results = await Promise.all(batch.map(place));
    batch.forEach((row, k) => placements.set(row.index, results[k]));
    input.onProgress?.(start + batch.length, todo.length);
  }
  return { parsed, placements };
}
