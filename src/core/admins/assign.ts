/**
 * Who serves whom: every tiered member gets one regular admin, pure and
 * deterministic (same members and admins in any order → same answer).
 *
 *  1. Sticky: a member keeps last run's admin while that admin is still an
 *     active regular admin with room in the member's (current) tier. When an
 *     admin has less room than sticky members, the most active keep them.
 *  2. Then, tier by tier from the top (core first), the remaining members,
 *     most active first, go to the admin with the lowest share of that tier's
 *     capacity in use (ties: fewer members overall, then name).
 *  3. Whoever finds no room is reported unassigned for their tier — never
 *     silently dropped — with how many more admins that tier needs.
 */

export interface AssignableMember {
  memberId: string;
  /** Activity tier id. */
  tier: string;
  /** Last run's admin as read back from the 负责管理员 column; null if none. */
  previousAdmin: string | null;
  /** Civil day last active (null: never / unknown) — more recent is more active. */
  lastActive: number | null;
  /** Comments + likes + shares in 30 days (0 when unknown). */
  interactions: number;
}

export interface AssignableAdmin {
  name: string;
  /** Per tier id; a missing tier means 0. */
  capacity: Record<string, number>;
}

export interface AssignInput {
  members: AssignableMember[];
  /** Active regular admins only. */
  admins: AssignableAdmin[];
  /** Activity tier ids, highest first. */
  tiers: string[];
  /** Capacity a new admin would bring per tier (admins.json defaults), to say how many more are needed. */
  defaultCapacity: Record<string, number>;
}

export interface TierShortfall {
  tier: string;
  unassigned: number;
  /** More regular admins (at default capacity) this tier needs; null when no admin could take this tier at all. */
  adminsNeeded: number | null;
}

export interface AssignResult {
  /** memberId → admin name, for assigned members. */
  adminOf: Map<string, string>;
  /** memberIds left without an admin, per tier. */
  unassigned: Map<string, string[]>;
  /** admin name → members per tier. */
  load: Map<string, Record<string, number>>;
  shortfalls: TierShortfall[];
  /** Members who kept last run's admin / had one and got another / had none before. */
  kept: number;
  reassigned: number;
  fresh: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Most active first: last active most recently, then most interactions, then member ID. */
export function byActivity(a: Pick<AssignableMember, 'memberId' | 'lastActive' | 'interactions'>, b: typeof a): number {
  const la = a.lastActive ?? -Infinity;
  const lb = b.lastActive ?? -Infinity;
  if (la !== lb) return lb - la;
  if (a.interactions !== b.interactions) return b.interactions - a.interactions;
  return cmp(a.memberId, b.memberId);
}

/**
 * `choose`: 'heap' (the default, n log admins) or 'scan', every admin looked
 * at for every member — the plain rule the heap must answer exactly as (a
 * property test holds them equal), and its fallback for odd capacities.
 */
export function assignMembers(input: AssignInput, choose: 'heap' | 'scan' = 'heap'): AssignResult {
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
  // Members come tier by tier; within a tier only the admin who just took a
  // member changes standing, so each tier keeps its admins in a heap ordered
  // as "the admin to take the next member": n log(admins), not n × admins.
  let tier: string | undefined;
  let next: (() => AssignableAdmin | undefined) | undefined;
  for (const m of members) {
    if (adminOf.has(m.memberId)) continue;
    if (m.tier !== tier) {
      tier = m.tier;
      next = nextAdminFor(tier, admins, cap, load, total, choose);
    }
    const best = next!();
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

/**
 * The admin who takes the next member of `tier`: the lowest share of the
 * tier's capacity in use after taking one more, (l+1)/c, compared exactly by
 * cross-multiplying; ties go to fewer members overall, then the name. The
 * caller must `take` the returned admin before asking again.
 */
function nextAdminFor(
  tier: string,
  admins: AssignableAdmin[],
  cap: (a: AssignableAdmin, t: string) => number,
  load: Map<string, Record<string, number>>,
  total: Map<string, number>,
  choose: 'heap' | 'scan',
): () => AssignableAdmin | undefined {
  const entries = admins.map((a, order) => ({ a, order, c: cap(a, tier), tierLoad: load.get(a.name)! }));
  const open = entries.filter((e) => e.tierLoad[tier] < e.c);
  // Capacities are whole numbers and names unique (they key the loads); anything else keeps the plain scan's exact answer.
  if (choose === 'scan' || !open.every((e) => Number.isFinite(e.c)) || new Set(admins.map((a) => a.name)).size !== admins.length) return () => scan(entries, tier, total);
  const before = (x: (typeof open)[number], y: (typeof open)[number]): boolean => {
    const d = (x.tierLoad[tier] + 1) * y.c - (y.tierLoad[tier] + 1) * x.c;
    if (d !== 0) return d < 0;
    const tx = total.get(x.a.name)!;
    const ty = total.get(y.a.name)!;
    return tx !== ty ? tx < ty : x.order < y.order;
  };
  const heap = new MinHeap(open, before);
  let taken: (typeof open)[number] | undefined;
  return () => {
    // The admin handed out last time has taken that member since: put them back if there is room left.
    if (taken && taken.tierLoad[tier] < taken.c) heap.push(taken);
    taken = heap.pop();
    return taken?.a;
  };
}

/** The original rule, admin by admin: the reference for the heap, and the rule for capacities that are not whole numbers. */
function scan(entries: Array<{ a: AssignableAdmin; c: number; tierLoad: Record<string, number> }>, tier: string, total: Map<string, number>): AssignableAdmin | undefined {
  let best: (typeof entries)[number] | undefined;
  for (const e of entries) {
    const l = e.tierLoad[tier];
    if (l >= e.c) continue;
    if (!best) {
      best = e;
      continue;
    }
    const d = (l + 1) * best.c - (best.tierLoad[tier] + 1) * e.c;
    if (d < 0 || (d === 0 && total.get(e.a.name)! < total.get(best.a.name)!)) best = e;
  }
  return best?.a;
}

/** A binary heap; `before(x, y)` says x comes out first. */
class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(
    items: T[],
    private readonly before: (x: T, y: T) => boolean,
  ) {
    for (const item of items) this.push(item);
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m])) m = l;
        if (r < a.length && this.before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
