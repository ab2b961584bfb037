import { FencengError } from '../../app/errors.js';

/**
 * What an .xlsx may hold before Fenceng refuses to read it, checked before
 * anything big is inflated or parsed. A 100k-member workbook has a 39 MB
 * members sheet and 73 MB of XML in all, so these leave room for ~600k
 * members; beyond that (or for a CSV export of up to a million rows) the
 * operator is told to use CSV.
 */

/** Uncompressed size of one part (one sheet's XML, the shared strings). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** Uncompressed size of the whole package. */
export const MAX_PACKAGE_BYTES = 1024 * 1024 * 1024;
/** Files inside the zip. */
export const MAX_ZIP_ENTRIES = 20_000;
/** Cells a sheet's table may span (rows × columns of its real extent, blanks included). */
export const MAX_TABLE_CELLS = 40_000_000;
/** Consecutive blank rows before a sheet's last filled row: more is a stray cell far below the data. */
export const MAX_BLANK_ROW_RUN = 100_000;
/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const USE_CSV_ZH = '请删除多余内容，或导出为 CSV 后再运行';
const USE_CSV_EN = 'remove what is not needed, or export to CSV and run on that';

export function corruptPackage(where: string, detail: string): FencengError {
  return new FencengError(
    'corrupt-xlsx',
    `${where} 已损坏，不是完整的 .xlsx 文件（${detail}）；请在 Excel/WPS 中打开并另存一次 / ` +
      `${where} is damaged, not a complete .xlsx file (${detail}); open it in Excel/WPS and save it again`,
  );
}

export function partTooLarge(where: string, part: string, size: number): FencengError {
  return new FencengError(
    'xlsx-too-large',
    `${where} 中的 ${part} 解压后有 ${mb(size)}，超过上限 ${mb(MAX_PART_BYTES)}；${USE_CSV_ZH} / ` +
      `${part} in ${where} is ${mb(size)} uncompressed, over the ${mb(MAX_PART_BYTES)} limit; ${USE_CSV_EN}`,
  );
}

export function packageTooLarge(where: string, detail: string): FencengError {
  return new FencengError(
    'xlsx-too-large',
    `${where} 超出可处理的大小（${detail}）；${USE_CSV_ZH} / ${where} is beyond what can be processed (${detail}); ${USE_CSV_EN}`,
  );
}

export function sheetTooLarge(sheet: string, rows: number, columns: number, lastCell: string): FencengError {
  return new FencengError(
    'sheet-too-large',
    `工作表「${sheet}」的数据范围是 ${rows.toLocaleString('en')} 行 × ${columns.toLocaleString('en')} 列（到 ${lastCell}），超过上限 ${MAX_TABLE_CELLS.toLocaleString('en')} 个单元格；${USE_CSV_ZH} / ` +
      `Sheet "${sheet}" spans ${rows.toLocaleString('en')} rows × ${columns.toLocaleString('en')} columns (to ${lastCell}), over the ${MAX_TABLE_CELLS.toLocaleString('en')}-cell limit; ${USE_CSV_EN}`,
  );
}

export function strayCell(sheet: string, cell: string, blankRows: number): FencengError {
  return new FencengError(
    'stray-cell',
    `工作表「${sheet}」在 ${cell} 之前有 ${blankRows.toLocaleString('en')} 个连续空行：${cell} 像是误填的单元格，请删除后重试 / ` +
      `Sheet "${sheet}" has ${blankRows.toLocaleString('en')} blank rows in a row before ${cell}: ${cell} looks like a stray cell, delete it and retry`,
  );
}

/** A cell longer than Excel allows: Fenceng would have to write it back cut, so it refuses instead (the operator's text is theirs to shorten). */
export function cellTooLong(sheet: string, ref: string, length: number): FencengError {
  const n = length.toLocaleString('en-US');
  return new FencengError(
    'cell-too-long',
    `「${sheet}」!${ref} 有 ${n} 个字符，超过 Excel 单元格上限 32,767，未写入任何内容；请在 Excel/WPS 中缩短后再运行 / ` +
      `${sheet}!${ref} holds ${n} characters, over Excel's 32,767-character cell limit; nothing written; shorten it in Excel/WPS and run again`,
  );
}
