import type { CellValue, Table } from '../base/table.js';
import { civilDay, formatCivilDay } from '../base/time.js';
import { PACKED_CELL_CHARS } from './state.js';

/**
 * The per-member activity history behind 流失预警, kept in `_fenceng_state`
 * next to the tiers (rows of kind `activity`, which older readers skip):
 *
 *   kind      key          a            b
 *   activity  <ruleSetId>  <part 1, 2…> <packed text>
 *
 * The packed text of one rule set, split over cells of at most
 * PACKED_CELL_CHARS characters, is a head line then one line per member:
 *
 *   a1 TAB <fact> TAB <day>,<day>,…          the runs kept, oldest first
 *   <id> TAB <value>,<value>,… [TAB <since>] the fact at each run ('' = absent)
 *
 * `since` is the day the member's drop warning began (absent when they are
 * not warned). Days are YYYY-MM-DD. At most baselineRuns + 1 runs are kept,
 * so 100,000 members with 4 runs take about 30 characters each: some 80
 * cells of 40,000 characters, 320 grid cells with the row's 4 columns.
 */
export interface ActivityHistory {
  fact: string;
  /** Civil days of the runs kept, oldest first. */
  days: number[];
  /** memberId → the fact at each of `days` (null: not in that run, or missing). */
  members: Map<string, MemberHistory>;
}

export interface MemberHistory {
  values: Array<number | null>;
  /** Civil day the current drop warning began. */
  since?: number;
}

const KIND = 'activity';
const FORMAT = 'a1';

/** Every rule set's history in a `_fenceng_state` table; unreadable parts are skipped (the state is a memory, not the truth). */
export function readActivityHistory(table: Table | undefined): Map<string, ActivityHistory> {
  const out = new Map<string, ActivityHistory>();
  if (!table) return out;
  const parts = new Map<string, Array<[number, string]>>();
  for (const row of table.rows) {
    if (row[0] !== KIND) continue;
    const set = typeof row[1] === 'string' ? row[1] : '';
    const part = Number(row[2]);
    if (!set || !Number.isInteger(part)) continue;
    if (!parts.has(set)) parts.set(set, []);
    parts.get(set)!.push([part, row[3] === null || row[3] === undefined ? '' : String(row[3])]);
  }
  for (const [set, list] of parts) {
    const lines = list.sort(([a], [b]) => a - b).map(([, p]) => p).join('').split('\n');
    const head = lines[0].split('\t');
    if (head[0] !== FORMAT || !head[1]) continue;
    const days = head[2] ? head[2].split(',').map(dayOf) : [];
    if (days.some((d) => d === undefined)) continue;
    const members = new Map<string, MemberHistory>();
    for (let i = 1; i < lines.length; i++) {
      const [id, values, since] = lines[i].split('\t');
      if (!id || values === undefined) continue;
      const h: MemberHistory = { values: values.split(',').map(numberOf) };
      if (h.values.length !== days.length) continue;
      const s = since ? dayOf(since) : undefined;
      if (s !== undefined) h.since = s;
      members.set(unescapeId(id), h);
    }
    out.set(set, { fact: head[1], days: days as number[], members });
  }
  return out;
}

/** The `activity` rows of `_fenceng_state`, rule sets in id order. */
export function activityHistoryRows(histories: ReadonlyMap<string, ActivityHistory>): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const set of [...histories.keys()].sort()) {
    const h = histories.get(set)!;
    const lines = [[FORMAT, h.fact, h.days.map(formatCivilDay).join(',')].join('\t')];
    for (const [id, m] of h.members) {
      const values = m.values.map((v) => (v === null ? '' : String(Math.round(v * 100) / 100))).join(',');
      lines.push(m.since === undefined ? `${escapeId(id)}\t${values}` : `${escapeId(id)}\t${values}\t${formatCivilDay(m.since)}`);
    }
    const text = lines.join('\n');
    for (let i = 0, part = 1; i < text.length; i += PACKED_CELL_CHARS, part++) rows.push([KIND, set, part, text.slice(i, i + PACKED_CELL_CHARS)]);
  }
  return rows;
}

function dayOf(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? civilDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

function numberOf(s: string): number | null {
  if (s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Member ids are the operator's text: keep tabs, newlines and backslashes from breaking the packing. */
function escapeId(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

function unescapeId(s: string): string {
  return s.includes('\\') ? s.replace(/\\([\\tnr])/g, (_m, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\')) : s;
}
