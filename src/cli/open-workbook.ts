import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { FencengError } from '../app/errors.js';
import { openCsv, type CsvWorkbook } from '../ports/csv.js';
import { XlsxWorkbook } from '../ports/xlsx.js';
import { shownPath } from './show-path.js';

export interface OpenedWorkbook {
  /** An .xlsx as it is, or a CSV's one table (its results are written by csv-results.ts). */
  workbook: XlsxWorkbook | CsvWorkbook;
  /** What was read: 'xlsx', or the CSV's encoding. */
  format: string;
}

/** Text exports: comma- or tab-separated, the separator and encoding sniffed. */
export const TEXT_EXTENSIONS = ['.csv', '.tsv', '.txt'];
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'];

/**
 * An .xlsx as it is, or a text export (.csv/.tsv/.txt: comma or tab
 * separated, UTF-8, GB18030 or UTF-16) turned into a one-sheet workbook. A
 * file that is really a workbook (a zip) is read as one whatever its name.
 */
export async function openWorkbook(path: string, encoding?: string, onProgress?: (done: number, total: number) => void): Promise<OpenedWorkbook> {
  if (!existsSync(path)) throw new FencengError('no-file', `找不到文件：${shownPath(path)} / File not found: ${shownPath(path)}`);
  if (statSync(path).isDirectory()) throw new FencengError('no-file', `这是文件夹，不是文件：${shownPath(path)} / This is a folder, not a file: ${shownPath(path)}`);
  const ext = extname(path).toLowerCase();
  try {
    if (isZip(path) && !WORKBOOK_EXTENSIONS.includes(ext)) return { workbook: await XlsxWorkbook.open(path), format: 'xlsx' };
    if (TEXT_EXTENSIONS.includes(ext)) {
      const { workbook, encoding: used } = await openCsv(path, { encoding, onProgress });
      return { workbook, format: `csv (${used})` };
    }
    if (WORKBOOK_EXTENSIONS.includes(ext)) return { workbook: await XlsxWorkbook.open(path), format: 'xlsx' };
  } catch (e) {
    if (e instanceof FencengError) throw e;
    const why = readFailure(e);
    throw new FencengError('unreadable-file', `无法读取 ${shownPath(path)}：${why.zh}，未写入任何内容 / Cannot read ${shownPath(path)}: ${why.en}; nothing written`);
  }
  throw new FencengError('unsupported-file', `只支持 .xlsx、.csv 和制表符分隔的 .txt/.tsv：${shownPath(path)} / Only .xlsx, .csv and tab-separated .txt/.tsv are supported: ${shownPath(path)}`);
}

/** A zip (an .xlsx) starts with PK\x03\x04. */
function isZip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

/** Default output: out/<name>.xlsx (a CSV's results are a workbook, with CSV beside it for sheets too large for one). */
export function defaultOutput(input: string): string {
  return join('out', `${basename(input, extname(input))}.xlsx`);
}

/** A library's reason in the operator's words: a damaged zip said plainly, a bilingual reason split, anything else as it is. */
function readFailure(e: unknown): { zh: string; en: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (/corrupted zip|central directory|end of data|invalid (or unsupported )?zip|zip file/i.test(message)) {
    return { zh: '文件已损坏或不完整（不是完整的 .xlsx，可能下载或复制中断）', en: 'the file is damaged or incomplete (not a whole .xlsx; maybe an interrupted download or copy)' };
  }
  const split = message.indexOf(' / ');
  if (/[\u4e00-\u9fff]/.test(message) && split > 0) return { zh: message.slice(0, split), en: message.slice(split + 3) };
  return { zh: message, en: message };
}
