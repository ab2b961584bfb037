import { parseDate, parseText } from '../base/cells.js';
import type { CellValue, Table } from '../base/table.js';
import { civilDay, formatCivilDay } from '../base/time.js';
import { PACKED_CHARS, escapeField, packLines, unescapeField } from '../base/packed-text.js';

/**
 * What Fenceng remembers between runs, kept in the workbook itself in the
 * hidden sheet `_fenceng_state` (rewritten whole on every run):
 *
 *   kind         key          a            b
 *   version      2
 *   rule-set     <ruleSetId>  <fingerprint>
 *   tiers        <ruleSetId>  <part 1, 2…> <packed text>
 *   admin-sheet  <sheet>      <admin name>
 *   first-placed <count>      <computed at>
 *
 * `tiers` rows hold each member's effective tier per rule set after the last
 * run and, while a demotion waits out its grace period, the day the member
 * first fell below it — packed, one line per member (`id TAB tier [TAB
 * YYYY-MM-DD]`), in cells of at most 40,000 characters, so 100,000 members
 * take a few hundred cells instead of a row each (Google counts cells
 * against a 10 M limit). Version 1's one `tier` row per member
 * (`tier <memberId> <ruleSetId> <tierId> <belowSince>`) is still read.
 * `admin-sheet` rows are the per-admin sheets Fenceng made, so it never
 * touches a sheet it did not make. `rule-set` rows say which rules the tiers
 * came from (a changed rule set takes effect without a grace period).
 * Unknown kinds and unreadable rows are skipped: the state is a memory, not
 * the truth.
 */
export const STATE_VERSION = 2;
export const STATE_HEADER = ['kind', 'key', 'a', 'b'];
/** Characters per packed cell (Sheets holds 50,000). */
export const PACKED_CELL_CHARS = PACKED_CHARS;

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
  /** The last run that placed members for the first time: how many, when (the overview shows it; a re-run keeps it). */
  firstPlaced?: { count: number; at: string };
}

export function emptyState(): RunState {
  return { tiers: new Map(), adminSheets: [], ruleSets: new Map() };
}

export function readState(table: Table, today: number): RunState {
  const state = emptyState();
  const setTier = (set: string, member: string, t: TierState) => {
    if (!state.tiers.has(set)) state.tiers.set(set, new Map());
    state.tiers.get(set)!.set(member, t);
  };
  const parts = new Map<string, Array<[number, string]>>();
  for (const row of table.rows) {
    const kind = text(row[0]);
    if (kind === 'tiers') {
      const [set, part, packed] = [text(row[1]), Number(row[2]), row[3] === null || row[3] === undefined ? '' : String(row[3])];
      if (!set || !Number.isInteger(part)) continue;
      if (!parts.has(set)) parts.set(set, []);
      parts.get(set)!.push([part, packed]);
    } else if (kind === 'tier') {
      const [member, set, tier] = [text(row[1]), text(row[2]), text(row[3])];
      if (!member || !set || !tier) continue;
      const below = row[4] === null || row[4] === undefined ? undefined : parseDate(row[4], today);
      const t: TierState = { tier };
      if (below?.kind === 'value') t.belowSince = below.value;
      setTier(set, member, t);
    } else if (kind === 'admin-sheet') {
      const [sheet, admin] = [text(row[1]), text(row[2])];
      if (sheet && admin && !state.adminSheets.some((s) => s.sheet === sheet)) state.adminSheets.push({ sheet, admin });
    } else if (kind === 'first-placed') {
      const count = Number(row[1]);
      if (Number.isInteger(count) && count > 0) state.firstPlaced = { count, at: text(row[2]) };
    } else if (kind === 'rule-set') {
      const [set, fingerprint] = [text(row[1]), text(row[2])];
      if (set && fingerprint) state.ruleSets.set(set, fingerprint);
    }
  }
  for (const [set, list] of parts) {
    const packed = list.sort(([a], [b]) => a - b).map(([, p]) => p).join('');
    for (const line of packed.split('\n')) {
      const fields = line.split('\t');
      const member = unescapeField(fields[0]);
      const tier = unescapeField(fields[1] ?? '');
      if (!member || !tier) continue;
      const t: TierState = { tier };
      const below = fields[2] ? packedDay(fields[2]) : undefined;
      if (below !== undefined) t.belowSince = below;
      setTier(set, member, t);
    }
  }
  return state;
}

export function stateRows(state: RunState): CellValue[][] {
  const rows: CellValue[][] = [STATE_HEADER, ['version', STATE_VERSION]];
  for (const [set, fingerprint] of state.ruleSets) rows.push(['rule-set', set, fingerprint]);
  for (const [set, members] of [...state.tiers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const lines: string[] = [];
    for (const [member, t] of members) {
      const fields = [member, t.tier].map(escapeField);
      if (t.belowSince !== undefined) fields.push(formatCivilDay(t.belowSince));
      lines.push(fields.join('\t'));
    }
    packLines(lines).forEach((packed, i) => rows.push(['tiers', set, i + 1, packed]));
  }
  for (const s of state.adminSheets) rows.push(['admin-sheet', s.sheet, s.admin]);
  if (state.firstPlaced) rows.push(['first-placed', state.firstPlaced.count, state.firstPlaced.at]);
  return rows;
}

/** `YYYY-MM-DD` as written by stateRows. */
function packedDay(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? civilDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function text(c: CellValue | undefined): string {
  const p = parseText(c ?? null);
  return p.kind === 'value' ? p.value : '';
}
