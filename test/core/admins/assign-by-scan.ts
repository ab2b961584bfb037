import type { AssignableAdmin, AssignableMember, AssignInput, AssignResult, TierShortfall } from '../../../src/core/admins/assign.js';

/**
 * assignMembers as it was before the heap: every member compared against
 * every admin. Kept as the oracle the faster version must equal.
 */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most active first: last active most recently, then most interactions, then member ID. */
function byActivity(a: Pick<AssignableMember, 'memberId' | 'lastActive' | 'interactions'>, b: typeof a): number {
  const la = a.lastActive ?? -Infinity;
  const lb = b.lastActive ?? -Infinity;
  if (la !== lb) return lb - la;
  if (a.interactions !== b.interactions) return b.interactions - a.interactions;
  return cmp(a.memberId, b.memberId);
}

export function assignMembersByScan(input: AssignInput): AssignResult {
  const tierIndex = new Map(input.tiers.map((t, i) => [t, i]));
  const admins = [...input.admins].sort((a, b) => cmp(a.name, b.name));
  const byName = new Map(admins.map((a) => [a.name, a]));
  const cap = (a: AssignableAdmin, t: string) => Math.max(0, Math.floor(a.capacity[t] ?? 0));
  const load = new Map(admins.map((a) => [a.name, Object.fromEntries(input.tiers.map((t) => [t, 0])) as Record<string, number>]));
  const total = new Map(admins.map((a) => [a.name, 0]));
  const adminOf = new Map<string, string>();
  const take = (m: AssignableMember, a: AssignableAdmin) => {
    adminOf.set(m.memberId, a.name);
    load.get(a.name)![m.tier]++;
    total.set(a.name, total.get(a.name)! + 1);
  };

  const members = input.members
    .filter((m) => tierIndex.has(m.tier))
    .sort((a, b) => tierIndex.get(a.tier)! - tierIndex.get(b.tier)! || byActivity(a, b));

  let kept = 0;
  for (const m of members) {
    const prev = m.previousAdmin === null ? undefined : byName.get(m.previousAdmin);
    if (prev && load.get(prev.name)![m.tier] < cap(prev, m.tier)) {
      take(m, prev);
      kept++;
    }
  }

  const unassigned = new Map<string, string[]>(input.tiers.map((t) => [t, []]));
  let reassigned = 0;
  let fresh = 0;
  for (const m of members) {
    if (adminOf.has(m.memberId)) continue;
    let best: AssignableAdmin | undefined;
    for (const a of admins) {
      const c = cap(a, m.tier);
      const l = load.get(a.name)![m.tier];
      if (l >= c) continue;
      if (!best) {
        best = a;
        continue;
      }
      // Lower share of this tier's capacity after taking one more: (l+1)/c < (lb+1)/cb.
      const cb = cap(best, m.tier);
      const lb = load.get(best.name)![m.tier];
      const d = (l + 1) * cb - (lb + 1) * c;
      if (d < 0 || (d === 0 && total.get(a.name)! < total.get(best.name)!)) best = a;
    }
    if (!best) {
      unassigned.get(m.tier)!.push(m.memberId);
      continue;
    }
    take(m, best);
    if (m.previousAdmin) reassigned++;
    else fresh++;
  }

  const shortfalls: TierShortfall[] = [];
  for (const t of input.tiers) {
    const left = unassigned.get(t)!.length;
    if (left === 0) continue;
    const per = input.defaultCapacity[t] > 0 ? input.defaultCapacity[t] : Math.max(0, ...admins.map((a) => cap(a, t)));
    shortfalls.push({ tier: t, unassigned: left, adminsNeeded: per > 0 ? Math.ceil(left / per) : null });
  }
  return { adminOf, unassigned, load, shortfalls, kept, reassigned, fresh };
}
