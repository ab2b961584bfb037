import type { ChartSpec } from '../../core/base/patch.js';

/**
 * Native chart parts for the 运营看板 in a local workbook: the same charts
 * Sheets embeds (ChartSpec), as DrawingML that Excel, WPS and LibreOffice
 * draw from the sheet's own cells. Pure strings; the writer adds the parts,
 * their relationships and content types.
 */

export const CHART_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const DRAWING_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CHART_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
export const DRAWING_REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';

/** The size Sheets gives an embedded chart by default (600 × 371 px), in EMU. */
const WIDTH_EMU = 600 * 9525;
const HEIGHT_EMU = 371 * 9525;

const NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A column letter from a 1-based number. */
function letters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `'运营看板'!$A$6:$A$8` — always quoted, quotes doubled. */
function ref(sheet: string, row: number, col: number, rows = 1, cols = 1): string {
  const a = `$${letters(col)}$${row}`;
  const b = `$${letters(col + cols - 1)}$${row + rows - 1}`;
  return `'${sheet.replace(/'/g, "''")}'!${rows === 1 && cols === 1 ? a : `${a}:${b}`}`;
}

/** One chart part: header row = series names, first column = categories, as the spec's block says. */
export function chartXml(spec: ChartSpec, sheet: string): string {
  const { row, column, rows, columns } = spec.range;
  const points = rows - 1;
  const series = Array.from({ length: Math.max(0, columns - 1) }, (_, k) => {
    const col = column + 1 + k;
    const common = `<c:idx val="${k}"/><c:order val="${k}"/><c:tx><c:strRef><c:f>${escapeXmlText(ref(sheet, row, col))}</c:f></c:strRef></c:tx>`;
    const data = points > 0 ? `<c:cat><c:strRef><c:f>${escapeXmlText(ref(sheet, row + 1, column, points))}</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${escapeXmlText(ref(sheet, row + 1, col, points))}</c:f></c:numRef></c:val>` : '';
    if (spec.type === 'line') return `<c:ser>${common}<c:marker><c:symbol val="circle"/></c:marker>${data}<c:smooth val="0"/></c:ser>`;
    if (spec.type === 'pie') return `<c:ser>${common}${data}</c:ser>`;
    return `<c:ser>${common}<c:invertIfNegative val="0"/>${data}</c:ser>`;
  }).join('');
  const axes = '<c:axId val="500001"/><c:axId val="500002"/>';
  const plot =
    spec.type === 'pie' ? `<c:pieChart><c:varyColors val="1"/>${series}<c:firstSliceAng val="0"/></c:pieChart>`
    : spec.type === 'line' ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/>${axes}</c:lineChart>${axesXml()}`
    : `<c:barChart><c:barDir val="${spec.type === 'bar' ? 'bar' : 'col'}"/><c:grouping val="${spec.stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}<c:gapWidth val="80"/>${spec.stacked ? '<c:overlap val="100"/>' : ''}${axes}</c:barChart>${axesXml(spec.type === 'bar')}`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace ${NS}><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXmlText(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}</c:plotArea><c:legend><c:legendPos val="${spec.type === 'pie' ? 'r' : 'b'}"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function axesXml(horizontal = false): string {
  const [catPos, valPos] = horizontal ? ['l', 'b'] : ['b', 'l'];
  return (
    `<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/><c:axPos val="${catPos}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${valPos}"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`
  );
}

/** The drawing part holding the charts at their anchors (1-based cells, as in ChartSpec); chart i is relationship rId{i+1}. */
export function drawingXml(specs: readonly ChartSpec[]): string {
  const anchors = specs
    .map(
      (s, i) =>
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${s.anchor.column - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${s.anchor.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="${WIDTH_EMU}" cy="${HEIGHT_EMU}"/>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXmlText(`Fenceng chart ${i + 1}`)}" descr="${escapeXmlText(s.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors}</xdr:wsDr>`;
}

/** The drawing's relationships: rId{i+1} → the i-th chart part (targets relative to xl/drawings/). */
export function drawingRelsXml(chartTargets: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${chartTargets
    .map((t, i) => `<Relationship Id="rId${i + 1}" Type="${CHART_REL_TYPE}" Target="${escapeXmlText(t)}"/>`)
    .join('')}</Relationships>`;
}
