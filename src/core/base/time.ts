/**
 * Dates in the core are "civil days": whole days since 1970-01-01 in the
 * workbook's time zone. Tiering only needs day precision, and integers make
 * "N days ago" exact and time-zone free once converted.
 */

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 (serial 1 = 1900-01-01, with Lotus' leap-year bug absorbed). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** Civil day of a wall-clock Date (its UTC fields are what the sheet shows). */
export function civilDayOfWallClock(d: Date): number {
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** Civil day from a calendar date; undefined if the date does not exist (2月30日). */
export function civilDay(year: number, month: number, day: number): number | undefined {
  const t = Date.UTC(year, month - 1, day);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return t / MS_PER_DAY;
}

/** Civil day of an Excel serial date number (fractions are the time of day). */
export function civilDayOfExcelSerial(serial: number): number {
  return Math.floor((EXCEL_EPOCH_UTC + serial * MS_PER_DAY) / MS_PER_DAY);
}

/** Wall-clock Date for an Excel serial number (date and time as the sheet shows them). */
export function wallClockOfExcelSerial(serial: number): Date {
  return new Date(Math.round(EXCEL_EPOCH_UTC + serial * MS_PER_DAY));
}

/**
 * Wall-clock Date for a real instant seen in `timeZone`, for adapters whose
 * spreadsheet hands out instants (Apps Script). Uses Intl, which both Node and
 * Apps Script V8 have.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function instantToWallClock(instant: Date, timeZone: string): Date {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'), instant.getUTCMilliseconds()),
  );
}

// Building a DateTimeFormat costs ~100 µs; a run converts many dates in one zone.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f) return f;
  f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  formatters.set(timeZone, f);
  return f;
}

/** Civil day of an instant in a time zone (today's date for `now`). */
export function civilDayOfInstant(instant: Date, timeZone: string): number {
  return civilDayOfWallClock(instantToWallClock(instant, timeZone));
}

/** `2025-03-29` for a civil day. */
export function formatCivilDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `2025-03-29 14:05` for an instant seen in a time zone. */
export function formatInstant(instant: Date, timeZone: string): string {
  return instantToWallClock(instant, timeZone).toISOString().slice(0, 16).replace('T', ' ');
}
