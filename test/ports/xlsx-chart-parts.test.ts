import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../src/core/base/patch.js';
import { chartXml, drawingRelsXml, drawingXml } from '../../src/ports/xlsx/chart-parts.js';

const column: ChartSpec = { type: 'column', title: '活跃层级人数', range: { row: 5, column: 1, rows: 4, columns: 2 }, anchor: { row: 4, column: 7 } };

/** Every opened element is closed, in order: enough to catch a malformed part. */
function balanced(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.replace(/<\?[^>]*\?>/g, '').matchAll(/<(\/?)([\w:]+)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

describe('chart parts for the local 运营看板', () => {
  it('a column chart reads its categories, series name and values from the sheet’s block', () => {
    const xml = chartXml(column, "O'Brien 看板");
    expect(balanced(xml)).toBe(true);
    expect(xml).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect(xml).toContain("<c:tx><c:strRef><c:f>'O''Brien 看板'!$B$5</c:f></c:strRef></c:tx>");
    expect(xml).toContain("<c:cat><c:strRef><c:f>'O''Brien 看板'!$A$6:$A$8</c:f></c:strRef></c:cat>");
    expect(xml).toContain("<c:val><c:numRef><c:f>'O''Brien 看板'!$B$6:$B$8</c:f></c:numRef></c:val>");
    expect(xml).toContain('<a:t>活跃层级人数</a:t>');
  });

  it('stacked bars, lines and pies: one series per column after the first', () => {
    const stacked = chartXml({ ...column, type: 'column', stacked: true, range: { row: 10, column: 1, rows: 4, columns: 4 } }, '运营看板');
    expect(stacked.match(/<c:ser>/g)).toHaveLength(3);
    expect(stacked).toContain('<c:grouping val="stacked"/>');
    expect(stacked).toContain('<c:overlap val="100"/>');
    const line = chartXml({ ...column, type: 'line' }, '运营看板');
    expect(balanced(line)).toBe(true);
    expect(line).toContain('<c:lineChart>');
    const pie = chartXml({ ...column, type: 'pie' }, '运营看板');
    expect(balanced(pie)).toBe(true);
    expect(pie).toContain('<c:pieChart><c:varyColors val="1"/>');
    expect(pie).not.toContain('<c:catAx>');
  });

  it('the drawing anchors each chart at its cell and names its relationship', () => {
    const xml = drawingXml([column, { ...column, anchor: { row: 24, column: 7 } }]);
    expect(balanced(xml)).toBe(true);
    expect(xml).toContain('<xdr:from><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row>');
    expect(xml).toContain('<xdr:row>23</xdr:row>');
    expect(xml).toContain('r:id="rId2"');
    expect(drawingRelsXml(['../charts/chart1.xml'])).toContain('Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"');
  });
});
