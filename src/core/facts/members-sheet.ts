import { findSheet } from '../base/bilingual.js';
import { OPERATOR_SHEETS, OPS_SHEETS, OWNED_SHEETS } from '../names/sheets.js';
import { mapHeaders, type HeaderMapping } from './headers.js';

/** Sheets Fenceng writes: they may have a 成员ID column but are never the members sheet. */
function isFencengSheet(name: string): boolean {
  if (name.startsWith('_fenceng')) return true;
  return [...Object.values(OWNED_SHEETS), ...Object.values(OPS_SHEETS)].some((n) => findSheet([name], n) !== undefined);
}

/**
 * Which sheet holds the members, judged by its headers: a sheet called 成员 /
 * Members (or 成员名单 …) if it has a member-ID column, else the first sheet
 * in tab order that has one (so a 说明 sheet in front is skipped), else the
 * sheet so named or the first one — which then fails with "no member ID
 * column", naming it.
 */
export function detectMembersSheet(names: readonly string[], headerOf: (sheet: string) => readonly string[] | undefined, mapping: HeaderMapping): string | undefined {
  const hasIdColumn = (sheet: string) => mapHeaders([...(headerOf(sheet) ?? [])], mapping).columns.memberId !== undefined;
  const named = findSheet(names, OPERATOR_SHEETS.members);
  if (named !== undefined && hasIdColumn(named)) return named;
  const byHeader = names.find((n) => n !== named && !isFencengSheet(n) && hasIdColumn(n));
  return byHeader ?? named ?? names.find((n) => !isFencengSheet(n)) ?? names[0];
}
