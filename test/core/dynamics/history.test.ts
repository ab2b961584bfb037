import { describe, expect, it } from 'vitest';
import { MOVEMENT_HEADER, splitOldMovements } from '../../../src/core/dynamics/history.js';
import type { CellValue } from '../../../src/core/base/table.js';

const row = (date: string, id: string): CellValue[] => [date, id, 'n', '活跃层级', 'A', 'B', 'v1', 'r'];

describe('分层变动 stays bounded by age and by count', () => {
  const rows = [MOVEMENT_HEADER.zh, row('2026-08-01 09:00', 'old'), row('2026-11-01 09:00', 'a'), row('2026-11-08 09:00', 'b'), ['（手写的一行）'], row('2026-11-15 09:00', 'c')];

  it('moves rows older than the kept days, and the oldest past the row limit, to the packed archive; newest kept in order', () => {
    const { kept, archive } = splitOldMovements(rows, '2026-09-01', 2);
    expect(kept.map((r) => r[1] ?? r[0])).toEqual(['成员ID', '（手写的一行）', 'c']);
    const archived = JSON.parse(archive.map((r) => r[2]).join('')) as CellValue[][];
    expect(archived.map((r) => r[1])).toEqual(['old', 'a', 'b']);
    expect(archive.every((r) => r[0] === '<2026-09-01')).toBe(true);
  });

  it('leaves the sheet as it is when nothing is too old or too many', () => {
    expect(splitOldMovements(rows, '2026-01-01', 10)).toEqual({ kept: rows, archive: [] });
  });

  it('holds at most the limit however many move in one run', () => {
    const many = [MOVEMENT_HEADER.zh, ...Array.from({ length: 50_000 }, (_, i) => row('2026-11-15 09:00', `m${i}`))];
    const { kept, archive } = splitOldMovements(many, '2026-08-16');
    expect(kept).toHaveLength(20_001);
    expect(kept[1][1]).toBe('m30000');
    expect(archive.length).toBeGreaterThan(0);
  });
});
