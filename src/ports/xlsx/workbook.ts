import { readFile } from 'node:fs/promises';
import type { Table } from '../../core/base/table.js';
import type { WorkbookPatch } from '../../core/base/patch.js';
import type { WorkbookPort } from '../port.js';
import { writeFileAtomic } from '../atomic-write.js';
import { withCjkDateFormats } from './cjk-date-formats.js';
import { XlsxPopulate, type XpWorkbook } from './populate.js';
import { parseWorkbook, readTable, type SheetJsBook } from './read.js';
import { repairForXlsxPopulate } from './repair.js';
import { formatsBefore, Writer } from './write.js';

/**
 * The .xlsx adapter. READ with SheetJS (fast, sync, reads everything) and
 * WRITE with xlsx-populate, which keeps charts, data validation, conditional
 * formatting, comments, panes and other sheets that SheetJS would drop.
 */
export class XlsxWorkbook implements WorkbookPort {
  /** The workbook as it will be saved. */
  private bytes: Buffer;
  /** What SheetJS reads: the same bytes, or a copy that knows the CJK built-in date formats. */
  private readable: Buffer;
  /** The one parsed SheetJS copy; dropped after each write and re-read lazily. */
  private parsed: SheetJsBook | undefined;
  /** Serialises `apply` calls so a second one never starts from stale bytes. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(bytes: Buffer, readable: Buffer) {
    this.bytes = bytes;
    this.readable = readable;
  }

  static async open(pathOrBuffer: string | Buffer): Promise<XlsxWorkbook> {
    const bytes = typeof pathOrBuffer === 'string' ? await readFile(pathOrBuffer) : pathOrBuffer;
    // SheetJS would happily "read" CSV or .xls bytes, but only a zip package can be written back.
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw new Error('不是 .xlsx 文件（可能是 .xls、CSV 或加密文件） / Not an .xlsx file (maybe .xls, CSV or encrypted)');
    }
    const wb = new XlsxWorkbook(bytes, await withCjkDateFormats(bytes));
    wb.book(); // parse now so a broken file fails at open, not at the first read
    return wb;
  }

  /** A new workbook whose sheets are these tables, in order. */
  static async create(tables: Table[]): Promise<XlsxWorkbook> {
    const blank = await XlsxPopulate.fromBlankAsync();
    const placeholder = 'fenceng-blank-9c41';
    blank.sheet(0)!.name(placeholder);
    const bytes = await blank.outputAsync();
    const wb = new XlsxWorkbook(bytes, bytes);
    await wb.transform(
      tables.map((t) => ({ kind: 'replace' as const, sheet: t.sheet, rows: [t.header, ...t.rows] })),
      (xp) => {
        if (tables.length > 0) xp.deleteSheet(placeholder);
        else xp.sheet(placeholder)!.name('Sheet1');
      },
    );
    return wb;
  }

  /** The current bytes of the workbook (not a copy). */
  toBuffer(): Buffer {
    return this.bytes;
  }

  async save(path: string): Promise<void> {
    await writeFileAtomic(path, this.bytes);
  }

  /** Hidden sheets included: Fenceng reads its own hidden state sheets. */
  sheetNames(): string[] {
    return [...this.book().SheetNames];
  }

  read(sheet: string): Table | undefined {
    return readTable(this.book(), sheet);
  }

  /** Apply every sheet patch or none: all edits go to a fresh copy; the bytes change only if it all worked. */
  apply(patch: WorkbookPatch): Promise<void> {
    return this.transform(patch.sheets);
  }

  private transform(sheets: WorkbookPatch['sheets'], finish?: (xp: XpWorkbook) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const before = formatsBefore(this.book(), sheets);
      // xlsx-populate needs several times the file's size in memory; free the SheetJS copy meanwhile.
      this.parsed = undefined;
      const xp = await XlsxPopulate.fromDataAsync(await repairForXlsxPopulate(this.bytes));
      const w = new Writer(xp, before);
      for (const p of sheets) {
        if (p.kind === 'replace') w.replace(p);
        else if (p.kind === 'append') w.append(p);
        else w.columns(p);
      }
      w.finish();
      finish?.(xp);
      const out = await xp.outputAsync();
      const readable = await withCjkDateFormats(out);
      this.bytes = out;
      this.readable = readable;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private book(): SheetJsBook {
    this.parsed ??= parseWorkbook(this.readable);
    return this.parsed;
  }
}
