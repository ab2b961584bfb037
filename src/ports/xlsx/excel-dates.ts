import { wallClockOfExcelSerial } from '../../core/base/time.js';

/**
 * Excel stores dates as day serials. Fenceng speaks wall-clock Dates (the
 * UTC fields are the time shown), so no time zone is involved either way.
 */

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
/** Days between the 1900 and 1904 date systems (Mac Excel's epoch). */
const DATE1904_OFFSET = 1462;

/** The wall-clock Date a cell serial shows. */
export function wallClockOfSerial(serial: number, date1904: boolean): Date {
  return wallClockOfExcelSerial(date1904 ? serial + DATE1904_OFFSET : serial);
}

/**
 * The serial to store for a wall-clock time (ms since epoch). Written as a
 * number because xlsx-populate converts Dates with their local-time fields.
 */
export function serialOfWallClock(ms: number, date1904: boolean): number {
  return (ms - EXCEL_EPOCH_UTC) / MS_PER_DAY - (date1904 ? DATE1904_OFFSET : 0);
}

/** True for a wall-clock time at midnight: a date without a time of day. */
export function isWholeDay(ms: number): boolean {
  return ms % MS_PER_DAY === 0;
}
