import { findSheet, type Bilingual } from '../base/bilingual.js';
import type { Locale } from '../rules/explain.js';

/**
 * Names operators see for the content, interaction, points and dashboard
 * sheets. Either language is recognised on input; a sheet that already
 * exists under one name keeps it, so switching locale never duplicates it.
 */
export type { Bilingual };

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

/** Tier counts per run, for the dashboard's trend: hidden, same name in every locale. */
export const TREND_SHEET = '_fenceng_trend';

/** The managed column on the members sheet. */
export const POINTS_BALANCE_COLUMN: Bilingual = { zh: '积分余额', en: 'Points balance' };

/** The existing sheet with either name (spaces and case forgiven), if any. */
export function findOpsSheet(id: OpsSheetId, existing: string[]): string | undefined {
  return findSheet(existing, OPS_SHEETS[id]);
}

/** Where to write a sheet Fenceng owns: the existing one under either name, else the locale's. */
export function opsSheetName(id: OpsSheetId, existing: string[], locale: Locale): string {
  return findOpsSheet(id, existing) ?? OPS_SHEETS[id][locale];
}

/** `zh / en` (or `en / zh`) for messages that must read in both languages. */
export function both(zh: string, en: string, locale: Locale = 'zh'): string {
  return locale === 'zh' ? `${zh} / ${en}` : `${en} / ${zh}`;
}

/** One language, for headers and cells. */
export function say(locale: Locale, zh: string, en: string): string {
  return locale === 'zh' ? zh : en;
}

/**
 * A text cell as the operator wrote it, only trimmed: titles and notes are
 * written back, so full-width punctuation must survive (parseText would
 * turn ：into :). Numbers become their digits; anything else is ''.
 */
export function rawText(cell: unknown): string {
  if (typeof cell === 'string') return cell.replace(/^[\s\u3000\u00A0\uFEFF]+|[\s\u3000\u00A0\uFEFF]+$/g, '');
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  return '';
}
