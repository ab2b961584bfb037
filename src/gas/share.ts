/**
 * Menu item 共享给管理员团队: adds the active admins' emails as editors of
 * this spreadsheet, after a YES/NO alert listing exactly who gets access.
 * Nothing is shared without a YES, nor while the Admins sheet has problems.
 *
 * Scopes: Spreadsheet.getEditors/addEditors act on the spreadsheet the
 * add-on runs in, so only spreadsheets.currentonly is declared (no Drive
 * scope); to be confirmed in a test deployment — if Google refuses, the
 * alert below reports it. See README (deploying / scopes).
 */
import { parseAdmins } from '../core/admins/parse-admins.js';
import { issueLines, planSharing } from '../core/admins/share-plan.js';
import { adminsSheetName } from '../core/names/sheets.js';
import { GasWorkbook } from '../ports/gas.js';

export const SHARE_TITLE = '共享给管理员团队 / Share with the admin team';

export function shareWithAdminTeam(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  try {
    const port = new GasWorkbook(ss);
    const name = adminsSheetName(port.sheetNames());
    const table = name === undefined ? undefined : port.read(name);
    const team = table ? parseAdmins(table, { tiers: [], config: { defaultCapacity: {} } }) : undefined;
    const editors = ss.getEditors().map((u) => u.getEmail());
    const plan = planSharing(team, editors);
    if (plan.kind === 'no-admins') {
      ui.alert(SHARE_TITLE, '没有「管理员」表，或表中没有管理员。/ There is no Admins (管理员) sheet, or it lists nobody.', ui.ButtonSet.OK);
      return;
    }
    if (plan.kind === 'invalid') {
      ui.alert(SHARE_TITLE, `管理员表有问题，未共享给任何人。请先修正：\nThe Admins sheet has problems; nothing was shared. Fix these first:\n\n${issueLines(plan.issues)}`, ui.ButtonSet.OK);
      return;
    }
    if (plan.add.length === 0) {
      ui.alert(SHARE_TITLE, plan.message, ui.ButtonSet.OK);
      return;
    }
    const answer = ui.alert(SHARE_TITLE, plan.message, ui.ButtonSet.YES_NO);
    if (answer !== ui.Button.YES) {
      ss.toast('未共享给任何人 / Nothing was shared', SHARE_TITLE, 10);
      return;
    }
    ss.addEditors(plan.add.map((a) => a.email));
    ss.toast(`已共享给 ${plan.add.length} 人 / Shared with ${plan.add.length} people`, SHARE_TITLE, 10);
  } catch (err) {
    if (typeof console !== 'undefined') console.error(err);
    const m = (err as { message?: unknown } | null)?.message;
    ui.alert(SHARE_TITLE, `共享失败 / Sharing failed: ${typeof m === 'string' && m ? m : String(err)}`, ui.ButtonSet.OK);
  }
}
