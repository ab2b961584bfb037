import type { SheetPatch } from '../base/patch.js';
import { computeAwards } from '../points/award.js';
import { balanceColumnPatch } from '../points/balance-column.js';
import { balances, earnedLines, ledgerHeader, ledgerRow, readLedger, type Ledger, type LedgerLine } from '../points/ledger.js';
import { archiveRows, foldBefore, foldLedger, LEDGER_ARCHIVE_HEADER, LEDGER_ARCHIVE_SHEET } from '../points/fold-ledger.js';
import { processRedemptions, REDEMPTION_MANAGED, type RedemptionResult } from '../points/redemptions.js';
import type { Locale } from '../base/locale.js';
import type { OperationsContext } from './operations-context.js';
import { headerRow } from '../base/bilingual.js';

export interface PointsPlan {
  /** 积分流水 (appended), 积分兑换 and the members sheet's balance column. */
  sheets: SheetPatch[];
  /** The ledger as read, before this run. */
  ledger: Ledger;
  /** Lines earned this period that the ledger did not have yet. */
  earned: LedgerLine[];
  redemption: RedemptionResult;
  /** The ledger after this run: as read, plus earned and redeemed lines. */
  allLines: LedgerLine[];
  /** What this run appends to the ledger. */
  added: LedgerLine[];
}

/** Points for this period: earn by the points rules, settle redemptions against balances, show each member's balance. */
export function planPoints({ input, members, sheetName }: OperationsContext, period: string): PointsPlan {
  const { locale, today } = input;
  const nicknames = new Map(members.map((m) => [m.memberId, m.nickname]));
  const idText = new Map(members.map((m) => [m.memberId, m.row.memberIdText ?? m.memberId]));
  const shownId = (id: string) => idText.get(id) ?? id;
  const ledger = readLedger(input.tables.ledger);
  const awards = input.points ? computeAwards(input.points, members, today, locale, input.engine) : new Map();
  const earned = earnedLines(ledger.lines, awards, period, nicknames, input.computedAt, locale);
  const afterEarning = [...ledger.lines, ...earned];
  const known = new Set([...members.map((m) => m.memberId), ...afterEarning.map((l) => l.memberId)]);
  const redemption = processRedemptions({ table: input.tables.redemptions, ledger: afterEarning, knownMembers: known, nicknames, today, recordedAt: input.computedAt, locale });
  const allLines: LedgerLine[] = [...afterEarning, ...redemption.lines];
  const added = [...earned, ...redemption.lines];

  // Closed periods fold into carried-forward lines (bounded ledger, same balances); the detail goes to the archive.
  const keepFrom = foldBefore(period);
  const fold = foldLedger(ledger.lines, keepFrom, input.computedAt, locale);
  const sheets: SheetPatch[] = [];
  const row = (l: LedgerLine) => ledgerRow(l, shownId);
  if (fold) {
    // Rows someone edited by hand are kept as they are, after the lines Fenceng reads.
    const unreadable = ledger.unreadableRows.map((r) => input.tables.ledger?.rows[r - 2] ?? []);
    sheets.push({ kind: 'append', sheet: LEDGER_ARCHIVE_SHEET, header: LEDGER_ARCHIVE_HEADER, rows: archiveRows(fold.folded, keepFrom), hidden: true });
    sheets.push({ kind: 'replace', sheet: sheetName('ledger'), rows: [ledgerHeader(locale), ...[...fold.lines, ...added].map(row), ...unreadable] });
  } else {
    sheets.push({ kind: 'append', sheet: sheetName('ledger'), header: ledgerHeader(locale), rows: added.map(row) });
  }
  if (redemption.patch) sheets.push(redemption.patch);
  else sheets.push({ kind: 'replace', sheet: sheetName('redemptions'), rows: [[...redemptionHeader(locale), ...headerRow(REDEMPTION_MANAGED, locale)]] });
  sheets.push(balanceColumnPatch(input.members.table, input.members.rows, balances(allLines), input.memberColumnsWritten, locale));
  return { sheets, ledger, earned, redemption, allLines, added };
}

/** The operator's columns of a new 积分兑换 sheet. */
function redemptionHeader(locale: Locale): string[] {
  return locale === 'zh' ? ['成员ID', '兑换物品', '积分', '日期'] : ['Member ID', 'Item', 'Points', 'Date'];
}
