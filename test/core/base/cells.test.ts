import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXCERPT_CHARS, MAX_NUMBER, excerpt, normalizeText, parseDate, parseNumber, parseText } from '../../../src/core/base/cells.js';
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

describe('bounds: one bad cell is unreadable, never a value that breaks the run', () => {
  it('numbers beyond MAX_NUMBER or not finite are invalid', () => {
    expect(parseNumber('1e308').kind).toBe('invalid');
    expect(parseNumber('9'.repeat(400)).kind).toBe('invalid');
    expect(parseNumber(1e308).kind).toBe('invalid');
    expect(parseNumber(MAX_NUMBER * 10).kind).toBe('invalid');
    expect(parseNumber(-MAX_NUMBER * 10).kind).toBe('invalid');
    expect(parseNumber('99999999亿').kind).toBe('invalid');
    expect(parseNumber(MAX_NUMBER)).toEqual(num(MAX_NUMBER));
    expect(parseNumber('1亿')).toEqual(num(1e8));
  });

  it('dates outside the years 1900–9999 are invalid, the bounds themselves are dates', () => {
    expect(parseDate('1900-01-01', TODAY)).toEqual(num(civilDay(1900, 1, 1)!));
    expect(parseDate('9999-12-31', TODAY)).toEqual(num(civilDay(9999, 12, 31)!));
    expect(parseDate('1899-12-31', TODAY).kind).toBe('invalid');
    expect(parseDate(new Date(Date.UTC(1899, 11, 31)), TODAY).kind).toBe('invalid');
    expect(parseDate(new Date(8.64e15), TODAY).kind).toBe('invalid');
    expect(parseDate('99999999999天前', TODAY)).toEqual({ kind: 'invalid', raw: '99999999999天前' });
    expect(parseDate('1' + '0'.repeat(400), TODAY).kind).toBe('invalid');
  });

  it('a date-formatted serial of 1e20 (an Invalid Date) is invalid in every parser, without throwing', () => {
    const bad = new Date(Number.NaN);
    expect(parseText(bad)).toEqual({ kind: 'invalid', raw: 'Invalid Date' });
    expect(parseNumber(bad)).toEqual({ kind: 'invalid', raw: 'Invalid Date' });
    expect(parseDate(bad, TODAY).kind).toBe('invalid');
  });

  it('the raw text of an invalid cell is a short excerpt', () => {
    const junk = 'x'.repeat(26_000);
    const p = parseNumber(junk);
    expect(p).toEqual({ kind: 'invalid', raw: `${'x'.repeat(EXCERPT_CHARS)}…` });
    expect(excerpt('😀'.repeat(50))).toBe(`${'😀'.repeat(EXCERPT_CHARS)}…`);
    expect(excerpt('short')).toBe('short');
  });
});

describe('property: the cell parsers never throw and their values are within bounds', () => {
  const anyCell = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.stringMatching(/^[+-]?[0-9０-９,，.]{0,30}(万|w|k|亿|千)?(天前|次)?$/),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: false, min: new Date(-8.64e15), max: new Date(8.64e15) }),
  );
  const minDay = civilDay(1900, 1, 1)!;
  const maxDay = civilDay(9999, 12, 31)!;

  it('for arbitrary strings, numbers, booleans and dates', () => {
    fc.assert(
      fc.property(anyCell, fc.integer({ min: minDay, max: maxDay }), (cell, today) => {
        const n = parseNumber(cell);
        if (n.kind === 'value') expect(Number.isFinite(n.value) && Math.abs(n.value) <= MAX_NUMBER).toBe(true);
        const d = parseDate(cell, today);
        if (d.kind === 'value') expect(Number.isInteger(d.value) && d.value >= minDay && d.value <= maxDay).toBe(true);
        const t = parseText(cell);
        if (t.kind === 'value') expect(typeof t.value).toBe('string');
        for (const p of [n, d, t]) if (p.kind === 'invalid') expect(Array.from(p.raw).length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
      }),
      { numRuns: 20_000 },
    );
  });
});
