/**
 * Admin layers through a whole run: the 管理员 sheet in, the 负责管理员
 * column, 管理员分配 and one sheet per admin out — and what happens on the
 * runs after (sticky admins, notes that follow members, admins who leave).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recompute, type RecomputeOptions } from '../../src/app/recompute.js';
import type { ReplaceSheetPatch } from '../../src/core/base/patch.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { BALANCE_ZH, OPS_SHEETS_EN, OPS_SHEETS_ZH } from './ops-sheets.js';

const NOW = new Date('2026-11-26T01:50:00Z');
const ZH: RecomputeOptions = { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' };
const EN: RecomputeOptions = { ...ZH, locale: 'en' };
const ADMIN_HEADER = ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'];
const MEMBER_HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '备注'];

/** 3 core (c1–c3), 2 potential (p1, p2), 3 silent (s1–s3); c1 the most recently active. */
function members(): CellValue[][] {
  return [
    MEMBER_HEADER,
    ['c1', '核一', '2026-11-26', 50, '老粉'],
    ['c2', '核二', '2026-11-24', 40, null],
    ['c3', '核三', '2026-11-25', 30, null],
    ['p1', '潜一', '2026-11-20', 5, null],
    ['p2', '潜二', '2026-11-10', 4, '需要回访'],
    ['s1', '沉一', '2026-06-01', 0, null],
    ['s2', '沉二', '2026-05-01', 0, null],
    ['s3', '沉三', null, 0, null],
  ];
}

function team(): CellValue[][] {
  return [
    ADMIN_HEADER,
    ['陈总', '总负责人', 'chen@example.com', null, '是', null, null, null],
    ['吴组长', '中层负责人', 'wu@example.com', '陈总', '是', null, null, null],
    ['马丽', '普通管理员', 'ma@example.com', '吴组长', '是', 1, 1, 5],
    ['张强', '普通管理员', 'zhang@example.com', '吴组长', '是', 1, 5, 5],
    ['孙洋', '普通管理员', 'sun@example.com', '吴组长', '否', 5, 5, 5],
  ];
}

const workbook = (admins = team()) => new MemoryWorkbook({ 成员: members(), 管理员: admins });
const snapshot = (wb: MemoryWorkbook) => Object.fromEntries(wb.sheetNames().map((n) => [n, structuredClone(wb.grid(n))]));

function column(wb: MemoryWorkbook, sheet: string, header: string): CellValue[] {
  const grid = wb.grid(sheet)!;
  const i = grid[0].indexOf(header);
  expect(i, `column ${header}`).toBeGreaterThanOrEqual(0);
  return grid.slice(1).map((r) => r[i] ?? null);
}

const adminOf = (wb: MemoryWorkbook) => Object.fromEntries(column(wb, '成员', '成员ID').map((id, i) => [id, column(wb, '成员', '负责管理员')[i]]));

