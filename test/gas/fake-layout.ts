/**
 * The layout state of a fake sheet (column widths, frozen rows, per-cell
 * number format / bold / wrap, one filter, conditional-format rules), kept
 * as Sheets keeps it: formats belong to cells and move with them when rows
 * or columns are deleted, and a filter or rule range shrinks with its rows.
 * The Apps Script methods that reach it live on FakeSheet / FakeRange in
 * fakes.ts; this is the state and its bookkeeping.
 */

/** 1-based, like Range. */
export interface Box {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface CellFormat {
  numberFormat?: string;
  fontWeight?: string;
  wrap?: boolean;
}

/** Sheets' default column width in pixels. */
export const DEFAULT_WIDTH = 100;

export interface FakeRuleData {
  text: string;
  background: string;
  ranges: Box[];
}

export class FakeSheetLayout {
  frozenRows = 0;
  /** Column (1-based) → width in pixels, where set. */
  widths = new Map<number, number>();
  /** Sparse rows of cell formats (0-based), like FakeSheet.cells. */
  formats: CellFormat[][] = [];
  filter: Box | undefined;
  rules: FakeRuleData[] = [];

  format(box: Box, set: CellFormat): void {
    for (let r = box.row - 1; r < box.row - 1 + box.numRows; r++) {
      const row = (this.formats[r] ??= []);
      for (let c = box.col - 1; c < box.col - 1 + box.numCols; c++) row[c] = { ...row[c], ...set };
    }
  }

  /** The format of one cell (1-based); {} when none was set. */
  at(row: number, col: number): CellFormat {
    return this.formats[row - 1]?.[col - 1] ?? {};
  }

  deleteRows(position: number, howMany: number): void {
    this.formats.splice(position - 1, howMany);
    const cut = (b: Box) => clipRows(b, position, howMany);
    this.filter = this.filter && cut(this.filter);
    this.rules = this.rules.map((r) => ({ ...r, ranges: r.ranges.map(cut).filter((b): b is Box => !!b) })).filter((r) => r.ranges.length > 0);
  }

  deleteColumns(position: number, howMany: number): void {
    for (const row of this.formats) row?.splice(position - 1, howMany);
    const widths = new Map<number, number>();
    for (const [c, w] of this.widths) if (c < position) widths.set(c, w);
    else if (c >= position + howMany) widths.set(c - howMany, w);
    this.widths = widths;
    const cut = (b: Box) => clipColumns(b, position, howMany);
    this.filter = this.filter && cut(this.filter);
    this.rules = this.rules.map((r) => ({ ...r, ranges: r.ranges.map(cut).filter((b): b is Box => !!b) })).filter((r) => r.ranges.length > 0);
  }

  /** Plain data for snapshots: formats as runs down each column, so equal sheets compare equal however they were formatted. */
  snapshot(maxCols: number): unknown {
    const formats: Array<[number, number, number, string]> = [];
    const used = new Set<number>();
    for (const row of this.formats) row?.forEach((f, c) => f && used.add(c));
    for (const c of [...used].filter((x) => x < maxCols).sort((a, b) => a - b)) {
      let start = -1;
      let key = '';
      const flush = (end: number) => key !== '' && key !== '{}' && formats.push([c + 1, start + 1, end, key]);
      for (let r = 0; r <= this.formats.length; r++) {
        const f = this.formats[r]?.[c];
        const k = r === this.formats.length ? '' : JSON.stringify(f ? sorted(f) : {});
        if (k !== key) {
          flush(r);
          start = r;
          key = k;
        }
      }
    }
    return {
      frozenRows: this.frozenRows,
      widths: [...this.widths].filter(([c]) => c <= maxCols).sort((a, b) => a[0] - b[0]),
      formats,
      filter: this.filter ? a1(this.filter) : null,
      rules: this.rules.map((r) => ({ text: r.text, background: r.background, ranges: r.ranges.map(a1) })),
    };
  }
}

function sorted(f: CellFormat): CellFormat {
  return Object.fromEntries(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)));
}

function clipRows(b: Box, position: number, howMany: number): Box | undefined {
  const end = b.row + b.numRows - 1;
  const gone = Math.max(0, Math.min(end, position + howMany - 1) - Math.max(b.row, position) + 1);
  const numRows = b.numRows - gone;
  if (numRows <= 0) return undefined;
  const row = b.row > position ? Math.max(position, b.row - howMany) : b.row;
  return { ...b, row, numRows };
}

function clipColumns(b: Box, position: number, howMany: number): Box | undefined {
  const t = clipRows({ row: b.col, col: b.row, numRows: b.numCols, numCols: b.numRows }, position, howMany);
  return t && { row: t.col, col: t.row, numRows: t.numCols, numCols: t.numRows };
}

/** "A1", "B2:D40" → a box (whole-column or whole-row forms are not modelled). */
export function parseA1(a1: string): Box {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(String(a1));
  if (!m) throw new Error(`fake: A1 notation "${a1}" is not modelled (only A1 or A1:B2)`);
  const c1 = column(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? column(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  if (r1 < 1 || r2 < r1 || c2 < c1) throw new Error(`Exception: Range not found: ${a1}`);
  return { row: r1, col: c1, numRows: r2 - r1 + 1, numCols: c2 - c1 + 1 };
}

function column(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function a1(b: Box): string {
  const l = (n: number) => {
    let s = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  };
  return `${l(b.col)}${b.row}:${l(b.col + b.numCols - 1)}${b.row + b.numRows - 1}`;
}
