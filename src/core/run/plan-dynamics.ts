import { applyDynamics, type DynamicsResult } from '../dynamics/apply-dynamics.js';
import { readLocks, type Locks } from '../dynamics/locks.js';
import { readState, type RunState } from '../dynamics/state.js';
import type { ManagedColumnId } from '../names/columns.js';
import { ACTIVITY, CONTRIBUTION, type PlanInput } from './plan-input.js';
import { rulesVersion } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import type { Table } from '../base/table.js';

export interface PlannedDynamics {
  /** Last run's state, when the workbook has one. */
  previousState?: RunState;
  locks: Locks;
  /** Rule set id → fingerprint of the rule set now, for the next state. */
  fingerprints: Record<string, string>;
  dynamics: DynamicsResult;
}

/**
 * Tier dynamics: the tiers that take effect after grace periods and locks,
 * compared with last run's (the state, else what our columns showed).
 */
export function planDynamics(input: PlanInput, where: Record<ManagedColumnId, number>, today: number): PlannedDynamics {
  const { table } = input;
  const activitySet = input.ruleSets.find((s) => s.id === ACTIVITY);
  const contributionSet = input.ruleSets.find((s) => s.id === CONTRIBUTION);
  const previousState = input.state ? readState(input.state, today) : undefined;
  const shown = new Map<string, Array<string | undefined>>();
  if (!previousState) {
    if (activitySet) shown.set(activitySet.id, previousTiers(table, where.activity, activitySet));
    if (contributionSet) shown.set(contributionSet.id, previousTiers(table, where.contribution, contributionSet));
  }
  const locks = readLocks(table, input.tiered.parsed.rows, input.ruleSets, today);
  const fingerprints = Object.fromEntries(input.ruleSets.map((s) => [s.id, rulesVersion([tierRules(s)])]));
  const dynamics = applyDynamics({ tiered: input.tiered, ruleSets: input.ruleSets, previous: previousState, shown, locks, today, locale: input.locale, fingerprints, keepForGrace: input.keepForGrace });
  return { previousState, locks, fingerprints, dynamics };
}

/** What decides tiers: 流失预警's settings do not (changing them must not cut grace periods short as a rule change does). */
function tierRules(set: RuleSet): RuleSet {
  if (set.churnWarning === undefined) return set;
  const { churnWarning: _warning, ...rest } = set;
  return rest;
}

/** Tier ids the sheet showed before this run, read back from our own column (either language). */
function previousTiers(table: Table, column: number, set: RuleSet | undefined): Array<string | undefined> {
  if (!set) return [];
  const byLabel = new Map<string, string>();
  for (const t of set.tiers) for (const name of [t.zh, t.en, t.id]) byLabel.set(name, t.id);
  return table.rows.map((r) => (typeof r[column] === 'string' ? byLabel.get((r[column] as string).trim()) : undefined));
}
