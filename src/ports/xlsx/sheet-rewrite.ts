import type { CellValue } from '../../core/base/table.js';
import { XmlCursor, attr, rootPrefix, setAttr } from './xml-scan.js';

/**
 * One pass over a worksheet's XML that writes the cells an edit owns and
 * copies every other byte as it was: other cells, row attributes, columns,
 * panes, merged cells, conditional formatting, validations, drawings. Only
 * the rows holding owned cells are rebuilt, and only `<dimension>` (and, for
 * a sheet being hidden, the tab selection) changes outside `<sheetData>`.
 */

/** Which cells a patch owns in a sheet and what goes in them. Rows and columns are 1-based. */
export interface SheetEdit {
  /** Whether the edit may own cells in row r (rows it cannot touch are copied verbatim). */
  ownsRow(r: number): boolean;
  /** Whether the edit owns cell (r, c): its old content goes, its new value (if any) comes. */
  owns(r: number, c: number): boolean;
  /** Rows with values to write, ascending. */
  rows(): number[];
  /** The values to write in row r: [column, value] with column ascending and no empty values. */
  cells(r: number): Array<[number, CellValue]>;
}

/** Turns a value into a `<c>` element; `oldStyle` is the format index of the cell it replaces. */
export type CellWriter = (r: number, c: number, v: CellValue, oldStyle: number | undefined) => string;

export interface RewriteResult {
  /** The part up to and including `<sheetData>`'s start tag, `<dimension>` set: written after the body, since only the body gives the extent. */
  head: string;
  /** From `</sheetData>` to the end. */
  tail: string;
  /** A formula cell was overwritten or cleared: xl/calcChain.xml must go. */
  formulaRemoved: boolean;
}

/** Where the rewritten `<sheetData>` content goes, as UTF-8 chunks of about a megabyte, in order. */
export type BodySink = (chunk: Buffer) => void;

/**
 * Output handed on as UTF-8 buffers of about a megabyte, so a sheet is never
 * held whole: as millions of small live strings it made garbage collection
 * grow faster than the sheet (measured: 100k rows took 5× the time of 30k);
 * as one buffer it doubled the write's peak memory.
 */
class ChunkedText {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly sink: BodySink) {}

  push(s: string): void {
    this.pending.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.sink(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.size = 0;
  }
}

const letters: string[] = [];
export function colLetters(c: number): string {
  let s = letters[c];
  if (s === undefined) {
    s = '';
    for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    letters[c] = s;
  }
  return s;
}

/** The 1-based column of a start tag's `r` attribute, read in place; 0 when it has none. */
function refColumn(xml: string, start: number, end: number): number {
  let i = xml.indexOf(' r="', start);
  if (i < 0 || i >= end) {
    const ref = attr(xml.slice(start, end), 'r'); // other whitespace or quotes: the slow way
    return ref ? parseRef(ref).col : 0;
  }
  let col = 0;
  for (i += 4; i < end; i++) {
    const ch = xml.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else if (ch !== 36 /* $ */) break;
  }
  return col;
}

/** The 1-based column and row of an A1 reference (row 0 when absent). */
export function parseRef(ref: string): { col: number; row: number } {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else if (ch !== 36 /* $ */) break;
  }
  return { col, row: Number(ref.slice(i).replace('$', '')) || 0 };
}

/** The `<sheetData>` bounds: head ends after its start tag, tail starts at its end tag. */
function sheetDataBounds(xml: string, p: string): { head: string; bodyStart: number; bodyEnd: number; tail: string } {
  const c = new XmlCursor(xml);
  while (c.next()) {
    if (c.name !== `${p}sheetData` || c.is('close')) continue;
    if (c.is('empty')) return { head: xml.slice(0, c.start) + `<${p}sheetData>`, bodyStart: c.end, bodyEnd: c.end, tail: `</${p}sheetData>` + xml.slice(c.end) };
    const head = xml.slice(0, c.end);
    const bodyStart = c.end;
    c.skipElement();
    return { head, bodyStart, bodyEnd: c.start, tail: xml.slice(c.start) };
  }
  throw new Error('工作表缺少 sheetData / The worksheet has no sheetData');
}

/**
 * Rewrites the sheet: the new `<sheetData>` content goes to `body` as it is
 * made; the text around it is returned. `rowHeight(r)`, asked after row r's
 * cells are written: the height in points its written cells need (wrapped
 * text), null to drop a height written earlier, undefined to leave the row's
 * height as it is. A height set by hand (customHeight) is always kept.
 */
