/**
 * The sidebar in Sheets: the menu items that open it and the server
 * functions it calls. Each API method becomes a top-level function
 * (fencengBootstrap, …) in the build's footer, which calls `callApi` and
 * returns its plain-JSON answer synchronously: evaluation is synchronous and
 * so is every Sheets call, so no promise is ever made.
 */
import { answer } from '../api/envelope.js';
import { createServerApi } from '../api/server.js';
import type { ApiResult, ServerApi } from '../api/contract.js';
import { FencengError } from '../app/errors.js';
import { GasWorkbook } from '../ports/gas.js';
import { withDocumentLock } from './lock.js';
import { settledNow } from '../app/maybe-async.js';
import { messageOf, tell, userLocale } from './ui.js';
import { gasRunDriver } from './run-status.js';

export { API_METHODS, serverFunctionName } from '../api/contract.js';

/** The file scripts/build.mjs writes next to Code.js (dist/Sidebar.html). */
export const SIDEBAR_FILE = 'Sidebar';
export const SIDEBAR_TITLE = '分层管理 Fenceng';

const BUSY = '另一位运营正在保存或计算，请稍后再试 / Someone else is saving or recomputing; please try again in a minute';

/** One sidebar call: runs to completion inside this execution and answers `{ ok, value }` or `{ ok: false, error }`. */
export function callApi(method: string, request: unknown): ApiResult<unknown> {
  return settledNow(answer(() => gasServerApi(), method, request));
}

function gasServerApi(): ServerApi {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new FencengError('no-spreadsheet', '只能在表格中使用 / Only works inside a spreadsheet');
  const zone = ss.getSpreadsheetTimeZone();
  const locale = userLocale();
  return createServerApi({
    port: new GasWorkbook(ss, zone),
    now: () => new Date(),
    uiLocale: locale,
    writeLocale: locale,
    // Empty for consumer accounts and without the userinfo scope, which Fenceng does not ask for.
    user: () => Session.getActiveUser().getEmail() || '',
    host: 'sheets',
    timeZone: { kind: 'spreadsheet', get: () => ss.getSpreadsheetTimeZone(), set: (tz) => ss.setSpreadsheetTimeZone(tz) },
    // A recompute from the sidebar runs as the menu's does, in as many executions as it takes; the sidebar calls again to go on.
    runs: gasRunDriver(locale),
    withLock: (work) => {
      const outcome = withDocumentLock(() => settledNow(work()));
      if (!outcome.ran) throw new FencengError('busy', BUSY);
      return outcome.value;
    },
  });
}

/** Menu 编辑分层规则. */
export function showRulesSidebar(): void {
  openSidebar('rules');
}

/** Menu 预览规则变动: the sidebar opens on the preview of the saved rules against the sheet. */
export function showRulePreview(): void {
  openSidebar('preview');
}

function openSidebar(view: 'rules' | 'preview'): void {
  try {
    const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle(SIDEBAR_TITLE);
    // Read by the sidebar once the page is parsed.
    html.append(`<script>window.FENCENG_START=${JSON.stringify({ view })};</script>`);
    SpreadsheetApp.getUi().showSidebar(html);
  } catch (err) {
    tell('分层管理 / Fenceng', `${AUTH_HINT}\n\n${messageOf(err)}`);
  }
}

const AUTH_HINT =
  '无法打开侧边栏。请在“扩展程序 → 分层管理”中重新打开，并在提示时授权插件访问本表格。\n' +
  'Could not open the sidebar. Open it again from Extensions → 分层管理 and allow the add-on to use this spreadsheet when asked.';

export const HELP_TEXT = {
  zh: [
    '重新计算分层：按当前保存的规则，为每位成员写入活跃层级、贡献层级、分层依据和距下一层级。',
    '编辑分层规则：在侧边栏里按表格编辑规则，预览会有多少成员变动，确认后保存并重新计算；可查看历史版本并回滚。',
    '预览规则变动：不写入任何内容，只显示重新计算会让哪些成员换层级。',
    '规则保存在隐藏的工作表 _fenceng_rules 中，随表格一起复制和共享。',
  ].join('\n\n'),
  en: [
    'Recompute tiers: writes each member\'s activity tier, contribution tier, reason and what is missing for the next tier, using the saved rules.',
    'Edit tier rules: edit the rules as a table in the sidebar, preview how many members would move, then save and recompute; see past versions and roll back.',
    'Preview rule changes: writes nothing; shows which members a recompute would move.',
    'Rules are kept in the hidden sheet _fenceng_rules, so they travel with copies of the spreadsheet.',
  ].join('\n\n'),
};

/** Menu 帮助. Needs no data, so it also works before the add-on is authorized. */
export function showHelp(): void {
  tell('分层管理 帮助 / Fenceng help', userLocale() === 'en' ? HELP_TEXT.en : HELP_TEXT.zh);
}
