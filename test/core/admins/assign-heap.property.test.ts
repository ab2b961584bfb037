import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignMembers, type AssignableAdmin, type AssignableMember } from '../../../src/core/admins/assign.js';

/** The heap-based assignment answers exactly as the admin-by-admin scan it replaced. */
const TIERS = ['core', 'potential', 'silent'];
const capacity = fc.record({ core: fc.option(fc.nat(4), { nil: undefined }), potential: fc.nat(6), silent: fc.constantFrom(0, 1, 3, 10, 2.5) }).map((c) => {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) out[k] = v;
  return out;
});

const input = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', '张', '李'), { maxLength: 7 }).chain((names) =>
  fc.record({
    admins: fc.tuple(...names.map((name) => capacity.map((c): AssignableAdmin => ({ name, capacity: c })))),
    members: fc.uniqueArray(
      fc.record({
        memberId: fc.string({ minLength: 1, maxLength: 3 }),
        tier: fc.constantFrom(...TIERS, 'gone'),
        previousAdmin: fc.option(fc.constantFrom(...names, 'someone else'), { nil: null }),
        lastActive: fc.option(fc.integer({ min: 20_000, max: 20_010 }), { nil: null }),
        interactions: fc.nat(5),
      }) as fc.Arbitrary<AssignableMember>,
      { selector: (m) => m.memberId, maxLength: 60 },
    ),
    defaultCapacity: fc.record({ core: fc.nat(3), potential: fc.nat(3), silent: fc.nat(3) }),
  }),
);

describe('assignMembers (heap) equals the admin-by-admin scan', () => {
  it('on random teams and members', () => {
    fc.assert(
      fc.property(input, ({ admins, members, defaultCapacity }) => {
        const args = { members, admins, tiers: TIERS, defaultCapacity };
        expect(assignMembers(args)).toEqual(assignMembers(args, 'scan'));
      }),
      { numRuns: 3000 },
    );
  });
});
