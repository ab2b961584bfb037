/**
 * The content, points and dashboard sheets through the built dist/Code.js in
 * a bare vm with the fake services: the same sheets as locally, the
 * dashboard with embedded charts, and re-runs that neither stack charts nor
 * append ledger lines twice.
 */
import { describe, expect, it } from 'vitest';
import { OPS_SHEETS_ZH } from '../app/ops-sheets.js';
import { useBuiltBundle } from './built-bundle.js';
import { FakeEnv, type StoredCell } from './fakes.js';

const DAY = 86_400_000;
const bundle = useBuiltBundle();
const load = bundle.load;

function members(n: number): unknown[][] {
  const now = Date.now();
  const rows: unknown[][] = [['成员ID', '昵称', '入群日期', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟']];
  for (let i = 0; i < n; i++) {
    const kind = i % 3;
    const counts = [[40 + i, 300, 20, 4, 2000, 400], [6, 20, 2, 1, 50, 40], [0, 0, 0, 0, 0, 0]][kind];
    rows.push([`U${1000 + i}`, `成员${i}`, new Date(now - (30 + i) * DAY), new Date(now - [1, 12, 90][kind] * DAY), ...counts]);
  }
  return rows;
}

const LIBRARY = [
  ['标题', '类型', '目标层级', '渠道', '链接', '负责人'],
  ['行业报告：2027 趋势', '行业趋势', '', '粉丝群', 'https://v.douyin.com/a/', '小王'],
  ['剪辑教程：卡点', '短视频教程', '', '群公告', '', ''],
  ['周末段子', '轻松趣味内容', '', '', '', ''],
];

describe('operations sheets in Apps Script', () => {
  it('writes every sheet, the dashboard with embedded charts; a re-run replaces the charts and appends nothing', async () => {
    const env = new FakeEnv({
      sheets: {
        成员: members(30),
        内容库: LIBRARY,
        积分兑换: [['成员ID', '兑换物品', '积分', '日期'], ['U1000', '徽章', 10, new Date(Date.now() - DAY)], ['U1000', '大礼包', 99999, new Date(Date.now() - DAY)]],
      },
    });
    await load(env).recomputeTiers();
    expect(env.alerts).toEqual([]);
    const names = env.sheets.map((s) => s.name);
    for (const s of OPS_SHEETS_ZH) expect(names, s).toContain(s);
    expect(env.sheet('_fenceng_trend').hidden).toBe(true);

    const dash = env.sheet('运营看板');
    expect(dash.charts.map((c) => c.type)).toEqual(['column', 'pie', 'line', 'pie', 'column', 'column']);
    const raw = dash.raw();
    for (const c of dash.charts) {
      expect(c.numHeaders).toBe(1);
      expect(typeof c.options.title).toBe('string');
      const [r] = c.ranges;
      // The chart's range is the block under its title: header row first, inside the written cells.
      expect(raw[r.row - 2][0]).toBe(c.options.title);
      expect(r.row + r.rows - 1).toBeLessThanOrEqual(raw.length);
      expect(c.position).toEqual({ row: r.row - 1, column: 7 });
    }
    expect(dash.charts.find((c) => c.options.isStacked)).toBeDefined();

    const redemptions = env.sheet('积分兑换').raw();
    expect(redemptions[0].slice(4)).toEqual(['兑换编号', '处理状态', '处理说明']);
    expect(redemptions.slice(1).map((r) => r[5])).toEqual(['已兑换', '已拒绝']);
    const ledgerRows = env.sheet('积分流水').raw().length;
    expect(ledgerRows).toBeGreaterThan(10);
    const plan = env.sheet('内容计划').raw();
    expect(plan[0]).toEqual(['日期', '星期', '周', '层级', '内容', '类型', '渠道', '链接', '负责管理员', '状态']);
    const balance = env.sheet('成员').raw()[0].indexOf('积分余额');
    expect(balance).toBeGreaterThan(0);

    await load(env).recomputeTiers();
    expect(env.alerts).toEqual([]);
    expect(dash.charts).toHaveLength(6);
    expect(env.sheet('积分流水').raw().length).toBe(ledgerRows);
    const strip = (g: StoredCell[][]) => g.map((r) => r.map((c) => (c instanceof Object && !(c instanceof Date) ? JSON.stringify(c) : c)));
    expect(strip(env.sheet('内容计划').raw())).toEqual(strip(plan));
    expect(env.sheet('积分兑换').raw().slice(1).map((r) => r[5])).toEqual(['已兑换', '已拒绝']);
  }, 60_000);
});
