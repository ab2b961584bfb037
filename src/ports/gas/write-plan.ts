import type { GridSize } from '../../core/budget/cell-budget.js';
import { MAX_COLUMNS } from '../../core/budget/limits.js';
import type { AppendRowsPatch, ColumnsPatch, ReplaceSheetPatch } from '../../core/base/patch.js';
import type { CellValue } from '../../core/base/table.js';
import { toGas, type GasCell } from './cells.js';
import type { ZoneOffsets } from './zone-offsets.js';

/** Sheets rejects longer tab names. */
const MAX_SHEET_NAME = 100;

/**
 * One sheet patch, validated and converted before anything is written: its
 * values as setValues takes them and the grid it leaves. Building these
 * throws on bad input, so a patch that cannot be written writes nothing.
 */
export type PreparedWrite = PreparedReplace | PreparedAppend | PreparedColumns;

export interface PreparedReplace {
  kind: 'replace';
  patch: ReplaceSheetPatch;
  rows: GasCell[][];
  width: number;
}

export interface PreparedAppend {
  kind: 'append';
  patch: AppendRowsPatch;
  header: GasCell[];
  rows: GasCell[][];
  width: number;
}

export interface PreparedColumns {
  kind: 'columns';
  patch: ColumnsPatch;
  /** Runs of adjacent columns, each one rectangle (row 1 = header). */
  blocks: Array<{ col: number; rows: GasCell[][] }>;
}

/** What an existing tab holds now (lastRow/lastColumn are read only for appends). */
export interface TabNow {
  grid: GridSize;
  lastRow?: number;
  lastColumn?: number;
}

export function prepareReplace(p: ReplaceSheetPatch, tz: ZoneOffsets): PreparedReplace {
  checkName(p.sheet);
  const width = p.rows.reduce((w, r) => Math.max(w, r.length), 0);
  return { kind: 'replace', patch: p, rows: p.rows.map((r) => convertRow(r, width, tz, p.sheet)), width };
}

export function prepareAppend(p: AppendRowsPatch, tz: ZoneOffsets): PreparedAppend {
  checkName(p.sheet);
  const width = [p.header, ...p.rows].reduce((w, r) => Math.max(w, r.length), 0);
  return { kind: 'append', patch: p, header: convertRow(p.header, width, tz, p.sheet), rows: p.rows.map((r) => convertRow(r, width, tz, p.sheet)), width };
}

/** `exists`: the tab is there now or an earlier replace in the same patch makes it. */
export function prepareColumns(p: ColumnsPatch, exists: boolean, tz: ZoneOffsets): PreparedColumns {
  if (!exists) throw new Error(`没有工作表「${p.sheet}」 / No sheet "${p.sheet}"`);
  const seen = new Set<number>();
  for (const c of p.columns) {
    if (!Number.isInteger(c.index) || c.index < 0) throw new Error(`列号无效：${c.index} / Bad column index ${c.index}`);
    if (c.index >= MAX_COLUMNS) throw new Error(`「${p.sheet}」第 ${c.index + 1} 列超过 ${MAX_COLUMNS} 列的上限 / Column ${c.index + 1} of "${p.sheet}" is past the ${MAX_COLUMNS}-column limit`);
    if (seen.has(c.index)) throw new Error(`第 ${c.index + 1} 列写了两次 / Column ${c.index + 1} written twice`);
    seen.add(c.index);
  }
  const blocks = columnRuns(p.columns).map((run) => {
    const height = run[0].values.length + 1;
    const rows: GasCell[][] = [];
    for (let r = 0; r < height; r++) rows.push(run.map((c) => toGas(r === 0 ? c.header : c.values[r - 1], tz, p.sheet)));
    return { col: run[0].index + 1, rows };
  });
  return { kind: 'columns', patch: p, blocks };
}

/**
 * The grid a write leaves. Fenceng's own tabs (replaced or appended to) are
 * sized to their content; the operator's tab only grows where our columns
 * need room.
 */
export function gridAfter(w: PreparedWrite, now: TabNow | undefined): GridSize {
  if (w.kind === 'replace') return { rows: Math.max(1, w.rows.length), columns: Math.max(1, w.width) };
  if (w.kind === 'append') {
    const last = now?.lastRow ?? 0;
    const added = last === 0 ? w.rows.length + 1 : w.rows.length;
    if (now && added === 0) return now.grid;
    return { rows: Math.max(1, last + added), columns: Math.max(1, w.width, now?.lastColumn ?? 0) };
  }
  const base = now?.grid ?? { rows: 1, columns: 1 };
  let rows = base.rows;
  let columns = base.columns;
  for (const b of w.blocks) {
    rows = Math.max(rows, b.rows.length);
    columns = Math.max(columns, b.col + b.rows[0].length - 1);
  }
  return { rows, columns };
}

function checkName(sheet: string): void {
  if (!sheet || sheet.length > MAX_SHEET_NAME) throw new Error(`工作表名无效：「${sheet}」 / Bad sheet name "${sheet}"`);
}

function convertRow(r: CellValue[], width: number, tz: ZoneOffsets, sheet: string): GasCell[] {
  if (width > MAX_COLUMNS) throw new Error(`「${sheet}」有 ${width} 列，超过 ${MAX_COLUMNS} 列的上限 / "${sheet}" has ${width} columns, over the ${MAX_COLUMNS}-column limit`);
  const out: GasCell[] = [];
  for (let c = 0; c < width; c++) out.push(toGas(r[c] ?? null, tz, sheet));
  return out;
}

/**
 * Columns sorted and grouped into runs of adjacent indices with the same
 * number of values, so each run is one rectangle and shorter columns never
 * get padding that would blank cells the patch does not own.
 */
function columnRuns(columns: ColumnsPatch['columns']): Array<ColumnsPatch['columns']> {
  const sorted = [...columns].sort((a, b) => a.index - b.index);
  const runs: Array<ColumnsPatch['columns']> = [];
  for (const c of sorted) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && last.index + 1 === c.index && last.values.length === c.values.length) run.push(c);
    else runs.push([c]);
  }
  return runs;
}
