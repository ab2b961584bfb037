import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignMembers, type AssignableAdmin, type AssignableMember, type AssignResult } from '../../../src/core/admins/assign.js';

const TIERS = ['core', 'potential', 'silent'];
const DEFAULTS = { core: 15, potential: 45, silent: 150 };

const member = (memberId: string, tier: string, previousAdmin: string | null = null, lastActive: number | null = 100, interactions = 0): AssignableMember => ({
  memberId,
  tier,
  previousAdmin,
  lastActive,
  interactions,
});
const admin = (name: string, core: number, potential = 0, silent = 0): AssignableAdmin => ({ name, capacity: { core, potential, silent } });
const run = (members: AssignableMember[], admins: AssignableAdmin[]) => assignMembers({ members, admins, tiers: TIERS, defaultCapacity: DEFAULTS });

/** A plain picture of a result, comparable with toEqual. */
function picture(r: AssignResult) {
  return {
    adminOf: [...r.adminOf].sort(([a], [b]) => (a < b ? -1 : 1)),
    unassigned: Object.fromEntries([...r.unassigned].map(([t, ids]) => [t, [...ids].sort()])),
    shortfalls: r.shortfalls,
  };
}

describe('assignMembers', () => {
  it('balances by share of capacity in use, core first, most active first when room runs out', () => {
    const r = run(
      [member('a', 'core', null, 10), member('b', 'core', null, 12), member('c', 'core', null, 11), member('d', 'potential')],
      [admin('甲', 1, 1), admin('乙', 1)],
    );
    // b and c (most recent) get the two core places; a is left over.
    expect(r.adminOf.get('b')).toBe('乙'); // tie 1/1 vs 1/1 → fewer members → name order (乙 < 甲 in code units)
    expect(r.adminOf.get('c')).toBe('甲');
    expect(r.adminOf.has('a')).toBe(false);
    expect(r.adminOf.get('d')).toBe('甲');
    expect(r.shortfalls).toEqual([{ tier: 'core', unassigned: 1, adminsNeeded: 1 }]);
  });

  it('keeps last run\'s admin unless they are gone, inactive (not passed in) or full', () => {
    const r = run(
      [member('a', 'core', '甲'), member('b', 'core', '甲'), member('c', 'core', '丙'), member('d', 'core', null)],
      [admin('甲', 1), admin('乙', 5)],
    );
    expect(r.kept).toBe(1);
    expect(r.adminOf.get('a')).toBe('甲'); // equally active: member ID decides who stays
    expect(r.adminOf.get('b')).toBe('乙');
    expect(r.adminOf.get('c')).toBe('乙');
    expect(r.reassigned).toBe(2);
    expect(r.fresh).toBe(1);
  });

  it('a tier nobody can serve reports no admin count it could need', () => {
    const r = assignMembers({ members: [member('a', 'silent')], admins: [admin('甲', 3)], tiers: TIERS, defaultCapacity: { core: 15 } });
    expect(r.shortfalls).toEqual([{ tier: 'silent', unassigned: 1, adminsNeeded: null }]);
  });
});

// ---- properties over random members and admin teams -------------------------------

const names = ['张三', '李四', '王五', '赵六', 'Ann', 'Bo', 'Cy'];
const arbAdmins = fc.uniqueArray(
  fc.record({ name: fc.constantFrom(...names), core: fc.nat(4), potential: fc.nat(8), silent: fc.nat(20) }).map((a) => admin(a.name, a.core, a.potential, a.silent)),
  { selector: (a) => a.name, maxLength: 6 },
);
const arbMembers = fc.uniqueArray(
  fc.record({
    memberId: fc.integer({ min: 1, max: 500 }).map((n) => `m${n}`),
    tier: fc.constantFrom(...TIERS),
    previousAdmin: fc.option(fc.constantFrom(...names, '已离开'), { nil: null }),
    lastActive: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    interactions: fc.nat(50),
  }),
  { selector: (m) => m.memberId, maxLength: 80 },
);
const shuffled = <T>(xs: T[], seed: number) => {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

describe('assignMembers properties', () => {
  it('no admin above capacity; every member assigned exactly once or reported unassigned', () => {
    fc.assert(
      fc.property(arbMembers, arbAdmins, (members, admins) => {
        const r = run(members, admins);
        for (const a of admins) {
          for (const t of TIERS) {
            const n = members.filter((m) => m.tier === t && r.adminOf.get(m.memberId) === a.name).length;
            expect(n).toBeLessThanOrEqual(a.capacity[t]);
            expect(r.load.get(a.name)![t]).toBe(n);
          }
        }
        const unassigned = [...r.unassigned.values()].flat();
        expect(r.adminOf.size + unassigned.length).toBe(members.length);
        for (const id of unassigned) expect(r.adminOf.has(id)).toBe(false);
        for (const m of members) expect(r.adminOf.has(m.memberId) || r.unassigned.get(m.tier)!.includes(m.memberId)).toBe(true);
        // Members are only left out when their tier is full everywhere.
        for (const t of TIERS) {
          if (r.unassigned.get(t)!.length === 0) continue;
          for (const a of admins) expect(r.load.get(a.name)![t]).toBe(a.capacity[t]);
          expect(r.shortfalls.find((s) => s.tier === t)?.unassigned).toBe(r.unassigned.get(t)!.length);
        }
        expect(r.kept + r.reassigned + r.fresh).toBe(r.adminOf.size);
      }),
      { numRuns: 300 },
    );
  });

  it('stable: feeding the result back as last run\'s admins changes nothing', () => {
    fc.assert(
      fc.property(arbMembers, arbAdmins, (members, admins) => {
        const first = run(members, admins);
        const again = members.map((m) => ({ ...m, previousAdmin: first.adminOf.get(m.memberId) ?? null }));
        const second = run(again, admins);
        expect(picture(second)).toEqual(picture(first));
        expect(second.kept).toBe(first.adminOf.size);
        expect(second.reassigned + second.fresh).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('deterministic: the same members and admins in any order give the same assignment', () => {
    fc.assert(
      fc.property(arbMembers, arbAdmins, fc.integer(), (members, admins, seed) => {
        const a = run(members, admins);
        const b = run(shuffled(members, seed), shuffled(admins, seed + 1));
        expect(picture(b)).toEqual(picture(a));
      }),
      { numRuns: 300 },
    );
  });

  it('sticky: a member whose admin still has room keeps them', () => {
    fc.assert(
      fc.property(arbMembers, arbAdmins, (members, admins) => {
        const r = run(members, admins);
        const byName = new Map(admins.map((a) => [a.name, a]));
        for (const t of TIERS) {
          for (const a of admins) {
            const wanted = members.filter((m) => m.tier === t && m.previousAdmin === a.name).length;
            const kept = members.filter((m) => m.tier === t && m.previousAdmin === a.name && r.adminOf.get(m.memberId) === a.name).length;
            expect(kept).toBe(Math.min(wanted, byName.get(a.name)!.capacity[t]));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
