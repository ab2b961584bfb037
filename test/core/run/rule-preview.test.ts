import { describe, expect, it } from 'vitest';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { recompute } from '../../../src/app/recompute.js';
import { previewMoves } from '../../../src/core/run/rule-preview.js';
import type { RuleSet } from '../../../src/core/rules/types.js';
import type { CellValue } from '../../../src/core/base/table.js';
import { MemoryWorkbook } from '../../../src/ports/memory.js';

const NOW = new Date('2026-11-26T04:00:00Z');
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];

function grid(): CellValue[][] {
  return [
    HEADER,
    ['u1', '甲', '2026-11-25', 25, 0, 0, 0, 0, 0], // core
    ['u2', '乙', '2026-11-24', 8, 0, 0, 0, 0, 0], // potential; core once the threshold is 5
    ['u3', '丙', '2026-11-23', 6, 0, 0, 0, 0, 0], // likewise
    ['u4', '丁', '2026-08-01', 0, 0, 0, 0, 0, 0], // silent
  ];
}

function lowered(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

async function preview(wb: MemoryWorkbook, ruleSets: RuleSet[], locale: 'zh' | 'en') {
  const dry = await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale, dryRun: true, ruleSets });
  return previewMoves({ run: dry, ruleSets, previousRuleSets: DEFAULT_RULE_SETS, mapping: DEFAULT_HEADER_MAPPING, locale });
}

describe('previewMoves', () => {
  it('counts members with no tier yet as first-time placements', async () => {
    const [activity] = await preview(new MemoryWorkbook({ 成员: grid() }), DEFAULT_RULE_SETS, 'zh');
    expect(activity).toMatchObject({ id: 'activity', label: '活跃层级', moved: 0, unchanged: 0, fresh: 4 });
    expect(activity.moves.reduce((n, m) => n + m.count, 0)).toBe(4);
    expect(activity.moves.every((m) => m.from === null)).toBe(true);
  });

  it('compares the tiers on the sheet with the ones a recompute would write, with examples', async () => {
    const wb = new MemoryWorkbook({ 成员: grid() });
    await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' });
    const [activity, contribution] = await preview(wb, lowered(5), 'zh');
    expect(activity).toMatchObject({ moved: 2, unchanged: 2, fresh: 0 });
    expect(activity.moves).toHaveLength(1);
    expect(activity.moves[0]).toMatchObject({ from: 'potential', to: 'core', count: 2 });
    expect(activity.moves[0].examples.map((e) => [e.memberId, e.nickname, e.row])).toEqual([['u2', '乙', 3], ['u3', '丙', 4]]);
    expect(activity.moves[0].examples[0].reason).toMatch(/^核心成员：近30天评论 8 ≥ 5/);
    expect(activity.cells).toContainEqual({ from: 'core', to: 'core', count: 1 });
    expect(contribution).toMatchObject({ id: 'contribution', moved: 0 });
  });

  it('does not count a change of language as a move', async () => {
    const wb = new MemoryWorkbook({ 成员: grid() });
    await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' });
    const [activity] = await preview(wb, DEFAULT_RULE_SETS, 'en');
    expect(activity).toMatchObject({ label: 'Activity tier', moved: 0, unchanged: 4, fresh: 0 });
    expect(activity.tiers.map((t) => t.label)).toEqual(['Core member', 'Potential member', 'Silent member']);
  });
});
