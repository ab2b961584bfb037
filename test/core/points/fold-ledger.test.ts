import { describe, expect, it } from 'vitest';
import { archiveRows, foldLedger, readArchive } from '../../../src/core/points/fold-ledger.js';
import { carriedLines, carryRows, emptyCarry, readCarry, type LedgerCarry } from '../../../src/core/points/ledger-carry.js';
import { balances, earnedLines, type LedgerLine } from '../../../src/core/points/ledger.js';
import type { CellValue } from '../../../src/core/base/table.js';

const line = (period: string, memberId: string, rule: string, points: number): LedgerLine => ({ period, memberId, nickname: `n-${memberId}`, rule, points, reason: 'r', recordedAt: `${period}-28 21:00` });
const through = (c: LedgerCarry) => readCarry({ sheet: '_fenceng_ledger_carry', header: ['kind', 'part', 'packed'], rows: carryRows(c).slice(1) });
/** Everything a balance is: carried, the carry's sums and redemptions, the lines shown. */
const whole = (c: LedgerCarry, shown: LedgerLine[]) => [...carriedLines(c, 'zh'), ...c.sums, ...c.redemptions, ...shown];

describe('foldLedger', () => {
  const lines = [
    line('2026-08', 'a', '发布作品', 100),
    line('2026-08', 'b', '评论', 20),
    line('2026-09', 'a', '评论', 30),
    line('2026-09', 'a', '兑换 R0001', -50),
    line('2026-10', 'a', '发布作品', 60),
    line('2026-11', 'b', '评论', 4),
  ];

  it('keeps only the open period shown; closed periods become carried balances and per-period issue, redemptions are kept whole', () => {
    const f = foldLedger(emptyCarry(), lines, '2026-11')!;
    expect(f.kept).toEqual([lines[5]]);
    expect([...f.carry.carried]).toEqual([['a', 190], ['b', 20]]);
    expect(f.carry.span).toEqual({ first: '2026-08', last: '2026-10' });
    expect([...f.carry.issued]).toEqual([['2026-08', 120], ['2026-09', 30], ['2026-10', 60]]);
    expect(f.carry.redemptions).toEqual([lines[3]]);
    expect(f.archived).toEqual(lines.slice(0, 5));
    expect(balances(whole(through(f.carry), f.kept))).toEqual(balances(lines));
    expect(carriedLines(f.carry, 'zh')[0].reason).toBe('2026-08…2026-10 的积分合计（明细已归档）');
  });

  it('past the limit, the oldest open lines become sums per member and rule: "never twice" and top-ups unchanged', () => {
    const open = [line('2026-11', 'a', '评论', 10), line('2026-11', 'a', '评论', 5), line('2026-11', 'b', '评论', 4), line('2026-11', 'a', '发布作品', 20)];
    const f = foldLedger(emptyCarry(), open, '2026-11', 1)!;
    expect(f.kept).toEqual([open[3]]);
    expect(f.carry.sums.map((l) => [l.memberId, l.rule, l.points])).toEqual([['a', '评论', 15], ['b', '评论', 4]]);
    expect(f.carry.carried.size).toBe(0);
    const award = new Map([['a', [{ rule: '评论', points: 18, category: 'other' as const, reason: 'r' }]]]);
    const folded = earnedLines([...through(f.carry).sums, ...f.kept], award, '2026-11', new Map(), 'x', 'zh');
    expect(folded).toEqual(earnedLines(open, award, '2026-11', new Map(), 'x', 'zh'));
    expect(folded.map((l) => l.points)).toEqual([3]);
    // At the next period the sums close into the carried balance.
    const next = foldLedger(through(f.carry), f.kept, '2026-12')!;
    expect([...next.carry.carried]).toEqual([['a', 35], ['b', 4]]);
    expect(next.carry.sums).toEqual([]);
    expect(next.archived).toEqual([open[3]]);
  });

  it('does nothing while the open period fits and no closed period has earned lines shown', () => {
    expect(foldLedger(emptyCarry(), [line('2026-11', 'a', 'x', 1)], '2026-11', 2)).toBeUndefined();
    // A redemption dated last month waits for the next fold (it is exact where it is).
    expect(foldLedger(emptyCarry(), [line('2026-10', 'a', '兑换 R0002', -1)], '2026-11')).toBeUndefined();
  });

  it('folds an older version\'s carried lines into the carried balance', () => {
    const old = [line('2026-09', 'a', '结转', 70), line('2026-11', 'a', 'x', 1)];
    const f = foldLedger(emptyCarry(), old, '2026-11')!;
    expect([...f.carry.carried]).toEqual([['a', 70]]);
    expect(f.carry.issued.size).toBe(0);
    expect(f.archived).toEqual([]);
  });
});

