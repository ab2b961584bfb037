import type { Locale } from '../base/locale.js';
import type { CellValue, Table } from '../base/table.js';
import type { LedgerLine } from './ledger.js';
import { packRecords, unpackRecords } from '../base/packed-text.js';

/**
 * The part of the points ledger no longer shown in 积分流水, kept exact in
 * the hidden tab `_fenceng_ledger_carry`, packed (a few dozen cells at
 * 100,000 members; rewritten whenever lines leave the sheet):
 *
 *   kind         part   packed
 *   version      1
 *   span         <first period> <last period>   the closed periods carried
 *   carried      1, 2…  memberId TAB points                (one per member)
 *   sums         1, 2…  period TAB memberId TAB rule TAB points
 *   redemptions  1, 2…  period TAB memberId TAB idAsWritten TAB nickname TAB rule TAB points TAB reason TAB recordedAt
 *   issued       1, 2…  period TAB points
 *
 * `carried`: each member's points of every closed period folded away
 * (redemptions aside), so a balance is carried + the lines after it.
 * `sums`: lines of periods still open that left the sheet because it holds
 * at most so many lines: one sum per period, member and rule, which is all
 * "never twice", the top-ups and the honors read of them. `redemptions`:
 * every deduction that left the sheet, whole (its ID keeps it from being
 * served twice; its date and item answer the 积分兑换 note). `issued`: the
 * points each folded period issued, for the dashboard's chart.
 */
export const LEDGER_CARRY_SHEET = '_fenceng_ledger_carry';
const HEADER = ['kind', 'part', 'packed'];
const VERSION = 1;

export interface LedgerCarry {
  carried: Map<string, number>;
  /** The closed periods whose points `carried` holds. */
  span?: { first: string; last: string };
  sums: LedgerLine[];
  redemptions: LedgerLine[];
  /** Points issued per folded period. */
  issued: Map<string, number>;
}

export function emptyCarry(): LedgerCarry {
  return { carried: new Map(), sums: [], redemptions: [], issued: new Map() };
}

const num = (s: string | undefined) => {
  const n = Number(s);
  return s !== undefined && s !== '' && Number.isFinite(n) ? n : undefined;
};

/** A missing or unreadable tab is an empty carry (nothing was folded yet). */
export function readCarry(table: Table | undefined): LedgerCarry {
  const carry = emptyCarry();
  if (!table) return carry;
  const parts = new Map<string, Array<[number, CellValue]>>();
  for (const r of table.rows) {
    const kind = typeof r[0] === 'string' ? r[0] : '';
    if (kind === 'span' && typeof r[1] === 'string' && typeof r[2] === 'string') carry.span = { first: r[1], last: r[2] };
    const part = Number(r[1]);
    if (!['carried', 'sums', 'redemptions', 'issued'].includes(kind) || !Number.isInteger(part)) continue;
    if (!parts.has(kind)) parts.set(kind, []);
    parts.get(kind)!.push([part, r[2] ?? null]);
  }
  const records = (kind: string) => unpackRecords((parts.get(kind) ?? []).sort(([a], [b]) => a - b).map(([, c]) => c));
  for (const [id, p] of records('carried')) {
    const points = num(p);
    if (id && points !== undefined) carry.carried.set(id, points);
  }
  for (const [period, memberId, rule, p] of records('sums')) {
    const points = num(p);
    if (period && memberId && rule && points !== undefined) carry.sums.push({ period, memberId, nickname: '', rule, points, reason: '', recordedAt: '' });
  }
  for (const [period, memberId, asWritten, nickname, rule, p, reason, recordedAt] of records('redemptions')) {
    const points = num(p);
    if (!period || !memberId || !rule || points === undefined) continue;
    const l: LedgerLine = { period, memberId, nickname: nickname ?? '', rule, points, reason: reason ?? '', recordedAt: recordedAt ?? '' };
    if (asWritten && asWritten !== memberId) l.memberIdText = asWritten;
    carry.redemptions.push(l);
  }
  for (const [period, p] of records('issued')) {
    const points = num(p);
    if (period && points !== undefined) carry.issued.set(period, points);
  }
  return carry;
}

export function carryRows(carry: LedgerCarry): CellValue[][] {
  const rows: CellValue[][] = [HEADER, ['version', VERSION]];
  if (carry.span) rows.push(['span', carry.span.first, carry.span.last]);
  const add = (kind: string, records: Array<Array<string | number>>) => packRecords(records).forEach((packed, i) => rows.push([kind, i + 1, packed]));
  add('carried', [...carry.carried].map(([id, p]) => [id, p]));
  add('sums', carry.sums.map((l) => [l.period, l.memberId, l.rule, l.points]));
  add('redemptions', carry.redemptions.map((l) => [l.period, l.memberId, l.memberIdText ?? '', l.nickname, l.rule, l.points, l.reason, l.recordedAt]));
  add('issued', [...carry.issued].map(([period, p]) => [period, p]));
  return rows;
}

export const CARRIED_RULE: Record<Locale, string> = { zh: '结转', en: 'Carried forward' };

export function isCarried(rule: string): boolean {
  return rule === CARRIED_RULE.zh || rule === CARRIED_RULE.en;
}

/** The carried balances as ledger lines (one per member), for the sums a balance is. */
export function carriedLines(carry: LedgerCarry, locale: Locale): LedgerLine[] {
  const span = carry.span ? (carry.span.first === carry.span.last ? carry.span.last : `${carry.span.first}…${carry.span.last}`) : '';
  const reason = locale === 'zh' ? `${span} 的积分合计（明细已归档）` : `Points of ${span} in total (detail archived)`;
  return [...carry.carried].map(([memberId, points]) => ({ period: carry.span?.last ?? '', memberId, nickname: '', rule: CARRIED_RULE[locale], points, reason, recordedAt: '' }));
}
