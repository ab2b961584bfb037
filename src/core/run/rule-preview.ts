import { mapHeaders, type HeaderMapping } from '../facts/headers.js';
import { MANAGED_COLUMNS, type ManagedColumnId } from '../names/columns.js';
import type { RunPlan } from './plan-run.js';
import { graceDaysOf } from '../dynamics/apply-dynamics.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import { sheetRowOf, type CellValue, type Table } from '../base/table.js';

/** A member who would move, as the preview shows them. */
export interface PreviewExample {
  memberId: string;
  nickname: string;
  /** Sheet row. */
  row: number;
  /** The new 分层依据. */
  reason: string;
}

export interface PreviewMove {
  /** Tier id now on the sheet; null when the member has no tier yet. */
  from: string | null;
  to: string;
  count: number;
  examples: PreviewExample[];
}

/** One rule set's from→to picture: the tiers on the sheet now against what a recompute would write. */
export interface RuleSetPreview {
  id: string;
  label: string;
  /** Tiers in order (highest first), with labels in the requested language. */
  tiers: Array<{ id: string; label: string }>;
  /** Every (from, to) pair with members, unchanged ones included; the matrix's cells. */
  cells: Array<{ from: string | null; to: string; count: number }>;
  /** Pairs where from ≠ to, largest first, with examples. */
  moves: PreviewMove[];
  moved: number;
  unchanged: number;
  /** Members with no tier on the sheet yet. */
  fresh: number;
  /**
   * Members this rule change drops to a lower tier at once (the dry run's
   * decisions): those the operator may let keep their tier for the grace
   * period instead (`keepForGrace` on save).
   */
  demoted: number;
  /** The rule set's grace period in days (0: keeping them is no option). */
  graceDays: number;
}

export interface PreviewInput {
  /** The dry run's results: the members sheet as read, the placements and the member cells a recompute would write. */
  run: Pick<RunPlan, 'members' | 'effective' | 'memberColumns'> & Partial<Pick<RunPlan, 'decisions'>>;
  ruleSets: RuleSet[];
  /** Rule sets the sheet's current labels came from (their tier names may differ). */
  previousRuleSets?: RuleSet[];
  mapping: HeaderMapping;
  locale: Locale;
  examplesPerMove?: number;
}

/**
 * Compares the tiers the sheet shows now with those a recompute would write,
 * per rule set that has a column on the members sheet. Labels on the sheet
 * in either language (or a tier id) count as the same tier, so switching
 * language is not a move.
 */
export function previewMoves(input: PreviewInput): RuleSetPreview[] {
  const { locale } = input;
  const { members: table, effective, memberColumns } = input.run;
  const reasons = memberColumns.values.reason;
  const ids = mapHeaders(table.header, input.mapping).columns;
  const cell = (r: number, c: number | undefined): string => (c === undefined ? '' : text(table.rows[r]?.[c]));
  const limit = input.examplesPerMove ?? 3;
  const out: RuleSetPreview[] = [];

  for (const set of input.ruleSets) {
    if (set.hitPolicy !== 'first' || !(set.id in MANAGED_COLUMNS)) continue;
    const column = memberColumns.where[set.id as ManagedColumnId];
    const known = new Map<string, string>();
    const previous = input.previousRuleSets?.find((s) => s.id === set.id);
    for (const s of [previous, set]) for (const t of s?.tiers ?? []) for (const name of [t.id, t.zh, t.en]) known.set(name.trim(), t.id);
    const tierIds = new Set([previous, set].flatMap((s) => s?.tiers.map((t) => t.id) ?? []));
    const cells = new Map<string, { from: string | null; to: string; count: number; examples: PreviewExample[] }>();
    let moved = 0;
    let unchanged = 0;
    let fresh = 0;
    let demoted = 0;
    const order = new Set(set.tiers.map((t) => t.id));
    for (const row of effective.parsed.rows) {
      const r = row.index;
      const to = effective.placements.get(r)?.[set.id]?.tier;
      if (to === undefined || !tierIds.has(to)) continue; // blank or untiered row
      const shown = text(table.rows[r]?.[column]);
      const from = shown ? (known.get(shown) ?? null) : null;
      const decision = input.run.decisions?.get(r)?.[set.id];
      // Only a demotion the rule change forces can be softened; a tier the new rules no longer have cannot be kept.
      if (decision?.kind === 'demoted' && decision.rulesChanged && order.has(decision.from)) demoted++;
      if (from === null) fresh++;
      else if (from === to) unchanged++;
      else moved++;
      const key = `${from ?? ''}>${to}`;
      const entry = cells.get(key) ?? { from, to, count: 0, examples: [] };
      entry.count++;
      if (from !== to && entry.examples.length < limit) {
        entry.examples.push({ memberId: cell(r, ids.memberId), nickname: cell(r, ids.nickname), row: sheetRowOf(r), reason: text(reasons[r]) });
      }
      cells.set(key, entry);
    }
    const all = [...cells.values()];
    out.push({
      id: set.id,
      label: set.label[locale],
      tiers: set.tiers.map((t) => ({ id: t.id, label: t[locale] })),
      cells: all.map(({ from, to, count }) => ({ from, to, count })),
      moves: all.filter((c) => c.from !== c.to).sort((a, b) => b.count - a.count),
      moved,
      unchanged,
      fresh,
      demoted,
      graceDays: graceDaysOf(set),
    });
  }
  return out;
}

function text(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v).trim();
}
