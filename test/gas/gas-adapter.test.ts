import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToWallClock } from '../../src/core/base/time.js';
import type { SheetPatch, WorkbookPatch } from '../../src/core/base/patch.js';
import type { CellValue, Table } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { GasWorkbook, asLiteralText, wallClockToInstant } from '../../src/ports/gas.js';
import { FakeEnv, instantOfWallClock } from './fakes.js';

const wall = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi));
const WRITE_CALLS = [
  'Range.setValues',
  'Range.clearContent',
  'Spreadsheet.insertSheet',
  'Sheet.clearContents',
  'Sheet.insertRowsAfter',
  'Sheet.insertColumnsAfter',
  'Sheet.hideSheet',
];

function workbook(sheets: Record<string, unknown[][]>, timeZone = 'Asia/Shanghai') {
  const env = new FakeEnv({ sheets, timeZone });
  return { env, port: new GasWorkbook(env.spreadsheet) };
}

describe('GasWorkbook read', () => {
  // 2025-03-01 16:30 UTC: already the 2nd in Shanghai, still the morning of the 1st in New York.
  const instant = new Date(Date.UTC(2025, 2, 1, 16, 30));

  it('turns Date instants into wall-clock Dates in the spreadsheet time zone', () => {
    const sheets = { 成员: [['成员ID', '最近活跃'], ['m1', instant]] };
    expect(workbook(sheets, 'Asia/Shanghai').port.read('成员')!.rows[0][1]).toEqual(wall(2025, 3, 2, 0, 30));
    expect(workbook(sheets, 'America/New_York').port.read('成员')!.rows[0][1]).toEqual(wall(2025, 3, 1, 11, 30));
  });

  it('agrees with instantToWallClock for any instant, across DST and odd offsets (its per-hour cache is exact)', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London'];
    // Dense around transitions and a spread over 1890–2040 (pre-1900 has LMT offsets with seconds).
    const transitions = [Date.UTC(2025, 2, 9, 7), Date.UTC(2025, 10, 2, 6), Date.UTC(2025, 3, 5, 15), Date.UTC(2025, 9, 4, 15, 30)];
    const instant = fc.oneof(
      fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })).map(([t, d]) => t + d),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 200 }), fc.constantFrom(...zones), (ts, tz) => {
        const { port } = workbook({ 表: [['t'], ...ts.map((t) => [new Date(t)])] }, tz);
        const got = port.read('表')!.rows.map((r) => (r[0] as Date).getTime());
        expect(got).toEqual(ts.map((t) => instantToWallClock(new Date(t), tz).getTime()));
      }),
      { numRuns: 200 },
    );
  });

  it("maps '' to null and keeps numbers, booleans and text", () => {
    const { port } = workbook({ 成员: [['成员ID', '近30天评论', '备注', '', '标记'], ['m1', 12, '', '', true], ['m2', 0, '老粉', '', false]] });
    expect(port.read('成员')).toEqual({
      sheet: '成员',
      header: ['成员ID', '近30天评论', '备注', '', '标记'],
      rows: [
        ['m1', 12, null, null, true],
        ['m2', 0, '老粉', null, false],
      ],
    });
  });

  it('returns undefined for a missing sheet and an empty table for a blank one', () => {
    const { port } = workbook({ 空白: [] });
    expect(port.read('没有')).toBeUndefined();
    expect(port.read('空白')).toEqual({ sheet: '空白', header: [], rows: [] });
    expect(port.sheetNames()).toEqual(['空白']);
  });

  it('reads a sheet with one getDataRange().getValues(), whatever its size', () => {
    for (const n of [3, 3000]) {
      const { env, port } = workbook({ 成员: [['成员ID', '最近活跃'], ...Array.from({ length: n }, (_, i) => [`m${i}`, instant])] });
      port.read('成员');
      expect(env.calls.get('Sheet.getDataRange')).toBe(1);
      expect(env.calls.get('Range.getValues')).toBe(1);
      expect(env.calls.sum('Range.*', 'Sheet.*')).toBe(2);
    }
  });
});

