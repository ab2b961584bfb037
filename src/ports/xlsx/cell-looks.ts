import type { CellValue } from '../../core/base/table.js';
import type { SheetLayout, SheetPatch } from '../../core/base/patch.js';
import type { CellLook } from './styles.js';
import { isDateFormat } from './read.js';
import { displayWidth } from '../../core/base/text-width.js';

/**
 * The cell formats a sheet's layout hints ask for, per cell: the header row
 * bold, data cells with their column's number format, wrapping and tier
 * fill. Worked out once per column so writing a cell is a lookup.
 */

interface ColumnLooks {
  /** Layout width in characters (for the lines wrapped text takes). */
  width: number;
  header: CellLook | undefined;
  /** A data cell in one of the layout's bold rows (a report block's title or header). */
  boldData: CellLook;
  data: CellLook | undefined;
  /** Cell text → look with that text's fill. */
  byText: Map<string, CellLook> | undefined;
}

export class SheetLooks {
  private readonly columns = new Map<number, ColumnLooks>();
  private readonly boldRows = new Set<number>();

  /** Layouts of the sheet's patches in order (a later patch's column wins). `c` below is 1-based. */
  constructor(layouts: readonly SheetLayout[]) {
    for (const layout of layouts) {
      for (const r of layout.boldRows ?? []) this.boldRows.add(r);
      for (const col of layout.columns) {
        const data: CellLook = {};
        if (col.numberFormat) data.numberFormat = col.numberFormat;
        if (col.wrap) data.wrap = true;
        const byText = col.fills?.length ? new Map(col.fills.map((f) => [f.text, { ...data, fill: f.fill }])) : undefined;
        this.columns.set(col.index + 1, {
          width: col.width,
          header: layout.boldHeader ? { bold: true } : undefined,
          boldData: { ...data, bold: true },
          data: Object.keys(data).length ? data : undefined,
          byText,
        });
      }
    }
  }

  /**
   * Characters (CJK double) a line of column c holds: its layout width. The
   * width has room for margins, but spaces, digits and punctuation draw
   * narrower than a character, so the two even out (checked in LibreOffice).
   */
  lineWidth(c: number): number {
    return Math.max(1, this.columns.get(c)?.width ?? 10);
  }

  /** The look of cell (r, c) holding `v`, undefined when the layout says nothing about it. */
  look(r: number, c: number, v: CellValue): CellLook | undefined {
    const col = this.columns.get(c);
    if (!col) return undefined;
    if (r === 1) return col.header;
    if (this.boldRows.has(r)) return col.boldData;
    return (typeof v === 'string' && col.byText?.get(v)) || col.data;
  }
}

/** Points per line of the default font (Excel's and LibreOffice's default row height). */
const LINE_POINTS = 15;
const MAX_ROW_POINTS = 409;

/**
 * The height a row needs for the wrapped text written into it, so Excel,
 * WPS and LibreOffice (none of which fits rows on opening) show it whole.
 * Cells arrive row by row; only the current row is remembered.
 */
export class RowHeights {
  private row = 0;
  private lines = 1;

  /** `owned`: every row is Fenceng's (a sheet it replaces), so a height from an earlier run may go. */
  constructor(
    private readonly looks: SheetLooks | undefined,
    private readonly owned: boolean,
  ) {}

  wrapped(r: number, c: number, text: string): void {
    if (!this.looks) return;
    if (r !== this.row) {
      this.row = r;
      this.lines = 1;
    }
    const per = this.looks.lineWidth(c);
    let lines = 0;
    for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(displayWidth(line) / per));
    if (lines > this.lines) this.lines = lines;
  }

  /** Points for row r; when its text fits one line, null in a sheet Fenceng owns (the default height), else undefined (as it was). */
  height(r: number): number | null | undefined {
    if (r !== this.row || this.lines <= 1) return this.looks && this.owned ? null : undefined;
    return Math.min(MAX_ROW_POINTS, this.lines * LINE_POINTS);
  }
}

/** Each laid-out sheet's looks, from the patches' layouts. */
export function looksOf(patches: readonly SheetPatch[]): Map<string, SheetLooks> {
  const layouts = new Map<string, SheetLayout[]>();
  for (const p of patches) {
    if (!p.layout) continue;
    const list = layouts.get(p.sheet) ?? [];
    list.push(p.layout);
    layouts.set(p.sheet, list);
  }
  return new Map([...layouts].map(([sheet, list]) => [sheet, new SheetLooks(list)]));
}

/**
 * A look with its number format replaced, one object per (look, format)
 * pair, so the style sheet can find the derived format by identity.
 */
export class LookVariants {
  private readonly byLook = new Map<CellLook | undefined, Map<string | undefined, CellLook>>();

  of(look: CellLook | undefined, numberFormat: string | undefined): CellLook {
    let byFormat = this.byLook.get(look);
    if (!byFormat) this.byLook.set(look, (byFormat = new Map()));
    let variant = byFormat.get(numberFormat);
    if (!variant) {
      variant = { ...look, numberFormat };
      if (numberFormat === undefined) delete variant.numberFormat;
      byFormat.set(numberFormat, variant);
    }
    return variant;
  }
}

const dateCodes = new Map<string, boolean>();
/** Whether a number format code shows dates (memoised: a column asks once per cell). */
export function isDateCode(code: string): boolean {
  let yes = dateCodes.get(code);
  if (yes === undefined) dateCodes.set(code, (yes = isDateFormat(code)));
  return yes;
}
