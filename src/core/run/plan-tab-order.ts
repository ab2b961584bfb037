import { findSheet, type Bilingual } from '../base/bilingual.js';
import type { SheetPatch } from '../base/patch.js';
import { ADMIN_SHEET_PREFIX, OPS_SHEETS, OWNED_SHEETS } from '../names/sheets.js';
import { ADMIN_LISTS_SHEET } from '../admins/admin-sheets.js';

/**
 * The tab order after a run, as data: the operator's sheets as they were,
 * then 分层概览 and 运营看板, the plans and incentives sheets (流失预警 last), 问题 and the
 * movements log, the admin sheets grouped at the end, hidden state last.
 * Tabs that already exist never move (the operator may have ordered them by
 * hand); only tabs this run creates are placed, each next to its group.
 */

/** Groups in tab order; each Fenceng sheet belongs to one. */
const GROUPS: ReadonlyArray<readonly Bilingual[]> = [
  [OWNED_SHEETS.overview, OPS_SHEETS.dashboard],
  [OPS_SHEETS.contentLibrary, OPS_SHEETS.contentPlan, OPS_SHEETS.interactionPlan, OPS_SHEETS.invites, OPS_SHEETS.redemptions, OPS_SHEETS.ledger, OPS_SHEETS.leaderboard, OPS_SHEETS.honors, OWNED_SHEETS.churn],
  [OWNED_SHEETS.issues, OWNED_SHEETS.movements],
  [OWNED_SHEETS.assignments],
];

/** The operator's own sheets. */
const OPERATOR = 0;
/** A sheet Fenceng writes that no group names: after the plans, before 问题. */
const OTHER_FENCENG = 2.5;
const ADMINS = 4;
const HIDDEN = 5;

/** A sort key: group (whole part), then place inside the group. */
function rankOf(name: string, hidden: boolean, written: boolean): number {
  if (hidden || name.startsWith('_fenceng_')) return HIDDEN;
  for (let g = 0; g < GROUPS.length; g++) {
    const i = GROUPS[g].findIndex((n) => findSheet([name], n) !== undefined);
    if (i >= 0) return (g === 3 ? ADMINS : g + 1) + i / 100;
  }
  // 分配名单 (one list for large teams) before the admins' own tabs.
  if (Object.values(ADMIN_LISTS_SHEET).includes(name)) return ADMINS + 0.4;
  if (Object.values(ADMIN_SHEET_PREFIX).some((p) => name.startsWith(p))) return ADMINS + 0.5;
  return written ? OTHER_FENCENG : OPERATOR;
}

const group = (rank: number) => Math.floor(rank);

/**
 * Every sheet's name in tab order after the patch: `existing` in its own
 * order, with the sheets the patch creates inserted where their group is.
 * A new sheet joins the end of its group; a group not yet there goes after
 * the last Fenceng group before it, else before the first one after it,
 * else at the end.
 */
export function planTabOrder(existing: readonly string[], sheets: readonly SheetPatch[]): string[] {
  const hidden = new Set(sheets.filter((p) => p.kind === 'replace' && p.hidden).map((p) => p.sheet));
  // A columns patch writes into a sheet that is not Fenceng's (成员): it stays the operator's.
  const written = new Set(sheets.filter((p) => p.kind !== 'columns').map((p) => p.sheet));
  const rank = (name: string) => rankOf(name, hidden.has(name), written.has(name));
  const known = new Set(existing);
  const created = [...new Set(sheets.map((p) => p.sheet))].filter((s) => !known.has(s));
  const order = [...existing];
  const ranks = order.map(rank);
  for (const name of created.map((s, i) => ({ s, i })).sort((a, b) => rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s)) {
    const r = rank(name);
    const at = insertionPoint(ranks, r);
    order.splice(at, 0, name);
    ranks.splice(at, 0, r);
  }
  return order;
}

function insertionPoint(ranks: readonly number[], r: number): number {
  const lastWhere = (ok: (x: number) => boolean) => {
    for (let i = ranks.length - 1; i >= 0; i--) if (ok(ranks[i])) return i;
    return -1;
  };
  // Inside its group: after the last member that sorts before it (so 分层概览 precedes 运营看板).
  const sameGroup = lastWhere((x) => group(x) === group(r) && x <= r);
  if (sameGroup >= 0) return sameGroup + 1;
  const firstOfGroup = ranks.findIndex((x) => group(x) === group(r));
  if (firstOfGroup >= 0) return firstOfGroup;
  const before = lastWhere((x) => x !== OPERATOR && x < r);
  if (before >= 0) return before + 1;
  const after = ranks.findIndex((x) => x !== OPERATOR && x > r);
  return after >= 0 ? after : ranks.length;
}
