import { describe, expect, it } from 'vitest';
import type { SheetPatch } from '../../../src/core/base/patch.js';
import { planTabOrder } from '../../../src/core/run/plan-tab-order.js';
import { recompute, type RecomputeOptions } from '../../../src/app/recompute.js';
import { MemoryWorkbook } from '../../../src/ports/memory.js';
import { firstRunTabs } from '../../app/ops-sheets.js';

const replace = (sheet: string, hidden = false): SheetPatch => ({ kind: 'replace', sheet, rows: [['x']], ...(hidden ? { hidden } : {}) });
const ZH: RecomputeOptions = { now: new Date('2026-11-26T01:50:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' };

describe('planTabOrder', () => {
  it('first run: operator sheets, overview and dashboard, plans, issues, admin sheets, hidden state', () => {
    const sheets = [
      { kind: 'columns', sheet: '成员', columns: [] } as SheetPatch,
      replace('分层概览'),
      replace('问题'),
      replace('管理员分配'),
      replace('分配-张三'),
      replace('_fenceng_state', true),
      replace('分层变动'),
      replace('内容计划'),
      replace('运营看板'),
      replace('排行榜'),
      replace('分配-李四'),
    ];
    expect(planTabOrder(['成员', '说明', '内容库'], sheets)).toEqual(['成员', '说明', '分层概览', '运营看板', '内容库', '内容计划', '排行榜', '问题', '分层变动', '管理员分配', '分配-张三', '分配-李四', '_fenceng_state']);
  });

  it('sheets that exist never move; a new one joins its group', () => {
    const existing = ['运营看板', '成员', '问题', '分层概览', '分配-张三', '说明', '_fenceng_state'];
    const order = planTabOrder(existing, [replace('分配-王五'), replace('分层变动'), replace('荣誉'), replace('问题'), replace('_fenceng_trend', true)]);
    expect(order.filter((s) => existing.includes(s))).toEqual(existing);
    expect(order).toEqual(['运营看板', '成员', '问题', '分层变动', '分层概览', '荣誉', '分配-张三', '分配-王五', '说明', '_fenceng_state', '_fenceng_trend']);
  });

  it('English names are grouped the same way', () => {
    expect(planTabOrder(['Members'], [replace('Issues'), replace('Dashboard'), replace('Admin-Li'), replace('Tier overview')])).toEqual(['Members', 'Tier overview', 'Dashboard', 'Issues', 'Admin-Li']);
  });
});

describe('tab order in a run (memory adapter)', () => {
  const team = [
    ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'],
    ['陈总', '总负责人', 'chen@example.com', null, '是', null, null, null],
    ['马丽', '普通管理员', 'ma@example.com', '陈总', '是', 5, 5, 5],
  ];
  const members = [
    ['成员ID', '昵称', '最近活跃', '近30天评论'],
    ['c1', '核一', '2026-11-26', 50],
    ['s1', '沉一', '2026-06-01', 0],
  ];

  it('places new tabs by group and keeps an order the operator set by hand on re-runs', async () => {
    const wb = new MemoryWorkbook({ 成员: members, 管理员: team });
    await recompute(wb, ZH);
    expect(wb.sheetNames()).toEqual(firstRunTabs('zh', ['成员', '管理员'], ['分配-马丽']));
    // The operator drags 运营看板 to the front and 问题 before 成员.
    wb.moveSheet('运营看板', 0);
    wb.moveSheet('问题', 1);
    const byHand = wb.sheetNames();
    await recompute(wb, ZH);
    expect(wb.sheetNames()).toEqual(byHand);
    // A new admin: only their new tab is placed, next to the other admin sheets.
    const grid = wb.grid('管理员')!;
    grid.push(['张强', '普通管理员', 'zhang@example.com', '陈总', '是', 5, 5, 5]);
    await recompute(wb, ZH);
    const after = wb.sheetNames();
    expect(after.filter((s) => s !== '分配-张强')).toEqual(byHand);
    expect(after.indexOf('分配-张强')).toBe(after.indexOf('分配-马丽') + 1);
  });
});
