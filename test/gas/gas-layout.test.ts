/**
 * Layout in Sheets through the fakes: widths, frozen header, bold, wrap,
 * number formats, filters and tier colours as the core planned them, batched
 * (the call count does not grow with rows), idempotent, and new tabs placed
 * in the planned tab order without moving any tab that was already there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SheetPatch, WorkbookPatch } from '../../src/core/base/patch.js';
import type { CellValue } from '../../src/core/base/table.js';
import { TIER_FILLS, withLayouts } from '../../src/core/run/plan-layout.js';
import { planTabOrder } from '../../src/core/run/plan-tab-order.js';
import { GasWorkbook } from '../../src/ports/gas.js';
import { pixelWidth } from '../../src/ports/gas/layout.js';
import { FakeEnv, snapshot } from './fakes.js';

const TIERS = [['核心成员', '潜力成员', '沉默成员']];
const day = (d: number) => new Date(Date.UTC(2026, 10, d));
/** Same width at any count, so 2,000 and 20,000 rows plan the same widths. */
const id = (i: number) => `U${String(i + 1).padStart(6, '0')}`;

/** 分配-张三-like list: ID, nickname, tier, a date, a count, a long note. */
function listRows(n: number): CellValue[][] {
  const tiers = TIERS[0];
  return [
    ['成员ID', '昵称', '活跃层级', '最近活跃', '近30天评论', '分层依据'],
    ...Array.from({ length: n }, (_, i) => [id(i), `成员${id(i)}`, tiers[i % 3], day(1 + (i % 28)), 1000 + i, i % 2 ? '核心成员：近30天评论 45 ≥ 20，最近活跃 今天 ≤ 7，'.repeat(3) : '短']),
  ];
}

/** The operator's 成员 sheet and the columns Fenceng writes into it. */
function membersGrid(n: number): unknown[][] {
  return [['成员ID', '昵称', '备注'], ...Array.from({ length: n }, (_, i) => [id(i), `成员${id(i)}`, ''])];
}
function membersColumns(n: number): SheetPatch {
  return {
    kind: 'columns',
    sheet: '成员',
    columns: [
      { index: 3, header: '活跃层级', values: Array.from({ length: n }, (_, i) => TIERS[0][i % 3]) },
      { index: 4, header: '计算时间', values: Array.from({ length: n }, () => new Date(Date.UTC(2026, 10, 26, 4))) },
    ],
  };
}

function laidOut(sheets: SheetPatch[], existing: string[]): WorkbookPatch {
  const all = withLayouts(sheets, { tierLabels: TIERS });
  return { sheets: all, order: planTabOrder(existing, all) };
}

let env: FakeEnv;
let undo: () => void;
function setUp(sheets: Record<string, unknown[][]>, opts: ConstructorParameters<typeof FakeEnv>[0] = {}) {
  env = new FakeEnv({ sheets, ...opts });
  undo = env.install();
  return new GasWorkbook(env.spreadsheet, 'Asia/Shanghai');
}
beforeEach(() => {
  undo = () => undefined;
});
afterEach(() => undo());

