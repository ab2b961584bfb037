/** The fakes must fail where Google fails, or tests pass that Sheets would refuse. */
import { describe, expect, it } from 'vitest';
import { FakeEnv, KILLED_MESSAGE } from './fakes.js';

describe('fake Sheets limits', () => {
  it('counts grid cells, not filled cells: a new tab is 1000×26 however little it holds', () => {
    const env = new FakeEnv({ sheets: { 成员: [['成员ID'], ['U1']] } });
    expect(env.gridCells()).toBe(26_000);
    env.spreadsheet.insertSheet('空表');
    expect(env.gridCells()).toBe(52_000);
    env.spreadsheet.getSheetByName('空表')!.deleteRows(2, 999);
    env.spreadsheet.getSheetByName('空表')!.deleteColumns(2, 25);
    expect(env.gridCells()).toBe(26_001);
  });

  it('refuses to grow past 10,000,000 cells or 18,278 columns', () => {
    const env = new FakeEnv({ sheets: { 大表: [['x']] }, grids: { 大表: [384_000, 26] } });
    expect(env.gridCells()).toBe(9_984_000);
    const ss = env.spreadsheet;
    expect(() => ss.insertSheet('再来一个')).toThrow(/above the limit of 10000000 cells/);
    const big = ss.getSheetByName('大表')!;
    big.insertRowsAfter(384_000, 615);
    expect(() => big.insertRowsAfter(384_615, 1)).toThrow(/above the limit of 10000000 cells/);
    const wide = new FakeEnv({ sheets: { 宽: [['x']] } }).spreadsheet.getSheetByName('宽')!;
    expect(() => wide.insertColumnsAfter(26, 18_278 - 26 + 1)).toThrow(/limit of 18278/);
  });

  it('refuses a cell over 50,000 characters (a leading apostrophe is not counted)', () => {
    const env = new FakeEnv({ sheets: { 表: [['x']] } });
    const range = env.spreadsheet.getSheetByName('表')!.getRange(1, 1, 1, 1);
    range.setValues([[`'${'字'.repeat(50_000)}`]]);
    expect(() => range.setValues([['字'.repeat(50_001)]])).toThrow(/maximum of 50000 characters/);
  });

  it('keeps deleted rows and columns out of the cells, the rest moved up and left', () => {
    const env = new FakeEnv({ sheets: { 表: [['a', 'b', 'c'], ['d', 'e', 'f'], ['g', 'h', 'i']] } });
    const sheet = env.spreadsheet.getSheetByName('表')!;
    sheet.deleteRows(2, 1);
    sheet.deleteColumns(1, 1);
    expect(env.sheet('表').raw()).toEqual([['b', 'c'], ['h', 'i']]);
    expect(() => sheet.deleteRows(1, 999)).toThrow(/delete all the rows/);
  });
});

describe('fake faults', () => {
  it('fails the k-th call of one method once, or the k-th call of any method', () => {
    const env = new FakeEnv({ sheets: { 表: [['x']] } });
    const ss = env.spreadsheet;
    env.calls.failAt('Spreadsheet.getSheetByName', 2);
    expect(ss.getSheetByName('表')).not.toBeNull();
    expect(() => ss.getSheetByName('表')).toThrow(/fault injected at Spreadsheet.getSheetByName/);
    expect(ss.getSheetByName('表')).not.toBeNull();
    env.calls.failAt('*', 3);
    ss.getNumSheets();
    ss.getSheets();
    expect(() => ss.getName()).toThrow(/fault injected at Spreadsheet.getName/);
  });

  it('stops the execution after N calls: every later call throws, until the next execution', () => {
    const env = new FakeEnv({ sheets: { 表: [['x']] } });
    const ss = env.spreadsheet;
    env.lockHeld = true;
    env.calls.stopAfter(2);
    ss.getNumSheets();
    ss.getNumSheets();
    expect(() => ss.getNumSheets()).toThrow(KILLED_MESSAGE);
    expect(() => ss.getSheets()).toThrow(KILLED_MESSAGE);
    expect(env.calls.get('Spreadsheet.getSheets')).toBe(0);
    env.newExecution();
    expect(env.lockHeld).toBe(false);
    expect(ss.getSheets()).toHaveLength(1);
  });
});
