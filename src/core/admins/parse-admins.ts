import { excerpt, normalizeText, parseNumber, parseText } from '../base/cells.js';
import { normalizeHeader } from '../base/bilingual.js';
import type { Issue, IssueCode } from '../base/issues.js';
import type { Tier } from '../rules/types.js';
import { columnLetter, sheetRowOf, type CellValue, type Table } from '../base/table.js';
import type { AdminsConfig } from './config.js';

/**
 * The 管理员 (Admins) sheet the operator fills: one row per admin. Every
 * problem becomes an Issue naming sheet, row and column; nothing throws.
 */

export type AdminRole = 'lead' | 'mid' | 'regular';

export const ROLE_LABELS: Record<AdminRole, { zh: string; en: string }> = {
  lead: { zh: '总负责人', en: 'Lead' },
  mid: { zh: '中层负责人', en: 'Mid-level lead' },
  regular: { zh: '普通管理员', en: 'Regular admin' },
};

/** Words operators use for each role, compared after normalizeHeader (case, spaces, dashes ignored). */
const ROLE_WORDS: Record<AdminRole, string[]> = {
  lead: ['总负责人', '总负责', '负责人', '总管', '主管', '群主', 'lead', 'head', 'owner', 'director', 'chief'],
  mid: ['中层负责人', '中层', '中层管理', '中层管理员', '组长', 'mid', 'midlevel', 'midlevellead', 'middle', 'teamlead', 'manager', 'supervisor'],
  regular: ['普通管理员', '管理员', '普通', '一线管理员', 'regular', 'regularadmin', 'admin', 'moderator'],
};

export type AdminField = 'name' | 'role' | 'email' | 'reportsTo' | 'active' | 'ownSheet';

export const ADMIN_HEADERS: Record<AdminField, { zh: string; en: string; also: string[] }> = {
  name: { zh: '姓名', en: 'Name', also: ['名字', '管理员', '管理员姓名', 'Admin', 'Admin name'] },
  role: { zh: '角色', en: 'Role', also: ['职位', '职责', '层级', 'Position', 'Title'] },
  email: { zh: '邮箱', en: 'Email', also: ['电子邮箱', '邮件', 'E-mail', 'Mail', 'Google账号', 'Google account'] },
  reportsTo: { zh: '上级', en: 'Reports to', also: ['汇报给', '汇报对象', '直属上级', '负责人', 'Manager', 'Supervisor'] },
  active: { zh: '在职', en: 'Active', also: ['是否在职', '启用', '状态', 'Enabled', 'Status'] },
  /** In a large team (see admin-sheets.ts), only admins who say yes here get a tab of their own. */
  ownSheet: { zh: '单独工作表', en: 'Own sheet', also: ['独立工作表', '个人工作表', '单独分配表', 'Own tab', 'Separate sheet'] },
};

const YES = new Set(['是', '在职', '启用', '有效', 'y', 'yes', 'true', '1', '√', '✓', 'active', 'on']);
const NO = new Set(['否', '离职', '停用', '无效', '暂停', 'n', 'no', 'false', '0', '×', '✗', 'inactive', 'off']);

export interface Admin {
  name: string;
  /** null when the cell could not be read (an issue says so); such admins get no members. */
  role: AdminRole | null;
  /** Lower case; null when blank or not an address. */
  email: string | null;
  reportsTo: string | null;
  active: boolean;
  /** Asked for a tab of their own (单独工作表 = 是); blank or anything else is no. */
  ownSheet: boolean;
  /** Members of each activity tier this admin can serve (blank cells take the defaults). */
  capacity: Record<string, number>;
  /** Sheet row as the operator sees it. */
  row: number;
}

export interface AdminTeam {
  sheet: string;
  /** In sheet order; rows without a name or repeating a name are left out (with an issue). */
  admins: Admin[];
  issues: Issue[];
  /** Where each field was found, for messages about it. */
  columns: Partial<Record<AdminField, { header: string; letter: string }>>;
}

export interface ParseAdminsOptions {
  /** The activity tiers, highest first: one capacity column each. */
  tiers: Tier[];
  config: AdminsConfig;
}

