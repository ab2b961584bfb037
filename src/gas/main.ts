/**
 * Apps Script entry points. esbuild bundles this file as the IIFE `Fenceng`;
 * the build's footer adds the top-level functions Apps Script can call.
 */
import { runRecompute } from './run.js';
import { showRunStatus } from './run-status.js';
import { userLocale } from './ui.js';

export { onOpen, onInstall, MENU_ITEMS } from './menu.js';
export { GasWorkbook } from '../ports/gas.js';
export { shareWithAdminTeam, SHARE_TITLE } from './share.js';
export { callApi, showRulesSidebar, showRulePreview, showHelp, API_METHODS, serverFunctionName } from './sidebar.js';
export { DONE_TITLE, FAILED_TITLE, RUNNING_TITLE, SAFE_EXECUTION_MS } from './run.js';
export { showRunStatus } from './run-status.js';
export { exportLedgerDetail } from './export-ledger.js';
export { userLocale } from './ui.js';

/**
 * Menu item 重新计算分层: synchronous from start to end, like every Sheets
 * call it makes (the rules are compiled; no promise is made). A run that does
 * not fit one execution goes on in the background; the status sidebar shows it.
 */
export function recomputeTiers(): void {
  const outcome = runRecompute('menu', userLocale());
  if (outcome === 'continuing') {
    try {
      showRunStatus();
    } catch {
      // The toast already said it; a sidebar is a courtesy.
    }
  }
}

/** The time-driven trigger's function: continues the run in progress, if any. */
export function continueRecompute(): void {
  runRecompute('trigger', userLocale());
}
