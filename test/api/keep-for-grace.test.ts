import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { recompute } from '../../src/app/recompute.js';
import { activeRules } from '../../src/app/rule-store.js';
import { createServerApi } from '../../src/api/server.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';

const DAY = 86_400_000;
const NOW = new Date('2026-11-26T04:00:00Z');
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];

/** u1, u2 core (25 and 22 comments), u3 core (40), u4 silent. Raising the core threshold to 30 demotes u1 and u2. */
function workbook(): MemoryWorkbook {
  return new MemoryWorkbook({
    成员: [
      HEADER,
      ['u1', '甲', '2026-11-25', 25, 0, 0, 0, 0, 0],
      ['u2', '乙', '2026-11-25', 22, 0, 0, 0, 0, 0],
      ['u3', '丙', '2026-11-25', 40, 0, 0, 0, 0, 0],
      ['u4', '丁', '2026-08-01', 0, 0, 0, 0, 0, 0],
    ],
  });
}

function threshold(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

function api(wb: MemoryWorkbook, now: () => Date = () => NOW) {
  return createServerApi({ port: wb, now, uiLocale: 'zh', writeLocale: 'zh', user: () => 't', host: 'local', timeZone: { kind: 'store', fallback: 'Asia/Shanghai' } });
}

function column(wb: MemoryWorkbook, header: string): CellValue[] {
  const grid = wb.grid('成员')!;
  const i = grid[0].indexOf(header);
  expect(i, header).toBeGreaterThanOrEqual(0);
  return grid.slice(1).map((r) => r[i] ?? null);
}

/** A workbook tiered once under the defaults (version 1 saved and run). */
async function tieredOnce() {
  const wb = workbook();
  let now = NOW;
  const server = api(wb, () => now);
  await server.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '', baseVersion: null });
  await server.recompute({ locale: 'zh' });
  expect(column(wb, '活跃层级')).toEqual(['核心成员', '核心成员', '核心成员', '沉默成员']);
  return { wb, server, at: (d: Date) => (now = d) };
}

describe('a rule change that demotes members: at once, or kept for the grace period', () => {
  it('the preview counts the members the change would demote, with the grace period on offer', async () => {
    const { server } = await tieredOnce();
    const p = await server.preview({ locale: 'zh', ruleSets: threshold(30), settings: {} });
    const activity = p.ruleSets.find((s) => s.id === 'activity')!;
    expect(activity).toMatchObject({ demoted: 2, graceDays: 14 });
    expect(p.ruleSets.find((s) => s.id === 'contribution')!.demoted).toBe(0);
    // A promotion is no demotion.
    const lower = await server.preview({ locale: 'zh', ruleSets: threshold(5), settings: {} });
    expect(lower.ruleSets.find((s) => s.id === 'activity')!.demoted).toBe(0);
  });

  it('without the choice the demotion applies at once, as before', async () => {
    const { wb, server } = await tieredOnce();
    await server.save({ locale: 'zh', ruleSets: threshold(30), settings: {}, note: '', baseVersion: 1 });
    await server.recompute({ locale: 'zh' });
    expect(column(wb, '活跃层级')).toEqual(['潜力成员', '潜力成员', '核心成员', '沉默成员']);
  });

  it('kept for grace: recorded with the version; runs hold them as members in grace, a re-run converges, they drop when the days are up', async () => {
    const { wb, server, at } = await tieredOnce();
    await server.save({ locale: 'zh', ruleSets: threshold(30), settings: {}, note: '', baseVersion: 1, keepForGrace: ['activity'] });
    expect(activeRules(wb).doc.keepForGrace).toEqual(['activity']);
    // The version history says so.
    expect((await server.version({ locale: 'zh', version: 2 })).changes).toContainEqual({ kind: 'changed', scope: '活跃层级', text: '因本次修改降级的成员在宽限期内保留现在的层级' });
    await server.recompute({ locale: 'zh' });
    expect(column(wb, '活跃层级')).toEqual(['核心成员', '核心成员', '核心成员', '沉默成员']);
    const reasons = column(wb, '分层依据');
    expect(reasons[0]).toMatch(/^核心成员（宽限期：还剩 14 天）；规则结果 潜力成员/);
    expect(reasons[2]).not.toMatch(/宽限期/);
    // The same run again changes nothing: the countdown started on the day of the first run.
    const before = wb.grid('成员');
    await server.recompute({ locale: 'zh' });
    expect(wb.grid('成员')).toEqual(before);
    at(new Date(NOW.getTime() + 5 * DAY));
    await server.recompute({ locale: 'zh' });
    expect(column(wb, '分层依据')[0]).toMatch(/^核心成员（宽限期：还剩 9 天）/);
    at(new Date(NOW.getTime() + 14 * DAY));
    await server.recompute({ locale: 'zh' });
    expect(column(wb, '活跃层级')).toEqual(['潜力成员', '潜力成员', '核心成员', '沉默成员']);
  });

  it('a member who qualifies again meanwhile stays without a countdown', async () => {
    const { wb, server, at } = await tieredOnce();
    await server.save({ locale: 'zh', ruleSets: threshold(30), settings: {}, note: '', baseVersion: 1, keepForGrace: ['activity'] });
    await server.recompute({ locale: 'zh' });
    // Twenty days later (past the grace period) u1 has 35 comments (≥ 30 again), u2 still 22; both active.
    const grid = wb.grid('成员')!; // the port's own grid: edited in place, as an operator types
    grid[1][3] = 35;
    grid[1][2] = grid[2][2] = grid[3][2] = '2026-12-15';
    at(new Date(NOW.getTime() + 20 * DAY));
    await server.recompute({ locale: 'zh' });
    expect(column(wb, '活跃层级').slice(0, 2)).toEqual(['核心成员', '潜力成员']);
    expect(column(wb, '分层依据')[0]).not.toMatch(/宽限期/);
  });

  it('the local CLI path (saved rules, no --rules) honours the saved choice too; a rollback asks again and applies at once', async () => {
    const { wb, server } = await tieredOnce();
    await server.save({ locale: 'zh', ruleSets: threshold(30), settings: {}, note: '', baseVersion: 1, keepForGrace: ['activity'] });
    await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh', saved: activeRules(wb) });
    expect(column(wb, '活跃层级')[0]).toBe('核心成员');
    await server.save({ locale: 'zh', ruleSets: threshold(35), settings: {}, note: '', baseVersion: 2 });
    const back = await server.rollback({ locale: 'zh', version: 2, note: '', baseVersion: 3 });
    expect(back.doc.ruleSets).toEqual(threshold(30));
    expect(back.doc.keepForGrace).toBeUndefined();
  });

  it('refuses a keepForGrace naming no tier rule set of the version, and a save that changes only the choice', async () => {
    const { server } = await tieredOnce();
    await expect(Promise.resolve().then(() => server.save({ locale: 'zh', ruleSets: threshold(30), settings: {}, note: '', baseVersion: 1, keepForGrace: ['nope'] }))).rejects.toThrow(/keepForGrace.*nope|nope.*keepForGrace/);
    await expect(Promise.resolve().then(() => server.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '', baseVersion: 1, keepForGrace: ['activity'] }))).rejects.toThrow(/没有变化/);
  });
});
