import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { FencengError } from '../../src/app/errors.js';
import { recompute, type RecomputeOptions } from '../../src/app/recompute.js';
import type { WorkbookPatch } from '../../src/core/base/patch.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { BALANCE_EN, BALANCE_ZH, firstRunTabs } from './ops-sheets.js';
import type { WorkbookPort } from '../../src/ports/port.js';

/** recompute as a promise, so a synchronous throw and a rejected apply read alike in `rejects`. */
const attempt = (...args: Parameters<typeof recompute>) => Promise.resolve().then(() => recompute(...args));


const NOW = new Date('2026-11-26T01:50:00Z'); // 2026-11-26 09:50 in Shanghai
const ZH: RecomputeOptions = { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' };
const EN: RecomputeOptions = { ...ZH, locale: 'en' };

const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟', '备注'];
const MANAGED_ZH = ['活跃层级', '贡献层级', '分层依据', '距下一层级', '分层状态', '计算时间'];
const MANAGED_EN = ['Activity tier', 'Contribution tier', 'Tier reason', 'To next tier', 'Tier status', 'Computed at'];

/** Sheet rows: u1 core/interactor, u2 potential/observer, u3 silent/creator, then rows that are not members. */
function membersGrid(): CellValue[][] {
  return [
    HEADER,
    ['u1', '小明', '2026-11-24', 45, 10, 2, 0, 0, 0, 'vip'], // row 2
    ['u2', '小红', '2026-11-21', 8, 0, 0, 0, 0, 0, null, null, '手写'], // row 3: a note beyond the header (column L)
    ['u3', '小刚', '2026-10-17', 0, 0, 0, 3, 0, 0, null], // row 4
    [], // row 5: stray blank row
    [null, '无名', '2026-11-24', 3, 0, 0, 0, 0, 0], // row 6: no ID
    ['u1', '重复', '2026-11-24', 1, 0, 0, 0, 0, 0], // row 7: duplicate of row 2
    ['u4', '小李', '2026-11-25', '很多', 0, 0, 0, 0, 0], // row 8: unreadable comments
  ];
}

const workbook = (extra: Record<string, CellValue[][]> = {}) => new MemoryWorkbook({ 成员: membersGrid(), ...extra });

function snapshot(wb: MemoryWorkbook) {
  return Object.fromEntries(wb.sheetNames().map((n) => [n, structuredClone(wb.grid(n))]));
}

/** Column values by header name (row 1 = header), for the data rows. */
function column(wb: MemoryWorkbook, sheet: string, header: string): CellValue[] {
  const grid = wb.grid(sheet)!;
  const i = grid[0].indexOf(header);
  expect(i, `column ${header}`).toBeGreaterThanOrEqual(0);
  return grid.slice(1).map((r) => r[i] ?? null);
}

describe('recompute: managed columns', () => {
  it('appends the six managed columns after the operator\'s last used column', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const header = wb.grid('成员')![0];
    // The note in column L (index 11) is the last used column, so ours start at M.
    expect(header.slice(12)).toEqual([...MANAGED_ZH, BALANCE_ZH]);
    expect(header.slice(0, 10)).toEqual(HEADER);
    expect(header[10] ?? null).toBeNull();
    expect(header[11] ?? null).toBeNull();
  });

  it('leaves every operator cell untouched', async () => {
    const before = membersGrid();
    const wb = workbook();
    await recompute(wb, ZH);
    const after = wb.grid('成员')!;
    before.forEach((row, r) => row.forEach((v, c) => expect(after[r][c], `R${r + 1}C${c + 1}`).toEqual(v)));
    // Nothing was written between the operator's data and our columns.
    after.forEach((row, r) => {
      for (const c of [10, 11]) expect(row[c] ?? null, `R${r + 1}C${c + 1}`).toEqual(before[r]?.[c] ?? null);
    });
  });

  it('writes tiers, reasons, progress, status and time for each row', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    // u4's unreadable comment count is treated as missing, i.e. 0: silent.
    expect(column(wb, '成员', '活跃层级')).toEqual(['核心成员', '潜力成员', '沉默成员', null, null, null, '沉默成员']);
    expect(column(wb, '成员', '贡献层级')).toEqual(['互动者', '观察者', '内容创造者', null, null, null, '观察者']);
    const reasons = column(wb, '成员', '分层依据');
    expect(reasons[0]).toContain('核心成员：近30天评论 45 ≥ 20，最近活跃 2 天前 ≤ 7');
    expect(reasons[0]).toContain('互动者：');
    expect(reasons[2]).toContain('沉默成员：未满足更高层级的条件（默认层级）');
    expect(reasons[2]).toContain('内容创造者：近30天发布 3 ≥ 3');
    expect(column(wb, '成员', '距下一层级')[1]).toContain('距核心成员：近30天评论还差 12');
    expect(column(wb, '成员', '距下一层级')[0]).toContain('活跃：已是最高层级');
    expect(column(wb, '成员', '分层状态')).toEqual([
      '已分层',
      '已分层',
      '已分层',
      null,
      '未分层：缺少成员ID',
      '未分层：与第 2 行成员ID重复',
      '已分层（1 个单元格无法识别，见「问题」表）',
    ]);
    expect(column(wb, '成员', '计算时间')).toEqual(['2026-11-26 09:50', '2026-11-26 09:50', '2026-11-26 09:50', null, '2026-11-26 09:50', '2026-11-26 09:50', '2026-11-26 09:50']);
  });

  it('a re-run updates the same columns in place and, with the same now, yields an identical workbook', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const first = snapshot(wb);
    const second = await recompute(wb, ZH);
    expect(wb.grid('成员')![0].filter((h) => MANAGED_ZH.includes(h as string))).toEqual(MANAGED_ZH);
    expect(wb.grid('成员')![0]).toHaveLength(first['成员']![0].length);
    expect(wb.sheetNames()).toEqual(firstRunTabs('zh', ['成员']));
    expect(snapshot(wb)).toEqual(first);
    expect(second.summary.movedMembers).toBe(0);
    expect(second.summary.newMembers).toBe(0);
  });

  it('"today" comes from now in the workbook\'s time zone', async () => {
    // 2026-11-25T17:00Z is 11-26 in Shanghai but 11-25 in UTC: last active 11-18 is 8 vs 7 days ago.
    const grid: CellValue[][] = [['成员ID', '最近活跃', '近30天评论'], ['u1', '2026-11-18', 45]];
    const now = new Date('2026-11-25T17:00:00Z');
    const sh = new MemoryWorkbook({ 成员: grid });
    await recompute(sh, { now, timeZone: 'Asia/Shanghai', locale: 'zh' });
    expect(column(sh, '成员', '活跃层级')).toEqual(['潜力成员']);
    expect(column(sh, '成员', '计算时间')).toEqual(['2026-11-26 01:00']);
    const utc = new MemoryWorkbook({ 成员: grid });
    await recompute(utc, { now, timeZone: 'UTC', locale: 'zh' });
    expect(column(utc, '成员', '活跃层级')).toEqual(['核心成员']);
  });
});

