import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { CellValue, Table } from '../../src/core/base/table.js';
import { DEFAULT_ADMINS_CONFIG, DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { parseAdmins } from '../../src/core/admins/parse-admins.js';
import { servingAdmins, validateTeam } from '../../src/core/admins/validate-team.js';
import { describeSample, generateAdminsTable, generateMembersTable } from '../../src/sample/generate.js';
import { createRng } from '../../src/sample/random.js';

const HEADER = [
  '成员ID',
  '昵称',
  '抖音号',
  '入群日期',
  '最近活跃',
  '近30天评论',
  '近30天点赞',
  '近30天转发',
  '近30天发布',
  '近30天获赞',
  '直播观看分钟',
  '备注',
  '跟进状态',
];
const col = (name: string) => HEADER.indexOf(name);
const TODAY = '2025-03-29';
const TODAY_MS = Date.UTC(2025, 2, 29);
const COUNT_COLS = HEADER.slice(5, 11).map(col);

const isBlankRow = (row: CellValue[]) => row.every((v) => v === null);

describe('createRng', () => {
  it('is deterministic and in range', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a.next();
      expect(x).toBe(b.next());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(createRng(1).next()).not.toBe(createRng(2).next());
  });

  it('int covers both ends inclusively', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });
});

describe('generateMembersTable', () => {
  const table = generateMembersTable({ members: 2000, seed: 20250329, today: TODAY });
  const memberRows = table.rows.filter((r) => !isBlankRow(r));

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateMembersTable({ members: 2000, seed: 20250329, today: TODAY });
    expect(again).toEqual(table);
    const other = generateMembersTable({ members: 2000, seed: 20250330, today: TODAY });
    expect(other).not.toEqual(table);
  });

  it('has the sheet name and the exact header', () => {
    expect(table.sheet).toBe('成员');
    expect(table.header).toEqual(HEADER);
  });

  it('has one row per member plus the blank rows', () => {
    const d = describeSample(table);
    expect(memberRows).toHaveLength(2000);
    expect(d.rows).toBe(table.rows.length);
    expect(d.rows).toBe(2000 + d.blankRows);
    expect(d.blankRows).toBe(table.rows.filter(isBlankRow).length);
  });

  it('contains every messy form', () => {
    const d = describeSample(table);
    expect(d.blankRows).toBeGreaterThanOrEqual(1);
    expect(d.duplicateIds).toBeGreaterThanOrEqual(1);
    expect(d.missingIds).toBeGreaterThanOrEqual(1);

    const counts = memberRows.flatMap((r) => COUNT_COLS.map((c) => r[c]));
    const strings = counts.filter((v): v is string => typeof v === 'string');
    expect(strings.some((s) => /^\d+(\.\d)?[万w]$/.test(s))).toBe(true);
    expect(strings.some((s) => /^\d+(\.\d)?k$/.test(s))).toBe(true);
    expect(strings.some((s) => /^\d{1,3}(,\d{3})+$/.test(s))).toBe(true);
    expect(strings.some((s) => /^ \d+ $/.test(s))).toBe(true);
    expect(strings.some((s) => /^[０-９]+$/.test(s))).toBe(true);
    expect(strings.some((s) => ['—', '-', 'N/A', ''].includes(s))).toBe(true);
    expect(strings.some((s) => /^[^\d０-９\s,.\-—kw万N/A]+$/.test(s) && s !== '')).toBe(true);
    // Most count cells are plain numbers.
    expect(counts.filter((v) => typeof v === 'number').length / counts.length).toBeGreaterThan(0.95);

    const dates = memberRows.flatMap((r) => [r[col('入群日期')], r[col('最近活跃')]]);
    expect(dates.some((v) => typeof v === 'string' && /^\d{4}年\d{1,2}月\d{1,2}日$/.test(v))).toBe(true);
    expect(dates.some((v) => typeof v === 'string' && /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(v))).toBe(true);
    expect(dates.some((v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))).toBe(true);
    expect(dates.some((v) => typeof v === 'number' && v > 40000 && v < 50000)).toBe(true);
    expect(dates.filter((v) => v instanceof Date).length / dates.length).toBeGreaterThan(0.9);
  });

  it('keeps ids, nicknames and douyin ids in their shapes', () => {
    for (const r of memberRows) {
      const id = r[col('成员ID')];
      expect(id === null || id === '' || (typeof id === 'string' && /^M\d{6}$/.test(id))).toBe(true);
      expect(typeof r[col('昵称')]).toBe('string');
      expect((r[col('昵称')] as string).length).toBeGreaterThan(0);
      expect(r[col('抖音号')]).toMatch(/^(dy\d{9,11}|[a-z]+_?\d{1,4})$/);
      const note = r[col('备注')];
      expect(note === null || typeof note === 'string').toBe(true);
      expect([null, '待跟进', '已联系', '勿打扰']).toContain(r[col('跟进状态')]);
    }
  });

  it('orders dates: joined within ~3 years, joined ≤ last active ≤ today', () => {
    const threeYearsAgo = TODAY_MS - 3 * 366 * 86_400_000;
    let both = 0;
    for (const r of memberRows) {
      const joined = r[col('入群日期')];
      const last = r[col('最近活跃')];
      if (joined instanceof Date) {
        expect(joined.getTime()).toBeLessThanOrEqual(TODAY_MS);
        expect(joined.getTime()).toBeGreaterThanOrEqual(threeYearsAgo);
        expect(joined.getUTCHours()).toBe(0);
      }
      if (last instanceof Date) expect(last.getTime()).toBeLessThanOrEqual(TODAY_MS);
      if (joined instanceof Date && last instanceof Date) {
        both++;
        expect(joined.getTime()).toBeLessThanOrEqual(last.getTime());
      }
    }
    expect(both).toBeGreaterThan(1500);
  });

  it('has a plausible long-tail mix', () => {
    const n = table.rows.length;
    const num = (r: CellValue[], name: string) => r[col(name)];
    const active = table.rows.filter((r) => {
      const v = num(r, '近30天评论');
      return typeof v === 'number' && v >= 20;
    }).length;
    expect(active / n).toBeGreaterThan(0.05);
    expect(active / n).toBeLessThan(0.2);

    const weekAgo = TODAY_MS - 7 * 86_400_000;
    const monthAgo = TODAY_MS - 30 * 86_400_000;
    const last = memberRows.map((r) => num(r, '最近活跃')).filter((v): v is Date => v instanceof Date);
    const recent = last.filter((d) => d.getTime() >= weekAgo).length / last.length;
    const silent = last.filter((d) => d.getTime() < monthAgo).length / last.length;
    expect(recent).toBeGreaterThan(0.08);
    expect(recent).toBeLessThan(0.35);
    expect(silent).toBeGreaterThan(0.45);
    expect(silent).toBeLessThan(0.75);

    // Creators: likes received in the thousands to tens of thousands (ordinary members stay below 2,000).
    const received = (v: CellValue): number | undefined => {
      if (typeof v === 'number') return v;
      if (typeof v !== 'string') return undefined;
      const m = /^(\d+(?:\.\d)?)([万wk])$/.exec(v);
      if (m) return Number(m[1]) * (m[2] === 'k' ? 1000 : 10_000);
      return /^\d{1,3}(,\d{3})+$/.test(v) ? Number(v.replace(/,/g, '')) : undefined;
    };
    const creators = memberRows.filter((r) => (received(num(r, '近30天获赞')) ?? 0) >= 2000).length;
    expect(creators / memberRows.length).toBeGreaterThan(0.01);
    expect(creators / memberRows.length).toBeLessThan(0.06);
  });

  it('rejects bad options', () => {
    expect(() => generateMembersTable({ members: -1, seed: 1, today: TODAY })).toThrow(RangeError);
    expect(() => generateMembersTable({ members: 1.5, seed: 1, today: TODAY })).toThrow(RangeError);
    expect(() => generateMembersTable({ members: 1, seed: 1, today: '2025/3/29' })).toThrow(RangeError);
    expect(() => generateMembersTable({ members: 1, seed: 1, today: '2025-02-30' })).toThrow(RangeError);
  });

  it('generates 100,000 members quickly', () => {
    const start = performance.now();
    const big = generateMembersTable({ members: 100_000, seed: 1, today: TODAY });
    const ms = performance.now() - start;
    expect(big.rows.length).toBeGreaterThanOrEqual(100_000);
    expect(ms).toBeLessThan(5000);
  });
});

