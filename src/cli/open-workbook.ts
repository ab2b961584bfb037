import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { FencengError } from '../app/errors.js';
import { openCsv } from '../ports/csv.js';
import { XlsxWorkbook } from '../ports/xlsx.js';

export interface OpenedWorkbook {
  workbook: XlsxWorkbook;
  /** What was read: 'xlsx', or the CSV's encoding. */
  format: string;
}

/** An .xlsx as it is, or a .csv (UTF-8 or GB18030) turned into a one-sheet workbook. */
export async function openWorkbook(path: string, encoding?: string): Promise<OpenedWorkbook> {
  if (!existsSync(path)) throw new FencengError('no-file', `找不到文件：${path} / File not found: ${path}`);
  const ext = extname(path).toLowerCase();
  try {
    if (ext === '.csv' || ext === '.txt') {
      const { workbook, encoding: used } = await openCsv(path, { encoding });
      return { workbook, format: `csv (${used})` };
    }
    if (ext === '.xlsx' || ext === '.xlsm') return { workbook: await XlsxWorkbook.open(path), format: 'xlsx' };
  } catch (e) {
    if (e instanceof FencengError) throw e;
    throw new FencengError('unreadable-file', `无法读取 ${path}：${(e as Error).message} / Cannot read ${path}: ${(e as Error).message}`);
  }
  throw new FencengError('unsupported-file', `只支持 .xlsx 和 .csv：${path} / Only .xlsx and .csv are supported: ${path}`);
}

/** Default output: out/<name>.xlsx (a CSV's results are always a workbook). */
export function defaultOutput(input: string): string {
  return join('out', `${basename(input, extname(input))}.xlsx`);
}