describe('recompute: summary and owned sheets', () => {
  it('summarises the run', async () => {
    const { summary, text } = await recompute(workbook(), ZH);
    expect(summary).toMatchObject({ sheet: '成员', rowsRead: 7, members: 4, notTiered: 2, blankRows: 1, movedMembers: 0, newMembers: 4, moves: [], dryRun: false, computedAt: '2026-11-26 09:50', timeZone: 'Asia/Shanghai' });
    expect(summary.tiers.activity.counts.map((c) => [c.tier, c.count])).toEqual([
      ['core', 1],
      ['potential', 1],
      ['silent', 2],
    ]);
    expect(summary.tiers.contribution.counts.map((c) => [c.tier, c.count])).toEqual([
      ['creator', 1],
      ['interactor', 1],
      ['observer', 2],
    ]);
    expect(text).toContain('分层完成：4 名成员');
  });

  it('分层概览 has the tier × contribution matrix whose totals equal summary.members', async () => {
    const wb = workbook();
    const { summary } = await recompute(wb, ZH);
    const grid = wb.grid('分层概览')!;
    const top = grid.findIndex((r) => r[0] === '活跃层级 \\ 贡献层级');
    expect(top).toBeGreaterThan(0);
    expect(grid[top]).toEqual(['活跃层级 \\ 贡献层级', '内容创造者', '互动者', '观察者', '合计']);
    const body = grid.slice(top + 1, top + 4);
    expect(body.map((r) => r[0])).toEqual(['核心成员', '潜力成员', '沉默成员']);
    expect(body.map((r) => r.slice(1))).toEqual([
      [0, 1, 0, 1],
      [0, 0, 1, 1],
      [1, 0, 1, 2],
    ]);
    const total = grid[top + 4];
    expect(total).toEqual(['合计', 1, 1, 2, 4]);
    expect(total[4]).toBe(summary.members);
    expect(grid.find((r) => r[0] === '成员总数')?.[1]).toBe(summary.members);
    expect(grid.find((r) => r[0] === '计算时间')?.[1]).toBe('2026-11-26 09:50 (Asia/Shanghai)');
    expect(grid.find((r) => r[0] === '问题数')?.[1]).toBe(summary.issues);
  });

  it('问题 lists every issue with sheet, row and column', async () => {
    const wb = workbook();
    const { issues } = await recompute(wb, ZH);
    const grid = wb.grid('问题')!;
    expect(grid[0]).toEqual(['工作表', '行', '列', '列名', '成员ID', '类型', '说明']);
    expect(grid).toHaveLength(issues.length + 1);
    const row = (code: string) => grid.find((r) => (r[5] as string).includes(code))!;
    expect(row('Unreadable cell').slice(0, 5)).toEqual(['成员', 8, 'D', '近30天评论', 'u4']);
    expect(row('Unreadable cell')[6]).toContain('很多');
    expect(row('Missing member ID').slice(0, 4)).toEqual(['成员', 6, 'A', '成员ID']);
    expect(row('Duplicate member ID').slice(0, 5)).toEqual(['成员', 7, 'A', '成员ID', 'u1']);
    expect(row('Duplicate member ID')[6]).toContain('第 2 行');
    // The blank row 5 produced nothing.
    expect(grid.some((r) => r[1] === 5)).toBe(false);
  });

  it('a second run after one member changed reports the move', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const grid = wb.grid('成员')!;
    grid[2][2] = '2026-11-25'; // u2 (row 3): active yesterday …
    grid[2][3] = 30; // … with 30 comments → core
    const { summary } = await recompute(wb, ZH);
    expect(summary.moves).toEqual([{ from: '潜力成员', to: '核心成员', count: 1 }]);
    expect(summary.movedMembers).toBe(1);
    expect(summary.newMembers).toBe(0);
    expect(column(wb, '成员', '活跃层级')[1]).toBe('核心成员');
    const overview = wb.grid('分层概览')!;
    expect(overview.find((r) => r[0] === '层级变动人数')?.[1]).toBe(1);
    const head = overview.findIndex((r) => r[0] === '层级变动（自上次计算）');
    expect(overview[head + 1]).toEqual(['', '潜力成员', '核心成员', 1]);
  });

  it('a new member on the second run is counted as new, not moved', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    wb.grid('成员')!.push(['u9', '新人', '2026-11-26', 25]);
    const { summary } = await recompute(wb, ZH);
    expect(summary.newMembers).toBe(1);
    expect(summary.movedMembers).toBe(0);
  });
});

