/**
 * What the content, interaction, points and dashboard stage adds to every
 * run (issue 5), for tests that list a workbook's sheets or the members
 * sheet's columns: new tabs in the order they are created.
 */
export const OPS_SHEETS_ZH = ['运营看板', '内容库', '内容计划', '互动计划', '邀请名单', '积分兑换', '积分流水', '排行榜', '荣誉', '_fenceng_trend'];
export const OPS_SHEETS_EN = ['Dashboard', 'Content library', 'Content plan', 'Interaction plan', 'Invite list', 'Redemptions', 'Points ledger', 'Leaderboards', 'Honors', '_fenceng_trend'];
/** The members sheet's 积分余额 column, after the other columns a run writes. */
export const BALANCE_ZH = '积分余额';
export const BALANCE_EN = 'Points balance';
