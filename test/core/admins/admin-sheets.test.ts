import { describe, expect, it } from 'vitest';
import { adminSheetName, planAdminSheets } from '../../../src/core/admins/admin-sheets.js';
import { planSharing, issueLines } from '../../../src/core/admins/share-plan.js';
import { parseAdmins } from '../../../src/core/admins/parse-admins.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';

describe('adminSheetName', () => {
  it('prefix in the run\'s language; characters sheets refuse replaced; 31 characters at most; case-insensitive clashes get a number', () => {
    expect(adminSheetName('张三', 'zh', new Set())).toBe('分配-张三');
    expect(adminSheetName('Ann', 'en', new Set())).toBe('Admin-Ann');
    expect(adminSheetName("a/b:c*d?[e]\\'", 'zh', new Set())).toBe('分配-a_b_c_d__e__');
    const long = 'x'.repeat(40);
    expect(adminSheetName(long, 'en', new Set())).toHaveLength(31);
    expect(adminSheetName('Ann', 'en', new Set(['admin-ann']))).toBe('Admin-Ann-2');
    expect(adminSheetName(long, 'en', new Set([`admin-${'x'.repeat(25)}`]))).toMatch(/^Admin-x+-2$/);
    expect(adminSheetName(long, 'en', new Set([`admin-${'x'.repeat(25)}`])).length).toBeLessThanOrEqual(31);
  });
});

describe('planSharing', () => {
  const team = (rows: CellValue[][]) =>
    parseAdmins({ sheet: '管理员', header: ['姓名', '角色', '邮箱', '上级', '在职'], rows }, { tiers: [], config: { defaultCapacity: {} } });
  const good: CellValue[][] = [
    ['L', '总负责人', 'l@example.com'],
    ['M', '中层负责人', 'm@example.com', 'L'],
    ['R', '普通管理员', 'r@example.com', 'M'],
    ['S', '普通管理员', null, 'M'],
    ['T', '普通管理员', 't@example.com', 'M', '否'],
  ];

  it('lists active admins with an email who are not editors yet; skips inactive ones and says who has no email', () => {
    const plan = planSharing(team(good), ['L@example.com', 'owner@example.com']);
    expect(plan.kind).toBe('ask');
    if (plan.kind !== 'ask') return;
    expect(plan.add.map((a) => a.email)).toEqual(['m@example.com', 'r@example.com']);
    expect(plan.already).toEqual(['L']);
    expect(plan.withoutEmail).toEqual(['S']);
    expect(plan.message).toContain('M <m@example.com>（中层负责人 / Mid-level lead）');
    expect(plan.message).not.toContain('t@example.com');
  });

  it('refuses while the team has problems, and without admins', () => {
    const broken = good.map((r) => [...r]);
    broken[2][3] = 'nobody';
    const plan = planSharing(team(broken), []);
    expect(plan.kind).toBe('invalid');
    if (plan.kind === 'invalid') expect(issueLines(plan.issues)).toContain('第 4 行 / row 4（上级）');
    expect(planSharing(undefined, []).kind).toBe('no-admins');
    expect(planSharing(team([]), []).kind).toBe('no-admins');
  });
});

describe('planAdminSheets for a large team', () => {
  const tiers = [{ id: 'core', zh: '核心成员', en: 'Core member' }];
  const rows: CellValue[][] = [['L', '总负责人', 'l@example.com', null, null, null], ['M', '中层负责人', 'm@example.com', 'L', null, null]];
  for (let i = 0; i < 45; i++) rows.push([`A${i}`, '普通管理员', `a${i}@example.com`, 'M', null, i === 3 ? '是' : null]);
  const team = parseAdmins({ sheet: '管理员', header: ['姓名', '角色', '邮箱', '上级', '在职', '单独工作表'], rows }, { tiers: tiers as never, config: { defaultCapacity: { core: 5 } } });
  const members = Array.from({ length: 90 }, (_, i) => ({ memberId: `U${i}`, nickname: `n${i}`, douyinId: null, tier: 'core', activityLabel: '核心成员', contributionLabel: null, reason: 'r', lastActive: 20_000, interactions: i, note: null }));
  const adminOf = new Map(members.map((m, i) => [m.memberId, `A${i % 45}`]));
  const assignment = { adminOf, load: new Map(), unassigned: new Map(), kept: 0, reassigned: 0, shortfalls: [] } as never;
  const plan = (owned: Array<{ sheet: string; admin: string }>, previous: Table[] = []) =>
    planAdminSheets({ team, assignment, members, tiers: ['core'], locale: 'zh', owned, sheetNames: ['成员', ...owned.map((o) => o.sheet)], previous });

  it('writes one lists sheet, editable by the leads, and a tab only for the admin who asked', () => {
    const p = plan([]);
    expect(p.patches.map((x) => x.sheet)).toEqual(['分配-A3', '分配名单']);
    const lists = p.patches[1];
    expect(lists.rows[0]).toEqual(['负责管理员', '成员ID', '昵称', '抖音号', '活跃层级', '管理员备注']);
    expect(lists.rows).toHaveLength(91);
    expect(lists.rows.slice(1, 3).map((r) => r.slice(0, 2))).toEqual([['A0', 'U45'], ['A0', 'U0']]);
    expect(lists.protect?.editors).toEqual(['l@example.com', 'm@example.com']);
    expect(p.patches[0].protect?.editors).toEqual(['a3@example.com', 'm@example.com', 'l@example.com']);
    expect(p.owned).toEqual([{ sheet: '分配-A3', admin: 'A3' }, { sheet: '分配名单', admin: '*' }]);
    // Local --split-admins files stay one per admin.
    expect(p.files).toHaveLength(45);
  });

  it('carries admin notes from the lists sheet, and points an old tab of an admin without one to it', () => {
    const previous: Table[] = [{ sheet: '分配名单', header: ['负责管理员', '成员ID', '管理员备注'], rows: [['A0', 'U0', '已联系']] }];
    const p = plan([{ sheet: '分配名单', admin: '*' }, { sheet: '分配-A0', admin: 'A0' }], previous);
    const lists = p.patches.find((x) => x.sheet === '分配名单')!;
    expect(lists.rows.find((r) => r[1] === 'U0')?.[5]).toBe('已联系');
    const old = p.patches.find((x) => x.sheet === '分配-A0')!;
    expect(String(old.rows[0][0])).toMatch(/^管理员团队较大，「A0」的成员现在列在「分配名单」中/);
    expect(p.owned).toContainEqual({ sheet: '分配-A0', admin: 'A0' });
  });
});
