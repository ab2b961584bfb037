import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMINS_CONFIG, DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { validateAdminsConfig } from '../../../src/core/admins/config.js';
import { parseAdmins, parseActive, parseRole } from '../../../src/core/admins/parse-admins.js';
import { leadsOf, servingAdmins, validateTeam } from '../../../src/core/admins/validate-team.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';

const ACTIVITY = DEFAULT_RULE_SETS.find((s) => s.id === 'activity')!;
const HEADER = ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'];

const sheet = (rows: CellValue[][], header = HEADER): Table => ({ sheet: '管理员', header, rows });
const parse = (t: Table) => parseAdmins(t, { tiers: ACTIVITY.tiers, config: DEFAULT_ADMINS_CONFIG });

const TEAM: CellValue[][] = [
  ['陈总', '总负责人', 'Chen@Example.com', null, '是', null, null, null],
  ['吴组长', '中层负责人', 'wu@example.com', '陈总', '是', null, null, null],
  ['马丽', '普通管理员', 'ma@example.com', '吴组长', '是', 20, 50, 150],
  ['张强', '普通管理员', 'zhang@example.com', '吴组长', null, null, '', null],
  ['孙洋', '普通管理员', 'sun@example.com', '吴组长', '否', null, null, null],
];

describe('parseAdmins', () => {
  it('reads names, roles, emails (lower case), reports-to, active and capacities, blank capacity → rules/admins.json', () => {
    const team = parse(sheet(TEAM));
    expect(team.issues).toEqual([]);
    expect(team.admins.map((a) => [a.name, a.role, a.email, a.reportsTo, a.active, a.row])).toEqual([
      ['陈总', 'lead', 'chen@example.com', null, true, 2],
      ['吴组长', 'mid', 'wu@example.com', '陈总', true, 3],
      ['马丽', 'regular', 'ma@example.com', '吴组长', true, 4],
      ['张强', 'regular', 'zhang@example.com', '吴组长', true, 5],
      ['孙洋', 'regular', 'sun@example.com', '吴组长', false, 6],
    ]);
    expect(team.admins[2].capacity).toEqual({ core: 20, potential: 50, silent: 150 });
    expect(team.admins[3].capacity).toEqual(DEFAULT_ADMINS_CONFIG.defaultCapacity);
    expect(servingAdmins(team).map((a) => a.name)).toEqual(['马丽', '张强']);
    expect(validateTeam(team)).toEqual([]);
  });

  it('recognises English headers and values', () => {
    const t = sheet(
      [
        ['Ann', 'Lead', 'ann@example.com', '', 'yes', null, null, null],
        ['Bo', 'Mid-level lead', 'bo@example.com', 'Ann', 'Y', null, null, null],
        ['Cy', 'regular admin', 'cy@example.com', 'Bo', true, 3, 4, 5],
      ],
      ['Name', 'Role', 'Email', 'Reports to', 'Active', 'Core capacity', 'Potential member capacity', 'silent'],
    );
    const team = parse(t);
    expect(team.issues).toEqual([]);
    expect(team.admins.map((a) => a.role)).toEqual(['lead', 'mid', 'regular']);
    expect(team.admins[2].capacity).toEqual({ core: 3, potential: 4, silent: 5 });
    expect(validateTeam(team)).toEqual([]);
  });

  it('roles and active flags in the words operators use', () => {
    expect(['总负责人', 'LEAD', ' 负责人 '].map(parseRole)).toEqual(['lead', 'lead', 'lead']);
    expect(['中层', 'mid-level', 'Team Lead'].map(parseRole)).toEqual(['mid', 'mid', 'mid']);
    expect(['管理员', 'Regular', 'admin'].map(parseRole)).toEqual(['regular', 'regular', 'regular']);
    expect(parseRole('实习生')).toBeNull();
    expect([null, '', '是', 'Yes', true, 1].map((c) => parseActive(c as CellValue))).toEqual([true, true, true, true, true, true]);
    expect(['否', 'no', false, 0, '离职'].map((c) => parseActive(c as CellValue))).toEqual([false, false, false, false, false]);
    expect(parseActive('也许')).toBeNull();
  });

  it('every problem names sheet, row and column in both languages; bad rows are left out, never thrown', () => {
    const team = parse(
      sheet([
        ['陈总', '总负责人', 'chen@example.com', null, '是'],
        [null, '普通管理员', 'x@example.com', '陈总'], // no name
        ['陈总', '普通管理员', 'y@example.com', '陈总'], // repeated name
        ['李四', '实习生', 'not-an-email', '陈总', '也许', '很多'], // bad role, email, active, capacity
        ['王五', '普通管理员', 'CHEN@example.com', '陈总'], // repeated email
      ]),
    );
    expect(team.admins.map((a) => a.name)).toEqual(['陈总', '李四', '王五']);
    const at = (row: number) => team.issues.filter((i) => i.row === row).map((i) => [i.code, i.columnLetter]);
    expect(at(3)).toEqual([['admin-row', 'A']]);
    expect(at(4)).toEqual([['admin-duplicate', 'A']]);
    expect(at(5)).toEqual([
      ['admin-role', 'B'],
      ['admin-email', 'C'],
      ['admin-row', 'E'],
    ]);
    expect(at(6)).toEqual([['admin-email', 'C']]);
    for (const i of team.issues) {
      expect(i.sheet).toBe('管理员');
      expect(i.message).toMatch(/[\u4e00-\u9fff].* \/ .*[A-Za-z]{3}/);
    }
    expect(team.admins[1]).toMatchObject({ role: null, email: null, active: false });
  });

  it('without a name column the sheet is ignored with one issue', () => {
    const team = parse(sheet([['x']], ['随便']));
    expect(team.admins).toEqual([]);
    expect(team.issues).toHaveLength(1);
    expect(team.issues[0].message).toContain('姓名');
  });
});

