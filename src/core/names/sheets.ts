import { findSheet } from '../base/bilingual.js';

/** Sheets Fenceng owns and rewrites on every run; either name is recognised. */
export const OWNED_SHEETS = {
  overview: { zh: '分层概览', en: 'Tier overview' },
  issues: { zh: '问题', en: 'Issues' },
  assignments: { zh: '管理员分配', en: 'Assignments' },
  movements: { zh: '分层变动', en: 'Movements' },
} as const;

/** Fenceng's memory between runs (tier history for grace periods, sheets it made): hidden, same name in every locale. */
export const STATE_SHEET = '_fenceng_state';

/** The operator's admin team: 管理员 or Admins. */
export function adminsSheetName(existing: string[]): string | undefined {
  return findSheet(existing, { zh: '管理员', en: 'Admins' });
}

export type OwnedSheetId = keyof typeof OWNED_SHEETS;

/** Reuse whichever language's sheet already exists, so switching locale never duplicates it. */
export function ownedSheetName(id: OwnedSheetId, existing: string[], locale: 'zh' | 'en'): string {
  return findSheet(existing, OWNED_SHEETS[id]) ?? OWNED_SHEETS[id][locale];
}

/** The members sheet: 成员 or Members, else the first sheet. */
export function membersSheetName(existing: string[]): string | undefined {
  return findSheet(existing, { zh: '成员', en: 'Members' }) ?? existing[0];
}
