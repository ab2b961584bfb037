import { describe, expect, it } from 'vitest';
import { normalizeText, parseDate, parseNumber, parseText } from '../../../src/core/base/cells.js';
import { civilDay } from '../../../src/core/base/time.js';

const TODAY = civilDay(2025, 3, 29)!;

const num = (v: number) => ({ kind: 'value', value: v });
const MISSING = { kind: 'missing' };

describe('normalizeText', () => {
  it('turns full-width digits and punctuation into ASCII and trims every kind of space', () => {
    expect(normalizeText('\u3000１２，３\u00A0')).toBe('12,3');
    expect(normalizeText('\uFEFF abc \u200B')).toBe('abc');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1.2万', 12000],
    ['2.4w', 24000],
    ['2.4W', 24000],
    ['3k', 3000],
    ['3K', 3000],
    ['5千', 5000],
    ['1亿', 100000000],
    ['1.1万', 11000], // no float noise (1.1 * 10000 = 11000.000000000002)
    ['2,012', 2012],
    ['1,234,567', 1234567],
    ['２，０１２', 2012],
    [' 12 ', 12],
    ['１２', 12],
    ['\u300012\u3000', 12],
    ['+15', 15],
    ['12次', 12],
    ['30分钟', 30],
    ['0', 0],
  ])('%j → %d', (cell, expected) => {
    expect(parseNumber(cell)).toEqual(num(expected));
  });

  it('passes finite numbers through and rejects non-finite ones', () => {
    expect(parseNumber(42)).toEqual(num(42));
    expect(parseNumber(0)).toEqual(num(0));
    expect(parseNumber(3.5)).toEqual(num(3.5));
    expect(parseNumber(Number.NaN).kind).toBe('invalid');
    expect(parseNumber(Number.POSITIVE_INFINITY).kind).toBe('invalid');
  });

  it.each([['—'], ['-'], ['--'], ['——'], ['N/A'], ['n/a'], ['#N/A'], [''], ['   '], ['\u3000'], ['无'], ['暂无']])(
    '%j is missing',
    (cell) => {
      expect(parseNumber(cell)).toEqual(MISSING);
    },
  );

  it('null and undefined are missing', () => {
    expect(parseNumber(null)).toEqual(MISSING);
    expect(parseNumber(undefined as unknown as null)).toEqual(MISSING);
  });

  it.each([['很多'], ['12abc'], ['1.2.3'], ['1,2'], ['十二'], ['1 2']])('%j is invalid and keeps the raw text', (cell) => {
    expect(parseNumber(cell)).toEqual({ kind: 'invalid', raw: cell });
  });

  it('booleans and dates in a number column are invalid, never a number', () => {
    expect(parseNumber(true).kind).toBe('invalid');
    expect(parseNumber(new Date(Date.UTC(2025, 2, 29))).kind).toBe('invalid');
  });
});

describe('parseText', () => {
  it('trims, normalises full-width characters and turns numbers into their digits', () => {
    expect(parseText('  u001 ')).toEqual({ kind: 'value', value: 'u001' });
    expect(parseText('ｕ００１')).toEqual({ kind: 'value', value: 'u001' });
    expect(parseText(12345)).toEqual({ kind: 'value', value: '12345' });
  });

  it('blank-like cells are missing', () => {
    for (const c of [null, '', '  ', '—', 'N/A', '-']) expect(parseText(c)).toEqual(MISSING);
  });

  it('booleans and dates are not identifiers', () => {
    expect(parseText(false).kind).toBe('invalid');
    expect(parseText(new Date(0)).kind).toBe('invalid');
  });
});

describe('parseDate', () => {
  it.each([
    ['2025-03-27', civilDay(2025, 3, 27)],
    ['2025/3/29', civilDay(2025, 3, 29)],
    ['2025年3月29日', civilDay(2025, 3, 29)],
    ['2025年03月09日', civilDay(2025, 3, 9)],
    ['2025.3.1', civilDay(2025, 3, 1)],
    ['20250301', civilDay(2025, 3, 1)],
    ['2025-03-27 14:05', civilDay(2025, 3, 27)],
    ['2025-03-27 23:59:59', civilDay(2025, 3, 27)],
    [' ２０２５－０３－２７ ', civilDay(2025, 3, 27)],
  ])('%j', (cell, expected) => {
    expect(parseDate(cell, TODAY)).toEqual(num(expected!));
  });

  it('reads Excel serial numbers (46012 = 2025-12-21), fractions being the time of day', () => {
    expect(parseDate(46012, TODAY)).toEqual(num(civilDay(2025, 12, 21)!));
    expect(parseDate(46012.99, TODAY)).toEqual(num(civilDay(2025, 12, 21)!));
    expect(parseDate('46012', TODAY)).toEqual(num(civilDay(2025, 12, 21)!));
    expect(parseDate(45745, TODAY)).toEqual(num(civilDay(2025, 3, 29)!));
  });

  it('numbers outside the plausible serial range are not dates', () => {
    expect(parseDate(5, TODAY).kind).toBe('invalid');
    expect(parseDate(12345678, TODAY).kind).toBe('invalid');
  });

  it('wall-clock Date objects: their UTC fields are the date shown in the sheet', () => {
    expect(parseDate(new Date(Date.UTC(2025, 2, 29, 0, 0, 0)), TODAY)).toEqual(num(civilDay(2025, 3, 29)!));
    expect(parseDate(new Date(Date.UTC(2025, 2, 29, 23, 59, 59, 999)), TODAY)).toEqual(num(civilDay(2025, 3, 29)!));
    expect(parseDate(new Date(Date.UTC(1969, 11, 31, 12)), TODAY)).toEqual(num(-1));
    expect(parseDate(new Date(Number.NaN), TODAY).kind).toBe('invalid');
  });

  it.each([['2025/2/30'], ['2025-13-01'], ['2023-02-29'], ['2025-04-31'], ['20250230']])('%j does not exist → invalid', (cell) => {
    expect(parseDate(cell, TODAY)).toEqual({ kind: 'invalid', raw: cell });
  });

  it('2024-02-29 exists (leap year)', () => {
    expect(parseDate('2024-02-29', TODAY)).toEqual(num(civilDay(2024, 2, 29)!));
  });

  it('relative words are relative to today', () => {
    expect(parseDate('今天', TODAY)).toEqual(num(TODAY));
    expect(parseDate('刚刚', TODAY)).toEqual(num(TODAY));
    expect(parseDate('昨天', TODAY)).toEqual(num(TODAY - 1));
    expect(parseDate('前天', TODAY)).toEqual(num(TODAY - 2));
    expect(parseDate('3天前', TODAY)).toEqual(num(TODAY - 3));
    expect(parseDate('3 天前', TODAY)).toEqual(num(TODAY - 3));
    expect(parseDate('３天前', TODAY)).toEqual(num(TODAY - 3));
    expect(parseDate('3天前', TODAY + 10)).toEqual(num(TODAY + 7));
  });

  it('blank-like cells are missing; words are invalid', () => {
    for (const c of [null, '', ' ', '—', '-', 'N/A']) expect(parseDate(c, TODAY)).toEqual(MISSING);
    expect(parseDate('很久以前', TODAY).kind).toBe('invalid');
    expect(parseDate(true, TODAY).kind).toBe('invalid');
  });
});
