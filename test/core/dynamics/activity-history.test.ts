import { describe, expect, it } from 'vitest';
import { activityHistoryRows, readActivityHistory, type ActivityHistory } from '../../../src/core/dynamics/activity-history.js';
import { PACKED_CELL_CHARS, readState, STATE_HEADER } from '../../../src/core/dynamics/state.js';
import { civilDay } from '../../../src/core/base/time.js';

const D = civilDay(2026, 11, 2)!;
const table = (rows: ReturnType<typeof activityHistoryRows>) => ({ sheet: '_fenceng_state', header: STATE_HEADER, rows });

function history(n: number, runs: number): ActivityHistory {
  const members = new Map<string, { values: Array<number | null>; since?: number }>();
  for (let i = 0; i < n; i++) {
    const values: Array<number | null> = Array.from({ length: runs }, (_, k) => ((i * 7 + k * 13) % 300) + (k === 1 && i % 10 === 0 ? 0.25 : 0));
    if (i % 17 === 0) values[0] = null;
    members.set(`MS4wLjAB${String(i).padStart(7, '0')}`, i % 5 === 0 ? { values, since: D + runs - 1 } : { values });
  }
  return { fact: 'interactions30d', days: Array.from({ length: runs }, (_, k) => D + 7 * k), members };
}

describe('activity history codec', () => {
  it('round-trips ids with tabs, newlines and backslashes, missing values, decimals and since-days', () => {
    const h: ActivityHistory = {
      fact: 'comments30d',
      days: [D, D + 7],
      members: new Map([
        ['a\tb\\c\nd', { values: [null, 3.5] }],
        ['u2', { values: [12, 0], since: D + 7 }],
      ]),
    };
    const back = readActivityHistory(table(activityHistoryRows(new Map([['activity', h]]))));
    expect(back.get('activity')).toEqual(h);
  });

  it('splits into cells of at most 40,000 characters and reads them back in part order', () => {
    const h = history(5000, 4);
    const rows = activityHistoryRows(new Map([['activity', h]]));
    expect(rows.length).toBeGreaterThan(1);
    for (const r of rows) expect(String(r[3]).length).toBeLessThanOrEqual(PACKED_CELL_CHARS);
    const shuffled = [...rows].reverse();
    expect(readActivityHistory(table(shuffled)).get('activity')).toEqual(h);
  });

  it('100,000 members with 4 runs take a few hundred cells', () => {
    const rows = activityHistoryRows(new Map([['activity', history(100_000, 4)]]));
    const cells = rows.length * STATE_HEADER.length;
    expect(cells).toBeLessThan(500);
  });

  it('lives beside the tier rows: the state reader skips it, and a state without it reads as no history', () => {
    const rows = [['version', 2], ['tiers', 'activity', 1, 'u1\tcore'], ...activityHistoryRows(new Map([['activity', history(3, 2)]]))];
    expect(readState(table(rows), D).tiers.get('activity')!.get('u1')).toEqual({ tier: 'core' });
    expect(readActivityHistory(table([['version', 2], ['tiers', 'activity', 1, 'u1\tcore']])).size).toBe(0);
    expect(readActivityHistory(undefined).size).toBe(0);
  });

  it('skips what it cannot read: an unknown format, a bad day, a line whose values do not match the runs', () => {
    const bad = (text: string) => readActivityHistory(table([['activity', 'activity', 1, text]]));
    expect(bad('a9\tinteractions30d\t2026-11-02').size).toBe(0);
    expect(bad('a1\tinteractions30d\t2026-13-02').size).toBe(0);
    const h = bad('a1\tinteractions30d\t2026-11-02,2026-11-09\nu1\t1,2\nu2\t1\nu3\t4,x');
    expect([...h.get('activity')!.members.keys()]).toEqual(['u1', 'u3']);
    expect(h.get('activity')!.members.get('u3')!.values).toEqual([4, null]);
  });
});
