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

describe('the ledger in a run', () => {
  it('folds closed periods on the run after next month starts: same balances, the detail in the archive, nothing earned twice', async () => {
    const { recompute } = await import('../../../src/app/recompute.js');
    const { MemoryWorkbook } = await import('../../../src/ports/memory.js');
    const { generateMembersTable } = await import('../../../src/sample/generate.js');
    const { generatePointsHistoryTable } = await import('../../../src/sample/operations.js');
    const { readArchive } = await import('../../../src/core/points/fold-ledger.js');
    const m = generateMembersTable({ members: 120, seed: 3, today: '2026-11-26' });
    const october = generatePointsHistoryTable(m, { seed: 3, today: '2026-11-26' });
    const wb = new MemoryWorkbook({ 成员: [m.header, ...m.rows], 积分流水: [october.header, ...october.rows] });
    const at = (d: string) => ({ now: new Date(`${d}T01:50:00Z`), timeZone: 'Asia/Shanghai', locale: 'zh' as const });
    await recompute(wb, at('2026-11-26'));
    const balanceOf = () => {
      const g = wb.grid('成员')!;
      const i = g[0].indexOf('积分余额');
      return new Map(g.slice(1).map((r) => [r[0], r[i]]));
    };
    const ledgerBefore = wb.grid('积分流水')!.slice(1);
    expect(ledgerBefore.some((r) => r[0] === '2026-10')).toBe(true);
    expect(wb.sheetNames()).not.toContain('_fenceng_ledger_archive');

    await recompute(wb, at('2026-12-20'));
    const decBalances = balanceOf();
    const ledger = wb.grid('积分流水')!.slice(1);
    expect(ledger.filter((r) => r[0] === '2026-10' && r[3] !== '结转')).toEqual([]);
    const carried = ledger.filter((r) => r[3] === '结转');
    expect(carried.length).toBeGreaterThan(0);
    expect(new Set(carried.map((r) => r[0]))).toEqual(new Set(['2026-10']));
    // Exactly the October detail, archived.
    const archived = readArchive(wb.read('_fenceng_ledger_archive'));
    expect(archived.map((l) => [l.period, l.memberId, l.rule, l.points])).toEqual(ledgerBefore.filter((r) => r[0] === '2026-10' && !String(r[3]).startsWith('兑换')).map((r) => [r[0], r[1], r[3], r[4]]));
    // Balances are the ledger's sums, folded or not.
    const sum = new Map<unknown, number>();
    for (const r of ledger) sum.set(r[1], (sum.get(r[1]) ?? 0) + Number(r[4]));
    for (const [id, b] of decBalances) if (typeof id === 'string' && sum.has(id)) expect(b, id).toBe(Math.round(sum.get(id)! * 100) / 100);
    // The same month again: nothing folds or earns twice.
    const again = wb.grid('积分流水')!.length;
    await recompute(wb, at('2026-12-21'));
    expect(wb.grid('积分流水')!.length).toBe(again);
    expect(balanceOf()).toEqual(decBalances);
  }, 60_000);
});