export function rewriteSheet(
  xml: string,
  edit: SheetEdit,
  write: CellWriter,
  hide: boolean,
  body: BodySink,
  rowHeight?: (r: number) => number | null | undefined,
): RewriteResult {
  const p = rootPrefix(xml);
  const rowName = `${p}row`;
  const cellName = `${p}c`;
  const fName = `${p}f`;
  const { head, bodyStart, bodyEnd, tail } = sheetDataBounds(xml, p);
  const out = new ChunkedText(body);
  const pending = edit.rows();
  let next = 0;
  let formulaRemoved = false;
  let maxRow = 0;
  let maxCol = 0;
  let minRow = Infinity;
  let minCol = Infinity;
  const seen = (r: number, c: number) => {
    if (r > maxRow) maxRow = r;
    if (r < minRow) minRow = r;
    if (c > maxCol) maxCol = c;
    if (c < minCol) minCol = c;
  };
  const newRow = (r: number) => {
    const cells = edit.cells(r);
    if (cells.length === 0) return;
    const written = cells.map(([c, v]) => {
      seen(r, c);
      return write(r, c, v, undefined);
    });
    const ht = rowHeight?.(r);
    out.push(`<${rowName} r="${r}"${ht === undefined || ht === null ? '' : ` ht="${ht}"`}>`);
    for (const cell of written) out.push(cell);
    out.push(`</${rowName}>`);
  };

  const cur = new XmlCursor(xml, bodyStart, bodyEnd);
  let prevRow = 0;
  let copiedFrom = bodyStart; // text not yet copied (between rows: whitespace, comments)
  // The current row's cells, as offsets into `xml` (no per-cell objects: a sheet has millions).
  const cols: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const refs: boolean[] = [];
  while (cur.next()) {
    if (cur.name !== rowName || cur.is('close')) continue;
    const rowStart = cur.start;
    let rowTag = cur.tag();
    const rAttr = attr(rowTag, 'r');
    const r = rAttr ? Number(rAttr) : prevRow + 1;
    prevRow = r;
    // Parse the row's cells (and keep any other child, e.g. extLst, as it is).
    const verbatim = !edit.ownsRow(r) && rAttr !== undefined;
    cols.length = starts.length = ends.length = refs.length = 0;
    const others: string[] = [];
    let prevCol = 0;
    if (cur.is('open')) {
      while (cur.next()) {
        if (cur.is('close') && cur.name === rowName) break;
        if (cur.is('close')) continue;
        const start = cur.start;
        if (cur.name !== cellName) {
          cur.skipElement();
          others.push(xml.slice(start, cur.end));
          continue;
        }
        const at = refColumn(xml, start, cur.end);
        const col = at > 0 ? at : prevCol + 1;
        prevCol = col;
        cur.skipElement();
        cols.push(col);
        starts.push(start);
        ends.push(cur.end);
        refs.push(at > 0);
      }
    }
    const rowEnd = cur.end;
    // New rows that come before this one.
    while (next < pending.length && pending[next] < r) newRow(pending[next++]);
    if (next < pending.length && pending[next] === r) next++;

    if (verbatim) {
      out.push(xml.slice(copiedFrom, rowEnd));
      copiedFrom = rowEnd;
      if (cols.length > 0) {
        seen(r, cols[0]);
        seen(r, cols[cols.length - 1]);
      }
      continue;
    }
    out.push(xml.slice(copiedFrom, rowStart));
    copiedFrom = rowEnd;
    const writes = edit.cells(r);
    const parts: string[] = [];
    let j = 0;
    // Kept cells next to each other in the file are copied as one slice.
    let runStart = -1;
    let runEnd = -1;
    const flush = () => {
      if (runStart >= 0) parts.push(xml.slice(runStart, runEnd));
      runStart = -1;
    };
    for (let k = 0; k < cols.length; k++) {
      const col = cols[k];
      while (j < writes.length && writes[j][0] < col) {
        flush();
        parts.push(write(r, writes[j][0], writes[j][1], undefined));
        seen(r, writes[j][0]);
        j++;
      }
      seen(r, col);
      if (!edit.owns(r, col)) {
        if (!refs[k]) {
          flush();
          parts.push(xml.slice(starts[k], ends[k]).replace(/^<[^\s/>]+/, (t) => `${t} r="${colLetters(col)}${r}"`));
        } else if (runStart >= 0 && runEnd === starts[k]) runEnd = ends[k];
        else {
          flush();
          runStart = starts[k];
          runEnd = ends[k];
        }
        continue;
      }
      flush();
      const cell = xml.slice(starts[k], ends[k]);
      if (cell.includes(`<${fName}`)) formulaRemoved = true;
      const sAttr = attr(cell.slice(0, cell.indexOf('>') + 1), 's');
      const style = sAttr === undefined ? undefined : Number(sAttr);
      if (j < writes.length && writes[j][0] === col) {
        parts.push(write(r, col, writes[j][1], style));
        j++;
      } else if (style) {
        // Cleared: the value goes, the operator's formatting stays.
        parts.push(`<${cellName} r="${colLetters(col)}${r}" s="${style}"/>`);
      }
    }
    flush();
    for (; j < writes.length; j++) {
      parts.push(write(r, writes[j][0], writes[j][1], undefined));
      seen(r, writes[j][0]);
    }
    // The spans hint may no longer hold; it is optional.
    rowTag = setAttr(setAttr(rowTag, 'spans', undefined), 'r', String(r));
    const ht = rowHeight?.(r);
    if (ht !== undefined && !/^(1|true)$/.test(attr(rowTag, 'customHeight') ?? '')) rowTag = setAttr(rowTag, 'ht', ht === null ? undefined : String(ht));
    const content = parts.join('') + others.join('');
    const bare = /^<[^\s/>]+\s+r="\d+"\s*\/?>$/.test(rowTag);
    if (content === '' && bare) continue; // an emptied row with nothing of its own
    const open = rowTag.endsWith('/>') ? `${rowTag.slice(0, -2).replace(/\s+$/, '')}>` : rowTag;
    out.push(content === '' ? `${open.slice(0, -1)}/>` : `${open}${content}</${rowName}>`);
  }
  out.push(xml.slice(copiedFrom, bodyEnd));
  while (next < pending.length) newRow(pending[next++]);

  const ref = maxRow === 0 ? 'A1' : `${colLetters(minCol)}${minRow}:${colLetters(maxCol)}${maxRow}`;
  out.flush();
  return { head: fixHead(head, p, ref, hide), tail, formulaRemoved };
}

