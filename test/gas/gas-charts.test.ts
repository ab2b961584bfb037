import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/core/base/patch.js';
import { GasWorkbook } from '../../src/ports/gas.js';
import { FakeEnv } from './fakes.js';

const rows = [['看板'], ['层级', '人数'], ['核心', 3], ['潜力', 5]];
const spec = (type: ChartSpec['type'], title: string): ChartSpec => ({ type, title, range: { row: 2, column: 1, rows: 3, columns: 2 }, anchor: { row: 1, column: 4 }, stacked: type === 'column' });

describe('GasWorkbook: charts in a replace patch', () => {
  it('embeds them from the sheet’s own range; a re-apply replaces them; a patch without charts leaves them', () => {
    const env = new FakeEnv({ sheets: { 成员: [['成员ID']] } });
    const wb = new GasWorkbook(env.spreadsheet, 'Asia/Shanghai');
    wb.apply({ sheets: [{ kind: 'replace', sheet: '运营看板', rows, charts: [spec('column', '人数'), spec('pie', '构成')] }] });
    const sheet = env.sheet('运营看板');
    expect(sheet.charts.map((c) => [c.type, c.options.title, c.options.isStacked ?? false])).toEqual([
      ['column', '人数', true],
      ['pie', '构成', false],
    ]);
    expect(sheet.charts[0].ranges).toEqual([{ row: 2, column: 1, rows: 3, columns: 2 }]);
    expect(sheet.charts[0].position).toEqual({ row: 1, column: 4 });
    expect(sheet.charts[0].numHeaders).toBe(1);

    wb.apply({ sheets: [{ kind: 'replace', sheet: '运营看板', rows, charts: [spec('line', '趋势')] }] });
    expect(sheet.charts.map((c) => c.type)).toEqual(['line']);
    wb.apply({ sheets: [{ kind: 'replace', sheet: '运营看板', rows }] });
    expect(sheet.charts.map((c) => c.type)).toEqual(['line']);
    wb.apply({ sheets: [{ kind: 'replace', sheet: '运营看板', rows, charts: [] }] });
    expect(sheet.charts).toEqual([]);
  });

  it('charts cost a constant number of calls, whatever the sheet holds', () => {
    const env = new FakeEnv({ sheets: { 成员: [['成员ID']] } });
    const wb = new GasWorkbook(env.spreadsheet, 'Asia/Shanghai');
    env.calls.reset();
    wb.apply({ sheets: [{ kind: 'replace', sheet: '运营看板', rows, charts: [spec('column', 'a'), spec('bar', 'b')] }] });
    expect(env.calls.get('Sheet.insertChart')).toBe(2);
    expect(env.calls.get('Sheet.newChart')).toBe(2);
    expect(env.calls.sum('EmbeddedChartBuilder.*')).toBe(2 * 6 + 1);
  });
});
