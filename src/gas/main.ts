/**
 * Apps Script entry points. esbuild bundles this file as the IIFE `Fenceng`;
 * the build's footer adds the top-level functions Apps Script can call.
 */
import { settledNow } from '../app/maybe-async.js';
import { recompute } from '../app/recompute.js';
import { GasWorkbook } from '../ports/gas.js';
import { BUSY_MESSAGE, withDocumentLock } from './lock.js';
import { messageOf, tell, userLocale } from './ui.js';

export { onOpen, onInstall, MENU_ITEMS } from './menu.js';
export { GasWorkbook } from '../ports/gas.js';
export { shareWithAdminTeam, SHARE_TITLE } from './share.js';
export { userLocale } from './ui.js';
export { callApi, showRulesSidebar, showRulePreview, showHelp, API_METHODS, serverFunctionName } from './sidebar.js';

export const DONE_TITLE = '分层完成 / Tiers updated';
export const FAILED_TITLE = '分层失败 / Recompute failed';

/** Menu item 重新计算分层: synchronous from start to end, like every Sheets call it makes. */
export function recomputeTiers(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const outcome = withDocumentLock(() => {
      const timeZone = ss.getSpreadsheetTimeZone();
      const result = settledNow(recompute(new GasWorkbook(ss, timeZone), {
        now: new Date(),
        timeZone,
        locale: userLocale(),
      }));
      ss.toast(result.text, DONE_TITLE, 20);
    });
    if (!outcome.ran) tell('分层管理 / Fenceng', BUSY_MESSAGE, ss);
  } catch (err) {
    if (typeof console !== 'undefined') console.error(err);
    tell(FAILED_TITLE, messageOf(err), ss);
  }
}
