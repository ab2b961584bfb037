import { describe, expect, it } from 'vitest';
import type { CellValue, Table } from '../../src/core/base/table.js';
import type { WorkbookPatch } from '../../src/core/base/patch.js';
import type { WorkbookPort } from '../../src/ports/port.js';

/**
 * What the contract cannot see through the port: whether a sheet is really
 * hidden where the adapter stores it (the port itself only reads and lists).
 */
export interface PortProbe {
  isHidden(port: WorkbookPort, sheet: string): boolean | Promise<boolean>;
}

/**
 * What every workbook adapter must do, whatever it sits on. `make` builds a
 * port whose sheets hold `initial` (each grid is row 1 first, Dates are
 * wall-clock), all visible. Adapters may differ in how they represent trailing
 * empty cells, so rows are compared padded to a common width.
 */
export function describePortContract(
  name: string,
  make: (initial: Record<string, CellValue[][]>) => Promise<WorkbookPort>,
  probe: PortProbe,
): void {
  const day = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

  const members = (): CellValue[][] => [
    ['成员ID', '昵称', '评论', '入群日期'],
    ['M1', '甲', 3, day(2025, 3, 1)],
    ['M2', '乙', 0, day(2025, 2, 28)],
    ['M3', '丙', 12.5, day(2024, 12, 31)],
  ];

  /** Rows padded with nulls to `width` (or their own length if longer). */
  const rowsOf = (t: Table | undefined, width = t?.header.length ?? 0): CellValue[][] =>
    (t?.rows ?? []).map((r) => {
      const out = [...r];
      while (out.length < width) out.push(null);
      return out;
    });

  /** Apply, turning a synchronous throw into a rejection. */
  const apply = async (port: WorkbookPort, patch: WorkbookPatch) => port.apply(patch);

  /** Which of the port's sheets are hidden, in tab order. */
  const hiddenOf = async (port: WorkbookPort) => {
    const out: string[] = [];
    for (const s of port.sheetNames()) if (await probe.isHidden(port, s)) out.push(s);
    return out;
  };

  const state = (rows: CellValue[][]): WorkbookPatch => ({ sheets: [{ kind: 'replace', sheet: '分层状态', rows, hidden: true }] });
  const LAST_VISIBLE = /至少要有一个可见的工作表.*needs at least one visible sheet/;

  describe(`${name}: workbook port contract`, () => {
    it('reads sheet names in tab order, the header and the rows', async () => {
      const port = await make({ 成员: members(), 笔记: [['备忘'], ['周一开会']] });
      expect(port.sheetNames()).toEqual(['成员', '笔记']);
      const t = port.read('成员')!;
      expect(t.sheet).toBe('成员');
      expect(t.header).toEqual(['成员ID', '昵称', '评论', '入群日期']);
      expect(rowsOf(t)).toEqual(members().slice(1));
      expect(port.read('笔记')!.rows).toEqual([['周一开会']]);
    });

    it('keeps blank rows in the middle so row numbers stay right', async () => {
      const port = await make({
        成员: [['成员ID', '评论'], ['M1', 1], [null, null], [null, null], ['M4', 4]],
      });
      const rows = rowsOf(port.read('成员'));
      expect(rows).toHaveLength(4);
      expect(rows[1]).toEqual([null, null]);
      expect(rows[2]).toEqual([null, null]);
      expect(rows[3]).toEqual(['M4', 4]);
    });

    it('gives undefined for a sheet that does not exist', async () => {
      const port = await make({ 成员: members() });
      expect(port.read('不存在')).toBeUndefined();
      expect(port.read('成员 ')).toBeUndefined();
    });

    it('keeps text that looks like a number as text, untrimmed', async () => {
      const texts = ['00123', ' 12 ', '12', '1.2万', '2,012', '=1+1', 'TRUE', '2025-03-29'];
      const port = await make({ 成员: [['值'], ...texts.map((t) => [t])], 其他: [['x'], [1]] });
      const read = () => rowsOf(port.read('成员')).map((r) => r[0]);
      expect(read()).toEqual(texts);
      // Writing somewhere else must not change how untouched cells are stored.
      await apply(port, { sheets: [{ kind: 'replace', sheet: '其他', rows: [['y'], [2]] }] });
      expect(read()).toEqual(texts);
      // And text written by a patch stays text too.
      await apply(port, { sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 1, header: '副本', values: texts }] }] });
      expect(rowsOf(port.read('成员')).map((r) => r[1])).toEqual(texts);
      expect(read()).toEqual(texts);
    });

    it('keeps numbers and booleans as they are', async () => {
      const values: CellValue[] = [0, -1.5, 1234567.891, 1e-9, true, false];
      const port = await make({ 成员: [['v'], ...values.map((v) => [v])] });
      expect(rowsOf(port.read('成员')).map((r) => r[0])).toEqual(values);
    });

    it('round-trips dates as wall-clock Dates', async () => {
      const dates = [day(2025, 3, 29), day(2025, 3, 30, 14, 5), day(2024, 2, 29), day(1999, 12, 31, 23, 59)];
      const port = await make({ 成员: [['日期'], ...dates.map((d) => [d])], 其他: [['x']] });
      const got = rowsOf(port.read('成员')).map((r) => r[0]);
      for (const [i, d] of dates.entries()) {
        expect(got[i]).toBeInstanceOf(Date);
        expect((got[i] as Date).toISOString()).toBe(d.toISOString());
      }
      // Dates written by a patch come back the same way, in both kinds of patch.
      await apply(port, {
        sheets: [
          { kind: 'columns', sheet: '成员', columns: [{ index: 1, header: '变动日期', values: dates }] },
          { kind: 'replace', sheet: '其他', rows: [['日期'], [dates[1]]] },
        ],
      });
      const col = rowsOf(port.read('成员')).map((r) => r[1]);
      expect(col.map((d) => (d as Date).toISOString())).toEqual(dates.map((d) => d.toISOString()));
      expect((port.read('其他')!.rows[0][0] as Date).toISOString()).toBe(dates[1].toISOString());
    });

    it('a columns patch writes the header and values and leaves other columns alone', async () => {
      const port = await make({ 成员: members(), 笔记: [['备忘'], ['周一开会']] });
      await apply(port, {
        sheets: [
          {
            kind: 'columns',
            sheet: '成员',
            columns: [
              { index: 4, header: '分层', values: ['活跃', '沉默', '活跃'] },
              { index: 5, header: '得分', values: [10, null, 2.5] },
            ],
          },
        ],
      });
      const t = port.read('成员')!;
      expect(t.header).toEqual(['成员ID', '昵称', '评论', '入群日期', '分层', '得分']);
      expect(rowsOf(t)).toEqual(members().slice(1).map((r, i) => [...r, ['活跃', '沉默', '活跃'][i], [10, null, 2.5][i]]));
      expect(port.read('笔记')!.rows).toEqual([['周一开会']]);
      expect(port.sheetNames()).toEqual(['成员', '笔记']);
    });

    it('a columns patch can overwrite a column the operator already has', async () => {
      const port = await make({ 成员: members() });
      await apply(port, { sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 1, header: '昵称2', values: ['a', null, 'c'] }] }] });
      const t = port.read('成员')!;
      expect(t.header).toEqual(['成员ID', '昵称2', '评论', '入群日期']);
      expect(rowsOf(t).map((r) => r[1])).toEqual(['a', null, 'c']);
      expect(rowsOf(t).map((r) => r[2])).toEqual([3, 0, 12.5]);
    });

    it('re-applying a columns patch updates the same cells (no second copy of the columns)', async () => {
      const port = await make({ 成员: members() });
      const patch = (tier: string[]): WorkbookPatch => ({
        sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 4, header: '分层', values: tier }] }],
      });
      await apply(port, patch(['活跃', '沉默', '活跃']));
      await apply(port, patch(['沉默', '沉默', '新人']));
      const t = port.read('成员')!;
      expect(t.header).toEqual(['成员ID', '昵称', '评论', '入群日期', '分层']);
      expect(rowsOf(t).map((r) => r.length)).toEqual([5, 5, 5]);
      expect(rowsOf(t).map((r) => r[4])).toEqual(['沉默', '沉默', '新人']);
      expect(rowsOf(t).map((r) => r[0])).toEqual(['M1', 'M2', 'M3']);
    });

    it('a shorter columns patch clears what is left below in its columns, and only there', async () => {
      const port = await make({ 成员: members() });
      const col = (index: number, values: CellValue[]): WorkbookPatch => ({
        sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index, header: '分层', values }] }],
      });
      await apply(port, col(4, ['活跃', '沉默', '活跃']));
      await apply(port, col(4, ['新人']));
      let rows = rowsOf(port.read('成员'), 5);
      expect(rows.map((r) => r[4])).toEqual(['新人', null, null]);
      expect(rows.map((r) => r[0])).toEqual(['M1', 'M2', 'M3']);
      // No values at all: only the header is left. An operator column written over is cleared the same way.
      await apply(port, col(4, []));
      await apply(port, col(1, ['甲2']));
      rows = rowsOf(port.read('成员'), 5);
      expect(rows.map((r) => r[4])).toEqual([null, null, null]);
      expect(rows.map((r) => r[1])).toEqual(['甲2', null, null]);
      expect(rows.map((r) => r[2])).toEqual([3, 0, 12.5]);
      expect(port.read('成员')!.header.slice(0, 2)).toEqual(['成员ID', '分层']);
    });

    it('a replace patch creates a missing sheet at the end', async () => {
      const port = await make({ 成员: members(), 笔记: [['备忘']] });
      await apply(port, { sheets: [{ kind: 'replace', sheet: '分层概览', rows: [['层级', '人数'], ['活跃', 2], ['沉默', 1]] }] });
      expect(port.sheetNames()).toEqual(['成员', '笔记', '分层概览']);
      const t = port.read('分层概览')!;
      expect(t.header).toEqual(['层级', '人数']);
      expect(rowsOf(t)).toEqual([['活跃', 2], ['沉默', 1]]);
      expect(rowsOf(port.read('成员'))).toEqual(members().slice(1));
    });

    it('a replace patch overwrites an existing sheet completely, in place', async () => {
      const port = await make({
        旧概览: [['a', 'b', 'c'], [1, 2, 3], [4, 5, 6], [7, 8, 9]],
        成员: members(),
      });
      await apply(port, { sheets: [{ kind: 'replace', sheet: '旧概览', rows: [['层级'], ['活跃']] }] });
      expect(port.sheetNames()).toEqual(['旧概览', '成员']);
      const t = port.read('旧概览')!;
      expect(t.header).toEqual(['层级']);
      expect(t.rows.map((r) => r.filter((v) => v !== null))).toEqual([['活跃']]);
    });

    it('an append patch creates a missing sheet with its header, then adds rows after the last one, never rewriting those', async () => {
      const port = await make({ 成员: members() });
      const header = ['期间', '成员ID', '积分'];
      await apply(port, { sheets: [{ kind: 'append', sheet: '积分流水', header, rows: [['2026-10', 'M1', 10]] }] });
      expect(port.sheetNames()).toEqual(['成员', '积分流水']);
      await apply(port, { sheets: [{ kind: 'append', sheet: '积分流水', header: ['Period', 'Member ID', 'Points'], rows: [['2026-11', 'M1', 5], ['2026-11', 'M2', -3]] }] });
      const t = port.read('积分流水')!;
      expect(t.header).toEqual(header); // an existing header stays, whatever the locale
      expect(rowsOf(t)).toEqual([['2026-10', 'M1', 10], ['2026-11', 'M1', 5], ['2026-11', 'M2', -3]]);
      // Nothing to add: the sheet stays as it is; a missing one is still created with its header.
      await apply(port, { sheets: [{ kind: 'append', sheet: '积分流水', header, rows: [] }, { kind: 'append', sheet: '空流水', header, rows: [] }] });
      expect(rowsOf(port.read('积分流水'))).toHaveLength(3);
      expect(port.read('空流水')!.header).toEqual(header);
      expect(port.read('空流水')!.rows).toEqual([]);
    });

    it('a patch that fails part-way changes nothing', async () => {
      const port = await make({ 成员: members(), 笔记: [['备忘']] });
      const bad: WorkbookPatch = {
        sheets: [
          { kind: 'columns', sheet: '成员', columns: [{ index: 4, header: '分层', values: ['活跃', '沉默', '活跃'] }] },
          { kind: 'replace', sheet: '分层概览', rows: [['层级'], ['活跃']] },
          { kind: 'replace', sheet: '笔记', rows: [['被覆盖']] },
          { kind: 'columns', sheet: '不存在', columns: [{ index: 0, header: 'x', values: [1] }] },
        ],
      };
      await expect(apply(port, bad)).rejects.toThrow(/没有工作表「不存在」.*No sheet "不存在"/);
      expect(port.sheetNames()).toEqual(['成员', '笔记']);
      expect(port.read('成员')!.header).toEqual(['成员ID', '昵称', '评论', '入群日期']);
      expect(rowsOf(port.read('成员'))).toEqual(members().slice(1));
      expect(port.read('笔记')!.header).toEqual(['备忘']);
      expect(port.read('分层概览')).toBeUndefined();
      // The port still works after the failure.
      await apply(port, { sheets: [bad.sheets[0]] });
      expect(port.read('成员')!.header[4]).toBe('分层');
    });

    it('a hidden replace sheet is hidden, yet listed and readable like any other', async () => {
      const port = await make({ 成员: members() });
      await apply(port, state([['规则版本', '更新于'], ['v3', day(2025, 3, 29)]]));
      expect(port.sheetNames()).toEqual(['成员', '分层状态']);
      expect(await hiddenOf(port)).toEqual(['分层状态']);
      const t = port.read('分层状态')!;
      expect(t.header).toEqual(['规则版本', '更新于']);
      expect(rowsOf(t)).toEqual([['v3', day(2025, 3, 29)]]);
      // A columns patch can still write into it.
      await apply(port, { sheets: [{ kind: 'columns', sheet: '分层状态', columns: [{ index: 2, header: '备注', values: ['x'] }] }] });
      expect(rowsOf(port.read('分层状态'))).toEqual([['v3', day(2025, 3, 29), 'x']]);
      expect(await hiddenOf(port)).toEqual(['分层状态']);
    });

    it('re-applying a hidden replace keeps the sheet hidden and replaces its content', async () => {
      const port = await make({ 成员: members(), 笔记: [['备忘']] });
      await apply(port, state([['规则版本'], ['v3'], ['v2']]));
      await apply(port, state([['规则版本'], ['v4']]));
      expect(port.sheetNames()).toEqual(['成员', '笔记', '分层状态']);
      expect(await hiddenOf(port)).toEqual(['分层状态']);
      expect(port.read('分层状态')!.rows.map((r) => r.filter((v) => v !== null))).toEqual([['v4']]);
    });

    it('hides an existing sheet in place, and a replace without `hidden` leaves visibility as it is', async () => {
      const port = await make({ 分层状态: [['旧']], 成员: members() });
      await apply(port, state([['规则版本'], ['v1']]));
      expect(port.sheetNames()).toEqual(['分层状态', '成员']);
      expect(await hiddenOf(port)).toEqual(['分层状态']);
      await apply(port, {
        sheets: [
          { kind: 'replace', sheet: '分层状态', rows: [['规则版本'], ['v2']] },
          { kind: 'replace', sheet: '分层概览', rows: [['层级']] },
        ],
      });
      expect(await hiddenOf(port)).toEqual(['分层状态']);
      expect(port.read('分层状态')!.rows[0][0]).toBe('v2');
    });

    it('never hides the last visible sheet: the whole patch fails and changes nothing', async () => {
      const port = await make({ 分层状态: [['旧'], ['v0']] });
      await expect(apply(port, state([['规则版本'], ['v1']]))).rejects.toThrow(LAST_VISIBLE);
      expect(port.sheetNames()).toEqual(['分层状态']);
      expect(await hiddenOf(port)).toEqual([]);
      expect(port.read('分层状态')!.rows).toEqual([['v0']]);
      // A visible tab added by the same patch is enough.
      await apply(port, { sheets: [...state([['规则版本'], ['v1']]).sheets, { kind: 'replace', sheet: '分层概览', rows: [['层级']] }] });
      expect(port.sheetNames()).toEqual(['分层状态', '分层概览']);
      expect(await hiddenOf(port)).toEqual(['分层状态']);
      // Sheets hidden already do not count as visible.
      await expect(apply(port, { sheets: [{ kind: 'replace', sheet: '分层概览', rows: [['层级'], ['活跃']], hidden: true }] })).rejects.toThrow(LAST_VISIBLE);
      expect(await hiddenOf(port)).toEqual(['分层状态']);
      expect(port.read('分层概览')!.rows).toEqual([]);
    });
  });
}
