import { parseDate, parseText } from '../base/cells.js';
import type { CellValue, Table } from '../base/table.js';
import { formatCivilDay } from '../base/time.js';

/**
 * What Fenceng remembers between runs, kept in the workbook itself in the
 * hidden sheet `_fenceng_state` (rewritten whole on every run):
 *
 *   kind         key          a            b        c
 *   version      1
 *   tier         <memberId>   <ruleSetId>  <tierId> <belowSince YYYY-MM-DD or blank>
 *   admin-sheet  <sheet>      <admin name>
 *   rule-set     <ruleSetId>  <fingerprint>
 *
 * `tier` rows are each member's effective tier per rule set after the last
 * run and, while a demotion waits out its grace period, the day the member
 * first fell below it. `admin-sheet` rows are the per-admin sheets Fenceng
 * made, so it never touches a sheet it did not make. `rule-set` rows say
 * which rules the tiers came from (a changed rule set takes effect without
 * a grace period). Unknown kinds and
 * unreadable rows are skipped: the state is a memory, not the truth.
 */
export const STATE_VERSION = 1;
export const STATE_HEADER = ['kind', 'key', 'a', 'b', 'c'];

export interface TierState {
  tier: string;
  /** Civil day the member first fell below `tier` (a demotion in its grace period). */
  belowSince?: number;
}

export interface RunState {
  /** ruleSetId → memberId → state. */
  tiers: Map<string, Map<string, TierState>>;
  adminSheets: Array<{ sheet: string; admin: string }>;
  /** ruleSetId → fingerprint of the rule set the tiers came from. */
  ruleSets: Map<string, string>;
}

export function emptyState(): RunState {
  return { tiers: new Map(), adminSheets: [], ruleSets: new Map() };
}

export function readState(table: Table, today: number): RunState {
  const state = emptyState();
  for (const row of table.rows) {
    const kind = text(row[0]);
    if (kind === 'tier') {
      const [member, set, tier] = [text(row[1]), text(row[2]), text(row[3])];
      if (!member || !set || !tier) continue;
      const below = row[4] === null || row[4] === undefined ? undefined : parseDate(row[4], today);
      const t: TierState = { tier };
      if (below?.kind === 'value') t.belowSince = below.value;
      if (!state.tiers.has(set)) state.tiers.set(set, new Map());
      state.tiers.get(set)!.set(member, t);
    } else if (kind === 'admin-sheet') {
      const [sheet, admin] = [text(row[1]), text(row[2])];
      if (sheet && admin && !state.adminSheets.some((s) => s.sheet === sheet)) state.adminSheets.push({ sheet, admin });
    } else if (kind === 'rule-set') {
      const [set, fingerprint] = [text(row[1]), text(row[2])];
      if (set && fingerprint) state.ruleSets.set(set, fingerprint);
    }
  }
  return state;
}

export function stateRows(state: RunState): CellValue[][] {
  const rows: CellValue[][] = [STATE_HEADER, ['version', STATE_VERSION]];
  for (const [set, fingerprint] of state.ruleSets) rows.push(['rule-set', set, fingerprint]);
  for (const [set, members] of [...state.tiers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const [member, t] of members) rows.push(['tier', member, set, t.tier, t.belowSince === undefined ? null : formatCivilDay(t.belowSince)]);
  }
  for (const s of state.adminSheets) rows.push(['admin-sheet', s.sheet, s.admin]);
  return rows;
}

function text(c: CellValue | undefined): string {
  const p = parseText(c ?? null);
  return p.kind === 'value' ? p.value : '';
}
