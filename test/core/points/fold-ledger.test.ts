import { describe, expect, it } from 'vitest';
import { CARRIED_RULE, foldBefore, foldLedger } from '../../../src/core/points/fold-ledger.js';
import { balances, earnedLines, type LedgerLine } from '../../../src/core/points/ledger.js';

const line = (period: string, memberId: string, rule: string, points: number): LedgerLine => ({ period, memberId, nickname: `n-${memberId}`, rule, points, reason: 'r', recordedAt: `${period}-28 21:00` });

describe('foldLedger', () => {
  const lines = [
    line('2026-08', 'a', '发布作品', 100),
    line('2026-08', 'b', '评论', 20),
    line('2026-09', 'a', '评论', 30.5),
    line('2026-09', 'a', '兑换 R0001', -50),
    line('2026-10', 'a', '发布作品', 60),
    line('2026-11', 'b', '评论', 4),
  ];

  it('folds closed periods into one carried line per member, balances exactly the same, redemptions and recent detail kept', () => {
    const f = foldLedger(lines, foldBefore('2026-11'), '2026-11-26 09:00', 'zh')!;
    expect(foldBefore('2026-11')).toBe('2026-10');
    expect(f.lines.map((l) => [l.period, l.memberId, l.rule, l.points])).toEqual([
      ['2026-09', 'a', '结转', 130.5],
      ['2026-09', 'b', '结转', 20],
      ['2026-09', 'a', '兑换 R0001', -50],
      ['2026-10', 'a', '发布作品', 60],
      ['2026-11', 'b', '评论', 4],
    ]);
    expect(f.lines[0].reason).toBe('2026-08…2026-09 的积分合计（明细已归档）');
    expect(balances(f.lines)).toEqual(balances(lines));
    expect(f.folded).toHaveLength(3);
  });

  it('folds carried lines in again with the next closed period, and does nothing when only carried lines are old', () => {
    const once = foldLedger(lines, '2026-10', 'x', 'en')!.lines;
    const twice = foldLedger([...once, line('2026-12', 'b', 'Comments', 1)], '2026-11', 'y', 'en')!;
    expect(twice.lines.filter((l) => l.rule === CARRIED_RULE.en).map((l) => [l.memberId, l.period, l.points])).toEqual([
      ['a', '2026-10', 190.5],
      ['b', '2026-10', 20],
    ]);
    expect(balances(twice.lines)).toEqual(balances([...lines, line('2026-12', 'b', 'Comments', 1)]));
    expect(foldLedger(twice.lines, '2026-11', 'z', 'en')).toBeUndefined();
  });

  it('leaves "never twice" of the current period untouched', () => {
    const folded = foldLedger(lines, '2026-10', 'x', 'zh')!.lines;
    const award = new Map([['b', [{ rule: '评论', points: 4, reason: 'r' }]]]);
    expect(earnedLines(folded, award as never, '2026-11', new Map(), 'x', 'zh')).toEqual([]);
    expect(earnedLines(lines, award as never, '2026-11', new Map(), 'x', 'zh')).toEqual([]);
  });
});
