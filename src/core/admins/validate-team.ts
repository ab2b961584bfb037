import type { Issue, IssueCode } from '../base/issues.js';
import { ROLE_LABELS, type Admin, type AdminRole, type AdminTeam } from './parse-admins.js';

/**
 * The team's shape: one 总负责人 (lead) reporting to nobody, every 中层负责人
 * (mid-level lead) reporting to the lead, every 普通管理员 (regular admin)
 * reporting to a mid-level lead; no unknown names, no cycles. Problems are
 * issues on the admin's row; assignment still runs with the admins it can use.
 */
export function validateTeam(team: AdminTeam): Issue[] {
  const issues: Issue[] = [];
  const column = { role: 'role', reportsTo: 'reportsTo' } as const;
  const issue = (admin: Admin | null, field: 'role' | 'reportsTo', code: IssueCode, message: string) =>
    issues.push({
      sheet: team.sheet,
      row: admin?.row ?? 1,
      column: team.columns[field]?.header ?? '',
      columnLetter: admin ? (team.columns[field]?.letter ?? '') : '',
      memberId: '',
      code,
      message,
    });
  const byName = new Map(team.admins.map((a) => [a.name, a]));
  const label = (r: AdminRole) => ROLE_LABELS[r];

  const leads = team.admins.filter((a) => a.role === 'lead');
  if (leads.length === 0 && team.admins.length > 0) {
    issue(null, column.role, 'admin-reports-to', '没有总负责人：需要恰好一位角色为「总负责人」的管理员 / No lead: exactly one admin must have the role Lead (总负责人)');
  }
  for (const extra of leads.slice(1)) {
    issue(extra, column.role, 'admin-reports-to', `总负责人只能有一位，「${leads[0].name}」（第 ${leads[0].row} 行）已是总负责人 / Only one lead allowed; "${leads[0].name}" (row ${leads[0].row}) is already the lead`);
  }

  const cycles = findCycles(team.admins, byName);
  const inCycle = new Set(cycles.flat().map((a) => a.name));
  for (const cycle of cycles) {
    const path = [...cycle, cycle[0]].map((a) => a.name).join(' → ');
    issue(cycle[0], column.reportsTo, 'admin-cycle', `汇报关系成环：${path} / Reporting cycle: ${path}`);
  }

  for (const a of team.admins) {
    if (inCycle.has(a.name) || a.role === null) continue;
    const boss = a.reportsTo === null ? undefined : byName.get(a.reportsTo);
    if (a.reportsTo !== null && !boss) {
      issue(a, column.reportsTo, 'admin-reports-to', `上级「${a.reportsTo}」不在管理员表中 / Reports to "${a.reportsTo}", who is not in the Admins sheet`);
      continue;
    }
    const want: AdminRole | null = a.role === 'regular' ? 'mid' : a.role === 'mid' ? 'lead' : null;
    if (want === null) {
      if (boss) issue(a, column.reportsTo, 'admin-reports-to', `总负责人不向任何人汇报，请清空「上级」（现为「${boss.name}」） / The lead reports to nobody; clear "Reports to" (now "${boss.name}")`);
      continue;
    }
    if (!boss) {
      issue(a, column.reportsTo, 'admin-reports-to', `${label(a.role).zh}必须向一位${label(want).zh}汇报，「上级」为空 / A ${label(a.role).en.toLowerCase()} must report to a ${label(want).en.toLowerCase()}; "Reports to" is empty`);
    } else if (boss.role !== want) {
      const bossRole = boss.role ? label(boss.role) : { zh: '角色未知', en: 'unknown role' };
      issue(a, column.reportsTo, 'admin-reports-to', `${label(a.role).zh}必须向${label(want).zh}汇报，「${boss.name}」是${bossRole.zh} / A ${label(a.role).en.toLowerCase()} must report to a ${label(want).en.toLowerCase()}; "${boss.name}" is ${bossRole.en.toLowerCase()}`);
    }
  }
  return issues;
}

/** Each reporting cycle once, starting from its member that comes first in the sheet. */
function findCycles(admins: Admin[], byName: Map<string, Admin>): Admin[][] {
  const cycles: Admin[][] = [];
  const done = new Set<string>();
  for (const start of admins) {
    const path: Admin[] = [];
    const onPath = new Map<string, number>();
    let cur: Admin | undefined = start;
    while (cur && !done.has(cur.name) && !onPath.has(cur.name)) {
      onPath.set(cur.name, path.length);
      path.push(cur);
      cur = cur.reportsTo === null ? undefined : byName.get(cur.reportsTo);
    }
    if (cur && onPath.has(cur.name)) {
      const cycle = path.slice(onPath.get(cur.name));
      const firstRow = cycle.reduce((i, a, k) => (a.row < cycle[i].row ? k : i), 0);
      cycles.push([...cycle.slice(firstRow), ...cycle.slice(0, firstRow)]);
    }
    for (const a of path) done.add(a.name);
  }
  return cycles;
}

/** The admin's leads, nearest first (their mid-level lead, then the lead); stops at unknown names and cycles. */
export function leadsOf(admin: Admin, team: AdminTeam): Admin[] {
  const byName = namesOf(team);
  const out: Admin[] = [];
  const seen = new Set([admin.name]);
  let cur = admin.reportsTo === null ? undefined : byName.get(admin.reportsTo);
  while (cur && !seen.has(cur.name)) {
    out.push(cur);
    seen.add(cur.name);
    cur = cur.reportsTo === null ? undefined : byName.get(cur.reportsTo);
  }
  return out;
}

// One name index per team, not one per call: leadsOf is asked for every admin and every sheet editor.
const NAME_INDEX = new WeakMap<Admin[], { length: number; byName: Map<string, Admin> }>();

function namesOf(team: AdminTeam): Map<string, Admin> {
  let index = NAME_INDEX.get(team.admins);
  if (!index || index.length !== team.admins.length) {
    index = { length: team.admins.length, byName: new Map(team.admins.map((a) => [a.name, a])) };
    NAME_INDEX.set(team.admins, index);
  }
  return index.byName;
}

/** Admins who serve members: active regular admins. */
export function servingAdmins(team: AdminTeam): Admin[] {
  return team.admins.filter((a) => a.active && a.role === 'regular');
}
