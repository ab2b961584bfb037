/**
 * The sample run in the built bundle, as an operator opens it in Sheets:
 * every tab Fenceng writes laid out (frozen bold header, widths, formats,
 * tier colours), filters on the lists but not on 成员 or the report tabs,
 * and the layout's calls flat in members.
 */
import { describe, expect, it } from 'vitest';
import { useBuiltBundle } from './built-bundle.js';
import { FakeEnv } from './fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from './sample-env.js';

const bundle = useBuiltBundle();
const NOW = new Date('2026-11-26T04:00:00Z');
const LAYOUT_CALLS = ['Sheet.setFrozenRows', 'Sheet.getRangeList', 'RangeList.*', 'Range.createFilter', 'Filter.remove', 'Sheet.setConditionalFormatRules'];

async function sampleRun(members: number, noAdmins = false): Promise<FakeEnv> {
  const env = new FakeEnv({ sheets: sampleSheets({ members, today: '2026-11-26', noAdmins }), timeZone: SAMPLE_TZ, owner: 'owner@example.com' });
  await bundle.load(env, { Date: fixedClock(NOW) }).recomputeTiers();
  expect(env.alerts).toEqual([]);
  return env;
}

describe('the sample in Sheets, laid out', () => {
  it('every list Fenceng writes has a frozen bold header and a filter; 成员, 分层概览 and 运营看板 have none of ours', async () => {
    const env = await sampleRun(200);
    const members = env.sheet('成员');
    expect(members.layout.filter).toBeUndefined();
    expect(members.layout.frozenRows).toBe(0);
    const header = members.raw()[0];
    const tierCol = header.indexOf('活跃层级') + 1;
    expect(members.layout.at(1, tierCol).fontWeight).toBe('bold');
    expect(members.layout.at(1, 1).fontWeight).toBeUndefined(); // the operator's own column
    expect(members.layout.rules.map((r) => r.text)).toEqual(expect.arrayContaining(['核心成员', '潜力成员', '沉默成员', '内容创造者', '互动者', '观察者']));
    expect(members.getColumnWidth(header.indexOf('分层依据') + 1)).toBe(48 * 7 + 8);
    for (const name of ['分层概览', '运营看板']) expect(env.sheet(name).layout.filter, name).toBeUndefined();
    const lists = env.sheets.filter((s) => !s.hidden && /^(分配-|问题$|内容计划$|积分流水$)/.test(s.name));
    expect(lists.length).toBeGreaterThan(3);
    for (const s of lists) {
      expect(s.layout.frozenRows, s.name).toBe(1);
      expect(s.layout.at(1, 1).fontWeight, s.name).toBe('bold');
      expect(s.layout.filter, s.name).toBeDefined();
    }
    // Dates as dates in 内容计划 (no ###), counts with separators in the ledger.
    const plan = env.sheet('内容计划');
    expect(plan.layout.at(2, plan.raw()[0].indexOf('日期') + 1).numberFormat).toMatch(/^yyyy-mm-dd/);
    const ledger = env.sheet('积分流水');
    expect(ledger.layout.at(2, ledger.raw()[0].findIndex((h) => h === '积分') + 1).numberFormat).toBe('#,##0');
    // Hidden state is not laid out.
    expect(env.sheet('_fenceng_state').layout.frozenRows).toBe(0);
  }, 120_000);

  it('spends the same layout calls on 2,000 members as on 200', async () => {
    // Without the admin team: the sample's team grows with members, and with it the number of 分配 tabs.
    const counts: number[] = [];
    const tabs: string[][] = [];
    for (const n of [200, 2000]) {
      const env = await sampleRun(n, true);
      tabs.push(env.sheets.map((s) => s.name));
      counts.push(env.calls.sum(...LAYOUT_CALLS));
    }
    // The same tabs at both sizes (no admin team, so no 分配 tabs), and the same layout calls.
    expect(tabs[1]).toEqual(tabs[0]);
    expect(tabs[0].some((name) => name.startsWith('分配-'))).toBe(false);
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeGreaterThan(0);
  }, 180_000);
});
