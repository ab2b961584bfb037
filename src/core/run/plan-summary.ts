import type { AdminsPlan } from '../admins/plan-admins.js';
import type { DynamicsResult } from '../dynamics/apply-dynamics.js';
import type { Issue } from '../base/issues.js';
import { ACTIVITY, CONTRIBUTION, type PlanInput } from './plan-input.js';
import type { ActivityMoves } from './plan-moves.js';
import type { RuleSet } from '../rules/types.js';
import type { RunSummary } from './summary.js';
import type { TieredMembers } from '../tiering/tiering.js';

export interface RunSummaryInput {
  input: PlanInput;
  /** Placements as written (after grace periods and locks). */
  tiered: TieredMembers;
  moves: ActivityMoves;
  /** Every issue the run reports: the members sheet's, the locks' and the Admins sheet's. */
  issues: Issue[];
  dynamics: DynamicsResult;
  activitySet?: RuleSet;
  admins?: AdminsPlan;
}

/** What the run did, as the CLI's --json, the sidebar and 分层概览 report it. */
export function summarizeRun({ input, tiered, moves, issues, dynamics, activitySet, admins }: RunSummaryInput): RunSummary {
  const rows = tiered.parsed.rows;
  const summary: RunSummary = {
    sheet: input.table.sheet,
    rowsRead: rows.length,
    members: tiered.placements.size,
    notTiered: rows.filter((r) => r.status === 'missing-id' || r.status === 'duplicate-id').length,
    blankRows: rows.filter((r) => r.status === 'blank').length,
    tiers: tierCounts(input, tiered),
    matrix: tierMatrix(tiered),
    moves: moves.moves,
    movedMembers: moves.movedMembers,
    newMembers: moves.newMembers,
    issues: issues.length,
    issuesByCode: countByCode(issues),
    rulesVersion: input.rulesVersion,
    computedAt: input.computedAt,
    timeZone: input.timeZone,
    dryRun: input.dryRun,
  };
  summary.held = activitySet ? dynamics.held[activitySet.id] : 0;
  summary.locked = activitySet ? dynamics.locked[activitySet.id] : 0;
  summary.movementsAdded = dynamics.movements.length;
  if (admins) summary.admins = admins.summary;
  return summary;
}

/** Members per tier of each rule set that places members in one tier. */
function tierCounts(input: PlanInput, tiered: TieredMembers): RunSummary['tiers'] {
  const tiers: RunSummary['tiers'] = {};
  for (const set of input.ruleSets.filter((s) => s.hitPolicy === 'first')) {
    const counts = set.tiers.map((t) => ({ tier: t.id, label: t[input.locale], count: 0 }));
    for (const p of tiered.placements.values()) {
      const c = counts.find((x) => x.tier === p[set.id]?.tier);
      if (c) c.count++;
    }
    tiers[set.id] = { label: set.label[input.locale], counts };
  }
  return tiers;
}

/** Members per activity × contribution tier ('' where a member has no tier in one of them). */
function tierMatrix(tiered: TieredMembers): RunSummary['matrix'] {
  const matrix: RunSummary['matrix'] = {};
  for (const p of tiered.placements.values()) {
    const a = p[ACTIVITY]?.tier ?? '';
    const c = p[CONTRIBUTION]?.tier ?? '';
    matrix[a] ??= {};
    matrix[a][c] = (matrix[a][c] ?? 0) + 1;
  }
  return matrix;
}

function countByCode(issues: Issue[]): RunSummary['issuesByCode'] {
  const byCode: RunSummary['issuesByCode'] = {};
  for (const i of issues) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
  return byCode;
}
