import type { CellValue, Table } from '../../core/base/table.js';
import type { WorkbookPatch } from '../../core/base/patch.js';
import type { WorkbookPort } from '../port.js';
import { MemoryWorkbook } from '../memory.js';
import { XlsxWorkbook } from '../xlsx.js';
import type { CsvRead } from './read.js';

/**
 * A CSV export as a workbook: its one sheet held as a table (never turned
 * into an .xlsx just to be read back), patches applied in memory. What is
 * written, and where, is decided after the run (src/app/oversized-sheets.ts):
 * `toXlsx` gives the same workbook a CSV run always gave; a result too large
 * for one .xlsx is written from `grid` in parts.
 */
export class CsvWorkbook implements WorkbookPort {
  /** The workbook after the patches; made at the first patch, so a run's reads never hold a second copy of a million rows. */
  private patched: MemoryWorkbook | undefined;
  private readonly applied: WorkbookPatch[] = [];

  constructor(
    /** The CSV as read: the members table, its encoding and separators. */
    private readonly source: CsvRead,
  ) {}

  private get view(): MemoryWorkbook {
    const { table } = this.source;
    this.patched ??= new MemoryWorkbook({ [table.sheet]: [table.header, ...table.rows] });
    return this.patched;
  }

  /** The one sheet the CSV is. */
  get sheet(): string {
    return this.source.table.sheet;
  }
  get encoding(): string {
    return this.source.encoding;
  }
  get delimiter(): string {
    return this.source.delimiter;
  }
  get lineBreak(): string {
    return this.source.lineBreak;
  }
  /** Every patch applied, in order. */
  get patches(): readonly WorkbookPatch[] {
    return this.applied;
  }

  sheetNames(): string[] {
    return this.patched ? this.patched.sheetNames() : [this.sheet];
  }

  read(sheet: string): Table | undefined {
    if (this.patched) return this.patched.read(sheet);
    const { table } = this.source;
    // A copy, as from a file: callers may change what they get.
    return sheet === table.sheet ? { sheet, header: [...table.header], rows: table.rows.map((r) => [...r]) } : undefined;
  }

  /** A sheet as it is now, row 1 first (not a copy: for writing it out). */
  grid(sheet: string): readonly CellValue[][] | undefined {
    return this.view.grid(sheet);
  }

  isHidden(sheet: string): boolean {
    return this.patched?.isHidden(sheet) ?? false;
  }

  apply(patch: WorkbookPatch): void {
    this.view.apply(patch);
    this.applied.push(patch);
  }

  /**
   * The whole result as one .xlsx, as a CSV run has always written it: the
   * CSV's table as a sheet, then every patch applied by the .xlsx adapter
   * (layout, hidden sheets, tab order). `leaveOut`: sheets written elsewhere;
   * `first`: a sheet that leads the workbook (the note saying where they went).
   */
  async toXlsx(leaveOut: ReadonlySet<string> = new Set(), first?: Table): Promise<XlsxWorkbook> {
    const start = [...(first ? [first] : []), ...(leaveOut.has(this.sheet) ? [] : [this.source.table])];
    const book = await XlsxWorkbook.create(start);
    for (const patch of this.applied) {
      const sheets = patch.sheets.filter((s) => !leaveOut.has(s.sheet));
      const order = patch.order && [...(first ? [first.sheet] : []), ...patch.order.filter((n) => !leaveOut.has(n))];
      if (sheets.length > 0) await book.apply({ sheets, ...(order ? { order } : {}) });
    }
    return book;
  }
}
