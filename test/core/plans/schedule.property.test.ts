import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planWindow, weekIndex } from '../../../src/core/plans/calendar.js';
import type { PlanEntry } from '../../../src/core/plans/cadence.js';
import type { ContentItem } from '../../../src/core/plans/library.js';
import { planSchedule } from '../../../src/core/plans/schedule.js';
import { config, day, TIERS } from './fixtures.js';

const capsArb = fc.record({ core: fc.integer({ min: 0, max: 7 }), potential: fc.integer({ min: 0, max: 7 }), silent: fc.integer({ min: 0, max: 7 }) });
const libraryArb = fc.array(fc.record({ title: fc.integer({ min: 0, max: 40 }).map((n) => `item-${n}`), tiers: fc.subarray(TIERS, { minLength: 1 }) }), { maxLength: 40 }).map((list) => {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(x.title) && seen.add(x.title)).map((x, i): ContentItem => ({ row: i + 2, title: x.title, typeText: '', tiers: x.tiers, channel: '', link: '', owner: '' }));
});
const scenario = fc.record({
  content: capsArb,
  interaction: capsArb,
  weeks: fc.integer({ min: 1, max: 6 }),
  today: fc.integer({ min: day('2025-01-01'), max: day('2028-12-01') }),
  library: libraryArb,
  admins: fc.option(fc.constant<Record<string, string[]>>({ core: ['A', 'B'], potential: ['C'], silent: [] }), { nil: undefined }),
  /** A later run: days after the first plan. */
  later: fc.integer({ min: 0, max: 20 }),
  /** Items removed from the library before the later run. */
  removed: fc.array(fc.integer({ min: 0, max: 40 }).map((n) => `item-${n}`), { maxLength: 5 }),
});

function checkCaps(entries: PlanEntry[], w: ReturnType<typeof planWindow>, caps: { content: Record<string, number>; interaction: Record<string, number> }) {
  const counts = new Map<string, number>();
  const days = new Map<string, number>();
  for (const e of entries) {
    const k = `${e.kind}|${e.tier}|${weekIndex(w, e.day)}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
    expect(counts.get(k)!, k).toBeLessThanOrEqual(caps[e.kind][e.tier] ?? 0);
    const d = `${e.tier}|${e.day}`;
    days.set(d, (days.get(d) ?? 0) + 1);
    expect(days.get(d), `one push a day: ${d}`).toBe(1);
  }
}

describe('planSchedule properties', () => {
  it('never exceeds a cap, never two pushes a day, never repeats content in the window, and is a fixed point', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const cfg = config();
        cfg.content.perWeek = s.content;
        cfg.interactions.perWeek = s.interaction;
        const window = planWindow(s.today, s.weeks);
        const input = { window, tiers: TIERS, config: cfg, library: s.library, previous: [] as PlanEntry[], admins: s.admins };
        const first = planSchedule(input);
        const check = (plan: ReturnType<typeof planSchedule>) => {
          const entries = [...plan.content, ...plan.interaction];
          checkCaps(entries, plan.window, { content: s.content, interaction: s.interaction });
          for (const t of TIERS) {
            const titles = plan.content.filter((e) => e.tier === t).map((e) => e.key);
            expect(new Set(titles).size).toBe(titles.length);
          }
        };
        check(first);
        for (const e of first.content) expect(s.library.find((i) => i.title === e.key)?.tiers).toContain(e.tier);
        expect([...first.content, ...first.interaction].every((e) => e.day >= s.today)).toBe(true);
        // Gaps only when the tier's items ran out.
        for (const g of first.gaps) {
          const eligible = s.library.filter((i) => i.tiers.includes(g.tier)).length;
          expect(first.content.filter((e) => e.tier === g.tier).length).toBe(eligible);
        }
        // A re-run over its own output changes nothing.
        const again = planSchedule({ ...input, previous: [...first.content, ...first.interaction] });
        expect([...again.content, ...again.interaction]).toEqual([...first.content, ...first.interaction]);
        expect(again.gaps).toEqual(first.gaps);
        expect(again.notes).toEqual(first.notes);
        // A later run with a smaller library still keeps every rule.
        const later = planSchedule({
          ...input,
          window: planWindow(s.today + s.later, s.weeks),
          library: s.library.filter((i) => !s.removed.includes(i.title)),
          previous: [...first.content, ...first.interaction],
        });
        check(later);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
