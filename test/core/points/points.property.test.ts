import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Award } from '../../../src/core/points/award.js';
import { balances, earnedLines, redemptionIdOf, type LedgerLine } from '../../../src/core/points/ledger.js';
import { processRedemptions } from '../../../src/core/points/redemptions.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { day } from '../plans/fixtures.js';

const MEMBERS = ['u1', 'u2', 'u3'];
const PERIODS = ['2026-09', '2026-10', '2026-11', '2026-12'];
const RULES = ['评论', '发布', '转发'];

const awardsArb = fc.array(fc.record({ member: fc.constantFrom(...MEMBERS), rule: fc.constantFrom(...RULES), points: fc.integer({ min: 1, max: 100 }) }), { maxLength: 8 });
const redemptionArb = fc.record({ member: fc.constantFrom(...MEMBERS, 'ghost'), points: fc.integer({ min: -5, max: 120 }), item: fc.constantFrom('周边', '海报', '徽章') });
/** Runs in time order: each in some period, with awards and new redemption rows; some runs repeated as-is. */
const runsArb = fc.array(fc.record({ period: fc.integer({ min: 0, max: 3 }), awards: awardsArb, newRows: fc.array(redemptionArb, { maxLength: 3 }), repeat: fc.boolean() }), { minLength: 1, maxLength: 8 });

describe('points properties', () => {
  it('ledger idempotent, balances never negative, each redemption deducted exactly once', () => {
    fc.assert(
      fc.property(runsArb, (runs) => {
        let ledger: LedgerLine[] = [];
        const sheet: Table = { sheet: '积分兑换', header: ['成员ID', '兑换物品', '积分', '日期'], rows: [] };
        let periodIndex = 0;
        for (const run of runs) {
          periodIndex = Math.max(periodIndex, run.period); // time moves forward
          const period = PERIODS[periodIndex];
          const today = day(`${period}-15`);
          for (const r of run.newRows) sheet.rows.push([r.member, r.item, r.points, `${period}-10`] as CellValue[]);
          const awards = new Map<string, Award[]>();
          for (const a of run.awards) {
            const list = awards.get(a.member) ?? [];
            if (!list.some((x) => x.rule === a.rule)) list.push({ rule: a.rule, points: a.points, category: 'other', reason: '' });
            awards.set(a.member, list);
          }
          const once = () => {
            const earned = earnedLines(ledger, awards, period, new Map(), period, 'zh');
            const withEarned = [...ledger, ...earned];
            const r = processRedemptions({ table: sheet, ledger: withEarned, knownMembers: new Set(MEMBERS), nicknames: new Map(), today, recordedAt: period, locale: 'zh' });
            // Apply the columns patch to the sheet, as an adapter would.
            for (const c of r.patch!.columns) {
              sheet.header[c.index] = c.header;
              c.values.forEach((v, i) => {
                while (sheet.rows[i].length <= c.index) sheet.rows[i].push(null);
                sheet.rows[i][c.index] = v;
              });
            }
            return [...earned, ...r.lines];
          };
          ledger = [...ledger, ...once()];
          if (run.repeat) expect(once(), 'a re-run adds nothing').toEqual([]);
          // Balances never go below zero.
          for (const [, b] of balances(ledger)) expect(b).toBeGreaterThanOrEqual(0);
          // Each redemption at most one ledger line; every accepted row has exactly one.
          const ids = ledger.map((l) => redemptionIdOf(l.rule)).filter((x): x is string => !!x);
          expect(new Set(ids).size).toBe(ids.length);
          const statusCol = sheet.header.indexOf('处理状态');
          const idCol = sheet.header.indexOf('兑换编号');
          for (const row of sheet.rows) {
            const accepted = row[statusCol] === '已兑换';
            expect(ids.filter((id) => id === row[idCol]).length).toBe(accepted ? 1 : 0);
          }
          // Per period, member and rule: never more than the largest award (top-ups only add the difference).
          const sums = new Map<string, number>();
          for (const l of ledger) if (!redemptionIdOf(l.rule)) sums.set(`${l.period}|${l.memberId}|${l.rule}`, (sums.get(`${l.period}|${l.memberId}|${l.rule}`) ?? 0) + l.points);
          for (const v of sums.values()) expect(v).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