/** The part before `<sheetData>`: `<dimension>` set to the real extent; a sheet being hidden is no longer the selected tab. */
function fixHead(head: string, p: string, ref: string, hide: boolean): string {
  const c = new XmlCursor(head);
  const edits: Array<[number, number, string]> = [];
  while (c.next()) {
    if (c.is('close')) continue;
    if (c.name === `${p}dimension`) edits.push([c.start, c.end, setAttr(c.tag(), 'ref', ref)]);
    else if (hide && c.name === `${p}sheetView` && attr(c.tag(), 'tabSelected') !== undefined) edits.push([c.start, c.end, setAttr(c.tag(), 'tabSelected', undefined)]);
  }
  let s = head;
  for (let i = edits.length - 1; i >= 0; i--) s = s.slice(0, edits[i][0]) + edits[i][2] + s.slice(edits[i][1]);
  return s;
}

/** The last row with a non-empty value in columns 1..width (0 when none). `emptyShared(i)` says whether shared string i is empty. */
export function lastFilledRow(xml: string, width: number, emptyShared: (i: number) => boolean): number {
  const p = rootPrefix(xml);
  const { bodyStart, bodyEnd } = sheetDataBounds(xml, p);
  const cur = new XmlCursor(xml, bodyStart, bodyEnd);
  let last = 0;
  let r = 0;
  let col = 0;
  while (cur.next()) {
    if (cur.is('close')) continue;
    if (cur.name === `${p}row`) {
      const a = attr(cur.tag(), 'r');
      r = a ? Number(a) : r + 1;
      col = 0;
      continue;
    }
    if (cur.name !== `${p}c`) continue;
    const tag = cur.tag();
    const ref = attr(tag, 'r');
    col = ref ? parseRef(ref).col : col + 1;
    if (!cur.is('open') || col > width || r <= last) {
      cur.skipElement();
      continue;
    }
    const t = attr(tag, 't');
    let text = '';
    let inValue = false;
    let valueStart = 0;
    while (cur.next()) {
      if (cur.name === `${p}c` && cur.is('close')) break;
      const local = cur.name.slice(p.length);
      if ((local === 'v' || local === 't') && cur.is('open')) {
        inValue = true;
        valueStart = cur.end;
      } else if ((local === 'v' || local === 't') && cur.is('close') && inValue) {
        text += xml.slice(valueStart, cur.start);
        inValue = false;
      }
    }
    const filled = t === 's' ? text.trim() !== '' && !emptyShared(Number(text)) : text !== '';
    if (filled) last = r;
  }
  return last;
}
