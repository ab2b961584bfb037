import { deriveFacts, isFactId, sheetFactsOf, SHEET_FACTS, type FactValues } from '../facts/facts.js';
import type { MemberRow } from '../facts/members.js';
import type { RuleSet } from '../rules/types.js';
import type { ActivityHistory, MemberHistory } from './activity-history.js';
import { graceDaysOf } from './apply-dynamics.js';
import { churnWarningOf, type ChurnWarning } from '../rules/churn-warning.js';
import type { Decision } from './grace.js';

/**
 * 流失预警, as data: who needs attention now and why. Two signals:
 *  - grace: the rules already place the member lower, and they keep their
 *    tier only until the grace period ends;
 *  - drop: the rule set's `churnWarning` fact fell by at least `dropShare`
 *    against the average of the member's last `baselineRuns` runs.
 * The history it compares with is updated here too: today's value joins
 * the runs before today (a re-run on the same day replaces today's entry,
 * so it changes nothing), and only baselineRuns + 1 runs are kept.
 */
export interface GraceSignal {
  kind: 'grace';
  ruleSet: string;
  /** The tier held, and the one the rules give. */
  tier: string;
  ruleTier: string;
  since: number;
  /** The day the demotion takes effect unless the member comes back. */
  ends: number;
  daysLeft: number;
}

export interface DropSignal {
  kind: 'drop';
  ruleSet: string;
  fact: string;
  tier: string;
  /** Average over `runs` earlier runs, and the value now. */
  baseline: number;
  runs: number;
  now: number;
  /** 0.7 = fell 70%. */
  drop: number;
  since: number;
}

export type ChurnSignal = GraceSignal | DropSignal;

export interface MemberWarning {
  row: MemberRow;
  memberId: string;
  signals: ChurnSignal[];
  /** The earliest signal's start. */
  since: number;
}

export interface ChurnInput {
  /** The `first` rule sets. */
  ruleSets: RuleSet[];
  rows: MemberRow[];
  /** Effective placements' tiers: row index → rule set id → tier id. */
  tierOf(rowIndex: number, ruleSet: string): string | undefined;
  decisions: ReadonlyMap<number, Record<string, Decision>>;
  /** Whether the members sheet has a column for this sheet fact: with none of a fact's columns, this run says nothing about it. */
  hasColumn(fact: string): boolean;
  /** Last run's histories, by rule set id (empty on a first run or an older state). */
  previous: ReadonlyMap<string, ActivityHistory>;
  today: number;
}

export interface ChurnResult {
  /** Most urgent first (see `byUrgency`). */
  warnings: MemberWarning[];
  /** The histories to store, by rule set id. */
  histories: Map<string, ActivityHistory>;
}

export function findChurn(input: ChurnInput): ChurnResult {
  const { today } = input;
  const byRow = new Map<number, ChurnSignal[]>();
  const signal = (row: MemberRow, s: ChurnSignal) => {
    const list = byRow.get(row.index) ?? [];
    list.push(s);
    byRow.set(row.index, list);
  };
  const members = input.rows.filter((r): r is MemberRow & { memberId: string } => r.status === 'ok' && r.memberId !== null);
  const histories = new Map<string, ActivityHistory>();

  for (const set of input.ruleSets) {
    const graceDays = graceDaysOf(set);
    for (const row of members) {
      const d = input.decisions.get(row.index)?.[set.id];
      if (d?.kind === 'held') signal(row, { kind: 'grace', ruleSet: set.id, tier: d.tier, ruleTier: d.ruleTier, since: d.since, ends: d.since + graceDays, daysLeft: d.daysLeft });
    }
    const config = churnWarningOf(set);
    if (!config) continue;
    const prev = input.previous.get(set.id);
    // Another fact's history says nothing about this one.
    const before = prev && prev.fact === config.fact ? prev : undefined;
    const kept = (before?.days ?? []).map((day, i) => ({ day, i })).filter((x) => x.day < today).slice(-config.baselineRuns);
    const next: ActivityHistory = { fact: config.fact, days: [...kept.map((x) => x.day), today], members: new Map() };
    // An export without the fact's columns would read as everyone at 0 (missing-as-zero): a fall of 100% for all. Record nothing instead.
    const valueOf = sheetFactsOf(config.fact).some(input.hasColumn) ? factReader(set, config.fact, today) : () => null;
    const days = kept.length;
    for (const row of members) {
      const old = before?.members.get(row.memberId);
      const values: Array<number | null> = new Array(days + 1);
      let any = false;
      for (let j = 0; j < days; j++) {
        const v = old ? (old.values[kept[j].i] ?? null) : null;
        values[j] = v;
        if (v !== null) any = true;
      }
      const now = valueOf(row.facts);
      values[days] = now;
      const entry: MemberHistory = { values };
      const drop = old ? dropOf(values, days, now, config) : undefined;
      if (drop) {
        const tier = input.tierOf(row.index, set.id);
        const locked = input.decisions.get(row.index)?.[set.id]?.kind === 'locked';
        if (tier !== undefined && config.tiers.includes(tier) && !locked) {
          entry.since = Math.min(old?.since ?? today, today);
          signal(row, { kind: 'drop', ruleSet: set.id, fact: config.fact, tier, ...drop, now: now!, since: entry.since });
        }
      }
      if (any || now !== null) next.members.set(row.memberId, entry);
    }
    histories.set(set.id, next);
  }

  const order = new Map(input.ruleSets.map((s) => [s.id, s.tiers.map((t) => t.id)]));
  const warnings: MemberWarning[] = [];
  for (const row of members) {
    const signals = byRow.get(row.index);
    if (signals) warnings.push({ row, memberId: row.memberId, signals, since: signals.reduce((m, s) => Math.min(m, s.since), Infinity) });
  }
  return { warnings: byUrgency(warnings, order), histories };
}

