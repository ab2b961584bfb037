/**
 * Menu item 导出积分明细: the points detail that closed periods were folded
 * away from 积分流水 (src/core/points/fold-ledger.ts) written out in full to
 * a tab of its own, 积分流水明细, rewritten on every export. The tab is
 * ordinary: delete it when done (it counts against the cell limit).
 */
import { ledgerHeader, ledgerRow } from '../core/points/ledger.js';
import { LEDGER_ARCHIVE_SHEET, readArchive } from '../core/points/fold-ledger.js';
import { GasWorkbook } from '../ports/gas.js';
import { withDocumentLock } from './lock.js';
import { messageOf, tell, userLocale } from './ui.js';

export const EXPORT_TITLE = '导出积分明细 / Export points detail';
export const DETAIL_SHEET = { zh: '积分流水明细', en: 'Points ledger detail' };

export function exportLedgerDetail(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const locale = userLocale();
    const done = withDocumentLock(() => {
      const port = new GasWorkbook(ss);
      const lines = readArchive(port.read(LEDGER_ARCHIVE_SHEET));
      if (lines.length === 0) return 0;
      port.apply({ sheets: [{ kind: 'replace', sheet: DETAIL_SHEET[locale], rows: [ledgerHeader(locale), ...lines.map((l) => ledgerRow(l))] }] });
      return lines.length;
    });
    if (!done.ran) return tell(EXPORT_TITLE, '另一次计算正在进行，请稍后再试 / A run is in progress; try again in a minute', ss);
    if (done.value === 0) return tell(EXPORT_TITLE, '还没有归档的积分明细（每月第一次计算时归档已结束月份的明细，本月超过 3 万行时归档较早的行）/ No archived detail yet (closed months are archived at the first run of a month, and this month\'s older lines once it passes 30,000)', ss);
    ss.toast(`已导出 ${done.value} 行到「${DETAIL_SHEET[locale]}」/ Exported ${done.value} lines to "${DETAIL_SHEET[locale]}"`, EXPORT_TITLE, 15);
  } catch (err) {
    tell(EXPORT_TITLE, messageOf(err), ss);
  }
}