describe('recompute: writing nothing', () => {
  it('dryRun computes everything but writes nothing', async () => {
    const wb = workbook();
    const before = snapshot(wb);
    const result = await recompute(wb, { ...ZH, dryRun: true });
    expect(snapshot(wb)).toEqual(before);
    expect(wb.sheetNames()).toEqual(['成员']);
    expect(result.summary.dryRun).toBe(true);
    expect(result.summary.members).toBe(4);
    expect(result.patch.sheets.length).toBeGreaterThan(0);
    expect(result.text).toContain('预演');
  });

  it('invalid rules throw a FencengError naming the problem and leave the workbook unchanged', async () => {
    const wb = workbook();
    const before = snapshot(wb);
    const bad = structuredClone(DEFAULT_RULE_SETS[0]) as RuleSet;
    (bad.rules[0].conditions as { all: Array<{ fact: string }> }).all[1].fact = 'daysSinceActiv';
    // Evaluation is synchronous now: bad rules throw before anything runs.
    const run = () => recompute(wb, { ...ZH, ruleSets: [bad, DEFAULT_RULE_SETS[1]] });
    expect(run).toThrow(FencengError);
    const err = (() => {
      try {
        run();
      } catch (e) {
        return e as FencengError;
      }
    })()!;
    expect(err.code).toBe('invalid-rules');
    expect(err.message).toContain('activity');
    expect(err.message).toContain(bad.rules[0].name);
    expect(err.message).toContain('rules[0].conditions.all[1].fact');
    expect(snapshot(wb)).toEqual(before);
  });

  // Regression: found by these tests and fixed.
  it('a rule set without a label is rejected as invalid rules', async () => {
    const wb = workbook();
    const before = snapshot(wb);
    const noLabel = structuredClone(DEFAULT_RULE_SETS[0]) as Partial<RuleSet>;
    delete noLabel.label;
    await expect(attempt(wb, { ...ZH, ruleSets: [noLabel as RuleSet, DEFAULT_RULE_SETS[1]] })).rejects.toBeInstanceOf(FencengError);
    expect(snapshot(wb)).toEqual(before);
  });

  it('a port whose apply throws leaves the MemoryWorkbook unchanged', async () => {
    const wb = workbook();
    const before = snapshot(wb);
    // Delegates to the MemoryWorkbook, but the patch also targets a sheet that
    // does not exist, so MemoryWorkbook.apply fails after the real parts.
    const port: WorkbookPort = {
      sheetNames: () => wb.sheetNames(),
      read: (s) => wb.read(s),
      apply: (patch: WorkbookPatch) => wb.apply({ sheets: [...patch.sheets, { kind: 'columns', sheet: '不存在', columns: [{ index: 0, header: 'x', values: [] }] }] }),
    };
    await expect(attempt(port, ZH)).rejects.toThrow('不存在');
    expect(snapshot(wb)).toEqual(before);
  });

  it('a port that rejects from apply makes recompute reject', async () => {
    const wb = workbook();
    const port: WorkbookPort = { sheetNames: () => wb.sheetNames(), read: (s) => wb.read(s), apply: async () => Promise.reject(new Error('disk full')) };
    await expect(attempt(port, ZH)).rejects.toThrow('disk full');
    expect(wb.sheetNames()).toEqual(['成员']);
  });

  it('a workbook without sheets is a FencengError', async () => {
    await expect(attempt(new MemoryWorkbook(), ZH)).rejects.toMatchObject({ name: 'FencengError', code: 'no-members-sheet' });
  });
});

