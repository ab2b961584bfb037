import { describe, expect, it } from 'vitest';
import { DEFAULT_OPS_CONFIG } from '../../src/app/default-operations.js';
import { FencengError } from '../../src/app/errors.js';
import { recompute, type RecomputeOptions } from '../../src/app/recompute.js';
import type { OpsConfig } from '../../src/core/plans/config.js';
import { redemptionIdOf } from '../../src/core/points/ledger.js';
import { carriedLines, readCarry } from '../../src/core/points/ledger-carry.js';
import type { CellValue, Table } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { generateAdminsTable, generateMembersTable } from '../../src/sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../src/sample/operations.js';
import { OPS_SHEETS_EN, OPS_SHEETS_ZH } from './ops-sheets.js';

/** recompute as a promise, so a synchronous throw and a rejected apply read alike in `rejects`. */
const attempt = (...args: Parameters<typeof recompute>) => Promise.resolve().then(() => recompute(...args));


const TODAY = '2026-11-26';
const ZH: RecomputeOptions = { now: new Date('2026-11-26T01:50:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' };
const at = (iso: string): RecomputeOptions => ({ ...ZH, now: new Date(`${iso}T01:50:00Z`) });

const grid = (t: Table): CellValue[][] => [t.header, ...t.rows];

/** The bundled sample, small: members, admins, content library, redemptions and last month's ledger. */
function sample(members = 240, opts: { admins?: boolean; extras?: boolean } = {}): MemoryWorkbook {
  const m = generateMembersTable({ members, seed: 7, today: TODAY });
  const sheets: Record<string, CellValue[][]> = { 成员: grid(m) };
  if (opts.admins !== false) sheets['管理员'] = grid(generateAdminsTable({ members, seed: 7 }));
  if (opts.extras !== false) {
    sheets['内容库'] = grid(generateContentLibraryTable({ seed: 7 }));
    sheets['积分兑换'] = grid(generateRedemptionsTable(m, { seed: 7, today: TODAY }));
    sheets['积分流水'] = grid(generatePointsHistoryTable(m, { seed: 7, today: TODAY }));
  }
  return new MemoryWorkbook(sheets);
}

const snapshot = (wb: MemoryWorkbook) => Object.fromEntries(wb.sheetNames().map((n) => [n, structuredClone(wb.grid(n))]));
const rows = (wb: MemoryWorkbook, sheet: string) => wb.grid(sheet)!.slice(1);
const col = (wb: MemoryWorkbook, sheet: string, header: string) => {
  const g = wb.grid(sheet)!;
  const i = g[0].indexOf(header);
  expect(i, `${sheet}.${header}`).toBeGreaterThanOrEqual(0);
  return g.slice(1).map((r) => r[i] ?? null);
};

describe('operations in a run (content, interactions, points, dashboard)', () => {
  it('writes every sheet; a re-run with the same data and time changes nothing', async () => {
    const wb = sample();
    const first = await recompute(wb, ZH);
    for (const s of OPS_SHEETS_ZH) expect(wb.sheetNames(), s).toContain(s);
    expect(wb.isHidden('_fenceng_trend')).toBe(true);
    expect(wb.charts('运营看板').map((c) => c.type)).toEqual(['column', 'pie', 'line', 'pie', 'column', 'column']);
    expect(first.operations.summary.content.planned).toBeGreaterThan(20);
    expect(first.text).toContain('内容计划');
    const before = snapshot(wb);
    const again = await recompute(wb, ZH);
    expect(snapshot(wb)).toEqual(before);
    expect(again.operations.summary.points.linesAdded).toBe(0);
  });

  it('a dry run writes nothing but still plans', async () => {
    const wb = sample();
    const before = snapshot(wb);
    const dry = await recompute(wb, { ...ZH, dryRun: true });
    expect(snapshot(wb)).toEqual(before);
    expect(dry.operations.summary.points.linesAdded).toBeGreaterThan(0);
    expect(dry.operations.sheets.map((p) => p.sheet)).toContain('运营看板');
  });

  it('balances are the ledger sums; redemptions are deducted once and rejected ones not at all', async () => {
    const wb = sample();
    await recompute(wb, ZH);
    // The sample's October folded on this November run: the ledger is the lines shown plus the hidden carry.
    const carry = readCarry(wb.read('_fenceng_ledger_carry'));
    expect(carry.carried.size).toBeGreaterThan(0);
    const fromCarry = [...carriedLines(carry, 'zh'), ...carry.sums, ...carry.redemptions].map((l) => [l.period, l.memberId, '', l.rule, l.points] as CellValue[]);
    const ledger = [...fromCarry, ...rows(wb, '积分流水')];
    const sums = new Map<string, number>();
    for (const r of ledger) sums.set(String(r[1]), (sums.get(String(r[1])) ?? 0) + Number(r[4]));
    const ids = col(wb, '成员', '成员ID');
    const balances = col(wb, '成员', '积分余额');
    const status = col(wb, '成员', '分层状态');
    ids.forEach((id, i) => {
      if (typeof status[i] === 'string' && (status[i] as string).startsWith('已分层')) expect(balances[i], String(id)).toBe(sums.get(String(id)) ?? 0);
    });
    expect(Math.min(...balances.filter((b): b is number => typeof b === 'number'))).toBeGreaterThanOrEqual(0);
    const statuses = col(wb, '积分兑换', '处理状态');
    expect(statuses).toContain('已兑换');
    expect(statuses).toContain('已拒绝');
    expect(statuses).toContain('无效');
    expect(statuses).toContain('待处理');
    const deductions = ledger.filter((r) => redemptionIdOf(String(r[3])));
    expect(deductions).toHaveLength(statuses.filter((s) => s === '已兑换').length);
    await recompute(wb, ZH);
    const again = [...readCarry(wb.read('_fenceng_ledger_carry')).redemptions.map((l) => l.rule), ...rows(wb, '积分流水').map((r) => String(r[3]))];
    expect(again.filter((r) => redemptionIdOf(r))).toHaveLength(deductions.length);
  });

  it('a new month adds only its own points, awards last month’s honors once, and serves a redemption that came due', async () => {
    const wb = sample();
    await recompute(wb, ZH);
    const key = (r: CellValue[]) => JSON.stringify([r[0], r[1], r[3], r[4], r[6]]);
    const november = new Set(rows(wb, '积分流水').map(key));
    const honorsBefore = rows(wb, '荣誉').filter((r) => r[7] === '已颁发');
    expect(new Set(honorsBefore.map((r) => r[0]))).toEqual(new Set(['2026-10'])); // the sample's October ledger
    const dec = await recompute(wb, at('2026-12-20'));
    // November (closed, honors awarded) folds into the hidden carry; what is shown is December's own.
    const added = rows(wb, '积分流水').filter((r) => !november.has(key(r)));
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map((r) => r[0]))).toEqual(new Set(['2026-12']));
    const awarded = rows(wb, '荣誉').filter((r) => r[7] === '已颁发');
    expect(new Set(awarded.map((r) => r[0]))).toEqual(new Set(['2026-10', '2026-11']));
    expect(dec.operations.summary.honors.periods).toEqual(['2026-11']);
    expect(col(wb, '积分兑换', '处理状态')).not.toContain('待处理');
    // Later the same month: nothing is awarded again.
    const later = await recompute(wb, at('2026-12-27'));
    expect(later.operations.summary.honors.awarded).toBe(0);
    expect(rows(wb, '荣誉').filter((r) => r[7] === '已颁发')).toEqual(awarded);
  });

  it("each admin sheet shows this week's tasks beside the member list", async () => {
    const wb = sample();
    const result = await recompute(wb, ZH);
    const sheets = wb.sheetNames().filter((n) => n.startsWith('分配-'));
    expect(sheets.length).toBeGreaterThan(1);
    let tasks = 0;
    for (const s of sheets) {
      const g = wb.grid(s)!;
      const at = g[0].indexOf('本周任务');
      expect(at, s).toBeGreaterThan(9);
      expect(g[1].slice(at)).toEqual(['日期', '星期', '类别', '层级', '内容/活动', '渠道', '链接', '状态']);
      tasks += g.slice(2).filter((r) => r[at] instanceof Date).length;
    }
    // Every task of the week lands on exactly one admin's sheet.
    const week = [...result.operations.tasks.values()].reduce((n, l) => n + l.length, 0);
    expect(tasks).toBe(week);
    expect(result.operations.tasks.has('')).toBe(false);
  });

  it('without admin assignment the plans leave the admin blank and say how it gets filled', async () => {
    const wb = sample(120, { admins: false });
    await recompute(wb, ZH);
    const plan = wb.grid('内容计划')!.filter((r) => r[0] instanceof Date);
    expect(plan.length).toBeGreaterThan(10);
    expect(plan.every((r) => r[8] === '' || r[8] === null)).toBe(true);
    expect(JSON.stringify(wb.grid('内容计划'))).toContain('负责管理员待分配');
  });

  it('a workbook with nothing but members gets empty input sheets to fill, and a plan that says what is missing', async () => {
    const wb = sample(60, { admins: false, extras: false });
    const r = await recompute(wb, ZH);
    expect(wb.grid('内容库')).toEqual([['标题', '类型', '目标层级', '渠道', '链接', '负责人']]);
    expect(wb.grid('积分兑换')![0]).toEqual(['成员ID', '兑换物品', '积分', '日期', '兑换编号', '处理状态', '处理说明']);
    expect(r.operations.summary.content.planned).toBe(0);
    expect(r.operations.summary.content.missing).toBeGreaterThan(0);
  });

  it('English: English names and headers; a Chinese run afterwards reuses them, no duplicates', async () => {
    const wb = sample(90, { admins: false });
    await recompute(wb, { ...ZH, locale: 'en' });
    for (const s of OPS_SHEETS_EN.filter((s) => !['Content library', 'Redemptions', 'Points ledger'].includes(s))) expect(wb.sheetNames(), s).toContain(s);
    expect(wb.grid('Content plan')![0]).toEqual(['Date', 'Day', 'Week', 'Tier', 'Content', 'Type', 'Channel', 'Link', 'Admin', 'Status']);
    expect(wb.grid('成员')![0]).toContain('Points balance');
    const names = wb.sheetNames();
    const plan = structuredClone(wb.grid('Content plan'));
    await recompute(wb, ZH);
    expect(wb.sheetNames()).toEqual(names);
    expect(wb.grid('成员')![0]).toContain('积分余额');
    // Same entries, now in Chinese.
    const entries = (g: CellValue[][]) => g.slice(1).filter((r) => r[0] instanceof Date).map((r) => [r[0], r[4]]);
    expect(entries(wb.grid('Content plan')!)).toEqual(entries(plan!));
    expect(entries(plan!).length).toBeGreaterThan(10);
  });

  it('invalid plan data stops the run before anything is written, naming the file and path', async () => {
    const wb = sample(30, { admins: false });
    const before = snapshot(wb);
    const bad = structuredClone(DEFAULT_OPS_CONFIG) as OpsConfig;
    bad.content.perWeek.core = 12;
    const run = attempt(wb, { ...ZH, operations: bad });
    await expect(run).rejects.toBeInstanceOf(FencengError);
    await expect(run).rejects.toThrow(/plans\/content\.json @ perWeek\.core/);
    expect(snapshot(wb)).toEqual(before);
  });
});
