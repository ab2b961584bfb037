/**
 * Tier dynamics across a sequence of runs on one workbook: grace periods,
 * locks and the 分层变动 history, with the data and "now" changing between
 * runs as they would week after week.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { FencengError } from '../../src/app/errors.js';
import { recompute } from '../../src/app/recompute.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';

/** recompute as a promise, so a synchronous throw and a rejected apply read alike in `rejects`. */
const attempt = (...args: Parameters<typeof recompute>) => Promise.resolve().then(() => recompute(...args));


const TZ = 'Asia/Shanghai';
const at = (day: string) => ({ now: new Date(`${day}T02:00:00Z`), timeZone: TZ, locale: 'zh' as const });
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '锁定层级', '锁定至'];

function workbook(): MemoryWorkbook {
  return new MemoryWorkbook({
    成员: [
      HEADER,
      ['u1', '小明', '2026-11-25', 45, null, null], // core
      ['u2', '小红', '2026-11-21', 8, null, null], // potential
      ['u3', '小刚', '2026-06-01', 0, '核心成员', '2026-12-05'], // silent by the rules, locked core
      ['u4', '小李', '2026-06-01', 0, 'Core member，内容创造者', null], // locked with no end, both rule sets
    ],
  });
}

const snapshot = (wb: MemoryWorkbook) => Object.fromEntries(wb.sheetNames().map((n) => [n, structuredClone(wb.grid(n))]));

function cell(wb: MemoryWorkbook, id: string, header: string): CellValue {
  const grid = wb.grid('成员')!;
  const col = grid[0].indexOf(header);
  return grid.find((r) => r[0] === id)![col] ?? null;
}

const history = (wb: MemoryWorkbook) => wb.grid('分层变动')!.slice(1);
/** The members grid as it is now (each run replaces the memory adapter's grids). */
const members = (wb: MemoryWorkbook) => wb.grid('成员')!;