describe('recompute: locale', () => {
  it('English locale writes English headers and sheets', async () => {
    const wb = workbook();
    await recompute(wb, EN);
    expect(wb.grid('成员')![0].slice(12)).toEqual([...MANAGED_EN, BALANCE_EN]);
    expect(wb.sheetNames()).toEqual(firstRunTabs('en', ['成员']));
    expect(column(wb, '成员', 'Activity tier')[0]).toBe('Core member');
    expect(column(wb, '成员', 'Tier reason')[0]).toContain('Core member: Comments (30d) 45 ≥ 20, Last active 2 days ago ≤ 7');
    expect(column(wb, '成员', 'Tier status')[5]).toBe('Not tiered: same member ID as row 2');
    expect(wb.grid('Issues')![0]).toEqual(['Sheet', 'Row', 'Column', 'Header', 'Member ID', 'Type', 'Message']);
  });

  it('an English run after a Chinese one reuses the Chinese columns and sheets: no duplicates, no false moves', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const width = wb.grid('成员')![0].length;
    const { summary } = await recompute(wb, EN);
    const header = wb.grid('成员')![0];
    expect(header).toHaveLength(width);
    expect(header.slice(12)).toEqual([...MANAGED_EN, BALANCE_EN]);
    expect(header.filter((h) => MANAGED_ZH.includes(h as string))).toEqual([]);
    expect(wb.sheetNames()).toEqual(firstRunTabs('zh', ['成员']));
    expect(summary.movedMembers).toBe(0);
    expect(summary.newMembers).toBe(0);
    // And back again.
    await recompute(wb, ZH);
    expect(wb.grid('成员')![0]).toHaveLength(width);
    expect(wb.grid('成员')![0].slice(12)).toEqual([...MANAGED_ZH, BALANCE_ZH]);
  });
});

describe('recompute: which sheet', () => {
  const members = (): CellValue[][] => [['成员ID', '最近活跃', '近30天评论'], ['u1', '2026-11-24', 45]];
  const notes = (): CellValue[][] => [['说明'], ['请勿修改']];

  it('finds 成员 by name even when it is not the first sheet, and leaves other sheets alone', async () => {
    const wb = new MemoryWorkbook({ 说明: notes(), 成员: members() });
    const { summary } = await recompute(wb, ZH);
    expect(summary.sheet).toBe('成员');
    expect(wb.grid('说明')).toEqual(notes());
    expect(column(wb, '成员', '活跃层级')).toEqual(['核心成员']);
  });

  it('finds Members by name', async () => {
    const wb = new MemoryWorkbook({ Notes: notes(), Members: members() });
    expect((await recompute(wb, EN)).summary.sheet).toBe('Members');
    expect(wb.grid('Notes')).toEqual(notes());
  });

  it('otherwise uses the first sheet', async () => {
    const wb = new MemoryWorkbook({ 粉丝: members(), 说明: notes() });
    expect((await recompute(wb, ZH)).summary.sheet).toBe('粉丝');
    expect(column(wb, '粉丝', '活跃层级')).toEqual(['核心成员']);
    expect(wb.grid('说明')).toEqual(notes());
  });
});

describe('recompute: rows cleared by the operator', () => {
  // Regression: found by these tests and fixed.
  it('a member row emptied by the operator is treated as blank on the next run', async () => {
    const wb = workbook();
    await recompute(wb, ZH);
    const row = wb.grid('成员')![3]; // u3, sheet row 4
    for (let c = 0; c < HEADER.length; c++) row[c] = null;
    const { summary, issues } = await recompute(wb, ZH);
    expect(summary.blankRows).toBe(2);
    expect(summary.notTiered).toBe(2);
    expect(issues.filter((i) => i.row === 4)).toEqual([]);
    expect(column(wb, '成员', '分层状态')[2]).toBeNull();
  });
});
