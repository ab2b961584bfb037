import { readFile } from 'node:fs/promises';
import type { Table } from '../../core/base/table.js';
import type { SheetPatch, WorkbookPatch } from '../../core/base/patch.js';
import type { WorkbookPort } from '../port.js';
import { writeFileAtomic } from '../atomic-write.js';
import { blankPackage } from './blank.js';
import { withCjkDateFormats } from './cjk-date-formats.js';
import { corruptPackage } from './limits.js';
import { parseWorkbook, readTable, type SheetJsBook } from './read.js';
import { writePatch } from './write.js';
import { inflateEntry, readZip, writeZip, type OutEntry, type ZipPackage } from './zip.js';

/**
 * The .xlsx adapter. READ with SheetJS (fast, sync, reads everything), from
 * a copy of the package whose sizes were checked first; WRITE by editing only
 * the parts a patch changes (write.ts), so charts, data validation,
 * conditional formatting, comments, panes and other sheets stay byte for byte.
 */
export class XlsxWorkbook implements WorkbookPort {
  /** The workbook as it will be saved, and its zip directory. */
  private zip: ZipPackage;
  /** The one parsed SheetJS copy; dropped after each write and re-read lazily. */
  private parsed: SheetJsBook | undefined;
  /**
   * Sheets already read: SheetJS's cell objects take several times the
   * memory of the values, so a sheet's are freed once it is read, and its
   * table is the caller's (not kept: a second copy of 100k members would
   * stay alive through the whole run). Reading it again parses it again.
   */
  private readonly handedOut = new Set<string>();
  /** Serialises `apply` calls so a second one never starts from stale bytes. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    zip: ZipPackage,
    /** How messages name the file. */
    private readonly where: string,
  ) {
    this.zip = zip;
  }

  static async open(pathOrBuffer: string | Buffer): Promise<XlsxWorkbook> {
    const bytes = typeof pathOrBuffer === 'string' ? await readFile(pathOrBuffer) : pathOrBuffer;
    const where = typeof pathOrBuffer === 'string' ? pathOrBuffer : '.xlsx';
    // SheetJS would happily "read" CSV or .xls bytes, but only a zip package can be written back.
    if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw new Error('不是 .xlsx 文件（可能是 .xls、CSV 或加密文件） / Not an .xlsx file (maybe .xls, CSV or encrypted)');
    }
    const wb = new XlsxWorkbook(readZip(bytes, where), where);
    wb.book(); // parse now so a broken file fails at open, not at the first read
    return wb;
  }

  /** A new workbook whose sheets are these tables, in order. */
  static async create(tables: Table[]): Promise<XlsxWorkbook> {
    const wb = new XlsxWorkbook(blankPackage(), '.xlsx');
    const sheets: SheetPatch[] =
      tables.length > 0
        ? tables.map((t) => ({ kind: 'replace' as const, sheet: t.sheet, rows: [t.header, ...t.rows] }))
        : [{ kind: 'replace', sheet: 'Sheet1', rows: [] }];
    await wb.apply({ sheets });
    return wb;
  }

  /** The current bytes of the workbook (not a copy). */
  toBuffer(): Buffer {
    return this.zip.bytes;
  }

  async save(path: string): Promise<void> {
    await writeFileAtomic(path, this.zip.bytes);
  }

  /** Hidden sheets included: Fenceng reads its own hidden state sheets. */
  sheetNames(): string[] {
    return [...this.book().SheetNames];
  }

  read(sheet: string): Table | undefined {
    // A new table each time, as from a file: callers may change what they get.
    if (this.handedOut.has(sheet)) return readTable(parseWorkbook(readableCopy(this.zip, this.where), sheet), sheet);
    const book = this.book();
    const table = readTable(book, sheet);
    if (table) {
      this.handedOut.add(sheet);
      delete book.Sheets[sheet];
    }
    return table;
  }

  /** Apply every sheet patch or none: the new package is built aside; the bytes change only if it all worked. */
  apply(patch: WorkbookPatch): Promise<void> {
    const run = this.queue.then(() => {
      // The parsed copy is stale after the write; free it now rather than hold both.
      this.parsed = undefined;
      this.handedOut.clear();
      const out = writePatch(this.zip, patch.sheets, this.where, patch.order);
      this.zip = readZip(out, this.where);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private book(): SheetJsBook {
    this.parsed ??= parseWorkbook(readableCopy(this.zip, this.where));
    return this.parsed;
  }
}

/** Parts SheetJS has no use for (pictures, embedded files, printer settings, macros). */
const NOT_FOR_READING = /\.(?:png|jpe?g|gif|bmp|emf|wmf|tiff?|svg|bin|xlsx|xlsm|docx|pptx|ole|mp[34]|wav)$/i;

/**
 * What SheetJS reads: every part it could use, inflated here within the
 * declared (and checked) sizes and stored uncompressed, so SheetJS's own
 * unbounded inflate never runs. Styles spell out the CJK date formats.
 */
function readableCopy(zip: ZipPackage, where: string): Buffer {
  const out: OutEntry[] = [];
  for (const e of zip.entries) {
    if (e.name.endsWith('/') || NOT_FOR_READING.test(e.name)) continue;
    let data = inflateEntry(zip, e, where);
    if (/(^|\/)styles\.xml$/.test(e.name)) data = Buffer.from(withCjkDateFormats(data.toString('utf8')), 'utf8');
    out.push({ name: e.name, data, store: true });
  }
  if (!out.some((e) => 'name' in e && /workbook\.xml$/.test(e.name))) throw corruptPackage(where, 'no workbook part');
  return writeZip(undefined, out);
}
