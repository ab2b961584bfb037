/** The add-on menu. Built in AuthMode.NONE, so it must not touch data or properties. */

export const MENU_ITEMS: ReadonlyArray<{ caption: string; functionName: string }> = [
  { caption: '重新计算分层', functionName: 'recomputeTiers' },
  { caption: '编辑分层规则', functionName: 'showRulesSidebar' },
  { caption: '预览规则变动', functionName: 'showRulePreview' },
  { caption: '共享给管理员团队', functionName: 'shareWithAdminTeam' },
  { caption: '计算进度', functionName: 'showRunStatus' },
  { caption: '导出积分明细', functionName: 'exportLedgerDetail' },
  { caption: '帮助', functionName: 'showHelp' },
];

/**
 * The add-on menu's title is the add-on's name (the script project's title in
 * a test deployment) — createAddonMenu takes no title. Name the project 分层管理.
 */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(item.caption, item.functionName);
  menu.addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}
