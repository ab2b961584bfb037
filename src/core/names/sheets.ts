import { findSheet, type Bilingual } from '../base/bilingual.js';
import type { Locale } from '../base/locale.js';

/**
 * Every sheet name Fenceng reads or writes, in one place. Names operators
 * see come in both languages; either is recognised on input, and a sheet
 * that already exists under one name keeps it, so switching locale never
 * duplicates it. Hidden sheets have one name in every locale.
 */

/** The operator's sheets the tier pass reads. */
export const OPERATOR_SHEETS = {
  /** The members sheet; when none is so named, the sheet whose headers show members (facts/members-sheet.ts). */
  members: { zh: '成员', en: 'Members', also: ['成员名单', '成员列表', '群成员', '粉丝名单', 'Member list'] },
  /** The admin team: when present, members are assigned to admins. */
  admins: { zh: '管理员', en: 'Admins' },
} as const satisfies Record<string, Bilingual>;

/** Sheets of the tier pass that Fenceng owns and rewrites on every run. */
export const OWNED_SHEETS = {
  overview: { zh: '分层概览', en: 'Tier overview' },
  issues: { zh: '问题', en: 'Issues' },
  assignments: { zh: '管理员分配', en: 'Assignments' },
  movements: { zh: '分层变动', en: 'Movements' },
  /** Members who need attention now (grace periods, falls in activity), most urgent first. */
  churn: { zh: '流失预警', en: 'Churn warning', also: ['Churn warnings'] },
} as const satisfies Record<string, Bilingual>;

export type OwnedSheetId = keyof typeof OWNED_SHEETS;

/** The content, interaction, points and dashboard sheets. */
export const OPS_SHEETS = {
  /** Filled by the operator. */
  contentLibrary: { zh: '内容库', en: 'Content library' },
  /** Filled by the operator; Fenceng adds an ID, a status and a note column. */
  redemptions: { zh: '积分兑换', en: 'Redemptions' },
  contentPlan: { zh: '内容计划', en: 'Content plan' },
  interactionPlan: { zh: '互动计划', en: 'Interaction plan' },
  invites: { zh: '邀请名单', en: 'Invite list' },
  /** Append-only. */
  ledger: { zh: '积分流水', en: 'Points ledger' },
  leaderboard: { zh: '排行榜', en: 'Leaderboards' },
  honors: { zh: '荣誉', en: 'Honors' },
  dashboard: { zh: '运营看板', en: 'Dashboard' },
} as const satisfies Record<string, Bilingual>;

export type OpsSheetId = keyof typeof OPS_SHEETS;

/** One sheet per active regular admin: 分配-张三 / Admin-张三. */
export const ADMIN_SHEET_PREFIX: Record<Locale, string> = { zh: '分配-', en: 'Admin-' };

/** Fenceng's memory between runs (tier history for grace periods, sheets it made): hidden, same name in every locale. */
export const STATE_SHEET = '_fenceng_state';

/** Tier counts per run, for the dashboard's trend: hidden, same name in every locale. */
export const TREND_SHEET = '_fenceng_trend';

/** The hidden sheet that holds the workbook's rules and their history. */
export const RULES_SHEET = '_fenceng_rules';

/** The operator's admin team: 管理员 or Admins. */
export function adminsSheetName(existing: string[]): string | undefined {
  return findSheet(existing, OPERATOR_SHEETS.admins);
}

/** Reuse whichever language's sheet already exists, so switching locale never duplicates it. */
export function ownedSheetName(id: OwnedSheetId, existing: string[], locale: Locale): string {
  return findSheet(existing, OWNED_SHEETS[id]) ?? OWNED_SHEETS[id][locale];
}

/** The existing sheet with either name (spaces and case forgiven), if any. */
export function findOpsSheet(id: OpsSheetId, existing: string[]): string | undefined {
  return findSheet(existing, OPS_SHEETS[id]);
}

/** Where to write a sheet Fenceng owns: the existing one under either name, else the locale's. */
export function opsSheetName(id: OpsSheetId, existing: string[], locale: Locale): string {
  return findOpsSheet(id, existing) ?? OPS_SHEETS[id][locale];
}
