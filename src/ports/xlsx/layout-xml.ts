import type { ColumnLayout } from '../../core/base/patch.js';

/**
 * The worksheet XML of a sheet's layout hints: <cols> widths, a frozen
 * header pane and an <autoFilter>. Pure string edits of one worksheet part,
 * so any writer can apply them; one element per column or sheet, never per cell.
 */

interface ColRange {
  min: number;
  max: number;
  /** The <col> element's other attributes, as written. */
  attrs: string;
}

/** Excel's column width for `chars` characters of the default font (its 5-pixel padding included). */
export function excelWidth(chars: number): number {
  return Math.round((chars + 0.7) * 100) / 100;
}

/**
 * The sheet's <cols> with these columns set (1-based numbers in `styleOf`);
 * ranges of other columns are kept, split where they covered ours.
 */
export function withColumnWidths(sheetXml: string, columns: readonly ColumnLayout[], styleOf: (index: number) => number | undefined = () => undefined): string {
  if (columns.length === 0) return sheetXml;
  const p = prefixOf(sheetXml);
  const block = new RegExp(`<${p}cols>([\\s\\S]*?)</${p}cols>|<${p}cols/>`).exec(sheetXml);
  let ranges: ColRange[] = [];
  if (block?.[1]) {
    for (const m of block[1].matchAll(new RegExp(`<${p}col\\b([^>]*?)/?>`, 'g'))) {
      const min = Number(/\bmin="(\d+)"/.exec(m[1])?.[1]);
      const max = Number(/\bmax="(\d+)"/.exec(m[1])?.[1]);
      if (min > 0 && max >= min) ranges.push({ min, max, attrs: m[1].replace(/\s*\b(min|max)="\d+"/g, '').trim() });
    }
  }
  const ours = new Set(columns.map((c) => c.index + 1));
  ranges = ranges.flatMap((r) => splitAround(r, ours));
  for (const c of columns) {
    const style = styleOf(c.index);
    ranges.push({ min: c.index + 1, max: c.index + 1, attrs: `width="${excelWidth(c.width)}" customWidth="1"${style !== undefined ? ` style="${style}"` : ''}` });
  }
  ranges.sort((a, b) => a.min - b.min);
  const cols = `<${p}cols>${ranges.map((r) => `<${p}col min="${r.min}" max="${r.max}"${r.attrs ? ` ${r.attrs}` : ''}/>`).join('')}</${p}cols>`;
  if (block) return sheetXml.slice(0, block.index) + cols + sheetXml.slice(block.index + block[0].length);
  // <cols> goes before <sheetData> (after sheetFormatPr, sheetViews …).
  const at = sheetXml.indexOf(`<${p}sheetData`);
  return at < 0 ? sheetXml : sheetXml.slice(0, at) + cols + sheetXml.slice(at);
}

function splitAround(r: ColRange, ours: Set<number>): ColRange[] {
  const out: ColRange[] = [];
  let start = r.min;
  for (const c of [...ours].filter((c) => c >= r.min && c <= r.max).sort((a, b) => a - b)) {
    if (c > start) out.push({ ...r, min: start, max: c - 1 });
    start = c + 1;
  }
  if (start <= r.max) out.push({ ...r, min: start, max: r.max });
  return out;
}

/** The first sheetView with `rows` rows frozen at the top (any earlier pane and selections replaced). */
export function withFrozenRows(sheetXml: string, rows: number): string {
  if (rows <= 0) return sheetXml;
  const p = prefixOf(sheetXml);
  const topLeft = `A${rows + 1}`;
  const pane = `<${p}pane ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/><${p}selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/>`;
  const view = new RegExp(`<${p}sheetView\\b([^>]*?)(/>|>([\\s\\S]*?)</${p}sheetView>)`).exec(sheetXml);
  if (view) {
    const inner = (view[3] ?? '').replace(new RegExp(`<${p}pane\\b[^>]*/>|<${p}selection\\b[^>]*/>`, 'g'), '');
    const element = `<${p}sheetView${view[1]}>${pane}${inner}</${p}sheetView>`;
    return sheetXml.slice(0, view.index) + element + sheetXml.slice(view.index + view[0].length);
  }
  const views = `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`;
  // sheetViews follows sheetPr and dimension.
  const after = new RegExp(`<${p}dimension\\b[^>]*/>|</${p}sheetPr>|<${p}sheetPr\\b[^>]*/>`).exec(sheetXml);
  if (after) return sheetXml.slice(0, after.index + after[0].length) + views + sheetXml.slice(after.index + after[0].length);
  const open = new RegExp(`<${p}worksheet\\b[^>]*>`).exec(sheetXml);
  return open ? sheetXml.slice(0, open.index + open[0].length) + views + sheetXml.slice(open.index + open[0].length) : sheetXml;
}

/** An <autoFilter> over `ref` (e.g. A1:I123), replacing any the sheet had, in its schema place after sheetData. */
export function withAutoFilter(sheetXml: string, ref: string): string {
  const p = prefixOf(sheetXml);
  let xml = sheetXml.replace(new RegExp(`<${p}autoFilter\\b[^>]*/>|<${p}autoFilter\\b[^>]*>[\\s\\S]*?</${p}autoFilter>`), '');
  const element = `<${p}autoFilter ref="${ref}"/>`;
  // After sheetData and the elements the schema puts between (sheetCalcPr, sheetProtection, protectedRanges, scenarios).
  const before = new RegExp(`</${p}sheetData>|<${p}sheetData/>`).exec(xml);
  if (!before) return sheetXml;
  let at = before.index + before[0].length;
  for (const name of ['sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios']) {
    const m = new RegExp(`<${p}${name}\\b[^>]*/>|<${p}${name}\\b[^>]*>[\\s\\S]*?</${p}${name}>`).exec(xml.slice(at));
    if (m && m.index === 0) at += m[0].length;
  }
  xml = xml.slice(0, at) + element + xml.slice(at);
  return xml;
}

/** The element prefix the worksheet uses (`x:` in some writers, none in Excel's). */
function prefixOf(xml: string): string {
  const m = /<(\w+:)?worksheet\b/.exec(xml);
  return m?.[1] ?? '';
}
