import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import type { CellValue, Table } from '../../core/base/table.js';
import { csvDecoder, sniffEncoding, type CsvDecoder, type EncodingGuess } from './decode.js';
import { plainNumber, sniffDelimiter } from './cells.js';

export interface CsvReadOptions {
  /** Force an encoding (any name iconv-lite knows, e.g. 'gbk'); otherwise it is detected. */
  encoding?: string;
  /** Name of the one sheet the CSV becomes. */
  sheetName?: string;
  /** Bytes read so far of all: for a progress bar on a million-row export. */
  onProgress?: (done: number, total: number) => void;
}

export interface CsvRead {
  table: Table;
  encoding: string;
  /** The separator found in the header line: results are written with the same one. */
  delimiter: string;
  /** '\r\n' when the header line ends so (Excel on Windows), else '\n'. */
  lineBreak: string;
}

/** Bytes decoded and parsed at a time: the whole text is never held, only this much of it. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * The CSV as one table, read in one streaming pass: the bytes are decoded
 * and parsed a chunk at a time and each record becomes its row as it comes,
 * so neither the file's bytes nor its text is ever held whole. A file that
 * turns out not to be UTF-8 is read again as GB18030 (detection as in
 * decode.ts).
 */
export async function readCsv(source: string | Buffer, opts: CsvReadOptions = {}): Promise<CsvRead> {
  const first = await headBytes(source);
  const guess = sniffEncoding(first, opts.encoding);
  try {
    return await readAs(source, guess, opts);
  } catch (e) {
    if (!(e instanceof NotUtf8) || opts.encoding) throw e;
    return readAs(source, { encoding: 'gb18030', skip: 0, fatal: false }, opts);
  }
}

/** The UTF-8 guess was wrong: some bytes past the first chunk are not UTF-8. */
class NotUtf8 extends Error {}

async function readAs(source: string | Buffer, how: EncodingGuess, opts: CsvReadOptions): Promise<CsvRead> {
  const decoder = csvDecoder(how.encoding, how.fatal, how.stripBom);
  const total = typeof source === 'string' ? statSync(source).size : source.length;
  const rows: CellValue[][] = [];
  let header: string[] | undefined;
  let delimiter: string | undefined;
  let lineBreak = '\n';
  let parser: ReturnType<typeof parse> | undefined;
  const failed: unknown[] = [];
  let done = how.skip;

  const start = (text: string) => {
    delimiter = sniffDelimiter(text);
    const eol = /\r?\n/.exec(text);
    if (eol) lineBreak = eol[0];
    parser = parse({
      delimiter,
      relax_column_count: true, // exports often have ragged rows
      relax_quotes: true, // a stray " inside a nickname must not abort the run
      skip_empty_lines: false, // blank lines keep their row numbers
      trim: false,
    });
    parser.on('readable', () => {
      let record: string[] | null;
      while ((record = parser!.read()) !== null) {
        if (header === undefined) header = record;
        else rows.push(toRow(record, header.length));
      }
    });
    parser.on('error', (e) => failed.push(e));
  };
  const feed = (text: string) => {
    if (!text) return;
    if (!parser) start(text);
    parser!.write(text);
  };

  for await (const chunk of chunks(source, how.skip)) {
    feed(decode(decoder, chunk));
    done += chunk.length;
    opts.onProgress?.(done, total);
    if (failed.length) throw failed[0];
  }
  feed(decode(decoder, undefined));
  if (parser) {
    parser.end();
    await new Promise<void>((resolve, reject) => {
      parser!.on('end', resolve);
      parser!.on('error', reject);
    });
  }
  if (failed.length) throw failed[0];
  // Trailing blank lines are not rows (a blank line in the middle is).
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
  const names = header && !(rows.length === 0 && header.every((h) => h === '')) ? header : [];
  return { table: { sheet: opts.sheetName ?? '成员', header: names.map((h) => h ?? ''), rows }, encoding: decoder.name, delimiter: delimiter ?? ',', lineBreak };
}

/**
 * One record as a row at least as wide as the header (a short record's
 * missing cells are empty, as in a sheet): '' is an empty cell, a plain
 * number a number, anything else the text as written.
 */
function toRow(record: string[], width: number): CellValue[] {
  const row: CellValue[] = new Array(Math.max(width, record.length)).fill(null);
  for (let i = 0; i < record.length; i++) row[i] = record[i] === '' ? null : plainNumber(record[i]);
  return row;
}

function decode(decoder: CsvDecoder, bytes: Uint8Array | undefined): string {
  try {
    return bytes ? decoder.write(bytes) : decoder.end();
  } catch (e) {
    if (e instanceof TypeError) throw new NotUtf8();
    throw e;
  }
}

/** The file (or buffer) after `skip` bytes (a BOM), a chunk at a time. */
async function* chunks(source: string | Buffer, skip: number): AsyncGenerator<Uint8Array> {
  if (typeof source !== 'string') {
    for (let at = skip; at < source.length; at += CHUNK_BYTES) yield source.subarray(at, Math.min(source.length, at + CHUNK_BYTES));
    return;
  }
  for await (const chunk of createReadStream(source, { start: skip, highWaterMark: CHUNK_BYTES })) yield chunk as Buffer;
}

/** The first bytes, for the BOM. */
async function headBytes(source: string | Buffer): Promise<Uint8Array> {
  if (typeof source !== 'string') return source.subarray(0, 4);
  for await (const chunk of createReadStream(source, { start: 0, end: 3 })) return chunk as Buffer;
  return new Uint8Array(0);
}
