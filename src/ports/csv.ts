import { readFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { XlsxWorkbook } from './xlsx.js';

export interface CsvOptions {
  /** Force an encoding (any name iconv-lite knows, e.g. 'gbk'); otherwise it is detected. */
  encoding?: string;
  /** Name of the one sheet the CSV becomes. */
  sheetName?: string;
}

/**
 * A CSV or tab-separated text export (Excel/WPS "文本文件(制表符分隔)" and
 * "Unicode 文本", which is UTF-16LE) as a one-sheet workbook; the separator
 * is sniffed from the header line. A plain number ("0", "12", "-3.5") becomes
 * a number, so the written workbook has numbers Excel can SUM; everything
 * else stays the string it was ('' becomes an empty cell): "1.2万", "2,012",
 * "00123", "+15" or a 16-digit ID are for the core to interpret.
 */
export async function openCsv(
  pathOrBuffer: string | Buffer,
  opts: CsvOptions = {},
): Promise<{ workbook: XlsxWorkbook; encoding: string }> {
  const bytes = typeof pathOrBuffer === 'string' ? await readFile(pathOrBuffer) : pathOrBuffer;
  const { text, encoding } = decodeCsv(bytes, opts.encoding);
  const records: string[][] = parse(text, {
    delimiter: sniffDelimiter(text),
    relax_column_count: true, // exports often have ragged rows
    relax_quotes: true, // a stray " inside a nickname must not abort the run
    skip_empty_lines: false, // blank lines keep their row numbers
    trim: false,
  });
  const grid: Array<Array<string | number | null>> = records.map((r) => r.map((v) => (v === '' ? null : v)));
  while (grid.length > 0 && grid[grid.length - 1].every((v) => v === null)) grid.pop();
  const header = (grid[0] ?? []).map((v) => String(v ?? ''));
  const rows = grid.slice(1).map((r) => r.map((v) => (typeof v === 'string' ? plainNumber(v) : v)));
  const workbook = await XlsxWorkbook.create([{ sheet: opts.sheetName ?? '成员', header, rows }]);
  return { workbook, encoding };
}

/**
 * Explicit encoding wins; else a BOM; else UTF-8 if the bytes are valid UTF-8;
 * else GB18030, which is what Chinese Excel/WPS save as "CSV" (a superset of GBK).
 */
export function decodeCsv(bytes: Uint8Array, encoding?: string): { text: string; encoding: string } {
  if (encoding) {
    if (!iconv.encodingExists(encoding)) throw new Error(`不认识的编码：${encoding} / Unknown encoding: ${encoding}`);
    return { text: iconv.decode(Buffer.from(bytes), encoding), encoding: encoding.toLowerCase() };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8(bytes.subarray(3)), encoding: 'utf-8' };
  // Excel's "Unicode text" export is UTF-16 with a BOM.
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * Tab, comma or semicolon: whichever the header line (outside quotes) has
 * most of, tabs winning ties; a one-column file is read as comma-separated.
 */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[','] && counts['\t'] >= counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

// 0, 12, -3.5 — not 00123 (an ID), +15, 1e5, 2,012 or "-0"; at most 15 digits, so Excel keeps every one.
const PLAIN_NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** A cell that is a number in the operator's sense becomes one; anything else stays as written. */
export function plainNumber(cell: string): string | number {
  if (!PLAIN_NUMBER_RE.test(cell) || cell === '-0' || cell.replace(/\D/g, '').replace(/^0+/, '').length > 15) return cell;
  const n = Number(cell);
  return Number.isFinite(n) ? n : cell;
}
