import { findSheet } from '../core/base/bilingual.js';
import type { Table } from '../core/base/table.js';
import { adminsSheetName, membersSheetName, OWNED_SHEETS, STATE_SHEET, type OpsSheetId } from '../core/names/sheets.js';
import { operationsSheetsToRead } from '../core/run/plan-operations.js';
import { ownedAdminSheets } from '../core/run/plan-tiers.js';
import type { RunSheets } from '../core/run/run-input.js';
import type { WorkbookPort } from '../ports/port.js';
import { FencengError } from './errors.js';

/**
 * Every sheet a run needs, each read once, before anything is planned: the
 * members sheet, Fenceng's state, the movement history it appends to, the
 * operator's 管理员 sheet and the per-admin sheets it made (for the admins'
 * notes), then the content, interaction, points and dashboard sheets.
 */
export function readRunSheets(port: WorkbookPort): RunSheets {
  const names = port.sheetNames();
  const read = (name: string | undefined): Table | undefined => (name !== undefined && names.includes(name) ? port.read(name) : undefined);
  const sheet = membersSheetName(names);
  const members = sheet === undefined ? undefined : port.read(sheet);
  if (!members) throw new FencengError('no-members-sheet', '工作簿里没有成员表 / The workbook has no members sheet');
  const state = read(STATE_SHEET);
  const movements = read(findSheet(names, OWNED_SHEETS.movements));
  const admins = read(adminsSheetName(names));
  const adminSheets = ownedAdminSheets(state)
    .map(read)
    .filter((t): t is Table => t !== undefined);
  const operations: RunSheets['operations'] = {};
  for (const [id, name] of Object.entries(operationsSheetsToRead(names)) as Array<[OpsSheetId | 'trend', string]>) {
    const t = port.read(name);
    if (t) operations[id] = t;
  }
  return { names, members, state, movements, admins, adminSheets, operations };
}