describe('GasWorkbook apply', () => {
  const members = () => ({
    成员: [
      ['成员ID', '昵称', '备注'],
      ['m1', '小鹿', '老粉'],
      ['m2', '阿杰', ''],
      ['m3', '=不是公式', '留着'],
    ],
  });

  it('writes wall-clock Dates as the instants that show that time, per time zone', () => {
    const dates = [wall(2025, 1, 15, 9, 0), wall(2025, 7, 1, 9, 0), wall(2025, 3, 9, 3, 30), wall(2025, 11, 2, 0, 30), wall(1999, 12, 31, 23, 59)];
    for (const tz of ['Asia/Shanghai', 'America/New_York']) {
      const { env, port } = workbook({ 表: [['时间']] }, tz);
      port.apply({ sheets: [{ kind: 'columns', sheet: '表', columns: [{ index: 0, header: '时间', values: dates }] }] });
      const stored = env.sheet('表').raw().slice(1).map((r) => (r[0] as Date).getTime());
      expect(stored).toEqual(dates.map((d) => instantOfWallClock(d.getTime(), tz).getTime()));
      expect(port.read('表')!.rows.map((r) => r[0])).toEqual(dates);
    }
    // Shanghai has no DST: always 8 hours ahead.
    expect(wallClockToInstant(wall(2025, 7, 1, 9), 'Asia/Shanghai')).toEqual(new Date(Date.UTC(2025, 6, 1, 1)));
    expect(wallClockToInstant(wall(2025, 7, 1, 9), 'America/New_York')).toEqual(new Date(Date.UTC(2025, 6, 1, 13)));
  });

  it('writes adjacent managed columns, header included, with one setValues and leaves the rest alone', () => {
    const { env, port } = workbook(members());
    port.apply({
      sheets: [
        {
          kind: 'columns',
          sheet: '成员',
          columns: [
            { index: 4, header: '贡献层级', values: ['核心贡献者', null, '普通'] },
            { index: 3, header: '活跃层级', values: ['核心成员', '潜力成员', '沉默成员'] },
          ],
        },
      ],
    });
    expect(env.calls.get('Sheet.getRange')).toBe(1);
    expect(env.calls.get('Range.setValues')).toBe(1);
    expect(env.calls.get('Range.getValues')).toBe(0);
    expect(env.sheet('成员').raw()).toEqual([
      ['成员ID', '昵称', '备注', '活跃层级', '贡献层级'],
      ['m1', '小鹿', '老粉', '核心成员', '核心贡献者'],
      ['m2', '阿杰', '', '潜力成员', ''],
      ['m3', '=不是公式', '留着', '沉默成员', '普通'],
    ]);
  });

  it('writes one block per contiguous run when managed columns are split', () => {
    const { env, port } = workbook(members());
    port.apply({
      sheets: [
        {
          kind: 'columns',
          sheet: '成员',
          columns: [
            { index: 1, header: '昵称', values: ['a', 'b', 'c'] },
            { index: 3, header: 'X', values: [1, 2, 3] },
            { index: 4, header: 'Y', values: [4, 5, 6] },
          ],
        },
      ],
    });
    expect(env.calls.get('Range.setValues')).toBe(2);
    expect(env.sheet('成员').raw().map((r) => r[2])).toEqual(['备注', '老粉', '', '留着']);
  });

  it('clears rows below a shorter column run with one more call, and leaves other columns alone', () => {
    const { env, port } = workbook(members());
    port.apply({
      sheets: [
        {
          kind: 'columns',
          sheet: '成员',
          columns: [
            { index: 1, header: '昵称', values: ['新', '新'] },
            { index: 2, header: '备注', values: ['新', '新'] },
          ],
        },
      ],
    });
    expect(env.sheet('成员').raw()).toEqual([
      ['成员ID', '昵称', '备注'],
      ['m1', '新', '新'],
      ['m2', '新', '新'],
      ['m3', '', ''],
    ]);
    expect(env.calls.get('Range.clearContent')).toBe(1);
    // Nothing below: no clearing call.
    env.calls.reset();
    port.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 3, header: 'X', values: [1, 2, 3] }] }] });
    expect(env.calls.get('Range.clearContent')).toBe(0);
  });

  it('hides a hidden replace sheet once, after writing it, and keeps the operator on their tab', () => {
    const { env, port } = workbook(members());
    const state: WorkbookPatch = { sheets: [{ kind: 'replace', sheet: '分层状态', rows: [['规则版本'], ['v3']], hidden: true }] };
    port.apply(state);
    expect(env.sheet('分层状态').isSheetHidden()).toBe(true);
    expect(env.sheet('成员').isSheetHidden()).toBe(false);
    expect(env.activeSheet?.name).toBe('成员');
    expect(env.calls.get('Sheet.hideSheet')).toBe(1);
    expect(port.read('分层状态')!.rows).toEqual([['v3']]);

    // The operator unhides it; the next run hides it again.
    env.sheet('分层状态').showSheet();
    env.calls.reset();
    port.apply(state);
    expect(env.sheet('分层状态').isSheetHidden()).toBe(true);
    expect(env.calls.get('Sheet.hideSheet')).toBe(1);
    expect(env.calls.get('Spreadsheet.insertSheet')).toBe(0);

    // A write that fails leaves the sheet as it was: hiding comes last.
    env.sheet('分层状态').showSheet();
    env.failures.add('Range.setValues');
    expect(() => port.apply(state)).toThrow(/failed while accessing document/);
    expect(env.sheet('分层状态').isSheetHidden()).toBe(false);
  });

  it('refuses to hide the last visible tab before writing anything', () => {
    const env = new FakeEnv({ sheets: { 说明: [['x']], 分层状态: [['旧']] }, hiddenSheets: ['说明'] });
    const port = new GasWorkbook(env.spreadsheet);
    expect(() => port.apply({ sheets: [{ kind: 'replace', sheet: '分层状态', rows: [['新']], hidden: true }] })).toThrow(
      /不能隐藏「分层状态」.*Cannot hide "分层状态": a workbook needs at least one visible sheet/,
    );
    expect(env.calls.sum(...WRITE_CALLS)).toBe(0);
    expect(env.sheet('分层状态').raw()).toEqual([['旧']]);
  });

  it('replaces an owned sheet: insert if missing, one setValues, then the grid trimmed to the content', () => {
    const { env, port } = workbook(members());
    const rows = [['层级', '人数'], ['核心成员', 1], ['沉默成员', 2]];
    port.apply({ sheets: [{ kind: 'replace', sheet: '分层概览', rows }] });
    expect(env.calls.get('Spreadsheet.insertSheet')).toBe(1);
    // Never cleared first: an interruption between clear and write would lose the old content.
    expect(env.calls.get('Sheet.clearContents')).toBe(0);
    expect(env.calls.get('Range.setValues')).toBe(1);
    expect(env.calls.sum('Sheet.deleteRows', 'Sheet.deleteColumns')).toBe(2);
    expect(env.sheet('分层概览').raw()).toEqual(rows);
    expect([env.sheet('分层概览').maxRows, env.sheet('分层概览').maxCols]).toEqual([3, 2]);

    env.calls.reset();
    port.apply({ sheets: [{ kind: 'replace', sheet: '分层概览', rows: [['层级'], ['核心成员']] }] });
    expect(env.calls.get('Spreadsheet.insertSheet')).toBe(0);
    expect(env.sheet('分层概览').raw()).toEqual([['层级'], ['核心成员']]);
    expect([env.sheet('分层概览').maxRows, env.sheet('分层概览').maxCols]).toEqual([2, 1]);
    expect(port.sheetNames()).toEqual(['成员', '分层概览']);
  });

  it('adds a new sheet last and keeps the operator on the tab they were on', () => {
    const { env, port } = workbook({ 说明: [['x']], 成员: [['成员ID']], 备忘: [['y']] });
    env.activeSheet = env.sheet('成员');
    port.apply({
      sheets: [
        { kind: 'replace', sheet: '分层概览', rows: [['层级']] },
        { kind: 'replace', sheet: '内容计划', rows: [['日期']] },
      ],
    });
    expect(port.sheetNames()).toEqual(['说明', '成员', '备忘', '分层概览', '内容计划']);
    expect(env.activeSheet?.name).toBe('成员');
    expect(env.calls.get('Spreadsheet.getActiveSheet')).toBe(1);
    expect(env.calls.get('Sheet.activate')).toBe(1);
  });

  it('lets a columns patch target a sheet that an earlier replace in the same patch creates', () => {
    const { env, port } = workbook({ 成员: [['成员ID']] });
    port.apply({
      sheets: [
        { kind: 'replace', sheet: '新表', rows: [['a'], [1]] },
        { kind: 'columns', sheet: '新表', columns: [{ index: 1, header: 'b', values: [2] }] },
      ],
    });
    expect(env.sheet('新表').raw()).toEqual([['a', 'b'], [1, 2]]);
  });

  it('pads ragged replace rows to a rectangle', () => {
    const { env, port } = workbook({});
    port.apply({ sheets: [{ kind: 'replace', sheet: '表', rows: [['a', 'b', 'c'], ['d']] }] });
    expect(env.sheet('表').raw()).toEqual([['a', 'b', 'c'], ['d', '', '']]);
  });

  it('validates the whole patch before the first write', () => {
    const bad: WorkbookPatch[] = [
      {
        sheets: [
          { kind: 'columns', sheet: '成员', columns: [{ index: 3, header: '活跃层级', values: ['核心成员', null, null] }] },
          { kind: 'replace', sheet: '分层概览', rows: [['层级']] },
          { kind: 'columns', sheet: '不存在', columns: [{ index: 0, header: 'x', values: [] }] },
        ],
      },
      {
        sheets: [
          { kind: 'replace', sheet: '分层概览', rows: [['层级']] },
          { kind: 'columns', sheet: '成员', columns: [{ index: 3, header: '分数', values: [1, Number.NaN, 2] }] },
        ],
      },
      {
        sheets: [
          { kind: 'columns', sheet: '成员', columns: [{ index: 3, header: 'a', values: [] }, { index: 3, header: 'b', values: [] }] },
        ],
      },
    ];
    for (const patch of bad) {
      const { env, port } = workbook(members());
      const before = env.sheet('成员').raw();
      expect(() => port.apply(patch)).toThrow(/\//); // bilingual "中文 / English"
      expect(env.calls.sum(...WRITE_CALLS)).toBe(0);
      expect(env.sheet('成员').raw()).toEqual(before);
      expect(port.sheetNames()).toEqual(['成员']);
    }
  });

  it('keeps text that Sheets would otherwise parse (formulas, leading zeros, dates) exactly', () => {
    const texts = ['=SUM(A1:A3)', '00123', '+86 138 0000 0000', '-_-', "'引号", 'TRUE', '2025-03-01', '3月1日', '12.50', '核心成员', ' 空格', '@人'];
    const { env, port } = workbook({ 表: [['文本']] });
    port.apply({ sheets: [{ kind: 'columns', sheet: '表', columns: [{ index: 0, header: '文本', values: texts }] }] });
    expect(port.read('表')!.rows.map((r) => r[0])).toEqual(texts);
    expect(env.sheet('表').raw().flat().some((c) => typeof c !== 'string')).toBe(false);
    // Plain text goes through unchanged; anything with a digit is protected.
    expect(asLiteralText('核心成员')).toBe('核心成员');
    expect(asLiteralText('Core member')).toBe('Core member');
    expect(asLiteralText('Mar 1')).toBe("'Mar 1");
    expect(asLiteralText('还差 3 条评论')).toBe("'还差 3 条评论");
  });

  it('grows the grid when a write goes past the last row or column', () => {
    const full = [Array.from({ length: 26 }, (_, i) => `c${i}`), Array.from({ length: 26 }, () => 1)];
    const { env, port } = workbook({ 成员: full });
    port.apply({
      sheets: [
        { kind: 'columns', sheet: '成员', columns: [{ index: 26, header: '活跃层级', values: ['核心成员'] }] },
        { kind: 'replace', sheet: '历史', rows: Array.from({ length: 1500 }, (_, i) => [i]) },
      ],
    });
    expect(env.calls.get('Sheet.insertColumnsAfter')).toBe(1);
    expect(env.calls.get('Sheet.insertRowsAfter')).toBe(1);
    expect(env.sheet('成员').raw()[1][26]).toBe('核心成员');
    expect(env.sheet('历史').raw()).toHaveLength(1500);
  });

  it('spends the same number of calls on 10 rows as on 5,000', () => {
    const counts = [10, 5000].map((n) => {
      const grid = [['成员ID', '备注'], ...Array.from({ length: n }, (_, i) => [`m${i}`, ''])];
      const { env, port } = workbook({ 成员: grid });
      const values = Array.from({ length: n }, (_, i) => (i % 2 ? '核心成员' : wall(2025, 3, 1)));
      port.apply({
        sheets: [
          { kind: 'columns', sheet: '成员', columns: [2, 3, 4].map((index) => ({ index, header: `h${index}`, values })) },
          { kind: 'replace', sheet: '分层概览', rows: [['层级', '人数'], ['核心成员', n]] },
        ],
      });
      return { ...env.calls.counts };
    });
    expect(counts[1]).toEqual(counts[0]);
  });
});

