import type { Locale } from '../base/locale.js';
import type { Table } from '../base/table.js';
import type { Award } from './award.js';
import { foldLedger, LEDGER_LINES_SHOWN, type FoldedLedger } from './fold-ledger.js';
import { balances, earnedLines, type LedgerLine } from './ledger.js';
import { carriedLines, isCarried, type LedgerCarry } from './ledger-carry.js';
import { processRedemptions, type RedemptionResult } from './redemptions.js';

/**
 * One run's points, on the ledger as two parts: the hidden carry and the
 * lines 积分流水 shows. Earning ("never twice", top-ups) and redemptions read
 * both together, so a folded ledger settles exactly as an unfolded one.
 */
export interface SettleInput {
  carry: LedgerCarry;
  /** The readable lines of 积分流水, in sheet order. */
  shown: LedgerLine[];
  awards: Map<string, Award[]>;
  period: string;
  redemptions: Table | undefined;
  /** Members a redemption may name (ledger members are added). */
  members: Iterable<string>;
  nicknames: ReadonlyMap<string, string>;
  /** The member ID as the operator wrote it, for new lines. */
  shownId: (id: string) => string;
  today: number;
  recordedAt: string;
  locale: Locale;
  /** Lines 积分流水 may show (tests use small ones). */
  limit?: number;
}

export interface Settled {
  /** Every line with detail as read (the carry's sums and redemptions, then the sheet's), without carried balances. */
  detail: LedgerLine[];
  earned: LedgerLine[];
  redemption: RedemptionResult;
  /** What this run adds: earned, then redeemed. */
  added: LedgerLine[];
  /** `detail` plus `added`. */
  allLines: LedgerLine[];
  /** Every member's balance after this run. */
  balances: Map<string, number>;
  /** Undefined when nothing leaves the sheet: the run appends `added`. */
  fold?: FoldedLedger;
}

export function settlePoints(input: SettleInput): Settled {
  const { carry, locale } = input;
  // Carried lines of an older version's sheet count as carried balances, not as a period's detail.
  const oldCarried = input.shown.filter((l) => isCarried(l.rule));
  const shown = input.shown.filter((l) => !isCarried(l.rule));
  const detail = [...carry.sums, ...carry.redemptions, ...shown];
  const carried = [...carriedLines(carry, locale), ...oldCarried];
  const earned = earnedLines(detail, input.awards, input.period, input.nicknames, input.recordedAt, locale);
  const withEarned = [...carried, ...detail, ...earned];
  const known = new Set([...input.members, ...withEarned.map((l) => l.memberId)]);
  const redemption = processRedemptions({ table: input.redemptions, ledger: withEarned, knownMembers: known, nicknames: input.nicknames, today: input.today, recordedAt: input.recordedAt, locale });
  const added = [...earned, ...redemption.lines].map((l) => {
    const written = input.shownId(l.memberId);
    return written !== l.memberId ? { ...l, memberIdText: written } : l;
  });
  const allLines = [...detail, ...added];
  const fold = foldLedger(carry, [...input.shown, ...added], input.period, input.limit ?? LEDGER_LINES_SHOWN);
  return { detail, earned, redemption, added, allLines, balances: balances([...carried, ...allLines]), ...(fold ? { fold } : {}) };
}
