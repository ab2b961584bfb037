import { describe, expect, it } from 'vitest';
import { findSheet, headerRow } from '../../../src/core/base/bilingual.js';
import { findColumn, lastUsedColumn, locateColumns, placeColumns } from '../../../src/core/base/columns.js';
import type { Table } from '../../../src/core/base/table.js';

const table = (header: string[], rows: Table['rows'] = []): Table => ({ sheet: 's', header, rows });

describe('locateColumns / findColumn', () => {
  it('finds either language or a synonym, ignoring case, spaces and brackets; -1 when absent', () => {
    const header = ['成员ID', ' Locked Tier ', '锁定至（日期）'];
    expect(locateColumns(header, { tier: { zh: '锁定层级', en: 'Locked tier' }, until: ['锁定至(日期)'], other: ['无'] })).toEqual({ tier: 1, until: 2, other: -1 });
  });

  it('prefers the first name given over a later synonym, and the leftmost of two equal headers', () => {
    expect(findColumn(['运营备注', '备注'], ['备注', '运营备注'])).toBe(1);
    expect(findColumn(['备注', '备注'], ['备注'])).toBe(0);
  });
});

describe('placeColumns', () => {
  const defs = { a: { zh: '甲', en: 'A' }, b: { zh: '乙', en: 'B' } };

  it('updates an existing column (either language) in place and appends the rest after the last used column', () => {
    // Data beyond the header counts as used: it must never be overwritten.
    const t = table(['ID', 'B', ''], [['1', 'x', null, 'stray']]);
    expect(lastUsedColumn(t)).toBe(3);
    expect(placeColumns(t, defs)).toEqual({ a: 4, b: 1 });
  });

  it('appends after a given column when the caller writes further right this run', () => {
    expect(placeColumns(table(['ID']), defs, 6)).toEqual({ a: 7, b: 8 });
  });
});

describe('findSheet / headerRow', () => {
  it('takes an exact name first (Chinese preferred), then one differing only in case or spaces', () => {
    expect(findSheet(['Members', '成员'], { zh: '成员', en: 'Members' })).toBe('成员');
    expect(findSheet(['data', ' members '], { zh: '成员', en: 'Members' })).toBe(' members ');
    expect(findSheet(['data'], { zh: '成员', en: 'Members' })).toBeUndefined();
  });

  it('writes headers in one language, in the order asked', () => {
    const defs = { a: { zh: '甲', en: 'A' }, b: { zh: '乙', en: 'B' } };
    expect(headerRow(defs, 'zh')).toEqual(['甲', '乙']);
    expect(headerRow(defs, 'en', ['b'])).toEqual(['B']);
  });
});
