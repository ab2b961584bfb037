import { normalizeText } from '../base/cells.js';
import type { CellValue } from '../base/table.js';
import { civilDay, civilDayOfExcelSerial, civilDayOfWallClock, formatCivilDay } from '../base/time.js';

/**
 * A points period is a calendar month in the workbook's time zone, written
 * `2026-11`. Strings compare in time order.
 */
export function periodOf(day: number): string {
  return formatCivilDay(day).slice(0, 7);
}

/** First and last civil day of a period. */
export function periodDays(period: string): { first: number; last: number } {
  const [y, m] = period.split('-').map(Number);
  const first = civilDay(y, m, 1)!;
  const next = m === 12 ? civilDay(y + 1, 1, 1)! : civilDay(y, m + 1, 1)!;
  return { first, last: next - 1 };
}

/** A period as a sheet may hold it: `2026-11`, `2026/11`, `2026年11月`, or a date cell (spreadsheets like to turn `2026-11` into one). */
export function parsePeriod(cell: CellValue): string | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : periodOf(civilDayOfWallClock(cell));
  if (typeof cell === 'number') return cell >= 20000 && cell <= 80000 ? periodOf(civilDayOfExcelSerial(cell)) : undefined;
  if (typeof cell !== 'string') return undefined;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:[-/.]\d{1,2}日?)?$/.exec(normalizeText(cell));
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined;
}
