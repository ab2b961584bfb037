import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Locale } from '../core/base/locale.js';
import type { Table } from '../core/base/table.js';
import { oversizedSheets, XLSX_SHEET_LIMITS, type OversizedSheet, type SheetLimits } from '../app/oversized-sheets.js';
import { writeFileAtomic } from '../ports/atomic-write.js';
import type { CsvWorkbook } from '../ports/csv.js';
import { writeCsvFile } from '../ports/csv/write.js';
import type { Progress } from './progress.js';
import { count } from '../core/base/locale.js';
import { shownPath } from './show-path.js';

/** A sheet written as its own CSV beside the .xlsx. */
export interface CsvPart extends OversizedSheet {
  path: string;
}

export interface CsvRunOutput {
  /** The .xlsx: the whole result, or (when `parts` is not empty) every sheet that fits, led by the 文件说明 sheet. */
  xlsx: string;
  parts: CsvPart[];
}

/** The first tab of a split result: which sheet went where, and why. */
export const FILES_SHEET: Record<Locale, string> = { zh: '文件说明', en: 'Files' };

/**
 * A CSV run's result. When every sheet fits an .xlsx it is one workbook at
 * `output`, exactly as before. Otherwise each sheet that does not fit (the
 * members with Fenceng's columns, a ledger of a million lines…) is written
 * as `<output name>.<sheet>.csv` next to it — UTF-8 with a BOM, the input's
 * separator — and `output` holds every other sheet, led by 文件说明 saying
 * where the rest are. The CSV parts are written first, so a failure leaves
 * no .xlsx pointing at files that are not there.
 */
export async function writeCsvRunOutput(
  workbook: CsvWorkbook,
  output: string,
  opts: { locale: Locale; status: Progress; limits?: SheetLimits },
): Promise<CsvRunOutput> {
  const big = oversizedSheets(
    workbook.sheetNames().map((sheet) => ({ sheet, grid: workbook.grid(sheet) ?? [] })),
    opts.limits ?? XLSX_SHEET_LIMITS,
  );
  const parts = big.map((s) => ({ ...s, path: csvPathFor(output, s.sheet) }));
  for (const part of parts) {
    opts.status.stage(`写入 CSV / Writing CSV「${part.sheet}」`, `${count(part.rows)} 行 / rows → ${shownPath(part.path)}`);
    await writeCsvFile(part.path, workbook.grid(part.sheet) ?? [], { delimiter: workbook.delimiter, lineBreak: workbook.lineBreak, onProgress: (d, t) => opts.status.update(d, t) });
  }
  opts.status.stage('保存 / Saving', shownPath(output));
  const guide = parts.length ? filesSheet(parts, opts.locale) : undefined;
  const book = await workbook.toXlsx(new Set(parts.map((p) => p.sheet)), guide);
  await writeFileAtomic(output, book.toBuffer(), { makeParents: true });
  return { xlsx: output, parts };
}

/** out/x.xlsx + 成员 → out/x.成员.csv (a character no file name may hold becomes _). */
export function csvPathFor(output: string, sheet: string): string {
  const abs = resolve(output);
  return join(dirname(abs), `${basename(abs, extname(abs))}.${sheet.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_')}.csv`);
}

function filesSheet(parts: CsvPart[], locale: Locale): Table {
  return {
    sheet: FILES_SHEET[locale],
    header: ['工作表 / Sheet', '行数（含表头） / Rows (with header)', '列数 / Columns', '写在 / Written to', '原因 / Why'],
    rows: [
      ...parts.map((p) => [p.sheet, p.rows, p.columns, basename(p.path), `${p.why.zh} / ${p.why.en}`]),
      [],
      ['其余工作表都在本工作簿中。CSV 为 UTF-8（带 BOM），Excel/WPS 可直接打开。 / Every other sheet is in this workbook. The CSV files are UTF-8 (with a BOM); Excel/WPS open them as they are.'],
    ],
  };
}

/** The lines the CLI prints about a split result. */
export function csvRunLines(out: CsvRunOutput): string[] {
  if (!out.parts.length) return [`已写入 / Written: ${shownPath(out.xlsx)}`];
  return [
    `结果超出一个 .xlsx 的容量，分开写入 / The result is larger than one .xlsx holds; written in parts:`,
    `  ${shownPath(out.xlsx)}：其余工作表（首页「文件说明」）/ every other sheet (first tab: the list of files)`,
    ...out.parts.map((p) => `  ${shownPath(p.path)}：「${p.sheet}」${count(p.rows)} 行（${p.why.zh}）/ "${p.sheet}", ${count(p.rows)} rows (${p.why.en})`),
  ];
}
