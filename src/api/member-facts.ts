/**
 * The members' facts the sidebar needs to show thresholds against the data
 * (histograms, tier sizes): one column per number the rules can test,
 * dates as days ago, null for an empty cell. Columns, not rows, so the JSON
 * stays small and the browser counts with plain loops.
 */
import type { HeaderMapping } from '../core/facts/headers.js';
import { parseMembers } from '../core/facts/members.js';
import type { FactValues } from '../core/facts/facts.js';
import type { Table } from '../core/base/table.js';

export const MEMBER_COLUMNS = ['comments30d', 'likes30d', 'shares30d', 'posts30d', 'likesReceived30d', 'liveMinutes30d', 'daysSinceActive', 'daysInCommunity'] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

/** More members than this and an even sample is sent (shares stay right; counts are scaled). */
export const MEMBER_FACTS_LIMIT = 50_000;

export interface MemberFacts {
  /** Members that get tiered (rows with an ID, first occurrence). */
  total: number;
  /** Members in the columns: `total`, or an even sample of it. */
  count: number;
  columns: Record<MemberColumn, Array<number | null>>;
}

export function memberFactsOf(table: Table, mapping: HeaderMapping, today: number, limit = MEMBER_FACTS_LIMIT): MemberFacts {
  const parsed = parseMembers(table, { mapping, today, usedFacts: new Set() });
  const rows = parsed.rows.filter((r) => r.status === 'ok');
  const step = rows.length > limit ? rows.length / limit : 1;
  const picked = step === 1 ? rows : Array.from({ length: limit }, (_, k) => rows[Math.floor(k * step)]);
  const columns = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c, new Array<number | null>(picked.length)])) as MemberFacts['columns'];
  const ago = (d: unknown) => (typeof d === 'number' ? Math.max(0, today - d) : null);
  const num = (f: FactValues, k: keyof FactValues) => (typeof f[k] === 'number' ? (f[k] as number) : null);
  picked.forEach((r, i) => {
    for (const c of MEMBER_COLUMNS) {
      columns[c][i] = c === 'daysSinceActive' ? ago(r.facts.lastActiveAt) : c === 'daysInCommunity' ? ago(r.facts.joinedAt) : num(r.facts, c);
    }
  });
  return { total: rows.length, count: picked.length, columns };
}
