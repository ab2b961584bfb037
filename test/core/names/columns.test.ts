import { describe, expect, it } from 'vitest';
import { locateManagedColumns, MANAGED_COLUMNS } from '../../../src/core/names/columns.js';
import { ownedSheetName } from '../../../src/core/names/sheets.js';
import type { Table } from '../../../src/core/base/table.js';

const t = (header: string[], rows: Table['rows'] = []): Table => ({ sheet: '成员', header, rows });

describe('locateManagedColumns', () => {
  it('appends the six managed columns, in order, after the last header', () => {
    expect(locateManagedColumns(t(['成员ID', '昵称', '备注']))).toEqual({ activity: 3, contribution: 4, reason: 5, progress: 6, status: 7, computedAt: 8 });
    expect(Object.values(MANAGED_COLUMNS).map((c) => c.zh)).toEqual(['活跃层级', '贡献层级', '分层依据', '距下一层级', '分层状态', '计算时间']);
  });

  it('appends after data written beyond the header, never over operator data', () => {
    const where = locateManagedColumns(t(['成员ID', '昵称'], [['u1', 'a', null, null, '手写备注'], ['u2']]));
    expect(where.activity).toBe(5);
  });

  it('trailing empty header cells do not count as used', () => {
    expect(locateManagedColumns(t(['成员ID', '昵称', '', ''], [['u1', 'a', '', null]])).activity).toBe(2);
  });

  it('existing managed columns are reused in place, in either language', () => {
    const where = locateManagedColumns(t(['成员ID', 'Activity tier', '备注', '贡献层级', 'tier status', '  计算时间 ', '分层依据', 'To Next Tier']));
    expect(where).toEqual({ activity: 1, contribution: 3, reason: 6, progress: 7, status: 4, computedAt: 5 });
  });

  it('only the missing ones are appended', () => {
    const where = locateManagedColumns(t(['成员ID', '活跃层级', '备注']));
    expect(where).toEqual({ activity: 1, contribution: 3, reason: 4, progress: 5, status: 6, computedAt: 7 });
  });
});

describe('owned sheets', () => {
  it('reuses whichever language\'s sheet exists', () => {
    expect(ownedSheetName('overview', ['成员'], 'zh')).toBe('分层概览');
    expect(ownedSheetName('overview', ['成员'], 'en')).toBe('Tier overview');
    expect(ownedSheetName('overview', ['成员', '分层概览'], 'en')).toBe('分层概览');
    expect(ownedSheetName('issues', ['Members', 'Issues'], 'zh')).toBe('Issues');
  });
});
