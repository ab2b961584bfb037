import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { decide } from '../../../src/core/dynamics/grace.js';
import { lockActive, readLocks } from '../../../src/core/dynamics/locks.js';
import { readState, stateRows, type RunState } from '../../../src/core/dynamics/state.js';
import { parseMembers } from '../../../src/core/facts/members.js';
import { DEFAULT_HEADER_MAPPING } from '../../../src/app/default-rules.js';
import type { Table } from '../../../src/core/base/table.js';
import { civilDay } from '../../../src/core/base/time.js';

const ORDER = ['core', 'potential', 'silent'];
const D = civilDay(2026, 11, 26)!;
const base = { today: D, graceDays: 14, order: ORDER };

describe('decide', () => {
  it('first placement, same tier, promotion at once', () => {
    expect(decide({ ...base, ruleTier: 'silent' }).decision).toEqual({ kind: 'first', tier: 'silent' });
    expect(decide({ ...base, ruleTier: 'core', previous: { tier: 'core' } }).decision).toEqual({ kind: 'same', tier: 'core' });
    expect(decide({ ...base, ruleTier: 'core', previous: { tier: 'silent', belowSince: D - 3 } })).toEqual({
      decision: { kind: 'promoted', from: 'silent', tier: 'core' },
      next: { tier: 'core' },
    });
  });

  it('a demotion waits out the grace period counted from the first day below', () => {
    const first = decide({ ...base, ruleTier: 'potential', previous: { tier: 'core' } });
    expect(first).toEqual({ decision: { kind: 'held', tier: 'core', ruleTier: 'potential', since: D, daysLeft: 14 }, next: { tier: 'core', belowSince: D } });
    const nine = decide({ ...base, today: D + 9, ruleTier: 'silent', previous: first.next });
    expect(nine.decision).toMatchObject({ kind: 'held', tier: 'core', daysLeft: 5 });
    expect(nine.next).toEqual({ tier: 'core', belowSince: D });
    const over = decide({ ...base, today: D + 14, ruleTier: 'silent', previous: nine.next });
    expect(over).toEqual({ decision: { kind: 'demoted', from: 'core', tier: 'silent', graceDays: 14 }, next: { tier: 'silent' } });
  });

  it('back up in time cancels the countdown; 0 grace days demote at once; changed rules demote at once', () => {
    const held = decide({ ...base, ruleTier: 'potential', previous: { tier: 'core' } }).next;
    expect(decide({ ...base, today: D + 3, ruleTier: 'core', previous: held }).next).toEqual({ tier: 'core' });
    expect(decide({ ...base, graceDays: 0, ruleTier: 'silent', previous: { tier: 'core' } }).decision.kind).toBe('demoted');
    expect(decide({ ...base, rulesChanged: true, ruleTier: 'silent', previous: held }).decision).toMatchObject({ kind: 'demoted', rulesChanged: true });
  });

  it('a lock wins over the rules, in both directions', () => {
    expect(decide({ ...base, ruleTier: 'silent', previous: { tier: 'potential' }, lockedTier: 'core' }).decision).toEqual({ kind: 'locked', tier: 'core', from: 'potential' });
    expect(decide({ ...base, ruleTier: 'core', previous: { tier: 'silent' }, lockedTier: 'silent' }).next).toEqual({ tier: 'silent' });
  });

  it('property: never below the rules\' tier except while held, and a held member is never held past the grace period', () => {
    const tier = fc.constantFrom(...ORDER);
    fc.assert(
      fc.property(fc.array(fc.tuple(tier, fc.integer({ min: 0, max: 10 })), { maxLength: 30 }), fc.integer({ min: 0, max: 20 }), (steps, grace) => {
        let previous: { tier: string; belowSince?: number } | undefined;
        let today = D;
        for (const [ruleTier, gap] of steps) {
          today += gap;
          const { decision, next } = decide({ ruleTier, previous, today, graceDays: grace, order: ORDER });
          if (ORDER.indexOf(next.tier) > ORDER.indexOf(ruleTier)) throw new Error('placed below the rules');
          if (decision.kind === 'held') {
            expect(today - decision.since).toBeLessThan(grace);
            expect(decision.daysLeft).toBe(grace - (today - decision.since));
          }
          previous = next;
        }
      }),
    );
  });
});

