import type { HeaderMapping } from '../core/headers.js';
import { detectMembersSheet } from '../core/members-sheet.js';
import type { Table } from '../core/table.js';
import type { WorkbookPort } from '../ports/port.js';
import { FencengError } from './errors.js';

/**
 * The members sheet as a table: the one named (`--sheet`), else the one its
 * headers give away. Sheets read while looking are not read twice.
 */
export function readMembersTable(port: WorkbookPort, names: string[], mapping: HeaderMapping, sheet?: string): Table {
  if (sheet !== undefined && !names.includes(sheet)) {
    throw new FencengError('no-members-sheet', `找不到工作表「${sheet}」，未写入任何内容（现有：${names.join('、')}） / No sheet "${sheet}", nothing written (sheets: ${names.join(', ')})`);
  }
  const read = new Map<string, Table | undefined>();
  const readOnce = (n: string) => (read.has(n) ? read.get(n) : read.set(n, port.read(n)).get(n));
  const name = sheet ?? detectMembersSheet(names, (n) => readOnce(n)?.header, mapping);
  const table = name === undefined ? undefined : readOnce(name);
  if (!table) throw new FencengError('no-members-sheet', '工作簿里没有成员表，未写入任何内容 / The workbook has no members sheet, nothing written');
  return table;
}
