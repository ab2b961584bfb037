/**
 * What the Apps Script entries say to the user, and in which language: the
 * menu's recompute and the sidebar share these.
 */
import type { Locale } from '../core/base/locale.js';

/** 'en' for English UI locales (en, en_US, …), else Chinese. '' happens in some auth modes; Session may throw before authorization. */
export function userLocale(): Locale {
  try {
    return /^en/i.test(Session.getActiveUserLocale() || '') ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** An alert when a user is looking; getUi throws from triggers, so fall back to a toast. */
export function tell(title: string, message: string, ss: GoogleAppsScript.Spreadsheet.Spreadsheet | null = SpreadsheetApp.getActiveSpreadsheet()): void {
  try {
    const ui = SpreadsheetApp.getUi();
    ui.alert(title, message, ui.ButtonSet.OK);
  } catch {
    ss?.toast(message, title, 30);
  }
}

/** Errors may come from another realm (tests) or be thrown non-Errors. */
export function messageOf(err: unknown): string {
  const m = (err as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : String(err);
}
