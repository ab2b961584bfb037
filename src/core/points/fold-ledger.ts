import type { Locale } from '../base/locale.js';
import { redemptionIdOf, type LedgerLine } from './ledger.js';

/**
 * Keeps 积分流水 bounded. Lines of periods before `keepFrom` (closed, and
 * past the month after, whose honors the first run of a month awards from
 * the detail) fold into one carried-forward line per member: its points are
 * the sum of that member's folded lines, so every balance stays exactly the
 * same. Redemption lines stay as they are (their ids keep a redemption from
 * being served twice), and so do the periods from `keepFrom` on, where
 * "never twice" and the top-ups look. Folding again folds the carried lines
 * in with the next closed period.
 */
export const CARRIED_RULE: Record<Locale, string> = { zh: '结转', en: 'Carried forward' };

export function isCarried(rule: string): boolean {
  return rule === CARRIED_RULE.zh || rule === CARRIED_RULE.en;
}

export interface FoldedLedger {
  /** The ledger to write back: carried lines, kept redemption lines of folded periods, then the lines kept. */
  lines: LedgerLine[];
  /** Lines folded away (the detail, for an export). */
  folded: LedgerLine[];
}

/** Undefined when nothing is old enough to fold. */
export function foldLedger(lines: LedgerLine[], keepFrom: string, recordedAt: string, locale: Locale): FoldedLedger | undefined {
  const old = lines.filter((l) => l.period < keepFrom && !redemptionIdOf(l.rule));
  // Only carried lines already: nothing new to fold.
  if (old.every((l) => isCarried(l.rule))) return undefined;
  const last = old.reduce((p, l) => (l.period > p ? l.period : p), '');
  const first = old.reduce((p, l) => (l.period < p ? l.period : p), last);
  const carried = new Map<string, LedgerLine>();
  for (const l of old) {
    const c = carried.get(l.memberId);
    if (c) {
      c.points += l.points;
      if (l.nickname) c.nickname = l.nickname;
    } else {
      carried.set(l.memberId, { period: last, memberId: l.memberId, nickname: l.nickname, rule: CARRIED_RULE[locale], points: l.points, reason: '', recordedAt });
    }
  }
  const span = first === last ? last : `${first}…${last}`;
  for (const c of carried.values()) {
    c.points = Math.round(c.points * 1e6) / 1e6;
    c.reason = locale === 'zh' ? `${span} 的积分合计（明细已归档）` : `Points of ${span} in total (detail archived)`;
  }
  const keptRedemptions = lines.filter((l) => l.period < keepFrom && redemptionIdOf(l.rule));
  const kept = lines.filter((l) => l.period >= keepFrom);
  return { lines: [...carried.values(), ...keptRedemptions, ...kept], folded: old.filter((l) => !isCarried(l.rule)) };
}

/** The first period kept in detail: the month before `period` (its honors are awarded from the detail). */
export function foldBefore(period: string): string {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
