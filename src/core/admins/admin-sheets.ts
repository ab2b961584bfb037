import { parseText } from '../base/cells.js';
import type { ReplaceSheetPatch } from '../base/patch.js';
import type { Locale } from '../base/locale.js';
import type { CellValue, Table } from '../base/table.js';
import { byActivity, type AssignResult } from './assign.js';
import type { Admin, AdminTeam } from './parse-admins.js';
import { leadsOf, servingAdmins } from './validate-team.js';
import { locateColumns } from '../base/columns.js';
import { ADMIN_SHEET_PREFIX } from '../names/sheets.js';

/**
 * One sheet per active regular admin (分配-张三 / Admin-张三) listing the
 * members they serve, rewritten on every run. Each sheet is protected so only
 * that admin and their leads can edit it (applied in Apps Script).
 *
 * The admin's own column 管理员备注 (Admin notes) is carried over by member ID
 * from whichever admin sheet held it, so notes follow a member who changes
 * admin. A sheet Fenceng made for an admin who left (removed from 管理员, or
 * 在职 = 否) is not deleted: it is emptied down to a notice and protected so
 * only their leads can edit it; the operator may delete it.
 */

export const ADMIN_SHEET_HEADER: Record<Locale, string[]> = {
  zh: ['成员ID', '昵称', '抖音号', '活跃层级', '贡献层级', '分层依据', '最近活跃', '备注', '管理员备注'],
  en: ['Member ID', 'Nickname', 'Douyin ID', 'Activity tier', 'Contribution tier', 'Tier reason', 'Last active', 'Notes', 'Admin notes'],
};

/** What an admin sheet shows of one member. */
export interface AdminSheetMember {
  memberId: string;
  /** The ID as the operator wrote it (memberId is normalised for matching). */
  memberIdText?: string;
  nickname: CellValue;
  douyinId: CellValue;
  /** Activity tier id (for sorting) and the labels as shown. */
  tier: string;
  activityLabel: CellValue;
  contributionLabel: CellValue;
  reason: CellValue;
  lastActive: number | null;
  interactions: number;
  /** The members sheet's 备注 cell. */
  note: CellValue;
}

export interface AdminSheetsInput {
  team: AdminTeam;
  assignment: AssignResult;
  members: AdminSheetMember[];
  /** Activity tier ids, highest first. */
  tiers: string[];
  locale: Locale;
  /** Sheets Fenceng made on earlier runs (from its state). */
  owned: Array<{ sheet: string; admin: string }>;
  /** Every sheet in the workbook now. */
  sheetNames: string[];
  /** Current content of the owned sheets that exist, for the admins' notes. */
  previous: Table[];
  /** A block shown to the right of an admin's member list (their week's tasks), one empty column between. */
  beside?: (admin: string) => CellValue[][];
}

export interface AdminSheetsPlan {
  patches: ReplaceSheetPatch[];
  /** Owned sheets after this run (for the state). */
  owned: Array<{ sheet: string; admin: string }>;
  /** One table per active admin (for --split-admins). */
  files: Array<{ admin: string; table: Table }>;
}

const CARRIED = { memberId: ['成员ID', 'Member ID'], note: ['管理员备注', 'Admin notes', 'Admin note'] };
/** Excel's limit; Sheets allows 100. */
const MAX_SHEET_NAME = 31;

