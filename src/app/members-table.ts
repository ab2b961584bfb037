import type { Table } from '../core/base/table.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import { detectMembersSheet } from '../core/facts/members-sheet.js';
import { FencengError } from './errors.js';

/**
 * The members sheet as a table: the one named (`--sheet`), else the one its
 * headers give away. `readOnce` reads each sheet at most once.
 */
export function readMembersTable(names: string[], readOnce: (sheet: string) => Table | undefined, mapping: HeaderMapping, sheet?: string): Table {
  if (sheet !== undefined && !names.includes(sheet)) {
    throw new FencengError('no-members-sheet', `找不到工作表「${sheet}」，未写入任何内容（现有：${names.join('、')}） / No sheet "${sheet}", nothing written (sheets: ${names.join(', ')})`);
  }
  const name = sheet ?? detectMembersSheet(names, (n) => readOnce(n)?.header, mapping);
  const table = name === undefined ? undefined : readOnce(name);
  if (!table) throw new FencengError('no-members-sheet', '工作簿里没有成员表，未写入任何内容 / The workbook has no members sheet, nothing written');
  return table;
}
