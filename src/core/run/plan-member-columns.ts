import { MANAGED_COLUMNS, type ManagedColumnId } from '../names/columns.js';
import { ACTIVITY, CONTRIBUTION } from './plan-input.js';
import type { ColumnsPatch } from '../base/patch.js';
import { memberStatusText } from './plan-member-status.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';
import type { Placement, TieredMembers } from '../tiering/tiering.js';
import { tierLabel } from '../rules/tier-label.js';

export interface MemberColumnsInput {
  /** Placements as written (after grace periods and locks). */
  tiered: TieredMembers;
  activitySet?: RuleSet;
  contributionSet?: RuleSet;
  locale: Locale;
  computedAt: string;
}

/** The managed members-sheet cells, one per data row: the two tiers, why, how far to the next, status and when. */
export function memberColumnValues(input: MemberColumnsInput): Record<ManagedColumnId, CellValue[]> {
  const { activitySet, contributionSet, locale } = input;
  const values: Record<ManagedColumnId, CellValue[]> = { activity: [], contribution: [], reason: [], progress: [], status: [], computedAt: [] };
  for (const row of input.tiered.parsed.rows) {
    const placed = input.tiered.placements.get(row.index);
    const act = placed?.[ACTIVITY];
    const con = placed?.[CONTRIBUTION];
    values.activity.push(act && activitySet ? label(activitySet, act, locale) : null);
    values.contribution.push(con && contributionSet ? label(contributionSet, con, locale) : null);
    values.reason.push(placed ? joinNonEmpty([act?.explanation, con?.explanation], locale) : null);
    values.progress.push(placed ? joinNonEmpty([act?.progress, con?.progress], locale) : null);
    values.status.push(memberStatusText(row, locale));
    values.computedAt.push(row.status === 'blank' ? null : input.computedAt);
  }
  return values;
}

/** Those cells as a patch of the members sheet, each column where it was found (or appended). */
export function memberColumnsPatch(table: Table, where: Record<ManagedColumnId, number>, values: Record<ManagedColumnId, CellValue[]>, locale: Locale): ColumnsPatch {
  return {
    kind: 'columns',
    sheet: table.sheet,
    columns: (Object.keys(MANAGED_COLUMNS) as ManagedColumnId[]).map((id) => ({ index: where[id], header: MANAGED_COLUMNS[id][locale], values: values[id] })),
  };
}

function label(set: RuleSet, p: Placement, locale: Locale): string {
  return tierLabel(set, p.tier ?? '', locale);
}

function joinNonEmpty(parts: Array<string | undefined>, locale: Locale): string {
  return parts.filter((p) => p).join(locale === 'zh' ? '；' : '; ');
}
