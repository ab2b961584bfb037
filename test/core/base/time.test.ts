import { describe, expect, it } from 'vitest';
import {
  civilDay,
  civilDayOfExcelSerial,
  civilDayOfInstant,
  civilDayOfWallClock,
  formatCivilDay,
  formatInstant,
  instantToWallClock,
  wallClockOfExcelSerial,
} from '../../../src/core/base/time.js';

describe('civilDay', () => {
  it('counts days since 1970-01-01', () => {
    expect(civilDay(1970, 1, 1)).toBe(0);
    expect(civilDay(1970, 1, 2)).toBe(1);
    expect(civilDay(1969, 12, 31)).toBe(-1);
    expect(civilDay(2026, 11, 26)! - civilDay(2026, 11, 25)!).toBe(1);
  });

  it('rejects dates that do not exist', () => {
    expect(civilDay(2025, 2, 30)).toBeUndefined();
    expect(civilDay(2025, 2, 29)).toBeUndefined();
    expect(civilDay(2025, 0, 1)).toBeUndefined();
    expect(civilDay(2025, 6, 31)).toBeUndefined();
    expect(civilDay(2024, 2, 29)).toBeDefined();
  });

  it('round-trips through formatCivilDay', () => {
    expect(formatCivilDay(civilDay(2025, 3, 29)!)).toBe('2025-03-29');
    expect(formatCivilDay(0)).toBe('1970-01-01');
  });
});

describe('Excel serials', () => {
  it('serials from 1900-03-01 on match Excel (46012 = 2025-12-21)', () => {
    expect(formatCivilDay(civilDayOfExcelSerial(61))).toBe('1900-03-01');
    expect(formatCivilDay(civilDayOfExcelSerial(25569))).toBe('1970-01-01');
    expect(formatCivilDay(civilDayOfExcelSerial(46012))).toBe('2025-12-21');
  });

  it('a fraction is the time of day, so the civil day is the floor', () => {
    expect(civilDayOfExcelSerial(46012.999)).toBe(civilDayOfExcelSerial(46012));
    expect(wallClockOfExcelSerial(46012.5).toISOString()).toBe('2025-12-21T12:00:00.000Z');
  });
});

describe('wall clocks and instants', () => {
  it('civilDayOfWallClock reads the UTC fields, whatever the process time zone', () => {
    expect(civilDayOfWallClock(new Date(Date.UTC(2026, 10, 26, 0, 0)))).toBe(civilDay(2026, 11, 26));
    expect(civilDayOfWallClock(new Date(Date.UTC(2026, 10, 26, 23, 59, 59, 999)))).toBe(civilDay(2026, 11, 26));
  });

  it('2026-11-25T17:00Z is already 2026-11-26 in Shanghai but still 2026-11-25 in UTC', () => {
    const instant = new Date('2026-11-25T17:00:00Z');
    expect(civilDayOfInstant(instant, 'Asia/Shanghai')).toBe(civilDay(2026, 11, 26));
    expect(civilDayOfInstant(instant, 'UTC')).toBe(civilDay(2026, 11, 25));
    expect(instantToWallClock(instant, 'Asia/Shanghai').toISOString()).toBe('2026-11-26T01:00:00.000Z');
    expect(instantToWallClock(instant, 'UTC').toISOString()).toBe('2026-11-25T17:00:00.000Z');
  });

  it('one second before Shanghai midnight is still the previous day there', () => {
    const instant = new Date('2026-11-25T15:59:59Z');
    expect(civilDayOfInstant(instant, 'Asia/Shanghai')).toBe(civilDay(2026, 11, 25));
    expect(civilDayOfInstant(new Date('2026-11-25T16:00:00Z'), 'Asia/Shanghai')).toBe(civilDay(2026, 11, 26));
  });

  it('midnight shows as hour 0, never 24, and milliseconds survive', () => {
    const w = instantToWallClock(new Date('2026-11-25T16:00:00.123Z'), 'Asia/Shanghai');
    expect(w.toISOString()).toBe('2026-11-26T00:00:00.123Z');
  });

  it('zones west of UTC go back a day', () => {
    expect(civilDayOfInstant(new Date('2026-11-26T03:00:00Z'), 'America/New_York')).toBe(civilDay(2026, 11, 25));
  });

  it('formatInstant shows the wall clock in the zone', () => {
    expect(formatInstant(new Date('2026-11-26T01:50:00Z'), 'Asia/Shanghai')).toBe('2026-11-26 09:50');
    expect(formatInstant(new Date('2026-11-26T01:50:00Z'), 'UTC')).toBe('2026-11-26 01:50');
  });
});