describe('state sheet', () => {
  it('round-trips tiers, grace starts, rule-set fingerprints and admin sheets; skips junk', () => {
    const state: RunState = {
      tiers: new Map([
        ['activity', new Map([['u1', { tier: 'core', belowSince: D - 2 }], ['101', { tier: 'silent' }]])],
        ['contribution', new Map([['u1', { tier: 'creator' }]])],
      ]),
      adminSheets: [{ sheet: '分配-张三', admin: '张三' }],
      ruleSets: new Map([['activity', 'abcd0123']]),
    };
    const rows = stateRows(state);
    expect(rows[0]).toEqual(['kind', 'key', 'a', 'b']);
    expect(rows).toContainEqual(['tiers', 'activity', 1, 'u1\tcore\t2026-11-24\n101\tsilent']);
    const table: Table = { sheet: '_fenceng_state', header: rows[0] as string[], rows: [...rows.slice(1), ['？', 'x'], ['tier', null, 'activity', 'core'], []] };
    expect(readState(table, D)).toEqual(state);
  });

  it('packs 20,000 members into a few dozen cells, ids with tabs and newlines intact', () => {
    const members = new Map<string, { tier: string; belowSince?: number }>(Array.from({ length: 20_000 }, (_, i) => [`M${1_000_000 + i}`, i % 7 === 0 ? { tier: 'potential', belowSince: D - (i % 14) } : { tier: 'core' }] as const));
    members.set('odd\tid\nwith\\escapes', { tier: 'core' });
    const state: RunState = { tiers: new Map([['activity', new Map(members)], ['contribution', new Map([...members].map(([id]) => [id, { tier: 'creator' }]))]]), adminSheets: [], ruleSets: new Map() };
    const rows = stateRows(state);
    // One row per member per rule set would be 40,002 rows × 5 columns.
    expect(rows.length * 4).toBeLessThan(200);
    expect(rows.every((r) => r.every((c) => typeof c !== 'string' || c.length <= 40_000))).toBe(true);
    expect(readState({ sheet: '_fenceng_state', header: rows[0] as string[], rows: rows.slice(1) }, D)).toEqual(state);
  }, 60_000);

  it('still reads the one-row-per-member state of version 1', () => {
    const rows = [
      ['version', 1],
      ['rule-set', 'activity', 'abcd0123'],
      ['tier', 'u1', 'activity', 'core', '2026-11-24'],
      ['tier', 'u2', 'activity', 'silent', null],
      ['admin-sheet', '分配-张三', '张三'],
    ];
    const state = readState({ sheet: '_fenceng_state', header: ['kind', 'key', 'a', 'b', 'c'], rows }, D);
    expect(state.tiers.get('activity')).toEqual(new Map([['u1', { tier: 'core', belowSince: D - 2 }], ['u2', { tier: 'silent' }]]));
    expect(state.adminSheets).toEqual([{ sheet: '分配-张三', admin: '张三' }]);
    expect(state.ruleSets.get('activity')).toBe('abcd0123');
  });
});

describe('readLocks', () => {
  const sets = DEFAULT_RULE_SETS;
  const table: Table = {
    sheet: '成员',
    header: ['成员ID', '近30天评论', 'Locked tier', '锁定至'],
    rows: [
      ['u1', 1, '核心成员', '2026-12-31'],
      ['u2', 1, 'Core member，观察者', null],
      ['u3', 1, '大咖', null],
      ['u4', 1, '沉默成员', '下周'],
      ['u5', 1, null, '2026-12-31'],
    ],
  };
  it('reads tier names in either language, one per rule set, with an optional last day; problems become issues', () => {
    const rows = parseMembers(table, { mapping: DEFAULT_HEADER_MAPPING, today: D, usedFacts: new Set() }).rows;
    const locks = readLocks(table, rows, sets, D);
    expect(locks.columns).toEqual({ tier: 2, until: 3 });
    expect(locks.byRow.get(0)).toEqual({ tiers: { activity: 'core' }, until: civilDay(2026, 12, 31) });
    expect(locks.byRow.get(1)).toEqual({ tiers: { activity: 'core', contribution: 'observer' } });
    expect(locks.byRow.has(2)).toBe(false);
    expect(locks.byRow.get(3)).toEqual({ tiers: { activity: 'silent' } });
    expect(locks.byRow.has(4)).toBe(false);
    expect(locks.issues.map((i) => [i.row, i.columnLetter, i.code, i.memberId])).toEqual([
      [4, 'C', 'lock', 'u3'],
      [5, 'D', 'lock', 'u4'],
    ]);
    expect(lockActive({ tiers: {}, until: D }, D)).toBe(true);
    expect(lockActive({ tiers: {}, until: D - 1 }, D)).toBe(false);
  });
});

describe('splitOldMovements', () => {
  it('keeps the recent rows in order and packs older ones for the archive; unreadable dates stay', async () => {
    const { splitOldMovements } = await import('../../../src/core/dynamics/history.js');
    const rows = [['日期', '成员ID'], ['2026-01-02 09:00', 'a'], ['手写', 'b'], ['2026-05-01 09:00', 'c'], ['2026-01-03 10:00', 'd']];
    const { kept, archive } = splitOldMovements(rows, '2026-02-01');
    expect(kept).toEqual([['日期', '成员ID'], ['手写', 'b'], ['2026-05-01 09:00', 'c']]);
    expect(archive).toEqual([['<2026-02-01', 1, JSON.stringify([['2026-01-02 09:00', 'a'], ['2026-01-03 10:00', 'd']])]]);
    expect(splitOldMovements(kept, '2026-02-01')).toEqual({ kept, archive: [] });
  });
});
