import type { ChartSpec } from '../../core/base/patch.js';
import { resolve } from './book-parts.js';
import { CHART_CONTENT_TYPE, CHART_REL_TYPE, DRAWING_CONTENT_TYPE, DRAWING_REL_TYPE, chartXml, drawingRelsXml, drawingXml, escapeXmlText } from './chart-parts.js';
import { attr } from './xml-scan.js';

/**
 * A sheet's embedded charts replaced by a patch's ChartSpecs, as native
 * DrawingML parts: the sheet's old drawing (with its charts) goes, a new
 * drawing holding one chart part per spec comes, wired through the sheet's
 * relationships and the package's content types. Only for sheets Fenceng
 * owns (the 运营看板): an operator's sheet never gets here.
 */

/** What placing charts needs from the package being written. */
export interface ChartPackage {
  get(name: string): string | undefined;
  set(name: string, xml: string): void;
  /** Every part name in use, removed ones included (their names are not reused in the same write). */
  names(): Set<string>;
  remove(name: string): void;
  addContentType(part: string, type: string): void;
}

const DRAWING_NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Worksheet children that follow <drawing> (CT_Worksheet order). */
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

export function placeCharts(pkg: ChartPackage, sheetPart: string, sheetName: string, specs: readonly ChartSpec[]): void {
  const slash = sheetPart.lastIndexOf('/');
  const sheetDir = sheetPart.slice(0, slash + 1);
  const relsName = `${sheetDir}_rels/${sheetPart.slice(slash + 1)}.rels`;
  let rels = pkg.get(relsName);
  let sheet = pkg.get(sheetPart)!;
  const p = /<(\w+:)?worksheet\b/.exec(sheet)?.[1] ?? '';

  // The old drawing and everything it holds.
  if (rels) {
    for (const m of [...rels.matchAll(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Relationship>)/g)]) {
      if (attr(m[0], 'Type') !== DRAWING_REL_TYPE || attr(m[0], 'TargetMode') === 'External') continue;
      removeDrawing(pkg, resolve(sheetDir, attr(m[0], 'Target') ?? ''));
      rels = rels.replace(m[0], '');
    }
    sheet = sheet.replace(new RegExp(`<${p}drawing\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}drawing>)`), '');
  }
  if (specs.length > 0) {
    const names = pkg.names();
    const drawing = freeName(names, 'xl/drawings/drawing', '.xml');
    const charts: string[] = [];
    for (const spec of specs) {
      const chart = freeName(new Set([...names, ...charts]), 'xl/charts/chart', '.xml');
      charts.push(chart);
      pkg.set(chart, chartXml(spec, sheetName));
      pkg.addContentType(chart, CHART_CONTENT_TYPE);
    }
    pkg.set(drawing, drawingXml(specs));
    pkg.addContentType(drawing, DRAWING_CONTENT_TYPE);
    pkg.set(relsOf(drawing), drawingRelsXml(charts.map((c) => `../charts/${c.slice('xl/charts/'.length)}`)));
    const ids = new Set([...(rels ?? '').matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let k = 1;
    while (ids.has(`rId${k}`)) k++;
    const rel = `<Relationship Id="rId${k}" Type="${DRAWING_REL_TYPE}" Target="${escapeXmlText(relative(sheetDir, drawing))}"/>`;
    rels = rels
      ? rels.replace(/<\/((?:\w+:)?)Relationships>\s*$/, (close, rp: string) => rel.replace(/<Relationship /, `<${rp}Relationship `) + close)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`;
    sheet = insertDrawing(sheet, p, `<${p}drawing xmlns:r="${DRAWING_NS_REL}" r:id="rId${k}"/>`);
  }
  if (rels !== undefined) pkg.set(relsName, rels);
  pkg.set(sheetPart, sheet);
}

function removeDrawing(pkg: ChartPackage, drawing: string): void {
  const rels = pkg.get(relsOf(drawing));
  const dir = drawing.slice(0, drawing.lastIndexOf('/') + 1);
  for (const m of (rels ?? '').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    if (attr(m[0], 'Type') !== CHART_REL_TYPE || attr(m[0], 'TargetMode') === 'External') continue;
    const chart = resolve(dir, attr(m[0], 'Target') ?? '');
    // A chart's own parts (style, colours) go with it.
    const chartRels = pkg.get(relsOf(chart));
    const chartDir = chart.slice(0, chart.lastIndexOf('/') + 1);
    for (const r of (chartRels ?? '').matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
      if (attr(r[0], 'TargetMode') !== 'External') pkg.remove(resolve(chartDir, attr(r[0], 'Target') ?? ''));
    }
    if (chartRels !== undefined) pkg.remove(relsOf(chart));
    pkg.remove(chart);
  }
  if (rels !== undefined) pkg.remove(relsOf(drawing));
  pkg.remove(drawing);
}

function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function freeName(names: Set<string>, stem: string, ext: string): string {
  let n = 1;
  while (names.has(`${stem}${n}${ext}`)) n++;
  return `${stem}${n}${ext}`;
}

/** `target` relative to the folder `dir` (both package paths). */
function relative(dir: string, target: string): string {
  const from = dir.split('/').filter(Boolean);
  const to = target.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** The <drawing> element in its schema place: before legacyDrawing … extLst, else last. */
function insertDrawing(sheet: string, p: string, element: string): string {
  // Searched after the cells (a row may hold an extLst of its own).
  const from = Math.max(0, sheet.indexOf(`</${p}sheetData>`), sheet.indexOf(`<${p}sheetData/>`));
  const tail = sheet.slice(from);
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${p}${name}\\b`).exec(tail);
    if (m && (at < 0 || from + m.index < at)) at = from + m.index;
  }
  if (at < 0) at = sheet.lastIndexOf(`</${p}worksheet>`);
  return sheet.slice(0, at) + element + sheet.slice(at);
}
