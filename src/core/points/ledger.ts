import { parseNumber, parseText, textAsWritten } from '../base/cells.js';
import { headerRow } from '../base/bilingual.js';
import { locateColumns } from '../base/columns.js';
import { say, type Locale } from '../base/locale.js';
import type { CellValue, Table } from '../base/table.js';
import type { Award } from './award.js';
import { parsePeriod } from './period.js';

/**
 * 积分流水 (points ledger): append-only, one line per member, period and
 * rule. A recompute appends only what is not there yet: for a (period,
 * member, rule) already in the ledger nothing — unless the rule now gives
 * more in that same period (30-day counts grew), when the difference is
 * appended as a top-up, so the period's total for the rule is the most the
 * rule gave that period, never above its cap and never counted twice.
 * Redemptions are lines too (negative points, rule `兑换 R0001`), so every
 * balance is the sum of the ledger.
 */
export const LEDGER_COLUMNS = {
  period: { zh: '期间', en: 'Period' },
  memberId: { zh: '成员ID', en: 'Member ID' },
  nickname: { zh: '昵称', en: 'Nickname' },
  rule: { zh: '规则', en: 'Rule' },
  points: { zh: '积分', en: 'Points' },
  reason: { zh: '原因', en: 'Reason' },
  recordedAt: { zh: '记录时间', en: 'Recorded at' },
} as const;

type Field = keyof typeof LEDGER_COLUMNS;

export interface LedgerLine {
  period: string;
  memberId: string;
  nickname: string;
  rule: string;
  points: number;
  reason: string;
  recordedAt: string;
  /** The member ID as the operator wrote it, when that differs from `memberId` (normalised for matching). */
  memberIdText?: string;
}

export interface Ledger {
  lines: LedgerLine[];
  /** Sheet rows that could not be read (edited by hand); left as they are and not counted. */
  unreadableRows: number[];
}

export function ledgerHeader(locale: Locale): string[] {
  return headerRow(LEDGER_COLUMNS, locale);
}

const text = (c: CellValue | undefined) => {
  const p = parseText(c ?? null);
  return p.kind === 'value' ? p.value : '';
};

export function readLedger(table: Table | undefined): Ledger {
  const lines: LedgerLine[] = [];
  const unreadableRows: number[] = [];
  if (!table) return { lines, unreadableRows };
  const col = locateColumns(table.header, LEDGER_COLUMNS);
  table.rows.forEach((cells, i) => {
    const get = (f: Field) => (col[f] < 0 ? null : (cells[col[f]] ?? null));
    if (cells.every((c) => c === null || c === '')) return;
    const period = parsePeriod(get('period'));
    const memberId = text(get('memberId'));
    const rule = text(get('rule'));
    const pts = parseNumber(get('points'));
    if (!period || !memberId || !rule || pts.kind !== 'value') {
      unreadableRows.push(i + 2);
      return;
    }
    const line: LedgerLine = { period, memberId, nickname: text(get('nickname')), rule, points: pts.value, reason: text(get('reason')), recordedAt: text(get('recordedAt')) };
    const written = textAsWritten(get('memberId'));
    if (written && written !== memberId) line.memberIdText = written;
    lines.push(line);
  });
  return { lines, unreadableRows };
}

/** The ledger rule of a redemption; both languages are recognised when read back. */
export function redemptionRule(id: string, locale: Locale): string {
  return locale === 'zh' ? `兑换 ${id}` : `Redemption ${id}`;
}

export function redemptionIdOf(rule: string): string | undefined {
  const m = /^(?:兑换|redemption)\s*#?\s*(\S+)$/i.exec(rule.trim());
  return m ? m[1] : undefined;
}

const keyOf = (period: string, memberId: string, rule: string) => `${period}\u0000${memberId}\u0000${rule}`;

/** What this period's awards add to the ledger (new lines and top-ups only). */
export function earnedLines(
  existing: LedgerLine[],
  awards: Map<string, Award[]>,
  period: string,
  nicknames: ReadonlyMap<string, string>,
  recordedAt: string,
  locale: Locale,
): LedgerLine[] {
  const already = new Map<string, number>();
  for (const l of existing) {
    if (l.period !== period || redemptionIdOf(l.rule)) continue;
    const k = keyOf(l.period, l.memberId, l.rule);
    already.set(k, (already.get(k) ?? 0) + l.points);
  }
  const out: LedgerLine[] = [];
  for (const [memberId, list] of awards) {
    for (const a of list) {
      const had = already.get(keyOf(period, memberId, a.rule)) ?? 0;
      const add = a.points - had;
      if (add <= 0) continue;
      const reason = had === 0 ? a.reason : `${a.reason}${say(locale, `（本期已记 ${had}，补记 ${add}）`, ` (already ${had} this period; top-up ${add})`)}`;
      out.push({ period, memberId, nickname: nicknames.get(memberId) ?? '', rule: a.rule, points: add, reason, recordedAt });
    }
  }
  return out;
}

export function balances(lines: Iterable<LedgerLine>): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of lines) out.set(l.memberId, (out.get(l.memberId) ?? 0) + l.points);
  return out;
}

/** `shownId`: the member ID as the operator wrote it (the line's own when it has one); reading the ledger back normalises it again. */
export function ledgerRow(l: LedgerLine, shownId: (id: string) => string = (id) => id): CellValue[] {
  return [l.period, l.memberIdText ?? shownId(l.memberId), l.nickname, l.rule, l.points, l.reason, l.recordedAt];
}

/** Points issued (earned) and redeemed per period, oldest first; `folded`: points issued by periods folded out of the ledger. */
export function pointsByPeriod(lines: Iterable<LedgerLine>, folded: ReadonlyMap<string, number> = new Map()): Array<{ period: string; issued: number; redeemed: number }> {
  const m = new Map<string, { period: string; issued: number; redeemed: number }>();
  for (const [period, issued] of folded) m.set(period, { period, issued, redeemed: 0 });
  for (const l of lines) {
    // A carried-forward line sums several periods (fold-ledger.ts): it is no period's issue.
    if (l.rule === '结转' || l.rule === 'Carried forward') continue;
    const e = m.get(l.period) ?? { period: l.period, issued: 0, redeemed: 0 };
    if (redemptionIdOf(l.rule)) e.redeemed += -l.points;
    else e.issued += l.points;
    m.set(l.period, e);
  }
  return [...m.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}