describe('GasWorkbook layout', () => {
  it('lays out a list sheet as planned: widths, frozen bold header, wrap, formats, filter, one colour rule per tier', () => {
    const port = setUp({ 成员: membersGrid(3) });
    const patch = laidOut([{ kind: 'replace', sheet: '分配-张三', rows: listRows(30) }], ['成员']);
    port.apply(patch);
    const s = env.sheet('分配-张三');
    const layout = patch.sheets[0].layout!;
    // Widths as planned, in Sheets pixels (CJK counted double by the core, long text capped).
    for (const c of layout.columns) expect(s.getColumnWidth(c.index + 1), `column ${c.index + 1}`).toBe(pixelWidth(c.width));
    expect(s.getColumnWidth(6)).toBe(pixelWidth(48));
    expect(s.getColumnWidth(2)).toBeGreaterThan(s.getColumnWidth(5) - 100); // sanity: set, not default
    expect(s.layout.frozenRows).toBe(1);
    for (let c = 1; c <= 6; c++) expect(s.layout.at(1, c).fontWeight, `header ${c}`).toBe('bold');
    expect(s.layout.at(2, 1).fontWeight).toBeUndefined();
    // The long 分层依据 wraps; the others are as wide as their text.
    expect(s.layout.at(2, 6).wrap).toBe(true);
    expect(s.layout.at(31, 6).wrap).toBe(true);
    expect(s.layout.at(2, 2).wrap).toBeUndefined();
    expect(s.layout.at(2, 4).numberFormat).toBe('yyyy-mm-dd');
    expect(s.layout.at(31, 5).numberFormat).toBe('#,##0');
    expect(s.layout.at(2, 1).numberFormat).toBeUndefined();
    expect(s.layout.snapshot(s.maxCols)).toMatchObject({ filter: 'A1:F31' });
    // One rule per tier label over the tier column, light fills highest first.
    expect(s.layout.rules.map((r) => [r.text, r.background])).toEqual([
      ['核心成员', TIER_FILLS[0]],
      ['潜力成员', TIER_FILLS[2]],
      ['沉默成员', TIER_FILLS[4]],
    ]);
    for (const r of s.layout.rules) expect(r.ranges).toEqual([{ row: 2, col: 3, numRows: 30, numCols: 1 }]);
    // Layout adds no cell: the grid is the content.
    expect([s.maxRows, s.maxCols]).toEqual([31, 6]);
  });

  it("on the operator's 成员: only Fenceng's columns, no filter of ours, their own filter, freeze and rules kept", () => {
    const port = setUp({ 成员: membersGrid(10) });
    const s = env.sheet('成员');
    // The operator's own filter, frozen rows and a rule on their 备注 column.
    env.spreadsheet.getSheetByName('成员')!.getRange(1, 1, 11, 3).createFilter();
    s.setFrozenRows(2);
    const theirs = env.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const own = theirs.newConditionalFormatRule().whenTextEqualTo('VIP').setBackground('#FF0000').setRanges([env.spreadsheet.getSheetByName('成员')!.getRange(2, 3, 10, 1)]).build();
    env.spreadsheet.getSheetByName('成员')!.setConditionalFormatRules([own]);
    const widthsBefore = [1, 2, 3].map((c) => s.getColumnWidth(c));

    port.apply(laidOut([membersColumns(10)], ['成员']));
    port.apply(laidOut([membersColumns(10)], ['成员']));
    expect([1, 2, 3].map((c) => s.getColumnWidth(c))).toEqual(widthsBefore);
    expect(s.getColumnWidth(4)).not.toBe(100);
    expect(s.layout.snapshot(s.maxCols)).toMatchObject({ filter: 'A1:C11', frozenRows: 2 });
    expect(s.layout.at(1, 4).fontWeight).toBe('bold');
    expect(s.layout.at(1, 1).fontWeight).toBeUndefined();
    expect(s.layout.at(2, 5).numberFormat).toBe('yyyy-mm-dd hh:mm');
    // Their rule first and once; ours replaced on the re-run, not stacked.
    expect(s.layout.rules.map((r) => r.text)).toEqual(['VIP', '核心成员', '潜力成员', '沉默成员']);
    expect(s.layout.rules[0].ranges).toEqual([{ row: 2, col: 3, numRows: 10, numCols: 1 }]);
  });

  it("bolds the report tabs' block rows (boldRows, planned by the core) in the same call as the header; a re-run moves them", () => {
    const port = setUp({ 成员: membersGrid(3) });
    const rows: CellValue[][] = [['分层概览'], ['活跃层级', '人数'], ['核心成员', 3], [null], ['层级变动', '人数'], ['核心→潜力', 1]];
    const withBold = (boldRows: number[]): WorkbookPatch => {
      const patch = laidOut([{ kind: 'replace', sheet: '分层概览', rows }], ['成员']);
      Object.assign(patch.sheets[0].layout!, { boldRows });
      return patch;
    };
    port.apply(withBold([2, 5]));
    const s = env.sheet('分层概览');
    expect([1, 2, 5].map((r) => s.layout.at(r, 2).fontWeight)).toEqual(['bold', 'bold', 'bold']);
    expect(s.layout.at(3, 1).fontWeight).toBe('normal');
    const calls = env.calls.get('RangeList.setFontWeight');
    port.apply(withBold([3]));
    expect([1, 2, 3, 5].map((r) => s.layout.at(r, 1).fontWeight)).toEqual(['bold', 'normal', 'bold', 'normal']);
    expect(env.calls.get('RangeList.setFontWeight') - calls).toBe(2);
  });

  it('is idempotent: the same patch again leaves the same spreadsheet, layout included', () => {
    const port = setUp({ 成员: membersGrid(20) });
    const patch = laidOut([membersColumns(20), { kind: 'replace', sheet: '分配-张三', rows: listRows(20) }], ['成员']);
    port.apply(patch);
    const once = JSON.stringify(snapshot(env));
    port.apply(patch);
    expect(JSON.stringify(snapshot(env))).toBe(once);
  });

  it('a shorter re-run leaves no stale filter, colour or wrap beyond the new rows', () => {
    const port = setUp({ 成员: membersGrid(3) });
    port.apply(laidOut([{ kind: 'replace', sheet: '分配-张三', rows: listRows(40) }], ['成员']));
    port.apply(laidOut([{ kind: 'replace', sheet: '分配-张三', rows: listRows(5) }], ['成员', '分配-张三']));
    const s = env.sheet('分配-张三');
    expect(s.layout.snapshot(s.maxCols)).toMatchObject({ filter: 'A1:F6' });
    expect(s.layout.rules.length).toBe(3);
    for (const r of s.layout.rules) expect(r.ranges).toEqual([{ row: 2, col: 3, numRows: 5, numCols: 1 }]);
    // A header-only list: no filter, not frozen (a frozen row would stop the next trim).
    port.apply(laidOut([{ kind: 'replace', sheet: '分配-张三', rows: listRows(0) }], ['成员', '分配-张三']));
    expect(s.layout.snapshot(s.maxCols)).toMatchObject({ filter: null, frozenRows: 0, rules: [] });
    expect([s.maxRows, s.maxCols]).toEqual([1, 6]);
  });

  it('spends the same number of calls on 2,000 members as on 20,000 (one call per property per sheet)', () => {
    const counts = [2000, 20_000].map((n) => {
      const port = setUp({ 成员: membersGrid(n) });
      env.calls.reset();
      port.apply(laidOut([membersColumns(n), { kind: 'replace', sheet: '分配-张三', rows: listRows(n) }, { kind: 'append', sheet: '积分流水', header: ['期间', '成员ID', '积分'], rows: listRows(n).slice(1).map((r) => ['2026-11', r[0], r[4]]) }], ['成员']));
      const calls = { ...env.calls.counts };
      undo();
      return calls;
    });
    expect(counts[1]).toEqual(counts[0]);
    // And the layout calls are few: a width call per run of equal widths, one bold, one filter per list.
    expect(counts[0]['Range.createFilter']).toBe(2);
    expect(counts[0]['RangeList.setFontWeight']).toBe(3);
    expect(counts[0]['Sheet.setConditionalFormatRules']).toBe(2);
  });
});

