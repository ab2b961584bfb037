import { describe, expect, it } from 'vitest';
import { budgetMessage, cellBudget, type GridSize } from '../../../src/core/budget/cell-budget.js';

const grids = (o: Record<string, [number, number]>) => new Map<string, GridSize>(Object.entries(o).map(([k, [rows, columns]]) => [k, { rows, columns }]));

describe('cellBudget', () => {
  it('counts whole grids, before and after, with a new tab first appearing at 1000×26', () => {
    const b = cellBudget(grids({ 成员: [1000, 26] }), [{ sheet: '分层概览', after: { rows: 20, columns: 5 } }]);
    expect(b.before).toBe(26_000);
    expect(b.after).toBe(26_100);
    // While the new tab exists untrimmed.
    expect(b.peak).toBe(52_000);
    expect(b.fits).toBe(true);
  });

  it('follows the steps in order: a tab that shrinks first makes room for one that grows', () => {
    const now = grids({ a: [100_000, 50], b: [1000, 10] });
    const shrinkFirst = cellBudget(now, [{ sheet: 'a', after: { rows: 1000, columns: 50 } }, { sheet: 'b', after: { rows: 500_000, columns: 10 } }], 5_100_000);
    const growFirst = cellBudget(now, [{ sheet: 'b', after: { rows: 500_000, columns: 10 } }, { sheet: 'a', after: { rows: 1000, columns: 50 } }], 5_100_000);
    expect(shrinkFirst.after).toBe(growFirst.after);
    expect(shrinkFirst.fits).toBe(true);
    expect(growFirst.fits).toBe(false);
    expect(growFirst.peak).toBe(10_000_000);
  });

  it('refuses past 10 M cells and names the largest tabs in both languages', () => {
    const b = cellBudget(grids({ 成员: [200_000, 26] }), [{ sheet: '积分流水', after: { rows: 700_000, columns: 7 } }]);
    // A new tab is cut to 7 columns before it grows to 700,000 rows, so 700,000 × 26 is never held.
    expect(b.peak).toBe(b.after);
    expect(b.fits).toBe(false);
    expect(b.after).toBe(5_200_000 + 4_900_000);
    const m = budgetMessage(b);
    expect(m).toMatch(/^写入后表格将占用 10,100,000 个单元格，超过 Google 表格 10,000,000 个单元格的上限.*未写入任何内容/);
    expect(m).toMatch(/nothing was written\. Largest sheets: "成员" 5,200,000, "积分流水" 4,900,000\./);
  });

  it('refuses a tab wider than 18,278 columns even when the cells would fit', () => {
    const b = cellBudget(new Map(), [{ sheet: '宽表', after: { rows: 1, columns: 18_279 } }]);
    expect(b.fits).toBe(false);
    expect(budgetMessage(b)).toMatch(/「宽表」将有 18,279 列.*"宽表" would have 18,279 columns/s);
    expect(cellBudget(new Map(), [{ sheet: '宽表', after: { rows: 1, columns: 18_278 } }]).fits).toBe(true);
  });

  it('grows a tab with content before trimming it, so its old width counts while it is rewritten', () => {
    const b = cellBudget(grids({ 概览: [10, 26] }), [{ sheet: '概览', after: { rows: 400_000, columns: 5 } }], 9_000_000);
    expect(b.peak).toBe(400_000 * 26);
    expect(b.after).toBe(2_000_000);
    expect(b.fits).toBe(false);
  });

  it('fits exactly at the limit', () => {
    expect(cellBudget(grids({ a: [1000, 1000] }), [], 1_000_000).fits).toBe(true);
    expect(cellBudget(grids({ a: [1000, 1000] }), [], 999_999).fits).toBe(false);
  });
});