describe('describeSample', () => {
  it('counts blank rows, missing and duplicate ids', () => {
    const t: Table = {
      sheet: '成员',
      header: HEADER,
      rows: [
        ['M000001', 'a'],
        [null, null, null],
        ['', '  '],
        ['M000002', 'b'],
        [null, 'c'],
        [' ', 'd'],
        ['M000001', 'e'],
        ['M000001', 'f'],
      ],
    };
    expect(describeSample(t)).toEqual({ rows: 8, blankRows: 2, missingIds: 2, duplicateIds: 2 });
  });
});

describe('properties', () => {
  afterEach(() => vi.restoreAllMocks());

  it('for any seed and small size: header fixed, no Math.random, rows within the header, deterministic', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 60 }), (seed, members) => {
        const t = generateMembersTable({ members, seed, today: TODAY });
        expect(t.header).toEqual(HEADER);
        expect(t.sheet).toBe('成员');
        for (const row of t.rows) expect(row.length).toBeLessThanOrEqual(HEADER.length);
        const d = describeSample(t);
        expect(d.rows - d.blankRows).toBe(members);
        expect(generateMembersTable({ members, seed, today: TODAY })).toEqual(t);
      }),
      { numRuns: 200 },
    );
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('generateAdminsTable', () => {
  const tiers = DEFAULT_RULE_SETS.find((s) => s.id === 'activity')!.tiers;
  const parse = (members: number, seed = 20251126) => parseAdmins(generateAdminsTable({ members, seed }), { tiers, config: DEFAULT_ADMINS_CONFIG });

  it('a valid team: one lead, mid-level leads, regular admins each reporting to a mid-level lead, one inactive', () => {
    const t = generateAdminsTable({ members: 2000, seed: 20251126 });
    expect(t.sheet).toBe('管理员');
    expect(t.header).toEqual(['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量']);
    const team = parse(2000);
    expect(team.issues).toEqual([]);
    expect(validateTeam(team)).toEqual([]);
    const roles = team.admins.map((a) => a.role);
    expect(roles.filter((r) => r === 'lead')).toHaveLength(1);
    expect(roles.filter((r) => r === 'mid').length).toBeGreaterThanOrEqual(2);
    expect(team.admins.filter((a) => a.role === 'regular' && !a.active)).toHaveLength(1);
    expect(new Set(team.admins.map((a) => a.email)).size).toBe(team.admins.length);
    for (const a of team.admins) expect(a.email).toMatch(/@example\.com$/);
  });

  it('has room for a 2,000-member sample in every tier', () => {
    const members = generateMembersTable({ members: 2000, seed: 20251126, today: TODAY });
    const serving = servingAdmins(parse(2000));
    const cap = (t: string) => serving.reduce((n, a) => n + a.capacity[t], 0);
    // The generator makes ~10% core, ~30% occasional, ~60% silent (some occasional ones rank silent).
    expect(cap('core')).toBeGreaterThan(0.12 * members.rows.length);
    expect(cap('potential')).toBeGreaterThan(0.3 * members.rows.length);
    expect(cap('silent')).toBeGreaterThan(0.7 * members.rows.length);
  });

  it('is deterministic, pure and scales with the members', () => {
    const spy = vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    expect(generateAdminsTable({ members: 2000, seed: 1 })).toEqual(generateAdminsTable({ members: 2000, seed: 1 }));
    expect(generateAdminsTable({ members: 2000, seed: 1 })).not.toEqual(generateAdminsTable({ members: 2000, seed: 2 }));
    expect(parse(100).admins.length).toBeLessThan(parse(20_000).admins.length);
    expect(validateTeam(parse(20_000))).toEqual([]);
    expect(parse(20_000).issues).toEqual([]);
    expect(parse(0).admins.filter((a) => a.role === 'regular').length).toBeGreaterThanOrEqual(2);
    expect(spy).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
