/**
 * The CSV adapter's workbook (what `openCsv` returns) honours the port
 * contract: it starts from a CSV of the first sheet's header, and the
 * contract's sheets are written through the port itself. Hidden is checked
 * where Excel would see it: in the .xlsx the workbook is saved as.
 */
import JSZip from 'jszip';
import type { CellValue } from '../../src/core/base/table.js';
import { openCsv, type CsvWorkbook } from '../../src/ports/csv.js';
import { describePortContract } from './port-contract.js';

const csvLine = (row: CellValue[]): string => row.map((v) => `"${String(v ?? '').replace(/"/g, '""')}"`).join(',');

async function hiddenSheets(bytes: Buffer): Promise<Set<string>> {
  const book = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
  const out = new Set<string>();
  for (const [tag] of book.matchAll(/<sheet\b[^>]*>/g)) if (/\bstate="hidden"/.test(tag)) out.add(/\bname="([^"]*)"/.exec(tag)![1]);
  return out;
}

describePortContract(
  'CSV (openCsv)',
  async (initial) => {
    const [first, ...rest] = Object.entries(initial);
    const { workbook } = await openCsv(Buffer.from(`${csvLine(first[1][0] ?? [])}\n`, 'utf8'), { sheetName: first[0] });
    await workbook.apply({ sheets: [first, ...rest].map(([sheet, rows]) => ({ kind: 'replace' as const, sheet, rows })) });
    return workbook;
  },
  // Hidden as Excel sees it: the sheet's state in the package the workbook would save.
  { isHidden: async (port, sheet) => (await hiddenSheets(Buffer.from((await (port as CsvWorkbook).toXlsx()).toBuffer()))).has(sheet) },
);
