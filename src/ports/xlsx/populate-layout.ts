import type { ColumnLayout, SheetPatch } from '../../core/base/patch.js';
import { excelWidth } from './layout-xml.js';
import type { XmlNode, XpSheet, XpStyle, XpWorkbook } from './populate.js';

/**
 * The patch's layout hints in the xlsx-populate writer: column widths, the
 * frozen header, the autofilter and one shared cell format per combination
 * (bold header; number format, wrap and tier fill of data cells) — never a
 * format per cell, which Excel caps at ~64k.
 */
export class PopulateLayout {
  private styles = new Map<string, XpStyle>();

  constructor(private xp: XpWorkbook) {}

  apply(p: SheetPatch): void {
    const layout = p.layout;
    const sheet = this.xp.sheet(p.sheet);
    if (!layout || !sheet || layout.columns.length === 0) return;
    for (const c of layout.columns) sheet.column(c.index + 1).width(excelWidth(c.width));
    if (layout.freezeRows) sheet.freezePanes(0, layout.freezeRows);
    const byColumn = new Map(layout.columns.map((c) => [c.index + 1, c]));
    let lastRow = 1;
    sheet.forEachExistingRow((row, r) => {
      lastRow = Math.max(lastRow, r);
      for (const [n, c] of byColumn) {
        if (!row.hasCell(n)) continue;
        const cell = row.cell(n);
        const v = (cell as unknown as { value(): unknown }).value();
        if (v === undefined || v === null || v === '') continue;
        const style = r === 1 ? (layout.boldHeader ? this.style({ bold: true }) : undefined) : this.dataStyle(c, v);
        if (style) cell.style(style);
      }
    });
    if (layout.filter) {
      // An appended sheet's filter covers every row it has, not only the rows just added.
      const rows = p.kind === 'append' ? lastRow - 1 : layout.filter.rows;
      sheet.range(1, layout.filter.from + 1, Math.max(1, rows + 1), layout.filter.to + 1).autoFilter();
    }
  }

  private dataStyle(c: ColumnLayout, v: unknown): XpStyle | undefined {
    const fill = typeof v === 'string' ? c.fills?.find((f) => f.text === v)?.fill : undefined;
    // Number formats act on numbers; a date format only on cells written as dates (the writer already
    // styled those), never on a plain number that happens to sit in a date column.
    const isDateFormat = /y|d/i.test(c.numberFormat ?? '') && !c.numberFormat?.includes('"');
    const numberFormat = typeof v === 'number' && !isDateFormat ? c.numberFormat : undefined;
    if (!fill && !numberFormat && !c.wrap) return undefined;
    return this.style({ fill, numberFormat, wrap: c.wrap });
  }

  private style(o: { bold?: boolean; fill?: string; numberFormat?: string; wrap?: boolean }): XpStyle {
    const key = JSON.stringify(o);
    let s = this.styles.get(key);
    if (!s) {
      const book = this.xp.styleSheet();
      s = book.createStyle();
      // createStyle adds an empty <font/>: start from the workbook's default font (as write.ts does).
      const defaultFont = book._fontsNode?.children?.[0] as XmlNode | undefined;
      if (defaultFont && s._fontNode) s._fontNode.children = structuredClone(defaultFont.children);
      s.style('fill', o.fill ? { type: 'solid', color: o.fill.replace('#', '') } : { type: 'pattern', pattern: 'none' });
      if (o.bold) s.style('bold', true);
      if (o.wrap) s.style('wrapText', true);
      if (o.wrap) s.style('verticalAlignment', 'top');
      if (o.numberFormat) s.style('numberFormat', o.numberFormat);
      // LibreOffice ignores an xf's alignment and number format unless told to apply them.
      const xf = (s as unknown as { _xfNode?: XmlNode })._xfNode;
      if (xf && o.wrap) xf.attributes.applyAlignment = 1;
      if (xf && o.numberFormat) xf.attributes.applyNumberFormat = 1;
      this.styles.set(key, s);
    }
    return s;
  }
}