/** Headers that name tier `t`'s capacity: 核心成员容量 / 核心容量 / Core member capacity / Core capacity / core. */
export function capacityHeaders(t: Tier): string[] {
  const names = [`${t.zh}容量`, `${t.en} capacity`, `capacity ${t.en}`, `${t.id} capacity`, t.id];
  if (t.zh.endsWith('成员')) names.push(`${t.zh.slice(0, -2)}容量`);
  if (/ member$/i.test(t.en)) names.push(`${t.en.replace(/ member$/i, '')} capacity`);
  return names;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function parseAdmins(table: Table, options: ParseAdminsOptions): AdminTeam {
  const issues: Issue[] = [];
  const issue = (row: number, column: number | null, code: IssueCode, message: string) =>
    issues.push({
      sheet: table.sheet,
      row,
      column: column === null ? '' : (table.header[column] ?? ''),
      columnLetter: column === null ? '' : columnLetter(column),
      memberId: '',
      code,
      message,
    });

  const col = locateAdminColumns(table.header, options.tiers);
  if (col.name === undefined) {
    issue(1, null, 'admin-row', '找不到「姓名」列，管理员表被忽略 / No "Name" column; the Admins sheet is ignored');
    return { sheet: table.sheet, admins: [], issues, columns: {} };
  }
  if (col.role === undefined) issue(1, null, 'admin-role', '找不到「角色」列，无法区分总负责人、中层负责人和普通管理员 / No "Role" column; cannot tell leads from regular admins');

  const admins: Admin[] = [];
  const byName = new Map<string, number>();
  const byEmail = new Map<string, number>();
  table.rows.forEach((cells, index) => {
    const row = sheetRowOf(index);
    const at = (c: number | undefined): CellValue => (c === undefined ? null : (cells[c] ?? null));
    if (cells.every((c) => c === null || (typeof c === 'string' && normalizeText(c) === ''))) return;
    const name = parseText(at(col.name));
    if (name.kind !== 'value') {
      issue(row, col.name!, 'admin-row', '缺少姓名，本行被忽略 / No name; row ignored');
      return;
    }
    const first = byName.get(name.value);
    if (first !== undefined) {
      issue(row, col.name!, 'admin-duplicate', `姓名「${excerpt(name.value)}」与第 ${first} 行重复，本行被忽略 / Name "${excerpt(name.value)}" repeats row ${first}; row ignored`);
      return;
    }
    byName.set(name.value, row);

    const role = parseRole(at(col.role));
    if (col.role !== undefined && role === null) {
      const raw = excerpt(cellText(at(col.role)));
      issue(row, col.role, 'admin-role', raw
        ? `无法识别角色「${raw}」，应为 总负责人 / 中层负责人 / 普通管理员 / Unknown role "${raw}"; use Lead / Mid-level lead / Regular admin`
        : '角色为空，应为 总负责人 / 中层负责人 / 普通管理员 / Role is empty; use Lead / Mid-level lead / Regular admin');
    }

    let email: string | null = null;
    const rawEmail = parseText(at(col.email));
    if (rawEmail.kind === 'value') {
      const e = rawEmail.value.toLowerCase();
      if (!EMAIL_RE.test(e)) issue(row, col.email!, 'admin-email', `「${excerpt(rawEmail.value)}」不是有效邮箱 / "${excerpt(rawEmail.value)}" is not an email address`);
      else {
        const dup = byEmail.get(e);
        if (dup !== undefined) issue(row, col.email!, 'admin-email', `邮箱 ${e} 与第 ${dup} 行重复 / Email ${e} repeats row ${dup}`);
        else byEmail.set(e, row);
        email = e;
      }
    }

    const reports = parseText(at(col.reportsTo));
    const active = parseActive(at(col.active));
    if (active === null) {
      issue(row, col.active!, 'admin-row', `无法识别「${excerpt(cellText(at(col.active)))}」，按不在职处理（应为 是 / 否） / Cannot read "${excerpt(cellText(at(col.active)))}"; treated as inactive (use yes / no)`);
    }

    const capacity: Record<string, number> = {};
    for (const t of options.tiers) {
      const c = col.capacity[t.id];
      const fallback = options.config.defaultCapacity[t.id] ?? 0;
      const parsed = parseNumber(at(c));
      if (parsed.kind === 'value' && Number.isInteger(parsed.value) && parsed.value >= 0) capacity[t.id] = parsed.value;
      else {
        capacity[t.id] = fallback;
        if (parsed.kind !== 'missing' && role === 'regular') {
          issue(row, c!, 'admin-row', `容量「${excerpt(cellText(at(c)))}」不是非负整数，按默认 ${fallback} 计算 / Capacity "${excerpt(cellText(at(c)))}" is not a whole number ≥ 0; default ${fallback} used`);
        }
      }
    }

    const own = at(col.ownSheet);
    const ownSheet = own === true || (typeof own === 'string' && YES.has(cellText(own).toLowerCase()));
    admins.push({ name: name.value, role, email, reportsTo: reports.kind === 'value' ? reports.value : null, active: active ?? false, ownSheet, capacity, row });
  });
  const columns: AdminTeam['columns'] = {};
  for (const f of Object.keys(ADMIN_HEADERS) as AdminField[]) {
    const i = col[f];
    if (i !== undefined) columns[f] = { header: table.header[i] ?? '', letter: columnLetter(i) };
  }
  return { sheet: table.sheet, admins, issues, columns };
}

interface AdminColumns extends Partial<Record<AdminField, number>> {
  capacity: Partial<Record<string, number>>;
}

function locateAdminColumns(header: string[], tiers: Tier[]): AdminColumns {
  const lookup = new Map<string, string>();
  for (const [field, h] of Object.entries(ADMIN_HEADERS)) for (const n of [h.zh, h.en, ...h.also]) lookup.set(normalizeHeader(n), field);
  // Capacity names are more specific than the generic ones: they win.
  for (const t of tiers) for (const n of capacityHeaders(t)) lookup.set(normalizeHeader(n), `capacity:${t.id}`);
  const out: AdminColumns = { capacity: {} };
  header.forEach((h, i) => {
    const key = lookup.get(normalizeHeader(h ?? ''));
    if (!key) return;
    if (key.startsWith('capacity:')) out.capacity[key.slice(9)] ??= i;
    else out[key as AdminField] ??= i;
  });
  return out;
}

function cellText(c: CellValue): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'Invalid Date' : c.toISOString().slice(0, 10);
  return normalizeText(String(c));
}

export function parseRole(c: CellValue): AdminRole | null {
  const key = normalizeHeader(cellText(c));
  if (!key) return null;
  for (const role of ['lead', 'mid', 'regular'] as AdminRole[]) {
    if (ROLE_WORDS[role].some((w) => normalizeHeader(w) === key) || normalizeHeader(ROLE_LABELS[role].en) === key) return role;
  }
  return null;
}

/** Blank means active; null when the cell says something else than yes or no. */
export function parseActive(c: CellValue): boolean | null {
  if (c === null || c === undefined) return true;
  if (typeof c === 'boolean') return c;
  const key = cellText(c).toLowerCase();
  if (key === '') return true;
  if (YES.has(key)) return true;
  if (NO.has(key)) return false;
  return null;
}
