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
 * A large team (more than MAX_ADMIN_TABS serving admins) gets one sheet
 * instead, 分配名单 / Admin lists: every admin's members in one block each,
 * the admin's name on every row, editable by the leads only. Only the admins
 * whose 单独工作表 / Own sheet cell says yes also get a tab of their own
 * (with today's protection, and so with a column for their notes). 400 tabs
 * would be 400 copies of a header and 400 protections to keep up, and each
 * new tab starts as a 26,000-cell grid against Google's 10 M limit.
 *
 * The admin's own column 管理员备注 (Admin notes) is carried over by member ID
 * from whichever admin sheet held it, so notes follow a member who changes
 * admin. A sheet Fenceng made for an admin who left (removed from 管理员, or
 * 在职 = 否) is not deleted: it is emptied down to a notice and protected so
 * only their leads can edit it; the operator may delete it.
 */

/** Up to this many serving admins, each gets a tab; beyond it, see above. */
export const MAX_ADMIN_TABS = 40;
export const ADMIN_LISTS_SHEET: Record<Locale, string> = { zh: '分配名单', en: 'Admin lists' };
/**
 * 分配名单 shows of each member what an admin needs to reach them — member
 * ID, nickname, Douyin ID, activity tier — and the admin notes (which follow
 * the member): 6 columns × members cells. The rest is on the members sheet,
 * whose 负责管理员 column filters it by admin.
 */
const listRow = (r: CellValue[]): CellValue[] => [r[0], r[1], r[2], r[3], r[8]];
/** The `admin` the state records for the lists sheet. */
export const ALL_ADMINS = '*';

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

  const combined = serving.length > MAX_ADMIN_TABS;
  const withTab = combined ? serving.filter((a) => a.ownSheet) : serving;

  // Names: an admin keeps the sheet Fenceng made for them; a new one avoids
  // every existing name, so a sheet Fenceng did not make is never overwritten.
  const ownedBy = new Map(input.owned.map((o) => [o.admin, o.sheet]));
  const taken = new Set<string>([...input.owned.map((o) => o.sheet), ...input.sheetNames].map((n) => n.toLowerCase()));
  const nameOf = new Map<string, string>();
  for (const a of withTab) {
    const mine = ownedBy.get(a.name);
    if (mine) nameOf.set(a.name, mine);
  }
  for (const a of withTab) {
    if (nameOf.has(a.name)) continue;
    const name = adminSheetName(a.name, locale, taken);
    taken.add(name.toLowerCase());
    nameOf.set(a.name, name);
  }
  const listsSheet = combined ? (ownedBy.get(ALL_ADMINS) ?? freeName(ADMIN_LISTS_SHEET[locale], taken)) : undefined;

  const byAdmin = new Map<string, AdminSheetMember[]>(serving.map((a) => [a.name, []]));
  for (const m of input.members) {
    const admin = input.assignment.adminOf.get(m.memberId);
    if (admin !== undefined) byAdmin.get(admin)?.push(m);
  }

  const patches: ReplaceSheetPatch[] = [];
  const files: AdminSheetsPlan['files'] = [];
  const owned: AdminSheetsPlan['owned'] = [];
  const header = ADMIN_SHEET_HEADER[locale];
  const lists: CellValue[][] = [];
  for (const a of serving) {
    const list = byAdmin.get(a.name)!.sort((x, y) => (tierIndex.get(x.tier) ?? 99) - (tierIndex.get(y.tier) ?? 99) || byActivity(x, y));
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
    const sheet = nameOf.get(a.name);
    if (listsSheet) for (const r of rows) lists.push([a.name, ...listRow(r)]);
    const shown = input.beside ? withBlockBeside([header, ...rows], input.beside(a.name)) : [header, ...rows];
    // The admin's own file (--split-admins) shows the same, whether or not the admin has a tab in Sheets.
    const fileSheet = sheet ?? adminSheetName(a.name, locale, new Set());
    files.push({ admin: a.name, table: input.beside ? { sheet: fileSheet, header: shown[0].map((h) => (h == null ? '' : String(h))), rows: shown.slice(1) } : { sheet: fileSheet, header, rows } });
    if (!sheet) continue;
    patches.push({
      kind: 'replace',
      sheet,
      rows: shown,
      protect: {
        editors: sheetEditors(a, team),
        description: zh ? `分层管理：${a.name} 负责的成员（仅本人及上级可编辑）` : `Fenceng: members served by ${a.name} (editable by them and their leads)`,
      },
    });
    owned.push({ sheet, admin: a.name });
  }
  if (listsSheet) {
    const leadEmails: string[] = [];
    for (const a of team.admins) if ((a.role === 'lead' || a.role === 'mid') && a.email && !leadEmails.includes(a.email)) leadEmails.push(a.email);
    patches.push({
      kind: 'replace',
      sheet: listsSheet,
      rows: [[zh ? '负责管理员' : 'Admin', ...listRow(header)], ...lists],
      protect: { editors: leadEmails, description: zh ? '分层管理：所有管理员负责的成员（仅负责人可编辑）' : 'Fenceng: members of every admin (editable by the leads)' },
    });
    owned.push({ sheet: listsSheet, admin: ALL_ADMINS });
  }

  // Sheets of admins who left: a notice instead of members, editable by their leads only.
  const leads = team.admins.filter((a) => a.role === 'lead');
  for (const o of input.owned) {
    if (!existing.has(o.sheet) || owned.some((x) => x.sheet === o.sheet)) continue;
    if (o.admin === ALL_ADMINS || servingNames.has(o.admin)) {
      // The team changed size: the members moved between the lists sheet and the admins' own tabs.
      patches.push(movedNotice(o, team, zh));
      owned.push(o);
      continue;
    }
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

/** A tab whose members now live elsewhere (the lists sheet, or the admins' own tabs again). */
function movedNotice(o: { sheet: string; admin: string }, team: AdminTeam, zh: boolean): ReplaceSheetPatch {
  const self = team.admins.find((a) => a.name === o.admin);
  const editors = self ? sheetEditors(self, team) : [];
  for (const a of team.admins) if (a.role === 'lead' && a.email && !editors.includes(a.email)) editors.push(a.email);
  const text =
    o.admin === ALL_ADMINS
      ? zh ? '管理员人数已不多，成员名单已回到各管理员自己的「分配-」工作表，本表不再更新，可删除。' : 'The team is small again: members are listed on each admin\'s own sheet; this sheet is no longer updated and may be deleted.'
      : zh ? `管理员团队较大，「${o.admin}」的成员现在列在「${ADMIN_LISTS_SHEET.zh}」中（在管理员表「单独工作表」填“是”可保留单独的工作表）；本表不再更新，可删除。` : `The team is large: ${o.admin}'s members are now listed in "${ADMIN_LISTS_SHEET.en}" (say yes under Own sheet in the Admins sheet to keep a tab); this sheet is no longer updated and may be deleted.`;
  return { kind: 'replace', sheet: o.sheet, rows: [[text]], protect: { editors, description: zh ? '分层管理：已不再更新的分配表' : 'Fenceng: an admin sheet no longer updated' } };
}

/** `base`, or `base-2`, `base-3`… when a sheet already has the name. */
function freeName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  taken.add(name.toLowerCase());
  return name;
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
