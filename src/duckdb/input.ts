import { createReadStream, createWriteStream, existsSync, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { FencengError } from '../app/errors.js';
import { decodeCsv } from '../ports/csv.js';

/**
 * What `recompute --engine duckdb` reads: one CSV, one Parquet file, or a
 * folder of them treated as one table (files in name order). CSVs that are
 * not UTF-8 (GB18030, UTF-16) are first re-encoded to a temporary UTF-8 copy
 * in one streaming pass, since DuckDB reads UTF-8 only.
 */
export interface InputFile {
  path: string;
  /** Shown as the "sheet" in issues. */
  name: string;
  kind: 'csv' | 'parquet';
  /** The encoding found (CSV). */
  encoding?: string;
}

const KINDS: Record<string, InputFile['kind']> = { '.csv': 'csv', '.txt': 'csv', '.parquet': 'parquet' };

export function listInputs(path: string): InputFile[] {
  if (!existsSync(path)) throw new FencengError('no-file', `找不到文件：${path} / File not found: ${path}`);
  const one = (p: string): InputFile | undefined => {
    const kind = KINDS[extname(p).toLowerCase()];
    return kind ? { path: p, name: basename(p), kind } : undefined;
  };
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path).sort().map((f) => one(join(path, f))).filter((f): f is InputFile => !!f && statSync(f.path).isFile());
    if (files.length === 0) throw new FencengError('no-file', `文件夹里没有 .csv 或 .parquet 文件：${path} / No .csv or .parquet files in the folder: ${path}`);
    return files;
  }
  const f = one(path);
  if (!f) throw new FencengError('unsupported-file', `DuckDB 引擎只读 .csv、.parquet 或它们的文件夹：${path} / The DuckDB engine reads .csv, .parquet or a folder of them: ${path}`);
  return [f];
}

const HEAD_BYTES = 1 << 20;

/** The first megabyte, cut after its last line break so no character is split. */
function head(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    const bytes = buf.subarray(0, n);
    if (n < HEAD_BYTES) return bytes;
    const nl = bytes.lastIndexOf(0x0a);
    return nl > 0 ? bytes.subarray(0, nl + 1) : bytes;
  } finally {
    closeSync(fd);
  }
}

/** A CSV's header row and encoding (explicit, else found as the JavaScript path finds it). */
export function csvHeader(path: string, encoding?: string): { header: string[]; encoding: string } {
  const { text, encoding: found } = decodeCsv(head(path), encoding);
  const records: string[][] = parse(text, { to: 1, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false });
  return { header: (records[0] ?? []).map((h) => h ?? ''), encoding: found };
}

/** Re-encodes a CSV to UTF-8 in one streaming pass. */
export async function toUtf8(path: string, encoding: string, target: string): Promise<void> {
  await pipeline(createReadStream(path), iconv.decodeStream(encoding), iconv.encodeStream('utf-8'), createWriteStream(target));
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** DuckDB's reader for a UTF-8 CSV: every cell text, exactly `width` columns c0…, ragged rows padded. */
export function readCsvSql(path: string, width: number): string {
  const columns = Array.from({ length: Math.max(1, width) }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${sqlText(path)}, header = true, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"', null_padding = true, strict_mode = false)`;
}

export function readParquetSql(path: string): string {
  return `read_parquet(${sqlText(path)})`;
}
