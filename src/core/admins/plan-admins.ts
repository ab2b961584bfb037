import { parseText } from '../base/cells.js';
import type { Issue } from '../base/issues.js';
import type { MemberRow } from '../facts/members.js';
import type { ReplaceSheetPatch } from '../base/patch.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';
import type { Placement } from '../tiering/tiering.js';
import { planAdminSheets, type AdminSheetMember } from './admin-sheets.js';
import { assignMembers, type AssignResult, type TierShortfall } from './assign.js';
import { assignmentRows } from './assignments-sheet.js';
import type { AdminsConfig } from './config.js';
import { parseAdmins, type AdminTeam } from './parse-admins.js';
import { servingAdmins, validateTeam } from './validate-team.js';
import { findColumn } from '../base/columns.js';

/** The operator's own notes column on the members sheet, shown on the admin sheets. */
const NOTE_HEADERS = ['备注', '备注信息', '运营备注', 'Notes', 'Note', 'Remarks'];

export interface AdminsPlanInput {
  admins: Table;
  config: AdminsConfig;
  members: Table;
  rows: MemberRow[];
  /** Effective placements (after grace periods and locks), by data row index. */
  placements: Map<number, Record<string, Placement>>;
  activity: RuleSet;
  contribution?: RuleSet;
  /** 负责管理员's column index on the members sheet. */
  adminColumn: number;
  /** Members-sheet cells of one row, joined as the members sheet shows them. */
  reasonOf: (rowIndex: number) => CellValue;
  locale: Locale;
  sheetNames: string[];
  assignmentsSheet: string;
  owned: Array<{ sheet: string; admin: string }>;
  previousAdminSheets: Table[];
}

export interface AdminSummary {
  admins: number;
  regularAdmins: number;
  assigned: number;
  unassigned: number;
  kept: number;
  reassigned: number;
  shortfalls: Array<TierShortfall & { label: string }>;
  teamIssues: number;
}

export interface AdminsPlan {
  team: AdminTeam;
  issues: Issue[];
  assignment: AssignResult;
  /** 负责管理员 values, by data row index. */
  column: CellValue[];
  /** The tiered members with an ID, as the admin sheets show them. */
  members: AdminSheetMember[];
  summary: AdminSummary;
}

/** The sheets admin assignment writes: 管理员分配, then one per admin (see `planAdminSheets`). */
export interface AdminTabs {
  patches: ReplaceSheetPatch[];
  owned: Array<{ sheet: string; admin: string }>;
  files: Array<{ admin: string; table: Table }>;
}

/**
 * Who serves whom: the team as read and checked, each tiered member's admin
 * (kept where they still fit) and the 负责管理员 values. The sheets follow in
 * `planAdminTabs`, once the run knows each admin's tasks.
 */
export function planAdmins(input: AdminsPlanInput): AdminsPlan {
  const { locale, activity } = input;
  const zh = locale === 'zh';
  const team = parseAdmins(input.admins, { tiers: activity.tiers, config: input.config });
  const issues = [...team.issues, ...validateTeam(team)];
  const serving = servingAdmins(team);
  const tierIds = activity.tiers.map((t) => t.id);
  const tierLabel = (id: string) => activity.tiers.find((t) => t.id === id)?.[locale] ?? id;

  const noteCol = findColumn(input.members.header, NOTE_HEADERS);
  const people: Array<AdminSheetMember & { previousAdmin: string | null; index: number }> = [];
  for (const row of input.rows) {
    const p = input.placements.get(row.index);
    const tier = p?.[activity.id]?.tier;
    if (!p || !tier || row.memberId === null) continue;
    const prev = parseText(input.members.rows[row.index]?.[input.adminColumn] ?? null);
    const f = row.facts;
    const num = (v: unknown) => (typeof v === 'number' ? v : 0);
    const con = input.contribution ? p[input.contribution.id]?.tier : undefined;
    people.push({
      index: row.index,
      memberId: row.memberId,
      memberIdText: row.memberIdText,
      previousAdmin: prev.kind === 'value' ? prev.value : null,
      tier,
      lastActive: typeof f.lastActiveAt === 'number' ? f.lastActiveAt : null,
      interactions: num(f.comments30d) + num(f.likes30d) + num(f.shares30d),
      nickname: (f.nickname as string | null | undefined) ?? null,
      douyinId: (f.douyinId as string | null | undefined) ?? null,
      activityLabel: tierLabel(tier),
      contributionLabel: con && input.contribution ? (input.contribution.tiers.find((t) => t.id === con)?.[locale] ?? con) : null,
      reason: input.reasonOf(row.index),
      note: noteCol >= 0 ? (input.members.rows[row.index]?.[noteCol] ?? null) : null,
    });
  }

  const assignment = assignMembers({
    members: people,
    admins: serving.map((a) => ({ name: a.name, capacity: a.capacity })),
    tiers: tierIds,
    defaultCapacity: input.config.defaultCapacity,
  });

  const column: CellValue[] = input.rows.map(() => null);
  for (const m of people) {
    const admin = assignment.adminOf.get(m.memberId);
    column[m.index] = admin ?? (zh ? `未分配（${tierLabel(m.tier)}容量不足）` : `Unassigned (no ${tierLabel(m.tier)} capacity)`);
  }

  const unassigned = [...assignment.unassigned.values()].reduce((n, l) => n + l.length, 0);
  return {
    team,
    issues,
    assignment,
    column,
    members: people,
    summary: {
      admins: team.admins.length,
      regularAdmins: serving.length,
      assigned: assignment.adminOf.size,
      unassigned,
      kept: assignment.kept,
      reassigned: assignment.reassigned,
      shortfalls: assignment.shortfalls.map((s) => ({ ...s, label: tierLabel(s.tier) })),
      teamIssues: issues.length,
    },
  };
}

/**
 * 管理员分配 and the per-admin sheets, each admin's `beside` block (this
 * week's tasks) to the right of their member list.
 */
export function planAdminTabs(plan: AdminsPlan, input: AdminsPlanInput, beside?: (admin: string) => CellValue[][]): AdminTabs {
  const overview: ReplaceSheetPatch = { kind: 'replace', sheet: input.assignmentsSheet, rows: assignmentRows(plan.team, plan.assignment, input.activity.tiers, input.locale) };
  const sheets = planAdminSheets({
    team: plan.team,
    assignment: plan.assignment,
    members: plan.members,
    tiers: input.activity.tiers.map((t) => t.id),
    locale: input.locale,
    owned: input.owned,
    sheetNames: input.sheetNames,
    previous: input.previousAdminSheets,
    beside,
  });
  return { patches: [overview, ...sheets.patches], owned: sheets.owned, files: sheets.files };
}
