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

/**
 * A first run's tabs in the planned order (issue 11): the operator's sheets,
 * 分层概览 and 运营看板, the plans and incentives, 流失预警, 问题 and 分层变动, the
 * admin sheets, hidden state last.
 */
export function firstRunTabs(locale: 'zh' | 'en', operator: string[], adminSheets: string[] = []): string[] {
  const [zh, en] = [OPS_SHEETS_ZH, OPS_SHEETS_EN];
  const ops = locale === 'zh' ? zh : en;
  const say = (a: string, b: string) => (locale === 'zh' ? a : b);
  return [
    ...operator,
    say('分层概览', 'Tier overview'),
    ops[0],
    ...ops.slice(1, -1),
    say('流失预警', 'Churn warning'),
    say('问题', 'Issues'),
    say('分层变动', 'Movements'),
    ...(adminSheets.length ? [say('管理员分配', 'Assignments'), ...adminSheets] : []),
    '_fenceng_state',
    '_fenceng_trend',
  ];
}
