import { describe, expect, it } from 'vitest';
import { DEFAULT_OPS_CONFIG } from '../../../src/app/default-operations.js';
import { festivalsBetween } from '../../../src/core/plans/festivals.js';
import { day } from './fixtures.js';

const FESTIVALS = DEFAULT_OPS_CONFIG.festivals.festivals;
const dateOf = (id: string, year: number) => FESTIVALS.find((f) => f.id === id)!.dates.find((d) => d.startsWith(String(year)));

/** Lunar month/day of a Gregorian date by ICU's Chinese calendar. */
const lunar = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
function lunarOf(iso: string): string {
  const parts = lunar.formatToParts(new Date(`${iso}T00:00:00Z`));
  return `${parts.find((p) => p.type === 'month')!.value}-${parts.find((p) => p.type === 'day')!.value}`;
}

const LUNAR: Record<string, string> = { 'spring-festival': '1-1', lantern: '1-15', 'dragon-boat': '5-5', qixi: '7-7', 'mid-autumn': '8-15', 'double-ninth': '9-9' };

describe('festival data (rules/plans/festivals.json)', () => {
  it('covers 2025–2028 for every festival', () => {
    for (const f of FESTIVALS) expect(f.dates.map((d) => d.slice(0, 4)), f.id).toEqual(['2025', '2026', '2027', '2028']);
  });

  it('has the dates checked against the official calendar', () => {
    expect(dateOf('spring-festival', 2026)).toBe('2026-02-17');
    expect(dateOf('spring-festival', 2027)).toBe('2027-02-06');
    expect(dateOf('mid-autumn', 2026)).toBe('2026-09-25');
    expect(dateOf('dragon-boat', 2026)).toBe('2026-06-19');
    expect(dateOf('qingming', 2025)).toBe('2025-04-04');
    expect(dateOf('qingming', 2026)).toBe('2026-04-05');
    expect(dateOf('double-eleven', 2026)).toBe('2026-11-11');
  });

  it('lunar festivals fall on their lunar dates (ICU Chinese calendar)', () => {
    // ICU starts the 2027 lunar year on Feb 7; the new moon is at 23:56 Beijing time on
    // Feb 6 (Meeus, ch. 49), and the official calendar starts the year on Feb 6. So for
    // 2027's first month ICU is one day late; everything else must agree exactly.
    const icuLate = new Set(['spring-festival:2027', 'lantern:2027']);
    for (const [id, want] of Object.entries(LUNAR)) {
      for (const iso of FESTIVALS.find((f) => f.id === id)!.dates) {
        const key = `${id}:${iso.slice(0, 4)}`;
        const probe = icuLate.has(key) ? new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : iso;
        expect(lunarOf(probe), key).toBe(want);
      }
    }
    // 除夕 is the day before 春节.
    const eve = FESTIVALS.find((f) => f.id === 'new-years-eve')!.dates;
    const spring = FESTIVALS.find((f) => f.id === 'spring-festival')!.dates;
    eve.forEach((d, i) => expect(day(spring[i]) - day(d)).toBe(1));
  });

  it('lists the festivals of a window in date order', () => {
    const got = festivalsBetween(FESTIVALS, day('2026-09-20'), day('2026-10-20')).map((f) => `${f.festival.zh} ${f.day - day('2026-09-20')}`);
    expect(got).toEqual(['中秋 5', '国庆 11', '重阳 28']);
  });
});
