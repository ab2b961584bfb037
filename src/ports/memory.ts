import type { CellValue, Table } from '../core/base/table.js';
import type { ChartSpec, WorkbookPatch } from '../core/base/patch.js';
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
    for (const p of patch.sheets) {
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
    this.sheets = next;
    this.hidden = hidden;
    this.chartsBySheet = charts;
  }
}

function setCell(grid: CellValue[][], r: number, c: number, v: CellValue): void {
  while (grid.length <= r) grid.push([]);
  const row = grid[r];
  while (row.length < c) row.push(null);
  row[c] = v;
}
