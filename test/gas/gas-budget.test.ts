/** The cell budget in the Apps Script adapter: Google's 10 M grid cells, checked before the first write. */
import { describe, expect, it } from 'vitest';
import { GasWorkbook } from '../../src/ports/gas.js';
import { FakeEnv, snapshot } from './fakes.js';

const WRITES = ['Range.setValues', 'Range.clearContent', 'Spreadsheet.insertSheet', 'Sheet.clearContents', 'Sheet.insertRowsAfter', 'Sheet.insertColumnsAfter', 'Sheet.deleteRows', 'Sheet.deleteColumns', 'Sheet.hideSheet', 'Sheet.protect'];
const rows = (n: number, width = 3) => Array.from({ length: n }, (_, r) => Array.from({ length: width }, (_, c) => `r${r}c${c}`));

describe('GasWorkbook cell budget', () => {
  it('refuses, writing nothing, a patch after which the spreadsheet would pass 10,000,000 cells', () => {
    const env = new FakeEnv({ sheets: { 成员: [['成员ID'], ['U1']] }, grids: { 成员: [350_000, 26] } });
    const before = JSON.stringify(snapshot(env));
    const port = new GasWorkbook(env.spreadsheet);
    env.calls.reset();
    expect(() => port.apply({ sheets: [{ kind: 'replace', sheet: '分层变动', rows: rows(200_000, 8) }] })).toThrow(
      /写入后表格将占用 10,700,000 个单元格，超过 Google 表格 10,000,000 个单元格的上限.*未写入任何内容[\s\S]*would hold 10,700,000 cells.*nothing was written/,
    );
    expect(env.calls.sum(...WRITES)).toBe(0);
    expect(JSON.stringify(snapshot(env))).toBe(before);
  });

  it('fits where untrimmed tabs would not: each new tab is cut to its content before the next', () => {
    // 9.95 M held: five untrimmed new tabs (5 × 26,000) would pass the limit, and the fake refuses that as Google does.
    const env = new FakeEnv({ sheets: { 成员: [['成员ID']] }, grids: { 成员: [382_692, 26] } });
    const port = new GasWorkbook(env.spreadsheet);
    port.apply({ sheets: ['一', '二', '三', '四', '五'].map((sheet) => ({ kind: 'replace' as const, sheet, rows: rows(10) })) });
    for (const name of ['一', '二', '三', '四', '五']) expect([env.sheet(name).maxRows, env.sheet(name).maxCols], name).toEqual([10, 3]);
    expect(env.gridCells()).toBe(382_692 * 26 + 5 * 30);
  });

  it('sizes every tab it writes to its content, shrinking a rewritten one and growing an appended one exactly', () => {
    const env = new FakeEnv({ sheets: { 概览: rows(500, 10), 流水: [['期间', '积分'], ['2026-10', 5]] } });
    const port = new GasWorkbook(env.spreadsheet);
    port.apply({
      sheets: [
        { kind: 'replace', sheet: '概览', rows: rows(40, 4) },
        { kind: 'append', sheet: '流水', header: ['期间', '积分'], rows: rows(1500, 2) },
        { kind: 'append', sheet: '新流水', header: ['期间', '积分'], rows: rows(3, 2) },
      ],
    });
    expect([env.sheet('概览').maxRows, env.sheet('概览').maxCols]).toEqual([40, 4]);
    expect(env.sheet('概览').raw()).toEqual(rows(40, 4));
    expect([env.sheet('流水').maxRows, env.sheet('流水').maxCols]).toEqual([1502, 2]);
    expect(env.sheet('流水').raw().slice(0, 2)).toEqual([['期间', '积分'], ['2026-10', 5]]);
    expect([env.sheet('新流水').maxRows, env.sheet('新流水').maxCols]).toEqual([4, 2]);
    // Trimming is a block of rows and a block of columns per tab (the journal's tab too), never cell by cell.
    expect(env.calls.sum('Sheet.deleteRows', 'Sheet.deleteColumns')).toBeLessThanOrEqual(2 * 4);
    expect(env.sheets.map((t) => t.name)).toEqual(['概览', '流水', '新流水']);
  });

  it("only grows the operator's own tab", () => {
    const env = new FakeEnv({ sheets: { 成员: [['成员ID', '昵称'], ['U1', 'a']] } });
    new GasWorkbook(env.spreadsheet).apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 2, header: '活跃层级', values: ['核心'] }] }] });
    expect([env.sheet('成员').maxRows, env.sheet('成员').maxCols]).toEqual([1000, 26]);
  });

  it('refuses a cell over 50,000 characters before writing anything', () => {
    const env = new FakeEnv({ sheets: { 成员: [['成员ID']] } });
    env.calls.reset();
    expect(() =>
      new GasWorkbook(env.spreadsheet).apply({
        sheets: [
          { kind: 'replace', sheet: '一', rows: [['ok']] },
          { kind: 'replace', sheet: '二', rows: [['字'.repeat(50_001)]] },
        ],
      }),
    ).toThrow(/「二」单元格超过 5 万字 \/ Cell over 50,000 characters in "二"/);
    expect(env.calls.sum(...WRITES)).toBe(0);
  });
});
