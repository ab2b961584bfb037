import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/base/table.js';
import { civilDay, formatCivilDay } from '../../../src/core/base/time.js';
import { readActivityHistory } from '../../../src/core/dynamics/activity-history.js';
import { recompute, type RecomputeOptions } from '../../../src/app/recompute.js';
import { MemoryWorkbook } from '../../../src/ports/memory.js';

/**
 * 流失预警 over a generated sequence of weekly runs: chosen members'
 * interactions are made to fall, one member slips out of core (grace
 * period), everyone else stays where they are.
 */
const team = [
  ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'],
  ['陈总', '总负责人', 'chen@example.com', null, '是', null, null, null],
  ['马丽', '普通管理员', 'ma@example.com', '陈总', '是', 50, 50, 50],
];
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布'];
const START = civilDay(2026, 11, 2)!;
const runDay = (k: number) => START + 7 * k;
const at = (day: number): RecomputeOptions => ({ now: new Date(`${formatCivilDay(day)}T02:00:00Z`), timeZone: 'Asia/Shanghai', locale: 'zh' });

interface Person {
  id: string;
  /** comments, likes, shares, posts; days since active — per run k. */
  facts(k: number): [number, number, number, number, number];
}

const steady: [number, number, number, number, number] = [30, 150, 20, 5, 0];
const people: Person[] = [
  // Fallers: interactions 200 → 60 from run 3 on (−70%), still core by their posts.
  { id: 'f1', facts: (k) => (k < 3 ? steady : [10, 40, 10, 5, 0]) },
  // A fall of 80% (200 → 40), more urgent than f1's.
  { id: 'f2', facts: (k) => (k < 3 ? steady : [10, 25, 5, 5, 1]) },
  // Slips out of core at run 3: last active 10 days ago, still potential; interactions unchanged.
  { id: 'g1', facts: (k) => (k < 3 ? steady : [30, 150, 20, 5, 10]) },
  // Down 30%: not enough to warn.
  { id: 'm1', facts: (k) => (k < 3 ? steady : [21, 105, 14, 5, 0]) },
  // Potential with a tiny baseline (8 → 3, −62%): under minBaseline 10, no warning.
  { id: 'p1', facts: (k) => (k < 3 ? [4, 4, 0, 0, 3] : [3, 0, 0, 0, 3]) },
  // Silent and falling: the lowest tier is not watched.
  { id: 'q1', facts: (k) => (k < 3 ? [1, 12, 0, 0, 60] : [0, 1, 0, 0, 60]) },
  ...['s1', 's2', 's3', 's4'].map((id) => ({ id, facts: () => steady })),
];

function members(k: number): CellValue[][] {
  const day = runDay(k);
  return [HEADER, ...people.map((p) => {
    const [c, l, s, posts, ago] = p.facts(k);
    return [p.id, `昵称${p.id}`, formatCivilDay(day - ago), c, l, s, posts];
  })];
}

async function runs(wb: MemoryWorkbook, from: number, to: number) {
  let last;
  for (let k = from; k <= to; k++) {
    wb.apply({ sheets: [{ kind: 'replace', sheet: '成员', rows: members(k) }] });
    last = await recompute(wb, at(runDay(k)));
  }
  return last!;
}

const churnRows = (wb: MemoryWorkbook) => wb.grid('流失预警')!.slice(1);
const idOf = (r: CellValue[]) => r[0];

