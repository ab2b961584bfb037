import { describe, expect, it } from 'vitest';
import { planWindow } from '../../../src/core/plans/calendar.js';
import { contentPlanRows, readContentPlan } from '../../../src/core/plans/content-sheet.js';
import { taskRows, weeklyTasks } from '../../../src/core/plans/tasks.js';
import { interactionPlanRows, readInteractionPlan } from '../../../src/core/plans/interaction-sheet.js';
import { planSchedule } from '../../../src/core/plans/schedule.js';
import type { Table } from '../../../src/core/base/table.js';
import { ACTIVITY, config, day, library, TIERS, TODAY } from './fixtures.js';

const asTable = (rows: unknown[][], sheet = '内容计划'): Table => ({ sheet, header: rows[0] as string[], rows: rows.slice(1) as never });

describe('plan sheets', () => {
  const cfg = config();
  const names = { config: cfg.interactions, festivals: cfg.festivals.festivals };
  const lib = library({ core: 6, potential: 4, silent: 1 });
  lib[0].title = '深度解读：２０２７ 行业趋势';
  const schedule = planSchedule({ window: planWindow(day('2026-12-07'), 2), tiers: TIERS, config: cfg, library: lib, previous: [], admins: { core: ['甲'], potential: ['乙'], silent: ['丙'] } });

  for (const locale of ['zh', 'en'] as const) {
    it(`read back what they wrote (${locale}), full-width titles included`, () => {
      const content = contentPlanRows({ schedule, library: lib, libraryProblems: [], tiers: ACTIVITY.tiers, locale, adminsKnown: true });
      expect(readContentPlan(asTable(content), ACTIVITY.tiers, TODAY).map(({ carried, ...e }) => e)).toEqual(schedule.content);
      const inter = interactionPlanRows({ schedule, names, tiers: ACTIVITY.tiers, audienceLabel: () => '核心成员', invites: new Map(), locale, adminsKnown: true });
      expect(readInteractionPlan(asTable(inter), ACTIVITY.tiers, names, TODAY).map(({ carried, ...e }) => e)).toEqual(schedule.interaction);
    });
  }

  it('shows gaps, library problems and the admin note in the content plan', () => {
    const rows = contentPlanRows({ schedule, library: lib, libraryProblems: [{ row: 9, title: 'X', message: '未知类型' }], tiers: ACTIVITY.tiers, locale: 'zh', adminsKnown: false });
    const text = rows.map((r) => r.join('|')).join('\n');
    expect(text).toContain('缺口|层级|周|缺少条数|说明');
    expect(text).toContain('|沉默成员|第2周 12-14~12-20|1|');
    expect(text).toContain('内容库问题|行|标题|说明\n|9|X|未知类型');
    expect(text).toContain('负责管理员待分配');
    const festival = interactionPlanRows({ schedule, names, tiers: ACTIVITY.tiers, audienceLabel: () => '', invites: new Map(), locale: 'zh', adminsKnown: true }).filter((r) => r[4] === '节日');
    expect(festival.map((r) => [r[3], r[5], r[6]])).toEqual(TIERS.map((t) => [ACTIVITY.tiers.find((x) => x.id === t)!.zh, '双十二', '双十二节日活动（全体成员）']));
  });

  it("gives each admin this week's tasks", () => {
    const tasks = weeklyTasks([...schedule.content, ...schedule.interaction], day('2026-12-09'), { name: (e) => e.key });
    expect([...tasks.keys()].sort()).toEqual(['丙', '乙', '甲']);
    const core = tasks.get('甲')!;
    expect(core.every((t) => t.tier === 'core' && t.day >= day('2026-12-07') && t.day < day('2026-12-14'))).toBe(true);
    expect(core.map((t) => t.kind)).toContain('content');
    const block = taskRows(core, day('2026-12-09'), (id) => id, 'zh');
    expect(block[0]).toEqual(['本周任务']);
    expect(block.slice(2).map((r) => r[7])).toContain('计划');
  });
});
