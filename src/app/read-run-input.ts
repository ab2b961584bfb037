import { findSheet } from '../core/base/bilingual.js';
import type { Table } from '../core/base/table.js';
import { adminsSheetName, OWNED_SHEETS, STATE_SHEET, type OpsSheetId } from '../core/names/sheets.js';
import { operationsSheetsToRead } from '../core/run/plan-operations.js';
import { ownedAdminSheets } from '../core/run/plan-tiers.js';
import type { RunSheets } from '../core/run/run-input.js';
import type { WorkbookPort } from '../ports/port.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import { readMembersTable } from './members-table.js';

/**
 * Every sheet a run needs, each read once, before anything is planned: the
 * members sheet, Fenceng's state, the movement history it appends to, the
 * operator's 管理员 sheet and the per-admin sheets it made (for the admins'
 * notes), then the content, interaction, points and dashboard sheets.
 */
export function readRunSheets(port: WorkbookPort, mapping: HeaderMapping, membersSheet?: string): RunSheets {
  const names = port.sheetNames();
  // Sheets looked at while finding the members sheet are not read again.
  const cache = new Map<string, Table | undefined>();
  const readOnce = (name: string): Table | undefined => (cache.has(name) ? cache.get(name) : cache.set(name, port.read(name)).get(name));
  const read = (name: string | undefined): Table | undefined => (name !== undefined && names.includes(name) ? readOnce(name) : undefined);
  const members = readMembersTable(names, readOnce, mapping, membersSheet);
  const state = read(STATE_SHEET);
  const movements = read(findSheet(names, OWNED_SHEETS.movements));
  const admins = read(adminsSheetName(names));
  const adminSheets = ownedAdminSheets(state)
    .map(read)
    .filter((t): t is Table => t !== undefined);
  const operations: RunSheets['operations'] = {};
  for (const [id, name] of Object.entries(operationsSheetsToRead(names)) as Array<[OpsSheetId | 'trend' | 'ledgerCarry', string]>) {
    const t = readOnce(name);
    if (t) operations[id] = t;
  }
  return { names, members, state, movements, admins, adminSheets, operations };
}
