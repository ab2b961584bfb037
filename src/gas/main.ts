/**
 * Apps Script entry points. esbuild bundles this file as the IIFE `Fenceng`;
 * the build's footer adds the top-level functions Apps Script can call.
 */
import { recompute } from '../app/recompute.js';
import { GasWorkbook } from '../ports/gas.js';
import { BUSY_MESSAGE, withDocumentLock } from './lock.js';

export { onOpen, onInstall, MENU_ITEMS } from './menu.js';
export { GasWorkbook } from '../ports/gas.js';
export { shareWithAdminTeam, SHARE_TITLE } from './share.js';
export { callApi, showRulesSidebar, showRulePreview, showHelp, API_METHODS, serverFunctionName } from './sidebar.js';

export const DONE_TITLE = '分层完成 / Tiers updated';
export const FAILED_TITLE = '分层失败 / Recompute failed';

/**
 * Menu item 重新计算分层. Returns a promise: the rules engine is promise-based
 * and Apps Script V8 drains microtasks before the execution ends (every
 * service call is synchronous, so nothing waits on a timer).
 */
export async function recomputeTiers(): Promise<void> {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const outcome = await withDocumentLock(async () => {
      const timeZone = ss.getSpreadsheetTimeZone();
      const result = await recompute(new GasWorkbook(ss, timeZone), {
        now: new Date(),
        timeZone,
        locale: userLocale(),
      });
      ss.toast(result.text, DONE_TITLE, 20);
    });
    if (!outcome.ran) tell(ss, '分层管理 / Fenceng', BUSY_MESSAGE);
  } catch (err) {
    if (typeof console !== 'undefined') console.error(err);
    tell(ss, FAILED_TITLE, messageOf(err));
  }
}

/** 'en' for English UI locales (en, en_US, …), else Chinese. '' happens in some auth modes. */
export function userLocale(): 'zh' | 'en' {
  const locale = Session.getActiveUserLocale() || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}

/** An alert when a user is looking; getUi throws from triggers, so fall back to a toast. */
function tell(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, title: string, message: string): void {
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  } catch {
    ss.toast(message, title, 30);
  }
}

/** Errors may come from another realm (tests) or be thrown non-Errors. */
function messageOf(err: unknown): string {
  const m = (err as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : String(err);
}
