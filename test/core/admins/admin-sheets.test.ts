import { describe, expect, it } from 'vitest';
import { adminSheetName } from '../../../src/core/admins/admin-sheets.js';
import { planSharing, issueLines } from '../../../src/core/admins/share-plan.js';
import { parseAdmins } from '../../../src/core/admins/parse-admins.js';
import type { CellValue } from '../../../src/core/base/table.js';

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
