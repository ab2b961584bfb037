/**
 * How many members each tier and each rule would get: the rules as written,
 * before grace periods and locks. Counted by the core's compiled evaluator
 * (src/core/rules/compile.ts), the one a run uses, with the run's "top N%"
 * cuts over the members the sidebar holds.
 */
import type { MemberFacts } from '../../api/member-facts.js';
import type { FactValues } from '../../core/facts/facts.js';
import { compileRuleSets, percentileCuts } from '../../core/rules/compile.js';
import { cutValue, percentileOf, type PercentileCuts } from '../../core/rules/percentile.js';
import type { Condition, RuleSet } from '../../core/rules/types.js';

export interface SetCounts {
  members: number;
  /** first: members per tier id. */
  byTier: Record<string, number>;
  /** first: members each rule places; collect: members it fires for (by index in ruleSet.rules). */
  byRule: number[];
}

/** Any civil day: the sidebar has dates as days ago, so they are put back as days before this one. */
const TODAY = 1_000_000;

/** Facts the sidebar's columns give (dates as days ago), and those derived from them. */
const READABLE = new Set(['comments30d', 'likes30d', 'shares30d', 'posts30d', 'likesReceived30d', 'liveMinutes30d', 'interactions30d', 'daysSinceActive', 'daysInCommunity', 'lastActiveAt', 'joinedAt']);

const rowsOf = new WeakMap<MemberFacts, FactValues[]>();

/** The members as sheet facts, as the run reads them (built once per MemberFacts). */
export function memberRows(facts: MemberFacts): FactValues[] {
  let rows = rowsOf.get(facts);
  if (rows) return rows;
  const c = facts.columns;
  const day = (ago: number | null) => (ago === null ? null : TODAY - ago);
  rows = Array.from({ length: facts.count }, (_, i) => ({
    comments30d: c.comments30d[i],
    likes30d: c.likes30d[i],
    shares30d: c.shares30d[i],
    posts30d: c.posts30d[i],
    likesReceived30d: c.likesReceived30d[i],
    liveMinutes30d: c.liveMinutes30d[i],
    lastActiveAt: day(c.daysSinceActive[i]),
    joinedAt: day(c.daysInCommunity[i]),
  }));
  rowsOf.set(facts, rows);
  return rows;
}

/** Whether every leaf reads a fact the sidebar has (text facts it has not: null is said, not guessed). */
function readable(c: Condition): boolean {
  if ('all' in c) return c.all.every(readable);
  if ('any' in c) return c.any.every(readable);
  if ('not' in c) return readable(c.not);
  const p = percentileOf(c.value);
  return READABLE.has(c.fact) && (!p || READABLE.has(String(p.params.fact)));
}

/** null when a rule reads something the sidebar has no column for. */
export function countSet(set: RuleSet, facts: MemberFacts): SetCounts | null {
  return counted(set, facts)?.counts ?? null;
}

type Counted = { counts: SetCounts; cuts?: PercentileCuts } | null;

/** Recent answers per members: a keystroke changes one rule set, the others are not counted again. */
const recent = new WeakMap<MemberFacts, Map<string, Counted>>();
const RECENT = 16;

function counted(set: RuleSet, facts: MemberFacts): Counted {
  const key = JSON.stringify(set);
  let memo = recent.get(facts);
  if (!memo) recent.set(facts, (memo = new Map()));
  if (memo.has(key)) return memo.get(key)!;
  const result = countNow(set, facts);
  if (memo.size >= RECENT) memo.delete(memo.keys().next().value!);
  memo.set(key, result);
  return result;
}

function countNow(set: RuleSet, facts: MemberFacts): Counted {
  if (!set.rules.every((r) => readable(r.conditions))) return null;
  const rows = memberRows(facts);
  const [cuts] = percentileCuts([set], TODAY, rows);
  const rules = compileRuleSets([set], TODAY, [cuts]);
  const compiled = rules.sets[0];
  // Compiled rules are in priority order; counts are by the rule's place as written.
  const written = compiled.rules.map((r) => set.rules.indexOf(r));
  const byRule = set.rules.map(() => 0);
  const byTier: Record<string, number> = Object.fromEntries(set.tiers.map((t) => [t.id, 0]));
  let m = rules.load({});
  for (const row of rows) {
    m = rules.loadInto(row, m);
    if (set.hitPolicy === 'collect') {
      for (const k of compiled.matchingRules(m)) byRule[written[k]]++;
      continue;
    }
    const k = compiled.placingRule(m);
    if (k >= 0) byRule[written[k]]++;
    const tier = compiled.tierOf(k) ?? '';
    byTier[tier] = (byTier[tier] ?? 0) + 1;
  }
  return { counts: { members: facts.count, byTier, byRule }, cuts };
}

export interface ConditionCount {
  /** Members who meet the condition. */
  yes: number;
  /** For "top N%": the cut these members give (NaN: nobody has a value). */
  cut?: number;
}

/**
 * Several conditions of one rule set over the members, by the same compiled
 * evaluator in one pass (each condition a rule of a `collect` probe, with the
 * rule set's missing-as-zero): how many meet each. null for a condition that
 * reads a fact the sidebar has not.
 */
export function countConditions(set: RuleSet, leaves: Condition[], facts: MemberFacts): Array<ConditionCount | null> {
  const usable = leaves.map((c) => readable(c));
  const probe: RuleSet = {
    ...set,
    hitPolicy: 'collect',
    tiers: [],
    default: undefined,
    rules: leaves.flatMap((c, i) => (usable[i] ? [{ name: `probe ${i}`, priority: 1, conditions: { all: [c] }, event: { type: 'probe' } }] : [])),
  };
  const result = probe.rules.length ? counted(probe, facts) : null;
  let k = 0;
  return leaves.map((c, i) => {
    if (!usable[i] || !result) return null;
    const yes = result.counts.byRule[k++];
    const p = 'fact' in c ? percentileOf(c.value) : undefined;
    return p ? { yes, cut: cutValue(result.cuts, p.params) } : { yes };
  });
}