/** The fall against the member's own baseline (the first `runs` values), when it is large enough to warn. */
function dropOf(values: Array<number | null>, runs: number, now: number | null, c: ChurnWarning): { baseline: number; runs: number; drop: number } | undefined {
  if (now === null) return undefined;
  let sum = 0;
  let seen = 0;
  for (let j = 0; j < runs; j++) {
    const v = values[j];
    if (v !== null) {
      sum += v;
      seen++;
    }
  }
  if (seen === 0) return undefined;
  const baseline = sum / seen;
  if (baseline <= 0 || baseline < c.minBaseline) return undefined;
  const drop = (baseline - now) / baseline;
  // A hair under the share (floating point) still counts: 40 → 20 is a 50% fall.
  return drop >= c.dropShare - 1e-9 ? { baseline, runs: seen, drop } : undefined;
}

/** The watched fact as the rules see it: derived facts computed, the rule set's missing-as-zero facts counted as 0. */
function factReader(set: RuleSet, fact: string, today: number): (facts: FactValues) => number | null {
  const zero = new Set(set.missingAsZero ?? []);
  const parts = sheetFactsOf(fact);
  const withZero = (facts: FactValues, f: string) => (facts[f as keyof FactValues] ?? (zero.has(f) ? 0 : null));
  if (!isFactId(fact)) return () => null;
  if (Object.prototype.hasOwnProperty.call(SHEET_FACTS, fact)) {
    return (facts) => {
      const v = withZero(facts, fact);
      return typeof v === 'number' ? v : null;
    };
  }
  // One object for every member: only the parts are read.
  const base: FactValues = {};
  return (facts) => {
    for (const p of parts) base[p] = withZero(facts, p);
    const v = deriveFacts(base, today)[fact];
    return typeof v === 'number' ? v : null;
  };
}

/**
 * Most urgent first: members whose grace period ends soonest, then the
 * largest falls, then higher tiers, then by member ID (a stable order).
 */
function byUrgency(warnings: MemberWarning[], order: Map<string, string[]>): MemberWarning[] {
  const keyed = warnings.map((w) => {
    let left = Infinity;
    let fall = 0;
    let rank = Infinity;
    for (const s of w.signals) {
      if (s.kind === 'grace') left = Math.min(left, s.daysLeft);
      else fall = Math.max(fall, s.drop);
      const i = (order.get(s.ruleSet) ?? []).indexOf(s.tier);
      if (i >= 0) rank = Math.min(rank, i);
    }
    return { w, left, fall, rank };
  });
  const cmp = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
  keyed.sort((a, b) => cmp(a.left, b.left) || cmp(b.fall, a.fall) || cmp(a.rank, b.rank) || cmp2(a.w.memberId, b.w.memberId));
  return keyed.map((k) => k.w);
}

const cmp2 = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
