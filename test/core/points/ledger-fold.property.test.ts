/**
 * The folded ledger against an unfolded reference, over many sequences of
 * runs: the same lines earned (top-ups and "never twice" included), the same
 * redemption outcomes, the same balances after every run; nothing lost from
 * the detail; the sheet never shows more than its limit of the open period.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Award } from '../../../src/core/points/award.js';
import { balances, earnedLines, redemptionIdOf, type LedgerLine } from '../../../src/core/points/ledger.js';
import { carryRows, emptyCarry, readCarry, type LedgerCarry } from '../../../src/core/points/ledger-carry.js';
import { processRedemptions, type RedemptionResult } from '../../../src/core/points/redemptions.js';
import { settlePoints } from '../../../src/core/points/settle.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { day } from '../plans/fixtures.js';

const MEMBERS = ['u1', 'u2', 'u3', 'u4'];
const PERIODS = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
const RULES = ['评论', '发布', '转发'];

const awardsArb = fc.array(fc.record({ member: fc.constantFrom(...MEMBERS), rule: fc.constantFrom(...RULES), points: fc.integer({ min: 1, max: 100 }) }), { maxLength: 10 });
const redemptionArb = fc.record({ member: fc.constantFrom(...MEMBERS, 'ghost'), points: fc.integer({ min: -5, max: 150 }), item: fc.constantFrom('周边', '海报', '徽章'), back: fc.integer({ min: 0, max: 2 }) });
const runsArb = fc.array(fc.record({ period: fc.integer({ min: 0, max: PERIODS.length - 1 }), awards: awardsArb, newRows: fc.array(redemptionArb, { maxLength: 3 }), repeat: fc.boolean() }), { minLength: 1, maxLength: 14 });

const apply = (sheet: Table, r: RedemptionResult) => {
  for (const c of r.patch!.columns) {
    sheet.header[c.index] = c.header;
    c.values.forEach((v, i) => {
      while (sheet.rows[i].length <= c.index) sheet.rows[i].push(null);
      sheet.rows[i][c.index] = v;
    });
  }
};
const newSheet = (): Table => ({ sheet: '积分兑换', header: ['成员ID', '兑换物品', '积分', '日期'], rows: [] });
const essence = (l: LedgerLine) => [l.period, l.memberId, l.rule, l.points, l.reason, l.recordedAt];
const sorted = (ls: LedgerLine[]) => ls.map((l) => JSON.stringify(essence(l))).sort();

describe('the folded ledger settles exactly as an unfolded one', () => {
  it('same earned lines, redemption outcomes and balances run after run; the detail is all kept', () => {
    fc.assert(
      fc.property(runsArb, fc.integer({ min: 1, max: 6 }), (runs, limit) => {
        let reference: LedgerLine[] = [];
        const refSheet = newSheet();
        let carry: LedgerCarry = emptyCarry();
        let shown: LedgerLine[] = [];
        const archived: LedgerLine[] = [];
        const sheet = newSheet();
        let periodIndex = 0;
        for (const run of runs) {
          periodIndex = Math.max(periodIndex, run.period);
          const period = PERIODS[periodIndex];
          const today = day(`${period}-15`);
          for (const r of run.newRows) {
            // Some redemptions are dated in an earlier period than today's.
            const dated = PERIODS[Math.max(0, periodIndex - r.back)];
            for (const s of [refSheet, sheet]) s.rows.push([r.member, r.item, r.points, `${dated}-10`] as CellValue[]);
          }
          const awards = new Map<string, Award[]>();
          for (const a of run.awards) {
            const list = awards.get(a.member) ?? [];
            if (!list.some((x) => x.rule === a.rule)) list.push({ rule: a.rule, points: a.points, category: 'other', reason: `${a.rule} ${a.points}` });
            awards.set(a.member, list);
          }
          for (let pass = 0; pass < (run.repeat ? 2 : 1); pass++) {
            // Reference: every line ever, never folded.
            const refEarned = earnedLines(reference, awards, period, new Map(), period, 'zh');
            const refRedeemed = processRedemptions({ table: refSheet, ledger: [...reference, ...refEarned], knownMembers: new Set(MEMBERS), nicknames: new Map(), today, recordedAt: period, locale: 'zh' });
            apply(refSheet, refRedeemed);
            reference = [...reference, ...refEarned, ...refRedeemed.lines];

            // Folded: the carry goes through its packed rows every run, as it does through the sheet.
            const s = settlePoints({ carry, shown, awards, period, redemptions: sheet, members: MEMBERS, nicknames: new Map(), shownId: (id) => id, today, recordedAt: period, locale: 'zh', limit });
            apply(sheet, s.redemption);
            expect(s.earned.map(essence)).toEqual(refEarned.map(essence));
            expect(s.redemption.lines.map(essence)).toEqual(refRedeemed.lines.map(essence));
            expect(s.redemption.outcomes).toEqual(refRedeemed.outcomes);
            if (pass === 1) expect(s.added, 'a re-run adds nothing').toEqual([]);
            if (s.fold) {
              carry = readCarry({ sheet: '_fenceng_ledger_carry', header: ['kind', 'part', 'packed'], rows: carryRows(s.fold.carry).slice(1) });
              shown = s.fold.kept;
              archived.push(...s.fold.archived);
            } else shown = [...shown, ...s.added];

            expect(s.balances).toEqual(balances(reference));
            for (const [, b] of s.balances) expect(b).toBeGreaterThanOrEqual(0);
            // Bounded: the open period shows at most `limit` lines; a closed period's only redemptions wait for the next fold.
            expect(shown.filter((l) => l.period >= period).length).toBeLessThanOrEqual(limit);
            expect(shown.filter((l) => l.period < period && !redemptionIdOf(l.rule))).toEqual([]);
            // Nothing lost: the archive and the sheet together are the reference's lines.
            expect(sorted([...archived, ...shown])).toEqual(sorted(reference));
            // Each redemption deducted once, in the carry or on the sheet.
            const ids = [...carry.redemptions, ...shown].map((l) => redemptionIdOf(l.rule)).filter(Boolean);
            expect(new Set(ids).size).toBe(ids.length);
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