describe('GasWorkbook vs MemoryWorkbook', () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).filter((x) => !Object.is(x, -0)),
    fc.boolean(),
    fc.constantFrom('核心成员', '00123', '=A1', '+1', '-', "'x", 'TRUE', '2025-03-01', ' 7', '@a', '分层依据：评论 ≥ 20'),
    fc.string({ minLength: 1, maxLength: 6 }).filter((x) => x.trim() !== ''),
    // Around noon: never inside a DST gap, where a wall time has no instant (tested above).
    fc
      .tuple(fc.integer({ min: -7000, max: 25000 }), fc.integer({ min: 0, max: 7199 }))
      .map(([day, s]) => new Date(day * 86_400_000 + 11 * 3_600_000 + s * 1000)),
  );
  const grid = (w: number) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 6 });
  const columnsPatch: fc.Arbitrary<SheetPatch> = fc.integer({ min: 0, max: 7 }).chain((len) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 4 })
      .chain((idx) =>
        fc.tuple(...idx.map((index) => fc.record({ index: fc.constant(index), header: fc.string({ minLength: 1, maxLength: 4 }), values: fc.array(cell, { minLength: len, maxLength: len }) }))),
      )
      .map((columns) => ({ kind: 'columns' as const, sheet: '成员', columns })),
  );
  const replacePatch: fc.Arbitrary<SheetPatch> = fc
    .tuple(fc.constantFrom('成员', '分层概览'), fc.integer({ min: 1, max: 4 }))
    .chain(([sheet, w]) => grid(w).map((rows) => ({ kind: 'replace' as const, sheet, rows })));

  /** Same cells, ignoring shape: trailing empty rows/columns trimmed, ragged rows padded. */
  const norm = (t: Table | undefined) => {
    if (!t) return undefined;
    const all = [t.header.map((h) => (h === '' ? null : h)) as CellValue[], ...t.rows];
    const width = Math.max(0, ...all.map((r) => r.reduce<number>((w, v, i) => (v == null ? w : i + 1), 0)));
    let rows = all.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null));
    while (rows.length && rows[rows.length - 1].every((v) => v == null)) rows = rows.slice(0, -1);
    return rows;
  };

  it('reads back the same cells after any sequence of patches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => grid(w)),
        fc.array(fc.array(fc.oneof(columnsPatch, replacePatch), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('Asia/Shanghai', 'America/New_York'),
        (initial, patches, tz) => {
          const memory = new MemoryWorkbook({ 成员: initial });
          const sheets = { 成员: initial.map((r) => r.map((v) => (v instanceof Date ? wallClockToInstant(v, tz) : v))) };
          const gas = new GasWorkbook(new FakeEnv({ sheets, timeZone: tz }).spreadsheet);
          expect(norm(gas.read('成员'))).toEqual(norm(memory.read('成员')));
          for (const sheets of patches) {
            memory.apply({ sheets });
            gas.apply({ sheets });
            expect(gas.sheetNames()).toEqual(memory.sheetNames());
            for (const name of memory.sheetNames()) expect(norm(gas.read(name))).toEqual(norm(memory.read(name)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
