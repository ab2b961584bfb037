import { expect } from 'vitest';
import type { CellValue } from '../../src/core/base/table.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';

/** One column of the 成员 sheet in a written workbook, by header (the header must be there). */
export async function membersColumn(path: string, header: string): Promise<CellValue[]> {
  const t = (await XlsxWorkbook.open(path)).read('成员')!;
  const i = t.header.indexOf(header);
  expect(i, header).toBeGreaterThanOrEqual(0);
  return t.rows.map((r) => r[i] ?? null);
}
