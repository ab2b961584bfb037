import { describe, expect, it } from 'vitest';
import { excelWidth, withAutoFilter, withColumnWidths, withFrozenRows } from '../../src/ports/xlsx/layout-xml.js';

const sheet = (inner: string) => `<worksheet xmlns="x"><dimension ref="A1"/>${inner}<sheetData><row r="1"/></sheetData><pageMargins/></worksheet>`;

describe('worksheet layout XML', () => {
  it('sets widths of our columns, keeping and splitting the operator’s ranges', () => {
    const xml = sheet('<cols><col min="1" max="3" width="20" customWidth="1"/><col min="5" max="16384" width="9"/></cols>');
    const out = withColumnWidths(xml, [{ index: 1, width: 10 }, { index: 6, width: 48, wrap: true }], (i) => (i === 6 ? 7 : undefined));
    expect(out).toContain(
      `<cols><col min="1" max="1" width="20" customWidth="1"/><col min="2" max="2" width="${excelWidth(10)}" customWidth="1"/><col min="3" max="3" width="20" customWidth="1"/><col min="5" max="6" width="9"/><col min="7" max="7" width="${excelWidth(48)}" customWidth="1" style="7"/><col min="8" max="16384" width="9"/></cols>`,
    );
    // No <cols> yet: one is added before sheetData.
    expect(withColumnWidths(sheet(''), [{ index: 0, width: 12 }])).toMatch(/<dimension ref="A1"\/><cols><col min="1" max="1" width="[\d.]+" customWidth="1"\/><\/cols><sheetData>/);
  });

  it('freezes the header row in the first sheet view, or adds one', () => {
    expect(withFrozenRows(sheet('<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="C3" sqref="C3"/></sheetView></sheetViews>'), 1)).toContain(
      '<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>',
    );
    expect(withFrozenRows(sheet(''), 1)).toContain('<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1"');
    expect(withFrozenRows('<worksheet><sheetData/></worksheet>', 1)).toMatch(/^<worksheet><sheetViews>/);
  });

  it('puts one autoFilter after sheetData (and sheetProtection), replacing an old one', () => {
    const xml = sheet('').replace('</sheetData>', '</sheetData><sheetProtection sheet="1"/><autoFilter ref="A1:B2"/>');
    expect(withAutoFilter(xml, 'A1:I123')).toContain('</sheetData><sheetProtection sheet="1"/><autoFilter ref="A1:I123"/><pageMargins/>');
    expect(withAutoFilter(xml, 'A1:I123').match(/autoFilter/g)).toHaveLength(1);
  });
});
