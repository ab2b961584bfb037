/**
 * The operator's drawings (charts, images, shapes) stay clear of columns
 * Fenceng appends: in a drawing part, anchors are moved right the way Excel
 * moves them when columns are inserted — an anchor starting at or right of
 * the first new column shifts whole; a two-cell anchor that only ends there
 * stretches (Excel's "move and size with cells").
 */
export function shiftDrawingAnchors(xml: string, atColumn: number, by: number): string {
  if (by <= 0) return xml;
  return xml.replace(/<((?:\w+:)?)(twoCellAnchor|oneCellAnchor)\b[\s\S]*?<\/\1\2>/g, (anchor, p: string, kind: string) => {
    const from = colOf(anchor, p, 'from');
    if (from === undefined) return anchor;
    if (from >= atColumn) return setCol(setCol(anchor, p, 'from', from + by), p, 'to', (colOf(anchor, p, 'to') ?? -1) + by);
    const to = colOf(anchor, p, 'to');
    if (kind === 'twoCellAnchor' && to !== undefined && to >= atColumn && !/editAs="(?:oneCell|absolute)"/.test(anchor)) return setCol(anchor, p, 'to', to + by);
    return anchor;
  });
}

function colOf(anchor: string, p: string, edge: 'from' | 'to'): number | undefined {
  const m = new RegExp(`<${p}${edge}>[\\s\\S]*?<${p}col>(\\d+)</${p}col>`).exec(anchor);
  return m ? Number(m[1]) : undefined;
}

function setCol(anchor: string, p: string, edge: 'from' | 'to', col: number): string {
  if (col < 0) return anchor;
  return anchor.replace(new RegExp(`(<${p}${edge}>[\\s\\S]*?<${p}col>)\\d+(</${p}col>)`), `$1${col}$2`);
}
