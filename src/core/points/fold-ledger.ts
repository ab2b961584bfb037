import type { Locale } from '../base/locale.js';
import type { CellValue, Table } from '../base/table.js';
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

/** The hidden tab that keeps the folded detail, packed (export it with 导出积分明细 in Sheets). */
export const LEDGER_ARCHIVE_SHEET = '_fenceng_ledger_archive';
export const LEDGER_ARCHIVE_HEADER = ['periods', 'part', 'lines'];
const ARCHIVE_CELL_CHARS = 40_000;

/** Rows appended to the archive: the folded lines as JSON, in cells of at most 40,000 characters. */
export function archiveRows(folded: LedgerLine[], keepFrom: string): CellValue[][] {
  const json = JSON.stringify(folded.map((l) => [l.period, l.memberId, l.nickname, l.rule, l.points, l.reason, l.recordedAt]));
  const span = `<${keepFrom}`;
  const rows: CellValue[][] = [];
  for (let i = 0, part = 1; i < json.length; i += ARCHIVE_CELL_CHARS, part++) rows.push([span, part, json.slice(i, i + ARCHIVE_CELL_CHARS)]);
  return rows;
}

/** Every archived line, oldest fold first (parts of one fold joined in order). */
export function readArchive(table: Table | undefined): LedgerLine[] {
  if (!table) return [];
  const folds = new Map<string, Array<[number, string]>>();
  const order: string[] = [];
  for (const r of table.rows) {
    const span = typeof r[0] === 'string' ? r[0] : '';
    const part = Number(r[1]);
    if (!span || !Number.isInteger(part)) continue;
    if (!folds.has(span)) (folds.set(span, []), order.push(span));
    folds.get(span)!.push([part, r[2] === null || r[2] === undefined ? '' : String(r[2])]);
  }
  const out: LedgerLine[] = [];
  for (const span of order) {
    try {
      const rows = JSON.parse(folds.get(span)!.sort(([a], [b]) => a - b).map(([, t]) => t).join('')) as unknown[][];
      for (const [period, memberId, nickname, rule, points, reason, recordedAt] of rows) out.push({ period: String(period), memberId: String(memberId), nickname: String(nickname), rule: String(rule), points: Number(points), reason: String(reason), recordedAt: String(recordedAt) });
    } catch {
      // A damaged fold: the rest still exports.
    }
  }
  return out;
}