describe('the packed carry and archive', () => {
  it('round-trip awkward IDs and reasons exactly, in few cells', () => {
    const c = emptyCarry();
    for (let i = 0; i < 20_000; i++) c.carried.set(`member-${i}`, i % 977);
    c.carried.set('tab\there\nand\\', 0.5);
    c.sums.push({ ...line('2026-11', 'x\ty', '评论', 3), nickname: '', reason: '', recordedAt: '' });
    c.redemptions.push({ ...line('2026-10', 'u1', '兑换 R0001', -5), memberIdText: 'ｕ1', reason: '兑换「海报\n大」' });
    c.span = { first: '2026-01', last: '2026-10' };
    c.issued.set('2026-10', 123.25);
    const rows = carryRows(c);
    expect(rows.length * Math.max(...rows.map((r) => r.length))).toBeLessThan(60);
    expect(rows.every((r) => r.every((v) => typeof v !== 'string' || v.length <= 40_000))).toBe(true);
    expect(through(c)).toEqual(c);
  });

  it('the archive gives back IDs as the operator wrote them, fold after fold (parts restart at 1)', () => {
    const a = [{ ...line('2026-10', 'u1', '评论', 2), memberIdText: 'Ｕ1 ' }];
    const b = [line('2026-11', 'u2', '评论', 3)];
    const rows = [...archiveRows(a, '2026-11-02 09:00'), ...archiveRows(b, '2026-11-02 09:00')];
    expect(readArchive({ sheet: '_fenceng_ledger_archive', header: ['folded', 'part', 'lines'], rows }).map((l) => [l.memberId, l.points])).toEqual([['Ｕ1 ', 2], ['u2', 3]]);
  });
});

describe('the ledger in a run', () => {
  it('shows only the open period after a month starts: same balances, the detail archived with IDs as written, nothing earned twice', async () => {
    const { recompute } = await import('../../../src/app/recompute.js');
    const { MemoryWorkbook } = await import('../../../src/ports/memory.js');
    const { generateMembersTable } = await import('../../../src/sample/generate.js');
    const { generatePointsHistoryTable } = await import('../../../src/sample/operations.js');
    const m = generateMembersTable({ members: 120, seed: 3, today: '2026-11-26' });
    // Members' IDs written full-width (read as ASCII for matching): the sheets show them as written.
    const wide = (id: unknown) => (typeof id === 'string' ? id.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : id);
    const isWide = (id: unknown) => typeof id === 'string' && id.length > 0 && !/[0-9A-Za-z]/.test(id);
    const october = generatePointsHistoryTable(m, { seed: 3, today: '2026-11-26' });
    m.rows.forEach((r) => (r[0] = wide(r[0]) as never));
    october.rows.forEach((r) => (r[1] = wide(r[1]) as never));
    const wb = new MemoryWorkbook({ 成员: [m.header, ...m.rows], 积分流水: [october.header, ...october.rows] });
    const at = (d: string) => ({ now: new Date(`${d}T01:50:00Z`), timeZone: 'Asia/Shanghai', locale: 'zh' as const });
    const balanceOf = () => {
      const g = wb.grid('成员')!;
      const i = g[0].indexOf('积分余额');
      return new Map(g.slice(1).map((r) => [r[0], r[i]]));
    };
    const sums = (rows: CellValue[][]) => {
      const s = new Map<CellValue, number>();
      for (const r of rows) s.set(r[1], (s.get(r[1]) ?? 0) + Number(r[4]));
      return s;
    };
    await recompute(wb, at('2026-11-26'));
    const novBalances = balanceOf();
    const ledgerBefore = wb.grid('积分流水')!.slice(1);
    // The sample's October folded already (November is open): balances are still every line's sum.
    expect(new Set(ledgerBefore.map((r) => r[0]))).toEqual(new Set(['2026-11']));
    const everything = [...october.rows.filter((r) => r[0] !== '2026-11'), ...ledgerBefore];
    for (const [id, b] of sums(everything)) expect(novBalances.get(id), String(id)).toBe(b);

    await recompute(wb, at('2026-12-20'));
    const decBalances = balanceOf();
    const ledger = wb.grid('积分流水')!.slice(1);
    expect(new Set(ledger.map((r) => r[0]))).toEqual(new Set(['2026-12']));
    expect(ledger.every((r) => isWide(r[1]))).toBe(true);
    // Exactly the October and November detail, archived, IDs as the operator wrote them.
    const { readArchive: read } = await import('../../../src/core/points/fold-ledger.js');
    const archived = read(wb.read('_fenceng_ledger_archive'));
    expect(archived.map((l) => [l.period, l.memberId, l.rule, l.points])).toEqual(everything.map((r) => [r[0], r[1], r[3], r[4]]));
    expect(archived.every((l) => isWide(l.memberId))).toBe(true);
    for (const [id, b] of sums([...everything, ...ledger])) expect(decBalances.get(id), String(id)).toBe(b);
    // The same month again: nothing folds or earns twice.
    const again = wb.grid('积分流水')!.length;
    await recompute(wb, at('2026-12-21'));
    expect(wb.grid('积分流水')!.length).toBe(again);
    expect(balanceOf()).toEqual(decBalances);
  }, 60_000);
});