describe('admin layers in a run', () => {
  it('assigns core first within capacity, reports who is left and how many admins each tier needs', async () => {
    const wb = workbook();
    const { summary } = await recompute(wb, ZH);
    const header = wb.grid('成员')![0];
    expect(header.slice(5)).toEqual(['活跃层级', '贡献层级', '分层依据', '距下一层级', '分层状态', '计算时间', '负责管理员', BALANCE_ZH]);
    const who = adminOf(wb);
    // Two core places (one each): the two most active core members get them.
    expect([who.c1, who.c3].sort()).toEqual(['张强', '马丽']);
    expect(who.c2).toBe('未分配（核心成员容量不足）');
    expect(who.p1).toBeTypeOf('string');
    expect(Object.values(who).filter((v) => v === '孙洋')).toEqual([]); // inactive
    expect(summary.admins).toMatchObject({ regularAdmins: 2, assigned: 7, unassigned: 1, shortfalls: [{ tier: 'core', unassigned: 1, adminsNeeded: 1, label: '核心成员' }] });

    const overview = wb.grid('分层概览')!;
    expect(overview).toContainEqual(['未分配：核心成员', 1, '还需 1 名普通管理员']);
    expect(overview).toContainEqual(['在职普通管理员', 2]);

    const assignments = wb.grid('管理员分配')!;
    expect(assignments[0].slice(0, 7)).toEqual(['姓名', '角色', '上级', '在职', '核心成员', '核心成员容量', '核心成员使用率%']);
    expect(assignments.map((r) => r[0]).slice(1, 6)).toEqual(['陈总', '吴组长', '马丽', '张强', '孙洋']);
    const row = (name: string) => assignments.find((r) => r[0] === name)!;
    expect(row('马丽').slice(1, 7)).toEqual(['普通管理员', '吴组长', '是', 1, 1, 100]);
    expect(row('吴组长').slice(4, 7)).toEqual([2, 2, 100]); // team totals
    expect(row('吴组长').at(-1)).toBe('团队合计（2 名在职普通管理员）');
    expect(row('孙洋')[3]).toBe('否');
    expect(assignments).toContainEqual(['', '核心成员', 1, 1]);
    expect(wb.sheetNames()).toEqual(['成员', '管理员', '分层概览', '问题', '管理员分配', '分配-马丽', '分配-张强', '分层变动', '_fenceng_state', ...OPS_SHEETS_ZH]);
  });

  it('one sheet per active regular admin: their members sorted by tier then activity, with notes; protected for them and their leads', async () => {
    const wb = workbook();
    const dry = await recompute(wb, { ...ZH, dryRun: true });
    expect(wb.sheetNames()).toEqual(['成员', '管理员']); // a dry run writes nothing
    await recompute(wb, ZH);
    const sheet = wb.sheetNames().find((n) => n.startsWith('分配-') && column(wb, n, '成员ID').includes('p2'))!;
    const grid = wb.grid(sheet)!;
    // (Beside the list, after an empty column: this week's tasks from the content and interaction plans.)
    expect(grid[0].slice(0, 11)).toEqual(['成员ID', '昵称', '抖音号', '活跃层级', '贡献层级', '分层依据', '最近活跃', '备注', '管理员备注', null, '本周任务']);
    const tiers = grid.slice(1).filter((r) => r[0] != null).map((r) => r[3]); // rows below the list may hold only tasks
    expect([...tiers].sort((a, b) => ['核心成员', '潜力成员', '沉默成员'].indexOf(a as string) - ['核心成员', '潜力成员', '沉默成员'].indexOf(b as string))).toEqual(tiers);
    const p2 = grid.find((r) => r[0] === 'p2')!;
    expect(p2[7]).toBe('需要回访');
    expect(p2[6]).toEqual(new Date(Date.UTC(2026, 10, 10)));

    const patch = dry.patch.sheets.find((p) => p.sheet === sheet) as ReplaceSheetPatch;
    const admin = sheet.slice(3);
    expect(patch.protect?.editors).toEqual([admin === '马丽' ? 'ma@example.com' : 'zhang@example.com', 'wu@example.com', 'chen@example.com']);
    expect(patch.protect?.description).toContain(admin);
    // Only the admin sheets carry a protection.
    expect(dry.patch.sheets.filter((p) => p.kind === 'replace' && p.protect).map((p) => p.sheet)).toEqual(['分配-马丽', '分配-张强']);
    expect(dry.adminFiles.map((f) => f.table.sheet)).toEqual(['分配-马丽', '分配-张强']);
  });

  it('a re-run with the same data is identical; changed data keeps each member\'s admin while there is room', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const before = snapshot(wb);
    const again = await recompute(wb, ZH);
    expect(snapshot(wb)).toEqual(before);
    expect(again.summary.admins?.kept).toBe(7);

    const who = adminOf(wb);
    wb.grid('成员')![4][3] = 0; // p1 drops to silent …
    wb.grid('成员')![4][2] = '2026-06-01';
    await recompute(wb, ZH);
    expect(column(wb, '成员', '活跃层级')[3]).toBe('潜力成员'); // … held for 14 days …
    await recompute(wb, { ...ZH, now: new Date('2026-12-10T01:50:00Z') });
    expect(column(wb, '成员', '活跃层级')[3]).toBe('沉默成员'); // … then silent …
    expect(adminOf(wb).p1).toBe(who.p1); // … and keeps its admin
  });

  it('notes follow the member; an admin who leaves gets a notice instead of members, editable by their leads only', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const who = adminOf(wb);
    const mine = `分配-${who.p1}`;
    const grid = wb.grid(mine)!;
    const noteCol = grid[0].indexOf('管理员备注');
    grid.find((r) => r[0] === 'p1')![noteCol] = '周三电话回访';

    await recompute(wb, ZH);
    expect(wb.grid(mine)!.find((r) => r[0] === 'p1')![noteCol]).toBe('周三电话回访');

    // The admin is set inactive: their members go to the others, the note with them.
    const admins = wb.grid('管理员')!;
    admins.find((r) => r[0] === who.p1)![4] = '否';
    const r = await recompute(wb, { ...ZH, dryRun: false });
    const now = adminOf(wb);
    expect(now.p1).not.toBe(who.p1);
    const theirs = wb.grid(`分配-${now.p1}`)!;
    expect(theirs.find((x) => x[0] === 'p1')![noteCol]).toBe('周三电话回访');
    expect(wb.grid(mine)![0][0]).toBe(`「${who.p1}」已不在管理员表中或已不在职，本表不再更新。`);
    expect(wb.grid(mine)).toHaveLength(2);
    const notice = r.patch.sheets.find((p) => p.sheet === mine) as ReplaceSheetPatch;
    expect(notice.protect?.editors).toEqual(['wu@example.com', 'chen@example.com']);
    expect(r.adminFiles.map((f) => f.admin)).toEqual([now.p1]);

    // Stable afterwards, and the notice stays until the operator deletes the sheet.
    const before = snapshot(wb);
    await recompute(wb, ZH);
    expect(snapshot(wb)).toEqual(before);
  });

  it('never overwrites a sheet Fenceng did not make', async () => {
    const mine: CellValue[][] = [['运营自己的表'], ['别动']];
    const wb = new MemoryWorkbook({ 成员: members(), 管理员: team(), '分配-马丽': mine });
    await recompute(wb, ZH);
    expect(wb.grid('分配-马丽')).toEqual(mine);
    expect(wb.sheetNames()).toContain('分配-马丽-2');
  });

  it('team problems go to 问题 with sheet, row and column; the run still assigns with the admins it can use', async () => {
    const admins = team();
    admins[3][3] = '陈总'; // 马丽 reports to the lead
    admins.push(['王五', '普通管理员', 'MA@example.com', '不存在的人', '是']);
    const wb = workbook(admins);
    const { issues, summary } = await recompute(wb, ZH);
    const mine = issues.filter((i) => i.sheet === '管理员').map((i) => [i.row, i.columnLetter, i.code]);
    expect(mine).toEqual([
      [7, 'C', 'admin-email'],
      [4, 'D', 'admin-reports-to'],
      [7, 'D', 'admin-reports-to'],
    ]);
    expect(summary.admins?.teamIssues).toBe(3);
    expect(wb.grid('问题')!.filter((r) => r[0] === '管理员')).toHaveLength(3);
    expect(summary.admins?.regularAdmins).toBe(3);
  });

  it('English run: English names for new sheets; either language is recognised afterwards', async () => {
    const wb = workbook();
    await recompute(wb, EN);
    expect(wb.sheetNames()).toEqual(['成员', '管理员', 'Tier overview', 'Issues', 'Assignments', 'Admin-马丽', 'Admin-张强', 'Movements', '_fenceng_state', ...OPS_SHEETS_EN]);
    expect(wb.grid('成员')![0].at(-2)).toBe('Assigned admin');
    expect(wb.grid('Admin-马丽')![0][0]).toBe('Member ID');
    const before = adminOf2(wb, 'Assigned admin');
    await recompute(wb, ZH);
    expect(wb.sheetNames()).toEqual(['成员', '管理员', 'Tier overview', 'Issues', 'Assignments', 'Admin-马丽', 'Admin-张强', 'Movements', '_fenceng_state', ...OPS_SHEETS_EN]);
    expect(adminOf2(wb, '负责管理员')).toEqual(before.map((v) => (typeof v === 'string' && v.startsWith('Unassigned') ? '未分配（核心成员容量不足）' : v)));
  });

  it('without an Admins sheet nothing about admins is written, and an old 负责管理员 column is emptied', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const plain = new MemoryWorkbook({ 成员: wb.grid('成员')! });
    await recompute(plain, ZH);
    expect(column(plain, '成员', '负责管理员').every((v) => v === null)).toBe(true);
    expect(plain.sheetNames()).not.toContain('管理员分配');
  });
});