describe('流失预警 over a sequence of runs (memory workbook)', () => {
  it('lists exactly the members whose activity fell and the one in a grace period, most urgent first, with why and since when', async () => {
    const wb = new MemoryWorkbook({ 成员: members(0), 管理员: team });
    await runs(wb, 0, 2);
    // Three steady runs: nobody needs attention.
    expect(churnRows(wb)).toEqual([['目前没有需要关注的成员']]);

    const result = await runs(wb, 3, 3);
    expect(result.text).toContain('流失预警 3 人（见「流失预警」表）');
    const rows = churnRows(wb);
    expect(wb.grid('流失预警')![0]).toEqual(['成员ID', '昵称', '负责管理员', '活跃层级', '贡献层级', '预警原因', '开始日期', '保级条件']);
    expect(rows.map(idOf)).toEqual(['g1', 'f2', 'f1']);
    const [g1, f2, f1] = rows;
    expect(g1[3]).toBe('核心成员');
    expect(g1[5]).toBe(`活跃层级宽限期至 ${formatCivilDay(runDay(3) + 14)} 结束（还剩 14 天），规则已判为潜力成员`);
    expect(g1[6]).toEqual(new Date(runDay(3) * 86_400_000));
    expect(g1[7]).toMatch(/^距核心成员：最近活跃/);
    expect(f1.slice(0, 4)).toEqual(['f1', '昵称f1', '马丽', '核心成员']);
    expect(f1[5]).toBe('近30天互动（评论+点赞+转发）从平均 200 降到 60（−70%，近 3 次运行）');
    expect(f2[5]).toBe('近30天互动（评论+点赞+转发）从平均 200 降到 40（−80%，近 3 次运行）');
    expect(f1[6]).toEqual(new Date(runDay(3) * 86_400_000));
    expect(f1[7]).toMatch(/^保持核心成员需继续满足：.*近30天发布 5 ≥ 4/);

    // Each warned member is a task in their admin's week, on the admin's sheet too.
    const retention = (result.tasks.get('马丽') ?? []).filter((t) => t.kind === 'retention');
    expect(retention.map((t) => t.what.split('：')[0])).toEqual(['昵称g1（g1）', '昵称f2（f2）', '昵称f1（f1）']);
    expect(retention.every((t) => t.day === runDay(3))).toBe(true);
    const sheet = wb.grid('分配-马丽')!.flat().filter((c): c is string => typeof c === 'string');
    expect(sheet.filter((c) => c === '流失预警')).toHaveLength(3);
  });

  it('keeps the since-date while the fall lasts, and stops warning once the member is back', async () => {
    const wb = new MemoryWorkbook({ 成员: members(0), 管理员: team });
    await runs(wb, 0, 4);
    // Run 4: baseline (200, 200, 60) = 153.33 against 60 is still −61%: warned since run 3.
    const f1 = churnRows(wb).find((r) => r[0] === 'f1')!;
    expect(f1[5]).toBe('近30天互动（评论+点赞+转发）从平均 153.33 降到 60（−61%，近 3 次运行）');
    expect(f1[6]).toEqual(new Date(runDay(3) * 86_400_000));
    const g1 = churnRows(wb).find((r) => r[0] === 'g1')!;
    expect(g1[5]).toContain('还剩 7 天');
    expect(g1[6]).toEqual(new Date(runDay(3) * 86_400_000));
    // Run 5: the new level is the member's baseline now; g1 has been demoted (no longer in a grace period).
    await runs(wb, 5, 5);
    const ids = churnRows(wb).map(idOf);
    expect(ids).not.toContain('g1');
    expect(ids).toEqual(['f2']); // (200 + 60 + 60) / 3 = 106.67 → 60 is −44% for f1; (200 + 40 + 40) / 3 = 93.33 → 40 is −57% for f2
  });

  it('a re-run on the same day over the same input changes nothing', async () => {
    const wb = new MemoryWorkbook({ 成员: members(0), 管理员: team });
    await runs(wb, 0, 3);
    const snapshot = (name: string) => JSON.stringify(wb.grid(name));
    const before = ['流失预警', '_fenceng_state', '分配-马丽'].map(snapshot);
    await recompute(wb, at(runDay(3)));
    await recompute(wb, at(runDay(3)));
    expect(['流失预警', '_fenceng_state', '分配-马丽'].map(snapshot)).toEqual(before);
  });

  it('keeps baselineRuns + 1 runs of history, packed in a few state cells', async () => {
    const wb = new MemoryWorkbook({ 成员: members(0), 管理员: team });
    await runs(wb, 0, 5);
    const state = wb.read('_fenceng_state')!;
    const history = readActivityHistory(state).get('activity')!;
    expect(history.fact).toBe('interactions30d');
    expect(history.days).toEqual([runDay(2), runDay(3), runDay(4), runDay(5)]);
    expect(history.members.get('f1')!.values).toEqual([200, 60, 60, 60]);
    expect(history.members.get('f2')!.since).toBe(runDay(3));
    expect(history.members.get('s1')!.since).toBeUndefined();
    expect(state.rows.filter((r) => r[0] === 'activity')).toHaveLength(1);
  });

  it('an export without the fact\'s columns warns nobody of a fall (it is not everyone at 0)', async () => {
    const wb = new MemoryWorkbook({ 成员: members(0), 管理员: team });
    await runs(wb, 0, 2);
    // Week 3's export lacks 近30天评论 / 点赞 / 转发 (counted as 0 by the rules): members stay core by their posts.
    const without = members(3).map((r) => [r[0], r[1], r[2], r[6]]);
    wb.apply({ sheets: [{ kind: 'replace', sheet: '成员', rows: without }] });
    await recompute(wb, at(runDay(3)));
    // Only grace periods: g1 as before, and p1, whom the rules now place in silent (its 3 comments are gone too).
    expect(churnRows(wb).map(idOf)).toEqual(['g1', 'p1']);
    for (const r of churnRows(wb)) expect(r[5]).toMatch(/^活跃层级宽限期至/);
    expect(readActivityHistory(wb.read('_fenceng_state')).get('activity')!.members.get('f1')!.values).toEqual([200, 200, 200, null]);
  });

  it('reads a state written before the history existed: grace periods are listed, falls wait for a baseline', async () => {
    // Version 1: one `tier` row per member; g1 fell below core 5 days ago.
    const v1: CellValue[][] = [
      ['kind', 'key', 'a', 'b', 'c'],
      ['version', 1],
      ...people.filter((p) => p.id !== 'p1' && p.id !== 'q1').map((p) => ['tier', p.id, 'activity', 'core', p.id === 'g1' ? formatCivilDay(runDay(3) - 5) : null]),
      ['tier', 'p1', 'activity', 'potential', null],
      ['tier', 'q1', 'activity', 'silent', null],
    ];
    const wb = new MemoryWorkbook({ 成员: members(3), 管理员: team, _fenceng_state: v1 });
    await recompute(wb, at(runDay(3)));
    const rows = churnRows(wb);
    expect(rows.map(idOf)).toEqual(['g1']);
    expect(rows[0][5]).toContain('还剩 9 天');
    expect(rows[0][6]).toEqual(new Date((runDay(3) - 5) * 86_400_000));
    // The next week the history written by that run is the baseline.
    wb.apply({ sheets: [{ kind: 'replace', sheet: '成员', rows: members(3).map((r, i) => (i > 0 && r[0] === 'f1' ? [r[0], r[1], r[2], 3, 10, 2, 5] : r)) }] });
    await recompute(wb, at(runDay(4)));
    expect(churnRows(wb).map(idOf)).toContain('f1');
  });
});
