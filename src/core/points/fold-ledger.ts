import type { CellValue, Table } from '../base/table.js';
import { redemptionIdOf, type LedgerLine } from './ledger.js';
import { isCarried, type LedgerCarry } from './ledger-carry.js';

export { CARRIED_RULE, isCarried } from './ledger-carry.js';

/**
 * Keeps 积分流水 bounded (Google counts its whole grid against 10 M cells):
 * the sheet shows only lines of the current period, and at most
 * LEDGER_LINES_SHOWN of them, the newest. Lines that leave it fold into the
 * hidden carry (ledger-carry.ts) without losing anything a run reads:
 * - a closed period's points join each member's carried total (balances
 *   stay exactly the same); its issue joins the per-period totals;
 * - a line of the open period beyond the limit joins its period, member and
 *   rule's sum ("never twice", top-ups and honors read only those sums);
 * - a redemption line is kept whole (its ID is never served twice).
 * The lines themselves go to the packed archive `_fenceng_ledger_archive`
 * (导出积分明细 writes them out). A period's honors are awarded on the first
 * run after it closes from the ledger as read, before that run folds it.
 */
export const LEDGER_LINES_SHOWN = 30_000;

export interface FoldedLedger {
  /** The carry after this fold. */
  carry: LedgerCarry;
  /** Lines the sheet keeps, in order. */
  kept: LedgerLine[];
  /** Lines that left the sheet (the detail, for the archive); carried lines of an older version have none. */
  archived: LedgerLine[];
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * `shown`: the sheet's lines as read plus this run's, in order. Undefined
 * when nothing has to leave the sheet: a closed period's redemption alone
 * waits for the next fold (it is exact where it is).
 */
export function foldLedger(carry: LedgerCarry, shown: LedgerLine[], period: string, limit = LEDGER_LINES_SHOWN): FoldedLedger | undefined {
  const isOld = (l: LedgerLine) => l.period < period || isCarried(l.rule);
  const old = shown.filter(isOld);
  const open = shown.filter((l) => !isOld(l));
  const closedSums = carry.sums.filter((l) => l.period < period);
  const over = Math.max(0, open.length - limit);
  if (over === 0 && closedSums.length === 0 && !old.some((l) => !redemptionIdOf(l.rule))) return undefined;

  const next: LedgerCarry = { carried: new Map(carry.carried), sums: [], redemptions: [...carry.redemptions], issued: new Map(carry.issued), ...(carry.span ? { span: { ...carry.span } } : {}) };
  const widen = (p: string) => {
    if (!p) return;
    if (!next.span) next.span = { first: p, last: p };
    else next.span = { first: p < next.span.first ? p : next.span.first, last: p > next.span.last ? p : next.span.last };
  };
  for (const l of [...closedSums, ...old]) {
    if (redemptionIdOf(l.rule)) {
      next.redemptions.push(l);
      continue;
    }
    next.carried.set(l.memberId, round((next.carried.get(l.memberId) ?? 0) + l.points));
    widen(l.period);
    if (!isCarried(l.rule)) next.issued.set(l.period, round((next.issued.get(l.period) ?? 0) + l.points));
  }
  const sums = new Map<string, LedgerLine>();
  const key = (l: LedgerLine) => `${l.period}\u0000${l.memberId}\u0000${l.rule}`;
  const sumIn = (l: LedgerLine) => {
    const s = sums.get(key(l));
    if (s) s.points = round(s.points + l.points);
    else sums.set(key(l), { period: l.period, memberId: l.memberId, nickname: '', rule: l.rule, points: l.points, reason: '', recordedAt: '' });
  };
  for (const l of carry.sums) if (l.period >= period) sumIn(l);
  const leaving = open.slice(0, over);
  for (const l of leaving) {
    if (redemptionIdOf(l.rule)) next.redemptions.push(l);
    else sumIn(l);
  }
  next.sums = [...sums.values()];
  return { carry: next, kept: open.slice(over), archived: [...old, ...leaving].filter((l) => !isCarried(l.rule)) };
}

/** The hidden tab that keeps the folded detail, packed (export it with 导出积分明细 in Sheets). */
export const LEDGER_ARCHIVE_SHEET = '_fenceng_ledger_archive';
export const LEDGER_ARCHIVE_HEADER = ['folded', 'part', 'lines'];
const ARCHIVE_CELL_CHARS = 40_000;

/**
 * Rows appended to the archive: the folded lines as JSON, in cells of at
 * most 40,000 characters, each member ID as the operator wrote it. `label`
 * says when (the run's time); a fold's parts count from 1.
 */
export function archiveRows(folded: LedgerLine[], label: string): CellValue[][] {
  const json = JSON.stringify(folded.map((l) => [l.period, l.memberIdText ?? l.memberId, l.nickname, l.rule, l.points, l.reason, l.recordedAt]));
  const rows: CellValue[][] = [];
  for (let i = 0, part = 1; i < json.length; i += ARCHIVE_CELL_CHARS, part++) rows.push([label, part, json.slice(i, i + ARCHIVE_CELL_CHARS)]);
  return rows;
}

/** Every archived line, oldest fold first; a fold starts at its part 1 (labels may repeat). IDs as the operator wrote them. */
export function readArchive(table: Table | undefined): LedgerLine[] {
  if (!table) return [];
  const folds: string[][] = [];
  for (const r of table.rows) {
    const part = Number(r[1]);
    if (!Number.isInteger(part) || part < 1) continue;
    if (part === 1 || folds.length === 0) folds.push([]);
    folds[folds.length - 1].push(r[2] === null || r[2] === undefined ? '' : String(r[2]));
  }
  const out: LedgerLine[] = [];
  for (const parts of folds) {
    try {
      const rows = JSON.parse(parts.join('')) as unknown[][];
      for (const [period, memberId, nickname, rule, points, reason, recordedAt] of rows) out.push({ period: String(period), memberId: String(memberId), nickname: String(nickname), rule: String(rule), points: Number(points), reason: String(reason), recordedAt: String(recordedAt) });
    } catch {
      // A damaged fold: the rest still exports.
    }
  }
  return out;
}