describe('validateTeam', () => {
  const codes = (rows: CellValue[][]) => {
    const team = parse(sheet(rows));
    return validateTeam(team).map((i) => [i.row, i.code, i.column]);
  };

  it('a regular admin reports to a mid-level lead, a mid-level lead to the lead, the lead to nobody', () => {
    expect(
      codes([
        ['L', '总负责人', null, '张三'], // lead reports to someone (unknown name too)
        ['M', '中层负责人', null, 'R'], // mid reports to a regular
        ['R', '普通管理员', null, 'L'], // regular reports to the lead
        ['S', '普通管理员', null, null], // regular reports to nobody
      ]),
    ).toEqual([
      [2, 'admin-reports-to', '上级'],
      [3, 'admin-reports-to', '上级'],
      [4, 'admin-reports-to', '上级'],
      [5, 'admin-reports-to', '上级'],
    ]);
  });

  it('exactly one lead', () => {
    expect(codes([['M', '中层负责人', null, null]]).map((c) => c[1])).toContain('admin-reports-to');
    const two = codes([
      ['A', '总负责人'],
      ['B', '总负责人'],
    ]);
    expect(two).toEqual([[3, 'admin-reports-to', '角色']]);
  });

  it('finds each reporting cycle once and names it', () => {
    const team = parse(
      sheet([
        ['L', '总负责人'],
        ['A', '中层负责人', null, 'B'],
        ['B', '中层负责人', null, 'A'],
        ['C', '普通管理员', null, 'C'],
      ]),
    );
    const cycles = validateTeam(team).filter((i) => i.code === 'admin-cycle');
    expect(cycles.map((i) => [i.row, i.message.split(' / ')[0]])).toEqual([
      [3, '汇报关系成环：A → B → A'],
      [5, '汇报关系成环：C → C'],
    ]);
  });

  it('leadsOf walks up to the lead and stops at cycles', () => {
    const team = parse(sheet(TEAM));
    expect(leadsOf(team.admins[2], team).map((a) => a.name)).toEqual(['吴组长', '陈总']);
    const loop = parse(sheet([['A', '中层负责人', null, 'B'], ['B', '中层负责人', null, 'A']]));
    expect(leadsOf(loop.admins[0], loop).map((a) => a.name)).toEqual(['B']);
  });
});

describe('rules/admins.json', () => {
  it('is valid for the activity tiers and gives far fewer core than silent members per admin', () => {
    expect(validateAdminsConfig(DEFAULT_ADMINS_CONFIG, 'admins.json', ACTIVITY.tiers.map((t) => t.id))).toEqual([]);
    const c = DEFAULT_ADMINS_CONFIG.defaultCapacity;
    expect(c.core * 5).toBeLessThan(c.silent);
  });

  it('names bad capacities and missing tiers', () => {
    const problems = validateAdminsConfig({ defaultCapacity: { core: -1, vip: 3 } }, 'admins.json', ['core', 'silent']);
    expect(problems.map((p) => p.path)).toEqual(['defaultCapacity.core', 'defaultCapacity.vip', 'defaultCapacity.silent']);
    expect(validateAdminsConfig([], 'admins.json')).toHaveLength(1);
  });
});
