import type { Locale } from '../base/locale.js';
import type { Tier } from '../rules/types.js';
import type { CellValue } from '../base/table.js';
import type { AssignResult } from './assign.js';
import { ROLE_LABELS, type Admin, type AdminTeam } from './parse-admins.js';
import { leadsOf, servingAdmins } from './validate-team.js';

/**
 * 管理员分配 (Assignments): per admin — role, reports-to, members per tier
 * against capacity with the share used; leads and mid-level leads show their
 * team's totals; then who is left unassigned and how many more regular
 * admins each tier needs.
 */
export function assignmentRows(team: AdminTeam, assignment: AssignResult, tiers: Tier[], locale: Locale): CellValue[][] {
  const zh = locale === 'zh';
  const serving = servingAdmins(team);
  const servingSet = new Set(serving);
  const header: CellValue[] = [zh ? '姓名' : 'Name', zh ? '角色' : 'Role', zh ? '上级' : 'Reports to', zh ? '在职' : 'Active'];
  for (const t of tiers) header.push(t[locale], zh ? `${t.zh}容量` : `${t.en} capacity`, zh ? `${t.zh}使用率%` : `${t.en} % used`);
  header.push(zh ? '合计' : 'Total', zh ? '总容量' : 'Total capacity', zh ? '使用率%' : '% used', zh ? '说明' : 'Note');

  const pct = (n: number, cap: number): CellValue => (cap > 0 ? Math.round((n / cap) * 100) : null);
  const counts = (group: Admin[]) => {
    const per = tiers.map((t) => {
      let n = 0;
      let cap = 0;
      for (const a of group) {
        if (!servingSet.has(a)) continue;
        n += assignment.load.get(a.name)?.[t.id] ?? 0;
        cap += a.capacity[t.id] ?? 0;
      }
      return [n, cap];
    });
    const n = per.reduce((s, [x]) => s + x, 0);
    const cap = per.reduce((s, [, c]) => s + c, 0);
    return [...per.flatMap(([x, c]) => [x, c, pct(x, c)]), n, cap, pct(n, cap)];
  };
  const line = (a: Admin, values: CellValue[], note: string): CellValue[] => [
    a.name,
    a.role ? ROLE_LABELS[a.role][locale] : zh ? '（角色未知）' : '(unknown role)',
    a.reportsTo,
    a.active ? (zh ? '是' : 'Yes') : zh ? '否' : 'No',
    ...values,
    note,
  ];
  const teamOf = (lead: Admin) => serving.filter((r) => leadsOf(r, team).includes(lead));
  const teamNote = (n: number) => (zh ? `团队合计（${n} 名在职普通管理员）` : `Team total (${n} active regular admins)`);
  const ownNote = (a: Admin) => {
    if (a.role !== 'regular') return '';
    if (!a.active) return zh ? '不在职，不分配成员' : 'Inactive: no members assigned';
    return '';
  };

  const rows: CellValue[][] = [header];
  const shown = new Set<Admin>();
  const show = (a: Admin) => {
    if (shown.has(a)) return;
    shown.add(a);
    if (a.role === 'lead' || a.role === 'mid') {
      const members = teamOf(a);
      rows.push(line(a, counts(members), teamNote(members.length)));
    } else rows.push(line(a, counts([a]), ownNote(a)));
  };
  for (const lead of team.admins.filter((a) => a.role === 'lead')) show(lead);
  for (const mid of team.admins.filter((a) => a.role === 'mid')) {
    show(mid);
    for (const r of team.admins.filter((a) => a.role === 'regular' && a.reportsTo === mid.name)) show(r);
  }
  for (const a of team.admins) show(a);
  rows.push([zh ? '合计' : 'Total', '', '', '', ...counts(serving), teamNote(serving.length)]);

  rows.push([]);
  rows.push([zh ? '未分配' : 'Unassigned', zh ? '层级' : 'Tier', zh ? '人数' : 'Members', zh ? '还需普通管理员' : 'More regular admins needed']);
  if (assignment.shortfalls.length === 0) rows.push(['', zh ? '无：每位成员都有负责管理员' : 'None: every member has an admin']);
  for (const s of assignment.shortfalls) {
    const label = tiers.find((t) => t.id === s.tier)?.[locale] ?? s.tier;
    rows.push(['', label, s.unassigned, s.adminsNeeded ?? (zh ? '无法估算（没有管理员能服务此层级）' : 'Cannot tell (no admin serves this tier)')]);
  }
  return rows;
}
