import { describe, expect, it } from 'vitest';
import { planWindow, weekdayOf, weekIndex } from '../../../src/core/plans/calendar.js';
import { planSchedule, type Schedule } from '../../../src/core/plans/schedule.js';
import { config, day, library, TIERS, TODAY } from './fixtures.js';

const all = (s: Schedule) => [...s.content, ...s.interaction];

describe('planSchedule', () => {
  it('plans four weeks from this Monday, nothing before today', () => {
    const s = planSchedule({ window: planWindow(TODAY, 4), tiers: TIERS, config: config(), library: library({ core: 30, potential: 20, silent: 10 }), previous: [] });
    expect(s.window.start).toBe(day('2026-11-23'));
    expect(s.window.end).toBe(day('2026-12-21'));
    expect(all(s).every((e) => e.day >= TODAY && e.day < s.window.end)).toBe(true);
    // This week only Thu–Sun are left. Core keeps its rhythm (content Mon–Fri, interactions at the weekend)
    // and Mon–Wed are not made up; this week also has both conversion events (live stream Thu, trial Sat),
    // so Thursday's content moves to Sunday and the two events are the week's interactions.
    const week0 = (kind: string) => all(s).filter((e) => e.tier === 'core' && e.kind === kind && weekIndex(s.window, e.day) === 0);
    expect(week0('content').map((e) => weekdayOf(e.day))).toEqual([4, 6]);
    expect(week0('interaction').map((e) => [weekdayOf(e.day), e.key])).toEqual([[3, 'conversion:live'], [5, 'conversion:trial']]);
    const potential = all(s).filter((e) => e.tier === 'potential' && weekIndex(s.window, e.day) === 0);
    expect(potential.map((e) => [weekdayOf(e.day), e.kind])).toEqual([[4, 'content'], [5, 'interaction'], [6, 'interaction']]);
    expect(s.gaps).toEqual([]);
  });

  it('keeps the default caps: core 5, potential 3, silent 1 content a week, one push a day per tier', () => {
    const s = planSchedule({ window: planWindow(day('2026-11-23'), 4), tiers: TIERS, config: config(), library: library({ core: 30, potential: 20, silent: 10 }), previous: [] });
    for (let w = 0; w < 4; w++) {
      const n = (tier: string) => s.content.filter((e) => e.tier === tier && weekIndex(s.window, e.day) === w).length;
      expect([n('core'), n('potential'), n('silent')]).toEqual([5, 3, 1]);
    }
    const perDay = new Map<string, number>();
    for (const e of all(s)) perDay.set(`${e.tier}|${e.day}`, (perDay.get(`${e.tier}|${e.day}`) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(1);
    expect(s.gaps).toEqual([]);
  });

  it('says what is missing instead of repeating when the library is too small', () => {
    const s = planSchedule({ window: planWindow(day('2026-11-23'), 4), tiers: TIERS, config: config(), library: library({ core: 12, potential: 12, silent: 2 }), previous: [] });
    const core = s.content.filter((e) => e.tier === 'core');
    expect(core).toHaveLength(12);
    expect(new Set(core.map((e) => e.key)).size).toBe(12);
    // 20 core slots, 12 items: 8 missing, in the last weeks.
    expect(s.gaps.filter((g) => g.tier === 'core')).toEqual([
      { tier: 'core', week: 2, missing: 3 },
      { tier: 'core', week: 3, missing: 5 },
    ]);
    expect(s.gaps.filter((g) => g.tier === 'silent').reduce((n, g) => n + g.missing, 0)).toBe(2);
    expect(s.gaps.some((g) => g.tier === 'potential')).toBe(false);
  });

  it('is sticky: re-planning its own output changes nothing, on the same day and later in the week', () => {
    const input = { window: planWindow(TODAY, 4), tiers: TIERS, config: config(), library: library({ core: 9, potential: 7, silent: 3 }), previous: [] };
    const first = planSchedule(input);
    const again = planSchedule({ ...input, previous: all(first) });
    expect(all(again)).toEqual(all(first));
    expect(again.gaps).toEqual(first.gaps);
    const saturday = planSchedule({ ...input, window: planWindow(TODAY + 2, 4), previous: all(first) });
    expect(all(saturday)).toEqual(all(first));
  });

  it('next week keeps the planned weeks and adds one, rotating least recently pushed content first', () => {
    const lib = library({ core: 25, potential: 15, silent: 5 });
    const first = planSchedule({ window: planWindow(day('2026-11-23'), 4), tiers: TIERS, config: config(), library: lib, previous: [] });
    const next = planSchedule({ window: planWindow(day('2026-11-30'), 4), tiers: TIERS, config: config(), library: lib, previous: all(first) });
    const inBoth = all(first).filter((e) => e.day >= day('2026-11-30'));
    expect(all(next).filter((e) => e.day < day('2026-12-21'))).toEqual(inBoth);
    expect(next.history.length).toBeGreaterThan(0);
    // Week 4 of the new window: the 5 core items never pushed come first.
    const newCore = next.content.filter((e) => e.tier === 'core' && e.day >= day('2026-12-21')).map((e) => e.key);
    expect(newCore.sort()).toEqual(['core-21', 'core-22', 'core-23', 'core-24', 'core-25']);
  });

  it('drops a planned item removed from the library and plans another', () => {
    const lib = library({ core: 25, potential: 15, silent: 5 });
    const first = planSchedule({ window: planWindow(TODAY, 4), tiers: TIERS, config: config(), library: lib, previous: [] });
    const gone = first.content.find((e) => e.tier === 'core' && e.day > TODAY)!;
    const next = planSchedule({ window: planWindow(TODAY, 4), tiers: TIERS, config: config(), library: lib.filter((i) => i.title !== gone.key), previous: all(first) });
    expect(next.dropped).toBe(1);
    expect(next.content.some((e) => e.key === gone.key)).toBe(false);
    expect(next.content.find((e) => e.tier === 'core' && e.day === gone.day)?.key).toBeDefined();
  });

  it('puts festival events on their date for every tier, and conversions on their weeks', () => {
    const s = planSchedule({ window: planWindow(day('2026-12-07'), 4), tiers: TIERS, config: config(), library: library({ core: 30, potential: 20, silent: 10 }), previous: [] });
    const festival = s.interaction.filter((e) => e.key === 'festival:double-twelve');
    expect(festival.map((e) => [e.tier, e.day])).toEqual(TIERS.map((t) => [t, day('2026-12-12')]));
    const live = s.interaction.filter((e) => e.key === 'conversion:live');
    expect(live).toHaveLength(2);
    expect(live.every((e) => e.tier === 'core')).toBe(true);
    // Every other week, on a stable week number.
    expect(Math.abs(weekIndex(s.window, live[1].day) - weekIndex(s.window, live[0].day))).toBe(2);
  });

  it('reports a window beyond the festival data instead of guessing', () => {
    const s = planSchedule({ window: planWindow(day('2028-12-20'), 4), tiers: TIERS, config: config(), library: [], previous: [] });
    expect(s.notes.some((n) => n.zh.includes('2029'))).toBe(true);
  });

  it('assigns admins of the tier, spreading the week evenly, and keeps them on re-runs', () => {
    const admins = { core: ['甲', '乙'], potential: ['丙'], silent: ['丁'] };
    const input = { window: planWindow(day('2026-11-23'), 2), tiers: TIERS, config: config(), library: library({ core: 10, potential: 6, silent: 2 }), previous: [], admins };
    const s = planSchedule(input);
    const coreWeek0 = all(s).filter((e) => e.tier === 'core' && weekIndex(s.window, e.day) === 0);
    const count = (a: string) => coreWeek0.filter((e) => e.admin === a).length;
    expect(Math.abs(count('甲') - count('乙'))).toBeLessThanOrEqual(1);
    expect(all(s).filter((e) => e.tier === 'silent').every((e) => e.admin === '丁')).toBe(true);
    expect(all(planSchedule({ ...input, previous: all(s) }))).toEqual(all(s));
    // Without an admin list the column stays blank.
    expect(all(planSchedule({ ...input, admins: undefined })).every((e) => e.admin === '')).toBe(true);
  });
});
