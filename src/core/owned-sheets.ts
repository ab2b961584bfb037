/** Sheets Fenceng owns and rewrites on every run; either name is recognised. */
export const OWNED_SHEETS = {
  overview: { zh: '分层概览', en: 'Tier overview' },
  issues: { zh: '问题', en: 'Issues' },
} as const;

export type OwnedSheetId = keyof typeof OWNED_SHEETS;

/** Reuse whichever language's sheet already exists, so switching locale never duplicates it. */
export function ownedSheetName(id: OwnedSheetId, existing: string[], locale: 'zh' | 'en'): string {
  const names = OWNED_SHEETS[id];
  return existing.find((n) => n === names.zh || n === names.en) ?? names[locale];
}

/** The members sheet: 成员 or Members, else the first sheet. */
export function membersSheetName(existing: string[]): string | undefined {
  return existing.find((n) => n.trim() === '成员') ?? existing.find((n) => n.trim().toLowerCase() === 'members') ?? existing[0];
}
