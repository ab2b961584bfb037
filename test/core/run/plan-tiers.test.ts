import { describe, expect, it } from 'vitest';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { planTiers, tierSheets, type PlanInput } from '../../../src/core/run/plan-tiers.js';
import type { ColumnsPatch, ReplaceSheetPatch } from '../../../src/core/base/patch.js';
import { summaryText } from '../../../src/core/run/summary.js';
import type { Table } from '../../../src/core/base/table.js';
import { civilDay } from '../../../src/core/base/time.js';
import { tierMembers } from '../../../src/core/tiering/tiering.js';

const TODAY = civilDay(2026, 11, 26)!;

async function plan(table: Table, over: Partial<PlanInput> = {}) {
  const locale = over.locale ?? 'zh';
  const tiered = await tierMembers({ table, ruleSets: DEFAULT_RULE_SETS, mapping: DEFAULT_HEADER_MAPPING, today: TODAY, locale });
  const tiers = planTiers({
    table,
    sheetNames: [table.sheet],
    tiered,
    ruleSets: DEFAULT_RULE_SETS,
    locale,
    rulesVersion: 'abcd1234',
    computedAt: '2026-11-26 09:50',
    timeZone: 'Asia/Shanghai',
    dryRun: false,
    ...over,
  });
  return { ...tiers, patch: { sheets: tierSheets(tiers).sheets } };
}

const table = (): Table => ({
  sheet: '成员',
  header: ['成员ID', '最近活跃', '近30天评论'],
  rows: [
    ['u1', '2026-11-24', 45],
    ['u2', '2026-11-21', 8],
  ],
});

describe('planTiers + tierSheets', () => {
  it('plans one columns patch for the members sheet and replaces both owned sheets', async () => {
    const { patch } = await plan(table());
    expect(patch.sheets.map((s) => [s.kind, s.sheet])).toEqual([
      ['columns', '成员'],
      ['replace', '分层概览'],
      ['replace', '问题'],
      ['replace', '分层变动'],
      ['replace', '流失预警'],
      ['replace', '_fenceng_state'],
    ]);
    expect((patch.sheets[5] as ReplaceSheetPatch).hidden).toBe(true);
    const cols = patch.sheets[0] as ColumnsPatch;
    expect(cols.columns.map((c) => [c.index, c.header])).toEqual([
      [3, '活跃层级'],
      [4, '贡献层级'],
      [5, '分层依据'],
      [6, '距下一层级'],
      [7, '分层状态'],
      [8, '计算时间'],
    ]);
    for (const c of cols.columns) expect(c.values).toHaveLength(2);
  });

  it('reads previous tiers from the existing activity column (any language) to find moves', async () => {
    const t = table();
    t.header.push('Activity tier');
    t.rows[0].push('潜力成员'); // u1 was potential, is core now
    t.rows[1].push('Potential member'); // u2 stays potential
    const { summary } = await plan(t);
    expect(summary.moves).toEqual([{ from: '潜力成员', to: '核心成员', count: 1 }]);
    expect(summary.movedMembers).toBe(1);
    expect(summary.newMembers).toBe(0);
    const overview = (await plan(t)).patch.sheets[1] as ReplaceSheetPatch;
    expect(overview.rows).toContainEqual(['', '潜力成员', '核心成员', 1]);
  });

  it('moves are sorted by size (demotions at once with a 0-day grace period)', async () => {
    const t: Table = {
      sheet: '成员',
      header: ['成员ID', '最近活跃', '近30天评论', '活跃层级'],
      rows: [
        ['a', '2026-11-25', 50, '沉默成员'],
        ['b', '2026-11-25', 5, '核心成员'],
        ['c', '2026-11-25', 5, '核心成员'],
      ],
    };
    const { summary } = await plan(t, { ruleSets: DEFAULT_RULE_SETS.map((s) => ({ ...s, demotionGraceDays: 0 })) });
    expect(summary.moves).toEqual([
      { from: '核心成员', to: '潜力成员', count: 2 },
      { from: '沉默成员', to: '核心成员', count: 1 },
    ]);
  });

  it('summaryText gives a one-glance bilingual text', async () => {
    const { summary } = await plan(table());
    const zh = summaryText(summary, 'zh');
    expect(zh.split('\n')[0]).toBe('分层完成：2 名成员 / Tiers computed: 2 members');
    expect(zh).toContain('活跃层级: 核心成员 1 · 潜力成员 1 · 沉默成员 0');
    expect(zh).toContain('规则版本 abcd1234');
    const en = summaryText({ ...summary, dryRun: true }, 'en');
    expect(en.split('\n')[0]).toBe('Dry run (nothing written): 2 members / 预演（未写入）：2 名成员');
  });
});
