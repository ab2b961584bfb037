/**
 * What a change to the points rules would do this period: points per
 * member under the rules in force and under the draft, from the same
 * members' facts (the ledger's history and caps across runs are left out:
 * this compares the rules, not the balances).
 */
import type { HeaderMapping } from '../core/facts/headers.js';
import { parseMembers } from '../core/facts/members.js';
import { computeAwards } from '../core/points/award.js';
import type { Locale } from '../core/base/locale.js';
import type { RuleSet } from '../core/rules/types.js';
import type { Table } from '../core/base/table.js';

export interface PointsPreview {
  /** Points awarded this period, all members together. */
  totalBefore: number;
  totalAfter: number;
  /** Members who get any points. */
  membersBefore: number;
  membersAfter: number;
  /** Members whose points change. */
  changed: number;
  /** The biggest changes, with how the new amount is reached. */
  examples: Array<{ memberId: string; nickname: string; before: number; after: number; reasons: string[] }>;
}

const EXAMPLES = 5;

export function previewPoints(table: Table, mapping: HeaderMapping, today: number, before: RuleSet, after: RuleSet, locale: Locale): PointsPreview {
  const rows = parseMembers(table, { mapping, today, usedFacts: new Set() }).rows.filter((r) => r.status === 'ok');
  const members = rows.map((r) => ({ memberId: r.memberId!, facts: r.facts }));
  const [was, will] = [computeAwards(before, members, today, locale), computeAwards(after, members, today, locale)];
  const sum = (awards: Array<{ points: number }> | undefined) => (awards ?? []).reduce((s, a) => s + a.points, 0);
  const diffs = rows.map((r) => ({ memberId: r.memberId!, nickname: typeof r.facts.nickname === 'string' ? r.facts.nickname : '', before: sum(was.get(r.memberId!)), after: sum(will.get(r.memberId!)), reasons: (will.get(r.memberId!) ?? []).map((a) => a.reason) }));
  const changed = diffs.filter((d) => d.before !== d.after);
  // Largest change first; ties by member ID so the preview is the same every time.
  changed.sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || (a.memberId < b.memberId ? -1 : 1));
  return {
    totalBefore: diffs.reduce((s, d) => s + d.before, 0),
    totalAfter: diffs.reduce((s, d) => s + d.after, 0),
    membersBefore: diffs.filter((d) => d.before > 0).length,
    membersAfter: diffs.filter((d) => d.after > 0).length,
    changed: changed.length,
    examples: changed.slice(0, EXAMPLES),
  };
}
