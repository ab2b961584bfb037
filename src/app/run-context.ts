import { ownedAdminSheets, type PlanInput } from '../core/run/plan-tiers.js';
import { findSheet } from '../core/base/bilingual.js';
import { adminsSheetName, OWNED_SHEETS, STATE_SHEET } from '../core/names/sheets.js';
import type { Table } from '../core/base/table.js';
import type { WorkbookPort } from '../ports/port.js';

/**
 * The sheets a run reads besides the members sheet: Fenceng's state, the
 * movement history it appends to, the operator's 管理员 sheet and the
 * per-admin sheets it made (for the admins' notes). One read per sheet.
 */
export function readRunContext(port: WorkbookPort, names: string[]): Pick<PlanInput, 'state' | 'movements' | 'admins' | 'adminSheets'> {
  const read = (name: string | undefined): Table | undefined => (name !== undefined && names.includes(name) ? port.read(name) : undefined);
  const state = read(STATE_SHEET);
  const movements = read(findSheet(names, OWNED_SHEETS.movements));
  const admins = read(adminsSheetName(names));
  const adminSheets = ownedAdminSheets(state)
    .map(read)
    .filter((t): t is Table => t !== undefined);
  return { state, movements, admins, adminSheets };
}
