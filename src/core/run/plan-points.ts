import type { SheetPatch } from '../base/patch.js';
import { computeAwards } from '../points/award.js';
import { balanceColumnPatch } from '../points/balance-column.js';
import { ledgerHeader, ledgerRow, readLedger, type Ledger, type LedgerLine } from '../points/ledger.js';
import { archiveRows, LEDGER_ARCHIVE_HEADER, LEDGER_ARCHIVE_SHEET } from '../points/fold-ledger.js';
import { carryRows, LEDGER_CARRY_SHEET, readCarry } from '../points/ledger-carry.js';
import { REDEMPTION_MANAGED, type RedemptionResult } from '../points/redemptions.js';
import { settlePoints } from '../points/settle.js';
import type { Locale } from '../base/locale.js';
import type { OperationsContext } from './operations-context.js';
import { headerRow } from '../base/bilingual.js';

export interface PointsPlan {
  /** 积分流水 (appended, or rewritten when lines fold away), its hidden carry and archive, 积分兑换 and the members sheet's balance column. */
  sheets: SheetPatch[];
  /** The ledger as read, before this run: every line with detail (the carry's and the sheet's), no carried balances. */
  ledger: Ledger;
  /** Lines earned this period that the ledger did not have yet. */
  earned: LedgerLine[];
  redemption: RedemptionResult;
  /** The ledger's detail after this run: as read, plus earned and redeemed lines. */
  allLines: LedgerLine[];
  /** What this run adds to the ledger. */
  added: LedgerLine[];
  /** Points issued by periods folded out of the ledger (for the dashboard's chart). */
  foldedIssued: ReadonlyMap<string, number>;
}

/** Points for this period: earn by the points rules, settle redemptions against balances, show each member's balance. */
export function planPoints({ input, members, sheetName }: OperationsContext, period: string): PointsPlan {
  const { locale, today } = input;
  const nicknames = new Map(members.map((m) => [m.memberId, m.nickname]));
  const idText = new Map(members.map((m) => [m.memberId, m.row.memberIdText ?? m.memberId]));
  const shownId = (id: string) => idText.get(id) ?? id;
  const sheet = readLedger(input.tables.ledger);
  const carry = readCarry(input.tables.ledgerCarry);
  const awards = input.points ? computeAwards(input.points, members, today, locale, input.engine) : new Map();
  const s = settlePoints({ carry, shown: sheet.lines, awards, period, redemptions: input.tables.redemptions, members: members.map((m) => m.memberId), nicknames, shownId, today, recordedAt: input.computedAt, locale });

  const sheets: SheetPatch[] = [];
  if (s.fold) {
    // Rows someone edited by hand are kept as they are, after the lines Fenceng reads.
    const unreadable = sheet.unreadableRows.map((r) => input.tables.ledger?.rows[r - 2] ?? []);
    if (s.fold.archived.length) sheets.push({ kind: 'append', sheet: LEDGER_ARCHIVE_SHEET, header: LEDGER_ARCHIVE_HEADER, rows: archiveRows(s.fold.archived, input.computedAt), hidden: true });
    sheets.push({ kind: 'replace', sheet: LEDGER_CARRY_SHEET, rows: carryRows(s.fold.carry), hidden: true });
    sheets.push({ kind: 'replace', sheet: sheetName('ledger'), rows: [ledgerHeader(locale), ...s.fold.kept.map((l) => ledgerRow(l, shownId)), ...unreadable] });
  } else {
    sheets.push({ kind: 'append', sheet: sheetName('ledger'), header: ledgerHeader(locale), rows: s.added.map((l) => ledgerRow(l, shownId)) });
  }
  if (s.redemption.patch) sheets.push(s.redemption.patch);
  else sheets.push({ kind: 'replace', sheet: sheetName('redemptions'), rows: [[...redemptionHeader(locale), ...headerRow(REDEMPTION_MANAGED, locale)]] });
  sheets.push(balanceColumnPatch(input.members.table, input.members.rows, s.balances, input.memberColumnsWritten, locale));
  return { sheets, ledger: { lines: s.detail, unreadableRows: sheet.unreadableRows }, earned: s.earned, redemption: s.redemption, allLines: s.allLines, added: s.added, foldedIssued: carry.issued };
}

/** The operator's columns of a new 积分兑换 sheet. */
function redemptionHeader(locale: Locale): string[] {
  return locale === 'zh' ? ['成员ID', '兑换物品', '积分', '日期'] : ['Member ID', 'Item', 'Points', 'Date'];
}
