import type { Locale } from '../base/locale.js';
import { formatCivilDay } from '../base/time.js';

/**
 * The planning calendar in civil days (see core/time.ts): weeks run Monday
 * to Sunday, and the window is N whole weeks from the Monday of the week
 * that holds today, so a re-run later in the same week plans the same weeks.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const WEEKDAY_LABELS: Record<Locale, readonly string[]> = {
  zh: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/** 0 = Monday … 6 = Sunday. Civil day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOf(day: number): number {
  return day - weekdayOf(day);
}

/** Weeks since the Monday 1970-01-05: "every 2 weeks" stays on the same weeks as the window moves. */
export function weekNumber(day: number): number {
  return Math.floor((mondayOf(day) - 4) / 7);
}

export interface PlanWindow {
  /** Monday of the first week. */
  start: number;
  weeks: number;
  /** First day after the window. */
  end: number;
  /** Nothing new is planned before today; earlier days of this week keep what was planned. */
  today: number;
}

export function planWindow(today: number, weeks: number): PlanWindow {
  const start = mondayOf(today);
  return { start, weeks, end: start + weeks * 7, today };
}

/** Week index inside the window (0-based); negative before it. */
export function weekIndex(w: PlanWindow, day: number): number {
  return Math.floor((day - w.start) / 7);
}

export function inWindow(w: PlanWindow, day: number): boolean {
  return day >= w.start && day < w.end;
}

export function weekdayLabel(day: number, locale: Locale): string {
  return WEEKDAY_LABELS[locale][weekdayOf(day)];
}

/** `第1周 11-23~11-29` / `Week 1 11-23–11-29`; weeks before the window are named by their dates only. */
export function weekLabel(w: PlanWindow, day: number, locale: Locale): string {
  const monday = mondayOf(day);
  const span = `${formatCivilDay(monday).slice(5)}~${formatCivilDay(monday + 6).slice(5)}`;
  const i = weekIndex(w, day);
  if (i < 0) return span;
  return locale === 'zh' ? `第${i + 1}周 ${span}` : `Week ${i + 1} ${span}`;
}

/** Days of one week in the order of preference (weekday names), from `from` on. */
export function daysByPreference(monday: number, preference: readonly Weekday[], from: number): number[] {
  const order = [...preference, ...WEEKDAYS.filter((d) => !preference.includes(d))];
  return order.map((d) => monday + WEEKDAYS.indexOf(d)).filter((day) => day >= from);
}

/** A wall-clock Date (UTC fields = the date) for writing a civil day into a sheet. */
export function dateCell(day: number): Date {
  return new Date(day * 86_400_000);
}