describe('GasWorkbook tab order', () => {
  const names = () => env.sheets.map((s) => s.name);

  it('puts new tabs where the plan says (overview after the operator\'s sheets, admin sheets last, hidden state at the end) without moving any', () => {
    const port = setUp({ 成员: membersGrid(3), 管理员: [['姓名'], ['张三']] });
    const sheets: SheetPatch[] = [
      { kind: 'replace', sheet: '分配-张三', rows: listRows(2) },
      { kind: 'replace', sheet: '问题', rows: [['行', '问题'], [2, '缺ID']] },
      { kind: 'replace', sheet: '_fenceng_state', rows: [['v']], hidden: true },
      { kind: 'replace', sheet: '运营看板', rows: [['运营看板']] },
      { kind: 'replace', sheet: '分层概览', rows: [['分层概览']] },
      { kind: 'replace', sheet: '内容计划', rows: [['日期', '内容'], [day(3), '直播']] },
    ];
    port.apply(laidOut(sheets, names()));
    expect(names()).toEqual(['成员', '管理员', '分层概览', '运营看板', '内容计划', '问题', '分配-张三', '_fenceng_state']);
    // Six tabs and the journal (a patch of several sheets goes through it); nothing moved.
    expect(env.calls.get('Spreadsheet.insertSheet')).toBe(7);
    expect(env.calls.sum('Spreadsheet.moveActiveSheet', 'Spreadsheet.setActiveSheet')).toBe(0);
    expect(env.sheet('_fenceng_state').hidden).toBe(true);
  });

  it('keeps an order the operator set by hand; a tab added later joins its group', () => {
    const port = setUp({ 成员: membersGrid(3) });
    port.apply(laidOut([{ kind: 'replace', sheet: '分层概览', rows: [['分层概览']] }, { kind: 'replace', sheet: '问题', rows: [['问题']] }], names()));
    // The operator drags 问题 to the front.
    const moved = env.sheets.splice(env.sheets.findIndex((s) => s.name === '问题'), 1)[0];
    env.sheets.unshift(moved);
    expect(names()).toEqual(['问题', '成员', '分层概览']);
    port.apply(laidOut([{ kind: 'replace', sheet: '分层概览', rows: [['分层概览']] }, { kind: 'replace', sheet: '问题', rows: [['问题']] }, { kind: 'replace', sheet: '运营看板', rows: [['运营看板']] }], names()));
    expect(names()).toEqual(['问题', '成员', '分层概览', '运营看板']);
  });

  it('gives the operator back the tab they were on', () => {
    const port = setUp({ 成员: membersGrid(3), 说明: [['读我']] });
    env.activeSheet = env.sheet('说明');
    port.apply(laidOut([{ kind: 'replace', sheet: '分层概览', rows: [['分层概览']] }, { kind: 'replace', sheet: '分配-张三', rows: listRows(2) }], names()));
    expect(env.active()!.name).toBe('说明');
  });
});
