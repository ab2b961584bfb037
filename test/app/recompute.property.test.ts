import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { recompute } from '../../src/app/recompute.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';

// Whole-workbook runs through xlsx: on a loaded shared machine 5 s is not enough (a limit, not an assertion on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟', '入群日期'];
const [ACTIVITY, CONTRIBUTION] = DEFAULT_RULE_SETS;
const ACTIVITY_LABELS = ACTIVITY.tiers.map((t) => t.zh);
const CONTRIBUTION_LABELS = CONTRIBUTION.tiers.map((t) => t.zh);

// IDs from a small pool so duplicates happen; some are blank-like (no ID).
const idCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<CellValue>('m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', ' m1 ', 'm8 ', 101, 102, '101') },
  { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, '', '  ', '—', 'N/A') },
);

const countCell = fc.oneof(
  fc.integer({ min: 0, max: 500 }),
  fc.double({ noNaN: false }),
  fc.constantFrom<CellValue>('1.2万', '2.4w', '3k', '2,012', ' 12 ', '１２', '—', '-', 'N/A', '', null, '很多', '12次', '+3', true),
  fc.string({ maxLength: 6 }),
);

const dateCell = fc.oneof(
  fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }),
  fc.integer({ min: 45000, max: 46500 }),
  fc.constantFrom<CellValue>('今天', '昨天', '3天前', '2026-11-20', '2026/11/1', '2026年11月25日', '2025/2/30', '—', '', null, 'abc', 7),
  fc.string({ maxLength: 6 }),
);

const memberRow = fc.tuple(idCell, fc.oneof(fc.constant<CellValue>(null), fc.string({ maxLength: 4 })), dateCell, countCell, countCell, countCell, countCell, countCell, countCell, dateCell);
const blankRow = fc.constantFrom<CellValue[]>([], [null, null, null], ['', ' ', null, '']);
const rows = fc.array(fc.oneof({ weight: 5, arbitrary: memberRow as fc.Arbitrary<CellValue[]> }, { weight: 1, arbitrary: blankRow }), { maxLength: 25 });

/** Independent model: a row is a member when it is not blank, has an ID and that ID was not seen before. */
function expectedMembers(data: CellValue[][]): boolean[] {
  const seen = new Set<string>();
  return data.map((row) => {
    const blank = row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
    if (blank) return false;
    const raw = row[0];
    const id = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
    if (id === '' || id === '—' || id === 'N/A') return false;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

describe('recompute property', () => {
  it('every non-blank row with a unique ID gets exactly one activity and one contribution tier; counts add up', async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }), async (data, now) => {
        const wb = new MemoryWorkbook({ 成员: [HEADER, ...data] });
        if (!expectedMembers(data).some(Boolean)) {
          // Nobody to tier: the run refuses and writes nothing.
          const before = structuredClone(wb.grid('成员'));
          // Synchronous on the memory port: the refusal is a throw.
          expect(() => recompute(wb, { now, timeZone: 'Asia/Shanghai', locale: 'zh' })).toThrow(expect.objectContaining({ code: 'no-members' }));
          expect(wb.grid('成员')).toEqual(before);
          expect(wb.sheetNames()).toEqual(['成员']);
          return;
        }
        const { summary } = await recompute(wb, { now, timeZone: 'Asia/Shanghai', locale: 'zh' });
        const grid = wb.grid('成员')!;
        const act = grid[0].indexOf('活跃层级');
        const con = grid[0].indexOf('贡献层级');
        expect(act).toBeGreaterThanOrEqual(HEADER.length);
        expect(con).toBe(act + 1);

        const members = expectedMembers(data);
        data.forEach((_, i) => {
          const row = grid[i + 1];
          if (members[i]) {
            expect(ACTIVITY_LABELS).toContain(row[act]);
            expect(CONTRIBUTION_LABELS).toContain(row[con]);
          } else {
            expect(row[act] ?? null).toBeNull();
            expect(row[con] ?? null).toBeNull();
          }
        });

        const memberCount = members.filter(Boolean).length;
        expect(summary.members).toBe(memberCount);
        const sum = (id: string) => summary.tiers[id].counts.reduce((s, c) => s + c.count, 0);
        expect(sum('activity')).toBe(summary.members);
        expect(sum('contribution')).toBe(summary.members);
        const matrixTotal = Object.values(summary.matrix).flatMap((r) => Object.values(r)).reduce((s, n) => s + n, 0);
        expect(matrixTotal).toBe(summary.members);
        expect(summary.members + summary.notTiered + summary.blankRows).toBe(data.length);
        // Each written label is counted under its tier.
        for (const [id, col, set] of [['activity', act, ACTIVITY], ['contribution', con, CONTRIBUTION]] as const) {
          for (const c of summary.tiers[id].counts) {
            const label = set.tiers.find((t) => t.id === c.tier)!.zh;
            expect(grid.slice(1).filter((r) => r[col] === label).length).toBe(c.count);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
