/**
 * The one planner: the whole patch and the structured results callers use
 * (placements, member → admin, moves, tasks) come from one call, and agree
 * with what the patch writes.
 */
import { describe, expect, it } from 'vitest';
import { checkOperations } from '../../../src/app/check-operations.js';
import { DEFAULT_ADMINS_CONFIG, DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { readRunSheets } from '../../../src/app/read-run-input.js';
import type { ColumnsPatch, ReplaceSheetPatch } from '../../../src/core/base/patch.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { civilDay } from '../../../src/core/base/time.js';
import { parseMembers } from '../../../src/core/facts/members.js';
import { memberAdmins } from '../../../src/core/run/member-admins.js';
import { planRun } from '../../../src/core/run/plan-run.js';
import { MemoryWorkbook } from '../../../src/ports/memory.js';

const TODAY = civilDay(2026, 11, 26)!;

function workbook(): MemoryWorkbook {
  return new MemoryWorkbook({
    成员: [
      ['成员ID', '昵称', '最近活跃', '近30天评论'],
      ['c1', '核一', '2026-11-26', 50],
      ['c2', '核二', '2026-11-24', 40],
      ['c3', '核三', '2026-11-25', 30],
      ['p1', '潜一', '2026-11-20', 5],
      ['s1', '沉一', '2026-06-01', 0],
    ],
    管理员: [
      ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'],
      ['陈总', '总负责人', 'chen@example.com', null, '是', null, null, null],
      ['马丽', '普通管理员', 'ma@example.com', '陈总', '是', 1, 1, 5],
      ['张强', '普通管理员', 'zhang@example.com', '陈总', '是', 1, 5, 5],
    ],
  });
}

async function plan(wb: MemoryWorkbook) {
  return planRun({
    sheets: readRunSheets(wb, DEFAULT_HEADER_MAPPING),
    ruleSets: DEFAULT_RULE_SETS,
    mapping: DEFAULT_HEADER_MAPPING,
    locale: 'zh',
    today: TODAY,
    computedAt: '2026-11-26 09:50',
    timeZone: 'Asia/Shanghai',
    rulesVersion: 'abcd1234',
    dryRun: true,
    adminsConfig: DEFAULT_ADMINS_CONFIG,
    operations: checkOperations(DEFAULT_RULE_SETS, undefined),
  });
}

describe('planRun', () => {
  it('gives member → admin as data, the same the 负责管理员 column writes', async () => {
    const run = await plan(workbook());
    const members = run.patch.sheets.find((p): p is ColumnsPatch => p.kind === 'columns' && p.sheet === '成员')!;
    const written = members.columns.find((c) => c.header === '负责管理员')!;
    const ids = ['c1', 'c2', 'c3', 'p1', 's1'];
    const admins = ['马丽', '张强'];
    const assigned = ids.filter((_, i) => admins.includes(written.values[i] as string));
    // Two core places for three core members: one is left unassigned (the column says why).
    expect(assigned).toHaveLength(4);
    for (const id of assigned) expect(run.adminOf?.get(id)).toBe(written.values[ids.indexOf(id)]);
  });

  it("lays out each admin's sheet with their week's tasks beside the members, and the --split-admins file the same", async () => {
    const run = await plan(workbook());
    expect(run.adminFiles.map((f) => f.admin)).toEqual(['马丽', '张强']);
    for (const file of run.adminFiles) {
      const sheet = run.patch.sheets.find((p): p is ReplaceSheetPatch => p.kind === 'replace' && p.sheet === file.table.sheet)!;
      expect(sheet.rows[0].slice(0, 2)).toEqual(['成员ID', '昵称']);
      // The task block starts after one empty column.
      const width = 9;
      expect(sheet.rows[0][width]).toBeNull();
      const block = run.operations.taskBlock(file.admin);
      expect(block.length).toBeGreaterThan(0);
      expect(sheet.rows.slice(0, block.length).map((r) => r.slice(width + 1))).toEqual(block);
      // The file's header is text ('' where the sheet has an empty cell).
      const blank = (rows: CellValue[][]) => rows.map((r) => r.map((c) => (c === '' ? null : c)));
      expect(blank([file.table.header, ...file.table.rows])).toEqual(blank(sheet.rows));
    }
  });

  it('puts the tier sheets first and the operations sheets after them, and reports the moves it wrote', async () => {
    const run = await plan(workbook());
    const names = run.patch.sheets.map((p) => p.sheet);
    expect(names.indexOf('_fenceng_state')).toBeLessThan(names.indexOf('运营看板'));
    expect(run.moves).toBe(run.summary.moves);
    expect(run.effective.placements.size).toBe(5);
    expect(run.tasks).toBe(run.operations.tasks);
  });
});

describe('memberAdmins', () => {
  const table: Table = { sheet: '成员', header: ['成员ID', 'Admin'], rows: [['m1', ' 马丽 '], ['m2', null]] };
  const rows = parseMembers(table, { mapping: DEFAULT_HEADER_MAPPING, today: TODAY, usedFacts: new Set() }).rows;

  it('reads the values this run writes when there are any', () => {
    const written: CellValue[] = ['张强', '马丽'];
    expect([...memberAdmins(table, rows, written)!]).toEqual([['m1', '张强'], ['m2', '马丽']]);
  });

  it("else the members sheet's own admin column, and nothing without one", () => {
    expect([...memberAdmins(table, rows, undefined)!]).toEqual([['m1', '马丽']]);
    expect(memberAdmins({ ...table, header: ['成员ID', '备注'] }, rows, undefined)).toBeUndefined();
  });
});