/** `taken`: lower-cased names in use (sheet names are case-insensitive). */
export function adminSheetName(admin: string, locale: Locale, taken: ReadonlySet<string>): string {
  const prefix = ADMIN_SHEET_PREFIX[locale];
  const clean = admin.replace(/[[\]*?/\\:]/g, '_').replace(/^'+|'+$/g, '').trim() || '_';
  const base = prefix + clean.slice(0, MAX_SHEET_NAME - prefix.length);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const name = prefix + clean.slice(0, MAX_SHEET_NAME - prefix.length - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Emails that may edit an admin's sheet: the admin, then their leads. */
export function sheetEditors(admin: Admin, team: AdminTeam): string[] {
  const out: string[] = [];
  for (const a of [admin, ...leadsOf(admin, team)]) if (a.email && !out.includes(a.email)) out.push(a.email);
  return out;
}

export function planAdminSheets(input: AdminSheetsInput): AdminSheetsPlan {
  const { team, locale } = input;
  const zh = locale === 'zh';
  // Tabs in team order: each mid-level lead's admins together, in sheet order.
  const rowOf = new Map(team.admins.map((a) => [a.name, a.row]));
  const teamRow = (a: Admin) => (a.reportsTo !== null ? (rowOf.get(a.reportsTo) ?? Infinity) : Infinity);
  const serving = servingAdmins(team).sort((a, b) => teamRow(a) - teamRow(b) || a.row - b.row);
  const servingNames = new Set(serving.map((a) => a.name));
  const existing = new Set(input.sheetNames);
  const notes = carriedNotes(input.previous);
  const tierIndex = new Map(input.tiers.map((t, i) => [t, i]));

  // Names: an admin keeps the sheet Fenceng made for them; a new one avoids
  // every existing name, so a sheet Fenceng did not make is never overwritten.
  const ownedBy = new Map(input.owned.map((o) => [o.admin, o.sheet]));
  const taken = new Set<string>([...input.owned.map((o) => o.sheet), ...input.sheetNames].map((n) => n.toLowerCase()));
  const nameOf = new Map<string, string>();
  for (const a of serving) {
    const mine = ownedBy.get(a.name);
    if (mine) nameOf.set(a.name, mine);
  }
  for (const a of serving) {
    if (nameOf.has(a.name)) continue;
    const name = adminSheetName(a.name, locale, taken);
    taken.add(name.toLowerCase());
    nameOf.set(a.name, name);
  }

  const byAdmin = new Map<string, AdminSheetMember[]>(serving.map((a) => [a.name, []]));
  for (const m of input.members) {
    const admin = input.assignment.adminOf.get(m.memberId);
    if (admin !== undefined) byAdmin.get(admin)?.push(m);
  }

  const patches: ReplaceSheetPatch[] = [];
  const files: AdminSheetsPlan['files'] = [];
  const owned: AdminSheetsPlan['owned'] = [];
  for (const a of serving) {
    const list = byAdmin.get(a.name)!.sort((x, y) => (tierIndex.get(x.tier) ?? 99) - (tierIndex.get(y.tier) ?? 99) || byActivity(x, y));
    const header = ADMIN_SHEET_HEADER[locale];
    const rows: CellValue[][] = list.map((m) => [
      m.memberIdText ?? m.memberId,
      m.nickname,
      m.douyinId,
      m.activityLabel,
      m.contributionLabel,
      m.reason,
      m.lastActive === null ? null : new Date(m.lastActive * 86_400_000),
      m.note,
      notes.get(m.memberId) ?? null,
    ]);
    const sheet = nameOf.get(a.name)!;
    const shown = input.beside ? withBlockBeside([header, ...rows], input.beside(a.name)) : [header, ...rows];
    patches.push({
      kind: 'replace',
      sheet,
      rows: shown,
      protect: {
        editors: sheetEditors(a, team),
        description: zh ? `分层管理：${a.name} 负责的成员（仅本人及上级可编辑）` : `Fenceng: members served by ${a.name} (editable by them and their leads)`,
      },
    });
    // The admin's own file (--split-admins) shows the same.
    files.push({ admin: a.name, table: input.beside ? { sheet, header: shown[0].map((h) => (h == null ? '' : String(h))), rows: shown.slice(1) } : { sheet, header, rows } });
    owned.push({ sheet, admin: a.name });
  }

  // Sheets of admins who left: a notice instead of members, editable by their leads only.
  const leads = team.admins.filter((a) => a.role === 'lead');
  for (const o of input.owned) {
    if (servingNames.has(o.admin) || !existing.has(o.sheet) || owned.some((x) => x.sheet === o.sheet)) continue;
    const former = team.admins.find((a) => a.name === o.admin);
    const editors = former ? sheetEditors(former, team).filter((e) => e !== former.email) : [];
    for (const l of leads) if (l.email && !editors.includes(l.email)) editors.push(l.email);
    patches.push({
      kind: 'replace',
      sheet: o.sheet,
      rows: [
        [zh ? `「${o.admin}」已不在管理员表中或已不在职，本表不再更新。` : `"${o.admin}" is no longer an active admin; this sheet is no longer updated.`],
        [zh ? '其成员已重新分配（见「管理员分配」和成员表的「负责管理员」列），管理员备注随成员转到新的分配表。确认后可删除本表。' : 'Their members were reassigned (see Assignments and the Admin column of the members sheet); admin notes moved with the members. You may delete this sheet.'],
      ],
      protect: { editors, description: zh ? `分层管理：${o.admin} 的旧分配表（仅上级可编辑）` : `Fenceng: ${o.admin}'s former sheet (leads only)` },
    });
    owned.push(o);
  }
  return { patches, owned, files };
}

/** memberId → admin note, from the previous admin sheets (the first non-empty one wins). */
function carriedNotes(previous: Table[]): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const t of previous) {
    const { memberId: idCol, note: noteCol } = locateColumns(t.header, CARRIED);
    if (idCol < 0 || noteCol < 0) continue;
    for (const r of t.rows) {
      const id = parseText(r[idCol] ?? null);
      const note = r[noteCol];
      if (id.kind !== 'value' || note === null || note === undefined || note === '' || out.has(id.value)) continue;
      out.set(id.value, note);
    }
  }
  return out;
}

/** `block` to the right of `rows`, one empty column between; new row arrays (rows may be shared, a header may be a constant). */
function withBlockBeside(rows: CellValue[][], block: CellValue[][]): CellValue[][] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return Array.from({ length: Math.max(rows.length, block.length) }, (_, i) => {
    const row = [...(rows[i] ?? [])];
    if (i >= block.length) return row;
    while (row.length < width + 1) row.push(null);
    return [...row, ...block[i]];
  });
}