describe('tier dynamics over a sequence of runs', () => {
  it('first placements are recorded once; the same data and rules append nothing and change nothing', async () => {
    const wb = workbook();
    const first = await recompute(wb, at('2026-11-26'));
    expect(wb.grid('分层变动')![0]).toEqual(['日期', '成员ID', '昵称', '层级类型', '原层级', '新层级', '规则版本', '原因']);
    // A first placement is not a move (issue 9): the overview counts them instead.
    expect(history(wb)).toHaveLength(0);
    expect(first.summary.movementsAdded).toBe(0);
    expect(first.summary.newMembers).toBe(4);
    expect(wb.grid('分层概览')!.find((r) => r[0] === '首次分层人数')).toEqual(['首次分层人数', 4, '2026-11-26 10:00']);
    expect(wb.isHidden('_fenceng_state')).toBe(true);

    const before = snapshot(wb);
    const again = await recompute(wb, at('2026-11-26'));
    expect(again.summary.movementsAdded).toBe(0);
    expect(snapshot(wb)).toEqual(before);
  });

  it('promotion at once; demotion only after 14 days below, the explanation counting down', async () => {
    const wb = workbook();
    await recompute(wb, at('2026-11-26'));
    members(wb)[1][3] = 5; // u1: 5 comments → potential by the rules
    members(wb)[2][2] = '2026-11-30'; // u2: 30 comments, active → core
    members(wb)[2][3] = 30;

    const r1 = await recompute(wb, at('2026-11-30'));
    expect(cell(wb, 'u1', '活跃层级')).toBe('核心成员');
    expect(cell(wb, 'u1', '分层依据')).toMatch(/^核心成员（宽限期：还剩 14 天）；规则结果 潜力成员：近30天评论 5 ≥ 3/);
    expect(cell(wb, 'u2', '活跃层级')).toBe('核心成员');
    expect(r1.summary.held).toBe(1);
    expect(r1.summary.moves).toEqual([{ from: '潜力成员', to: '核心成员', count: 1 }]);
    expect(history(wb).map((r) => [r[1], r[3], r[4], r[5], String(r[7]).slice(0, 3)])).toEqual([
      ['u2', '活跃层级', '潜力成员', '核心成员', '升级：'],
      ['u2', '贡献层级', '观察者', '互动者', '升级：'],
    ]);

    // Nine days later: still below, still held, five days left. Nothing recorded.
    members(wb)[1][2] = '2026-12-08';
    await recompute(wb, at('2026-12-09'));
    expect(cell(wb, 'u1', '活跃层级')).toBe('核心成员');
    expect(cell(wb, 'u1', '分层依据')).toContain('宽限期：还剩 5 天');
    expect(history(wb)).toHaveLength(2);

    // Fourteen days after the first day below: the demotion takes effect and is recorded.
    members(wb)[1][2] = '2026-12-13';
    const r3 = await recompute(wb, at('2026-12-14'));
    expect(cell(wb, 'u1', '活跃层级')).toBe('潜力成员');
    expect(cell(wb, 'u1', '分层依据')).not.toContain('宽限期');
    const last = history(wb).filter((h) => h[3] === '活跃层级').at(-1)!;
    expect([last[0], last[1], last[4], last[5]]).toEqual(['2026-12-14 10:00', 'u1', '核心成员', '潜力成员']);
    expect(last[7]).toMatch(/^宽限期 14 天已满，降级：潜力成员/);
    expect(r3.summary.moves).toEqual([{ from: '核心成员', to: '潜力成员', count: 1 }]);
    const overview = wb.grid('分层概览')!;
    const top = overview.findIndex((r) => r[0] === '活跃层级变动（从 \\ 到）');
    expect(overview[top]).toEqual(['活跃层级变动（从 \\ 到）', '核心成员', '潜力成员', '沉默成员', '合计']);
    expect(overview[top + 1]).toEqual(['核心成员', 0, 1, 0, 1]);
  });

  it('going back up during the grace period cancels it: a later dip starts a fresh 14 days', async () => {
    const wb = workbook();
    await recompute(wb, at('2026-11-26'));
    members(wb)[1][3] = 5;
    await recompute(wb, at('2026-11-27'));
    expect(cell(wb, 'u1', '分层依据')).toContain('还剩 14 天');
    members(wb)[1][3] = 45;
    members(wb)[1][2] = '2026-11-30';
    await recompute(wb, at('2026-12-01'));
    expect(cell(wb, 'u1', '分层依据')).not.toContain('宽限期');
    members(wb)[1][3] = 5;
    await recompute(wb, at('2026-12-05'));
    expect(cell(wb, 'u1', '分层依据')).toContain('还剩 14 天');
    expect(history(wb)).toHaveLength(0);
  });

  it('locked members are never moved by the rules; the explanation says until when; an ended lock lets the rules back in (with a grace period)', async () => {
    const wb = workbook();
    const r = await recompute(wb, at('2026-11-26'));
    expect(cell(wb, 'u3', '活跃层级')).toBe('核心成员');
    expect(cell(wb, 'u3', '分层依据')).toMatch(/^核心成员（已锁定至 2026-12-05）；规则结果 沉默成员/);
    expect(cell(wb, 'u4', '活跃层级')).toBe('核心成员');
    expect(cell(wb, 'u4', '贡献层级')).toBe('内容创造者');
    expect(cell(wb, 'u4', '分层依据')).toContain('已锁定（无到期日）');
    expect(r.summary.locked).toBe(2);
    // Locked on its first placement: not a move, so not in 分层变动.
    expect(history(wb).find((h) => h[1] === 'u3')).toBeUndefined();

    await recompute(wb, at('2026-12-05')); // last day of the lock
    expect(cell(wb, 'u3', '分层依据')).toContain('已锁定至 2026-12-05');

    const after = await recompute(wb, at('2026-12-06'));
    expect(cell(wb, 'u3', '活跃层级')).toBe('核心成员');
    expect(cell(wb, 'u3', '分层依据')).toMatch(/^核心成员（宽限期：还剩 14 天）/);
    expect(after.summary.locked).toBe(1);
    await recompute(wb, at('2026-12-20'));
    expect(cell(wb, 'u3', '活跃层级')).toBe('沉默成员');
    expect(cell(wb, 'u3', '分层依据')).toContain('锁定已于 2026-12-05 到期');
    expect(cell(wb, 'u4', '活跃层级')).toBe('核心成员');
  });

  it('an unknown tier name in 锁定层级 is an issue naming the row and column, and nothing is locked', async () => {
    const wb = workbook();
    members(wb)[2][4] = '大咖';
    const { issues } = await recompute(wb, at('2026-11-26'));
    const lock = issues.filter((i) => i.code === 'lock');
    expect(lock.map((i) => [i.sheet, i.row, i.columnLetter, i.column, i.memberId])).toEqual([['成员', 3, 'E', '锁定层级', 'u2']]);
    expect(lock[0].message).toMatch(/「大咖」不是层级名称.* \/ "大咖" is not a tier name/);
    expect(cell(wb, 'u2', '活跃层级')).toBe('潜力成员');
    expect(wb.grid('问题')!.some((r) => r[1] === 3 && String(r[5]).includes('Tier lock'))).toBe(true);
  });

  it('the grace period comes from the rule set (demotionGraceDays) and is validated', async () => {
    const quick = DEFAULT_RULE_SETS.map((s) => ({ ...s, demotionGraceDays: 2 }));
    const wb = workbook();
    await recompute(wb, { ...at('2026-11-26'), ruleSets: quick });
    members(wb)[1][3] = 5;
    await recompute(wb, { ...at('2026-11-27'), ruleSets: quick });
    expect(cell(wb, 'u1', '分层依据')).toContain('宽限期：还剩 2 天');
    await recompute(wb, { ...at('2026-11-29'), ruleSets: quick });
    expect(cell(wb, 'u1', '活跃层级')).toBe('潜力成员');

    const bad = DEFAULT_RULE_SETS.map((s) => ({ ...s, demotionGraceDays: -3 }));
    const untouched = workbook();
    const before = snapshot(untouched);
    await expect(attempt(untouched, { ...at('2026-11-26'), ruleSets: bad })).rejects.toThrow(FencengError);
    await expect(attempt(untouched, { ...at('2026-11-26'), ruleSets: bad })).rejects.toThrow(/demotionGraceDays/);
    expect(snapshot(untouched)).toEqual(before);
  });

  it('changed rules take effect at once (as previewed), without a grace period', async () => {
    const wb = workbook();
    await recompute(wb, at('2026-11-26'));
    const strict = structuredClone(DEFAULT_RULE_SETS);
    strict[0].rules[0].conditions = { all: [{ fact: 'comments30d', operator: 'greaterThanInclusive', value: 100 }] };
    await recompute(wb, { ...at('2026-11-26'), ruleSets: strict });
    expect(cell(wb, 'u1', '活跃层级')).toBe('潜力成员');
    expect(history(wb).at(-1)![7]).toMatch(/^规则已修改，降级立即生效：/);
  });

  it('a workbook tiered before Fenceng kept state: the tiers its columns show count as last run\'s', async () => {
    const wb = new MemoryWorkbook({ 成员: [['成员ID', '最近活跃', '近30天评论', '活跃层级'], ['u1', '2026-11-25', 5, '核心成员']] });
    const r = await recompute(wb, at('2026-11-26'));
    expect(r.summary.newMembers).toBe(0);
    expect(cell(wb, 'u1', '活跃层级')).toBe('核心成员');
    expect(cell(wb, 'u1', '分层依据')).toContain('宽限期：还剩 14 天');
  });
});