function adminOf2(wb: MemoryWorkbook, header: string): CellValue[] {
  return column(wb, '成员', header);
}

// ---- property: random members, random teams, through recompute ------------------

const arbTeam = fc.array(
  fc.record({ core: fc.nat(3), potential: fc.nat(3), silent: fc.nat(4), active: fc.boolean() }),
  { minLength: 0, maxLength: 4 },
);
const arbMember = fc.record({
  daysAgo: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  comments: fc.integer({ min: 0, max: 60 }),
});

describe('admin layers, property over random members and teams', () => {
  it('no admin above capacity, every tiered member has an admin or is reported unassigned, a re-run changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arbMember, { minLength: 1, maxLength: 25 }), arbTeam, async (people, regulars) => {
        const day = (n: number | null) => (n === null ? null : new Date(Date.UTC(2026, 10, 26 - n)));
        const grid: CellValue[][] = [['成员ID', '最近活跃', '近30天评论'], ...people.map((p, i) => [`m${i}`, day(p.daysAgo), p.comments])];
        const admins: CellValue[][] = [
          ADMIN_HEADER,
          ['L', '总负责人', 'l@example.com', null, '是'],
          ['M', '中层负责人', 'm@example.com', 'L', '是'],
          ...regulars.map((r, i) => [`R${i}`, '普通管理员', `r${i}@example.com`, 'M', r.active ? '是' : '否', r.core, r.potential, r.silent]),
        ];
        const wb = new MemoryWorkbook({ 成员: grid, 管理员: admins });
        const { summary } = await recompute(wb, ZH);
        const tiers = column(wb, '成员', '活跃层级');
        const who = column(wb, '成员', '负责管理员');
        const caps = new Map(regulars.map((r, i) => [`R${i}`, r]));
        const counts = new Map<string, number>();
        who.forEach((name, i) => {
          expect(typeof name).toBe('string');
          if (String(name).startsWith('未分配')) return;
          const r = caps.get(name as string)!;
          expect(r.active).toBe(true);
          const tier = tiers[i] === '核心成员' ? 'core' : tiers[i] === '潜力成员' ? 'potential' : 'silent';
          const key = `${name}/${tier}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
          expect(counts.get(key)!).toBeLessThanOrEqual(r[tier]);
        });
        const unassigned = who.filter((n) => String(n).startsWith('未分配')).length;
        expect(summary.admins!.assigned + unassigned).toBe(people.length);
        expect(summary.admins!.unassigned).toBe(unassigned);
        expect(summary.admins!.shortfalls.reduce((n, s) => n + s.unassigned, 0)).toBe(unassigned);

        const before = snapshot(wb);
        await recompute(wb, ZH);
        expect(snapshot(wb)).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});
