import type { CellValue, Table } from '../core/base/table.js';
import type { ChartSpec, SheetLayout, WorkbookPatch } from '../core/base/patch.js';
import type { WorkbookPort } from './port.js';

/** An in-memory workbook: the reference adapter, used by tests. */
export class MemoryWorkbook implements WorkbookPort {
  /** Each sheet as a grid of rows, row 1 first. */
  private sheets = new Map<string, CellValue[][]>();
  /** Names of hidden sheets; they are still listed and readable. */
  private hidden = new Set<string>();

  constructor(initial: Record<string, CellValue[][]> = {}) {
    for (const [name, grid] of Object.entries(initial)) this.sheets.set(name, grid.map((r) => [...r]));
  }

  sheetNames(): string[] {
    return [...this.sheets.keys()];
  }

  read(sheet: string): Table | undefined {
    const grid = this.sheets.get(sheet);
    if (!grid) return undefined;
    const header = (grid[0] ?? []).map((h) => (h == null ? '' : String(h)));
    return { sheet, header, rows: grid.slice(1).map((r) => [...r]) };
  }

  /** The raw grid, for assertions. */
  grid(sheet: string): CellValue[][] | undefined {
    return this.sheets.get(sheet);
  }

  /** Charts the last replace patch of a sheet asked for, for assertions (a file has nowhere to draw them). */
  charts(sheet: string): ChartSpec[] {
    return this.chartsBySheet.get(sheet) ?? [];
  }
  private chartsBySheet = new Map<string, ChartSpec[]>();

  /** Drags a tab to a new position, as an operator does by hand (for tests). */
  moveSheet(sheet: string, index: number): void {
    const names = this.sheetNames().filter((n) => n !== sheet);
    names.splice(index, 0, sheet);
    this.sheets = inOrder(this.sheets, names);
  }

  /** The layout a sheet has been given (widths, header, filter, formats, fills), for assertions. */
  layout(sheet: string): SheetLayout | undefined {
    return this.layouts.get(sheet);
  }
  private layouts = new Map<string, SheetLayout>();

  /** Whether a sheet is hidden, for assertions. */
  isHidden(sheet: string): boolean {
    return this.hidden.has(sheet);
  }

  apply(patch: WorkbookPatch): void {
    // Work on copies so that a failure half-way leaves nothing changed.
    const next = new Map([...this.sheets].map(([k, g]) => [k, g.map((r) => [...r])]));
    const hidden = new Set(this.hidden);
    const toHide = new Set<string>();
    const charts = new Map(this.chartsBySheet);
    const layouts = new Map(this.layouts);
    for (const p of patch.sheets) {
      if (p.layout) layouts.set(p.sheet, mergeLayout(p.kind === 'replace' ? undefined : layouts.get(p.sheet), p.layout, p.kind === 'append'));
      if (p.kind === 'replace') {
        next.set(p.sheet, p.rows.map((r) => [...r]));
        // Only `hidden: true` acts: otherwise visibility stays as it was.
        if (p.hidden) toHide.add(p.sheet);
        if (p.charts) charts.set(p.sheet, p.charts.map((c) => structuredClone(c)));
        continue;
      }
      if (p.kind === 'append') {
        if (p.hidden) toHide.add(p.sheet);
        const grid = next.get(p.sheet) ?? [];
        next.set(p.sheet, grid);
        const used = (r: CellValue[] | undefined) => !!r && r.some((c) => c !== null && c !== undefined && c !== '');
        let last = grid.length;
        while (last > 0 && !used(grid[last - 1])) last--;
        if (last === 0) grid.splice(0, grid.length, [...p.header]);
        else grid.splice(last);
        for (const r of p.rows) grid.push([...r]);
        continue;
      }
      const grid = next.get(p.sheet);
      if (!grid) throw new Error(`没有工作表「${p.sheet}」 / No sheet "${p.sheet}"`);
      for (const col of p.columns) {
        setCell(grid, 0, col.index, col.header);
        col.values.forEach((v, i) => setCell(grid, i + 1, col.index, v));
        // Rows removed since the last run: clear what is left below in this column.
        for (let r = col.values.length + 1; r < grid.length; r++) if (grid[r].length > col.index) grid[r][col.index] = null;
      }
    }
    // Hidden last, judged on the workbook after the patch (as Sheets and Excel require one visible sheet).
    for (const name of toHide) hidden.add(name);
    if (toHide.size > 0 && ![...next.keys()].some((name) => !hidden.has(name))) {
      const name = [...toHide][0];
      throw new Error(`不能隐藏「${name}」：工作簿至少要有一个可见的工作表 / Cannot hide "${name}": a workbook needs at least one visible sheet`);
    }
    this.sheets = inOrder(next, patch.order);
    this.hidden = hidden;
    this.chartsBySheet = charts;
    this.layouts = layouts;
  }
}

/**
 * A columns patch lays out its own columns over what the sheet had; an
 * appended block only widens (its rows are not all the sheet's rows).
 */
function mergeLayout(before: SheetLayout | undefined, next: SheetLayout, widenOnly: boolean): SheetLayout {
  const columns = new Map((before?.columns ?? []).map((c) => [c.index, c]));
  for (const c of next.columns) {
    const old = columns.get(c.index);
    columns.set(c.index, widenOnly && old ? { ...c, width: Math.max(old.width, c.width), wrap: c.wrap || old.wrap } : structuredClone(c));
  }
  return { ...before, ...structuredClone(next), columns: [...columns.values()].sort((a, b) => a.index - b.index) };
}

/** The sheets in the patch's tab order; any it does not name keep their place after those it does. */
function inOrder<T>(sheets: Map<string, T>, order: string[] | undefined): Map<string, T> {
  if (!order) return sheets;
  const named = order.filter((name) => sheets.has(name));
  const rest = [...sheets.keys()].filter((name) => !order.includes(name));
  return new Map([...named, ...rest].map((name) => [name, sheets.get(name)!]));
}

function setCell(grid: CellValue[][], r: number, c: number, v: CellValue): void {
  while (grid.length <= r) grid.push([]);
  const row = grid[r];
  while (row.length < c) row.push(null);
  row[c] = v;
}
