import { describe, expect, it } from 'vitest';
import type { LedgerLine } from '../../../src/core/points/ledger.js';
import { processRedemptions, type RedemptionInput } from '../../../src/core/points/redemptions.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { TODAY } from '../plans/fixtures.js';

const earned = (memberId: string, points: number): LedgerLine => ({ period: '2026-11', memberId, nickname: '', rule: '评论', points, reason: '', recordedAt: 't0' });
const sheet = (rows: CellValue[][], header = ['成员ID', '兑换物品', '积分', '日期']): Table => ({ sheet: '积分兑换', header, rows });
const input = (table: Table, ledger: LedgerLine[]): RedemptionInput => ({ table, ledger, knownMembers: new Set(['u1', 'u2']), nicknames: new Map(), today: TODAY, recordedAt: '2026-11-26 09:50', locale: 'zh' });

/** The sheet after applying the result's columns patch. */
function applied(table: Table, result: ReturnType<typeof processRedemptions>): Table {
  const rows = table.rows.map((r) => [...r]);
  const header = [...table.header];
  for (const c of result.patch!.columns) {
    header[c.index] = c.header;
    c.values.forEach((v, i) => {
      while (rows[i].length <= c.index) rows[i].push(null);
      rows[i][c.index] = v;
    });
  }
  return { ...table, header: header.map((h) => h ?? ''), rows };
}

describe('processRedemptions', () => {
  it('deducts in date order while the balance lasts, rejects the rest with the reason', () => {
    const table = sheet([
      ['u1', '周边', 60, '2026-11-20'],
      ['u1', '海报', 50, '2026-11-10'],
      ['u2', '徽章', 10, '2026-11-25'],
    ]);
    const r = processRedemptions(input(table, [earned('u1', 100), earned('u2', 5)]));
    expect(r.outcomes.map((o) => [o.row, o.id, o.status])).toEqual([
      [2, 'R0001', 'rejected'],
      [3, 'R0002', 'accepted'],
      [4, 'R0003', 'rejected'],
    ]);
    expect(r.outcomes[0].note).toBe('余额不足：余额 50，需要 60，未扣分 / Insufficient balance: 50, needs 60; nothing deducted');
    expect(r.lines.map((l) => [l.memberId, l.rule, l.points, l.period])).toEqual([['u1', '兑换 R0002', -50, '2026-11']]);
    expect(r.patch!.columns.map((c) => [c.index, c.header])).toEqual([
      [4, '兑换编号'],
      [5, '处理状态'],
      [6, '处理说明'],
    ]);
  });

  it('never deducts twice: a re-run over its own output adds nothing and keeps every status', () => {
    const table = sheet([
      ['u1', '周边', 60, '2026-11-20'],
      ['u1', '海报', 30, '2026-11-10'],
    ]);
    const ledger = [earned('u1', 80)];
    const first = processRedemptions(input(table, ledger));
    const second = processRedemptions(input(applied(table, first), [...ledger, ...first.lines]));
    expect(second.lines).toEqual([]);
    expect(second.outcomes.map((o) => [o.id, o.status, o.note])).toEqual(first.outcomes.map((o) => [o.id, o.status, o.note]));
    // The rejection stays even once the balance would allow it (the operator clears the status to resubmit).
    const richer = processRedemptions(input(applied(table, first), [...ledger, ...first.lines, earned('u1', 100)]));
    expect(richer.outcomes[0].status).toBe('rejected');
    expect(richer.lines).toEqual([]);
  });

  it('an accepted row whose ID was erased takes its ID back instead of being deducted again', () => {
    const table = sheet([['u1', '周边', 60, '2026-11-20']]);
    const first = processRedemptions(input(table, [earned('u1', 100)]));
    const erased = applied(table, first);
    erased.rows[0][4] = null;
    const again = processRedemptions(input(erased, [earned('u1', 100), ...first.lines]));
    expect(again.lines).toEqual([]);
    expect(again.outcomes[0]).toMatchObject({ id: 'R0001', status: 'accepted' });
  });

  it('marks invalid and future rows without deducting, and re-checks them next time', () => {
    const table = sheet([
      ['u9', '周边', 10, '2026-11-20'],
      ['u1', '周边', 'abc', '2026-11-20'],
      ['u1', '周边', 10, '明年'],
      ['u1', '周边', 10, '2026-12-24'],
      [null, null, null, null],
    ]);
    const r = processRedemptions(input(table, [earned('u1', 100)]));
    expect(r.outcomes.map((o) => o.status)).toEqual(['invalid', 'invalid', 'invalid', 'pending']);
    expect(r.outcomes[0].note).toContain('找不到成员「u9」');
    expect(r.lines).toEqual([]);
    expect(r.patch!.columns[0].values).toEqual(['R0001', 'R0002', 'R0003', 'R0004', null]);
  });

  it('reads English headers and writes English statuses', () => {
    const table = sheet([['u1', 'Mug', 20, '2026-11-01']], ['Member ID', 'Item', 'Points', 'Date']);
    const r = processRedemptions({ ...input(table, [earned('u1', 20)]), locale: 'en' });
    expect(r.patch!.columns.map((c) => c.values[0])).toEqual(['R0001', 'Accepted', '20 points deducted (2026-11-26 09:50)']);
    expect(r.lines[0].rule).toBe('Redemption R0001');
  });
});
