import type { Issue } from '../base/issues.js';
import { ROLE_LABELS, type AdminTeam } from './parse-admins.js';
import { validateTeam } from './validate-team.js';

/**
 * 共享给管理员团队: who would be added as editors of the spreadsheet. Pure:
 * the Apps Script menu action shows this, asks, and only then shares.
 * Active admins with an email are shared; inactive ones are not (and are
 * never removed automatically: taking access away stays a person's call).
 */
export type SharePlan =
  | { kind: 'no-admins' }
  | { kind: 'invalid'; issues: Issue[] }
  | { kind: 'ask'; add: Array<{ name: string; email: string; role: string }>; already: string[]; withoutEmail: string[]; message: string };

export function planSharing(team: AdminTeam | undefined, currentEditors: string[]): SharePlan {
  if (!team || team.admins.length === 0) return { kind: 'no-admins' };
  const issues = [...team.issues, ...validateTeam(team)];
  if (issues.length > 0) return { kind: 'invalid', issues };
  const current = new Set(currentEditors.map((e) => e.toLowerCase()));
  const add: Array<{ name: string; email: string; role: string }> = [];
  const already: string[] = [];
  const withoutEmail: string[] = [];
  for (const a of team.admins) {
    if (!a.active) continue;
    if (!a.email) withoutEmail.push(a.name);
    else if (current.has(a.email)) already.push(a.name);
    else if (!add.some((x) => x.email === a.email)) add.push({ name: a.name, email: a.email, role: a.role ? `${ROLE_LABELS[a.role].zh} / ${ROLE_LABELS[a.role].en}` : '' });
  }
  const lines = [
    add.length > 0
      ? `将把以下 ${add.length} 人添加为本表格的编辑者（Google 会照常发送共享通知；每位管理员的分配表仍只许本人及上级编辑）：\nAdd these ${add.length} people as editors of this spreadsheet (Google sends its usual sharing notice; each admin sheet stays editable only by that admin and their leads):`
      : '没有需要新增的编辑者。/ Nobody new to add.',
    '',
    ...add.map((a) => `${a.name} <${a.email}>（${a.role}）`),
  ];
  if (already.length) lines.push('', `已是编辑者，不变 / Already editors, unchanged: ${already.join('、')}`);
  if (withoutEmail.length) lines.push('', `没有邮箱，不共享 / No email, not shared: ${withoutEmail.join('、')}`);
  if (add.length) lines.push('', '是否共享？/ Share now?');
  return { kind: 'ask', add, already, withoutEmail, message: lines.join('\n') };
}

/** The first problems, one line each, for an alert. */
export function issueLines(issues: Issue[], max = 10): string {
  const lines = issues.slice(0, max).map((i) => `第 ${i.row} 行 / row ${i.row}${i.column ? `（${i.column}）` : ''}：${i.message}`);
  if (issues.length > max) lines.push(`…… 另有 ${issues.length - max} 条 / … ${issues.length - max} more`);
  return lines.join('\n');
}
