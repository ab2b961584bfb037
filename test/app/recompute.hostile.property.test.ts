import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FencengError } from '../../src/app/errors.js';
import { recompute } from '../../src/app/recompute.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';

const HEADER = ['成员ID', '昵称', '抖音号', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟', '入群日期', '备注'];

/** Anything an export can hold: formula-like and odd text, any double, any Date (invalid ones too), booleans, blanks. */
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom<CellValue>('=IMPORTXML("http://x","//a")', '+cmd|\' /C calc\'!A0', '@SUM(1)', '-2+3', '＝1+1', '\u200B=1', '1e308', '9'.repeat(400), '99999999999天前', '9999-12-31', '1900-01-01', 'x'.repeat(40_000)),
  fc.double(),
  fc.integer(),
  fc.date({ noInvalidDate: false, min: new Date(-8.64e15), max: new Date(8.64e15) }),
  fc.boolean(),
  fc.constant(null),
);
const idCell = fc.oneof(fc.constantFrom<CellValue>('m1', 'm2', 'm3', 1, '＝m4', '\u200Bm5'), anyCell);
const row = fc.tuple(idCell, ...HEADER.slice(1).map(() => anyCell));

describe('recompute over arbitrary cells', () => {
  it('finishes (or refuses "no members" with nothing written); everything written is finite, valid and within 32,767 characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), async (rows) => {
        const wb = new MemoryWorkbook({ 成员: [HEADER, ...rows] });
        const before = structuredClone(wb.grid('成员'));
        let result;
        try {
          result = await recompute(wb, { now: new Date('2026-11-26T04:00:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' });
        } catch (e) {
          expect(e).toBeInstanceOf(FencengError);
          expect((e as FencengError).code).toBe('no-members');
          expect(wb.sheetNames()).toEqual(['成员']);
          expect(wb.grid('成员')).toEqual(before);
          return;
        }
        expect(result.summary.members).toBeGreaterThan(0);
        for (const name of wb.sheetNames()) {
          // In the members sheet only Fenceng's own columns; the operator's cells are theirs, as they were.
          const from = name === '成员' ? HEADER.length : 0;
          for (const r of wb.grid(name)!) {
            for (const c of r.slice(from)) {
              if (typeof c === 'number') expect(Number.isFinite(c), `${name}: ${c}`).toBe(true);
              if (c instanceof Date) expect(Number.isNaN(c.getTime()), name).toBe(false);
              if (typeof c === 'string') expect(c.length, name).toBeLessThanOrEqual(32_767);
            }
          }
          expect(wb.grid('成员')!.map((r) => r.slice(0, HEADER.length))).toEqual(before!.map((r) => r.slice(0, HEADER.length)));
        }
        for (const r of wb.grid('问题')!.slice(1)) expect(String(r.at(-1)).length).toBeLessThan(400);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
