import { describe, expect, it } from 'vitest';
import type { Award } from '../../../src/core/points/award.js';
import { balances, earnedLines, ledgerHeader, ledgerRow, pointsByPeriod, readLedger, redemptionIdOf, type LedgerLine } from '../../../src/core/points/ledger.js';
import { parsePeriod, periodDays, periodOf } from '../../../src/core/points/period.js';
import { day } from '../plans/fixtures.js';

const award = (rule: string, points: number): Award => ({ rule, points, category: 'interaction', reason: `${rule}：${points}` });
const nick = new Map([['u1', '小明']]);

describe('periods', () => {
  it('are calendar months, read back from text or date cells', () => {
    expect(periodOf(day('2026-11-30'))).toBe('2026-11');
    expect(periodDays('2026-02')).toEqual({ first: day('2026-02-01'), last: day('2026-02-28') });
    expect(periodDays('2026-12').last).toBe(day('2026-12-31'));
    expect(['2026-11', '2026/11', '2026年11月', ' 2026-1 '].map((s) => parsePeriod(s))).toEqual(['2026-11', '2026-11', '2026-11', '2026-01']);
    expect(parsePeriod(new Date(Date.UTC(2026, 10, 1)))).toBe('2026-11');
    expect(parsePeriod('十一月')).toBeUndefined();
  });
});

describe('ledger', () => {
  it('appends a period once; the same period again adds nothing; more in the same period tops up', () => {
    const first = earnedLines([], new Map([['u1', [award('评论', 40), award('发布', 20)]]]), '2026-11', nick, 't1', 'zh');
    expect(first.map((l) => [l.period, l.memberId, l.nickname, l.rule, l.points])).toEqual([
      ['2026-11', 'u1', '小明', '评论', 40],
      ['2026-11', 'u1', '小明', '发布', 20],
    ]);
    expect(earnedLines(first, new Map([['u1', [award('评论', 40), award('发布', 20)]]]), '2026-11', nick, 't2', 'zh')).toEqual([]);
    // Fewer points later in the period: nothing is taken back.
    expect(earnedLines(first, new Map([['u1', [award('评论', 10)]]]), '2026-11', nick, 't2', 'zh')).toEqual([]);
    const top = earnedLines(first, new Map([['u1', [award('评论', 64)]]]), '2026-11', nick, 't3', 'zh');
    expect(top.map((l) => l.points)).toEqual([24]);
    expect(top[0].reason).toContain('本期已记 40，补记 24');
    // A new period starts from zero.
    expect(earnedLines([...first, ...top], new Map([['u1', [award('评论', 40)]]]), '2026-12', nick, 't4', 'zh').map((l) => l.points)).toEqual([40]);
  });

  it('reads its own rows back in either language, skipping rows it cannot read', () => {
    const lines: LedgerLine[] = [
      { period: '2026-11', memberId: 'u1', nickname: '小明', rule: '评论', points: 40, reason: 'r', recordedAt: 't' },
      { period: '2026-11', memberId: 'u1', nickname: '小明', rule: '兑换 R0001', points: -30, reason: 'r', recordedAt: 't' },
    ];
    const table = { sheet: 'Points ledger', header: ledgerHeader('en'), rows: [...lines.map((l) => ledgerRow(l)), ['oops', 'u2', '', '评论', 'many', '', '']] };
    const read = readLedger(table);
    expect(read.lines).toEqual(lines);
    expect(read.unreadableRows).toEqual([4]);
    expect(balances(read.lines).get('u1')).toBe(10);
    expect(redemptionIdOf('兑换 R0001')).toBe('R0001');
    expect(redemptionIdOf('Redemption R0012')).toBe('R0012');
    expect(redemptionIdOf('评论')).toBeUndefined();
  });
});

describe('pointsByPeriod', () => {
  it('adds the issue of periods folded out of the ledger, so the chart keeps every period', () => {
    const l = (period: string, rule: string, points: number) => ({ period, memberId: 'a', nickname: '', rule, points, reason: '', recordedAt: '' });
    const lines = [l('2026-09', '结转', 500), l('2026-09', '兑换 R0001', -30), l('2026-11', '评论', 4), l('2026-10', '评论', 6)];
    expect(pointsByPeriod(lines, new Map([['2026-09', 120], ['2026-08', 380]]))).toEqual([
      { period: '2026-08', issued: 380, redeemed: 0 },
      { period: '2026-09', issued: 120, redeemed: 30 },
      { period: '2026-10', issued: 6, redeemed: 0 },
      { period: '2026-11', issued: 4, redeemed: 0 },
    ]);
  });
});
