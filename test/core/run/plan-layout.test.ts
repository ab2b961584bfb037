import { beforeAll, describe, expect, it } from 'vitest';
import { recompute } from '../../../src/app/recompute.js';
import type { SheetLayout } from '../../../src/core/base/patch.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { displayWidth } from '../../../src/core/base/text-width.js';
import { MAX_WIDTH, TIER_FILLS } from '../../../src/core/run/plan-layout.js';
import { MemoryWorkbook } from '../../../src/ports/memory.js';
import { generateAdminsTable } from '../../../src/sample/admins.js';
import { generateMembersTable } from '../../../src/sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../../src/sample/operations.js';

const grid = (t: Table): CellValue[][] => [t.header, ...t.rows];

describe('displayWidth', () => {
  it('counts CJK, full-width forms and emoji double', () => {
    expect(displayWidth('分层依据')).toBe(8);
    expect(displayWidth('近30天评论')).toBe(10);
    expect(displayWidth('ID：M1')).toBe(6);
    expect(displayWidth('小七✨')).toBe(5);
    expect(displayWidth('可乐🐱')).toBe(6);
  });
});

describe('layout hints on every sheet a run writes (memory adapter)', () => {
  let wb: MemoryWorkbook;
  let operatorColumns: number;
  beforeAll(async () => {
    const m = generateMembersTable({ members: 400, seed: 21, today: '2026-11-26' });
    operatorColumns = m.header.length;
    wb = new MemoryWorkbook({
      成员: grid(m),
      管理员: grid(generateAdminsTable({ members: 400, seed: 21 })),
      内容库: grid(generateContentLibraryTable({ seed: 21 })),
      积分兑换: grid(generateRedemptionsTable(m, { seed: 21, today: '2026-11-26' })),
      积分流水: grid(generatePointsHistoryTable(m, { seed: 21, today: '2026-11-26' })),
    });
    await recompute(wb, { now: new Date('2026-11-26T01:50:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' });
  }, 60_000);

  const col = (sheet: string, header: string) => {
    const g = wb.grid(sheet)!;
    const index = g[0].indexOf(header);
    expect(index, `${sheet}!${header}`).toBeGreaterThanOrEqual(0);
    const layout = wb.layout(sheet)!.columns.find((c) => c.index === index);
    expect(layout, `${sheet}!${header} layout`).toBeDefined();
    return layout!;
  };

  it('成员: only the managed columns, bold headers; no freeze or filter on the operator’s sheet', () => {
    const l = wb.layout('成员')!;
    expect(l.columns.length).toBeGreaterThan(0);
    expect(l.columns.every((c) => c.index >= operatorColumns)).toBe(true);
    expect(l.boldHeader).toBe(true);
    expect(l.freezeRows).toBeUndefined();
    expect(l.filter).toBeUndefined();
    // Long explanations are capped and wrapped, not cut to `核心成员：i`.
    expect(col('成员', '分层依据')).toMatchObject({ width: MAX_WIDTH, wrap: true });
    expect(col('成员', '积分余额').numberFormat).toBe('#,##0');
  });

  it('tier columns are coloured by tier, highest green, lowest grey, wherever they appear', () => {
    for (const [sheet, header] of [['成员', '活跃层级'], ['成员', '贡献层级'], ['邀请名单', '活跃层级']] as const) {
      const fills = col(sheet, header).fills!;
      expect(fills.length, `${sheet}!${header}`).toBeGreaterThanOrEqual(2);
    }
    const activity = new Map(col('成员', '活跃层级').fills!.map((f) => [f.text, f.fill]));
    expect(activity.get('核心成员')).toBe(TIER_FILLS[0]);
    expect(activity.get('沉默成员')).toBe(TIER_FILLS.at(-1));
    // A text column that is not all tier labels gets no fills.
    expect(col('成员', '分层依据').fills).toBeUndefined();
  });

  it('every column fits its header (CJK double) and never exceeds the cap', () => {
    for (const name of wb.sheetNames()) {
      const l: SheetLayout | undefined = wb.layout(name);
      if (!l) continue;
      const header = wb.grid(name)![0];
      const lone = header.filter((h) => h !== null && h !== '').length === 1;
      for (const c of l.columns) {
        expect(c.width, `${name} column ${c.index}`).toBeLessThanOrEqual(MAX_WIDTH);
        const h = header[c.index];
        if (typeof h === 'string' && !lone) expect(c.width, `${name}!${h}`).toBeGreaterThanOrEqual(Math.min(MAX_WIDTH, displayWidth(h) + 2));
      }
    }
  });

  it('list sheets: bold frozen header and a filter over the list alone; report sheets no filter; hidden state untouched', () => {
    for (const name of ['问题', '分层变动', '内容计划', '互动计划', '邀请名单', '积分流水', '荣誉', '管理员分配']) {
      const l = wb.layout(name)!;
      expect(l, name).toMatchObject({ freezeRows: 1, boldHeader: true });
      expect(l.filter, name).toBeDefined();
    }
    for (const name of ['分层概览', '运营看板', '排行榜']) {
      expect(wb.layout(name)!.freezeRows, name).toBe(1);
      expect(wb.layout(name)!.filter, name).toBeUndefined();
    }
    expect(wb.layout('_fenceng_state')).toBeUndefined();
    // 内容计划: the filter stops above the gaps table.
    const plan = wb.grid('内容计划')!;
    const blank = plan.findIndex((r, i) => i > 0 && r.every((v) => v === null || v === ''));
    expect(wb.layout('内容计划')!.filter).toEqual({ from: 0, to: plan[0].length - 1, rows: (blank < 0 ? plan.length : blank) - 1 });
    // An admin sheet: the member list only, not the task block beside it.
    const admin = wb.sheetNames().find((s) => s.startsWith('分配-'))!;
    const header = wb.grid(admin)![0];
    const gap = header.findIndex((h) => h === null || h === '');
    expect(gap).toBeGreaterThan(0);
    expect(wb.layout(admin)!.filter).toMatchObject({ from: 0, to: gap - 1 });
  });

  it('formats: dates as dates, counts with thousands separators, 使用率% as a percentage', () => {
    expect(col('内容计划', '日期').numberFormat).toBe('yyyy-mm-dd');
    expect(col('内容计划', '日期').width).toBeGreaterThanOrEqual(12);
    expect(col('积分流水', '积分').numberFormat).toBe('#,##0');
    expect(col('管理员分配', '使用率%').numberFormat).toBe('0"%"');
    expect(col('管理员分配', '合计').numberFormat).toBe('#,##0');
  });

  it('report sheets: each block’s title and header row bold, nothing else', () => {
    const grid = wb.grid('运营看板')!;
    const bold = wb.layout('运营看板')!.boldRows!;
    const filled = (r: number) => grid[r - 1].filter((v) => v !== null && v !== '').length;
    const titles = grid.flatMap((row, i) => (i > 1 && filled(i) === 0 && filled(i + 1) === 1 && i + 1 < grid.length && filled(i + 2) >= 2 ? [i + 1] : []));
    expect(titles.length).toBeGreaterThanOrEqual(7);
    expect(bold).toEqual(titles.flatMap((r) => [r, r + 1]));
    // The 计算时间 line under the title is no block title: it stays plain.
    expect(bold).not.toContain(2);
    expect(grid[bold[0] - 1][0]).toMatch(/人数/);
    // 分层概览: the header row of each block after the first carries its title.
    const overview = wb.grid('分层概览')!;
    const heads = wb.layout('分层概览')!.boldRows!;
    expect(heads.length).toBeGreaterThanOrEqual(3);
    for (const r of heads) {
      expect(overview[r - 2].every((v) => v === null || v === ''), `row ${r}`).toBe(true);
      expect(overview[r - 1].filter((v) => v !== null && v !== '').length, `row ${r}`).toBeGreaterThanOrEqual(2);
    }
    expect(wb.layout('问题')!.boldRows).toBeUndefined();
  });
});
