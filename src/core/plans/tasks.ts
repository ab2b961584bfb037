import { splitKey } from './formats.js';
import { say, type Locale } from '../base/locale.js';
import type { CellValue } from '../base/table.js';
import type { PlanEntry } from './cadence.js';
import { dateCell, mondayOf, weekdayLabel } from './calendar.js';
import { planStatus } from './content-sheet.js';

/**
 * "This week's tasks" for each admin, drawn from the content and interaction
 * plans: pure, so the per-admin sheets (分配-<name>) can show them whoever
 * writes those sheets.
 */
export interface AdminTask {
  day: number;
  /** `retention`: a member on 流失预警 to reach out to this week. */
  kind: 'content' | 'interaction' | 'festival' | 'conversion' | 'retention';
  /** Activity tier id. */
  tier: string;
  /** Content title or interaction / event name. */
  what: string;
  channel: string;
  link: string;
}

export interface TaskDetails {
  /** Display name of an entry (title for content, format / event name for interactions). */
  name(entry: PlanEntry): string;
  channel?(entry: PlanEntry): string;
  link?(entry: PlanEntry): string;
}

/** Tasks of the week holding `today`, per admin name ('' = not yet assigned), in date order. */
export function weeklyTasks(entries: PlanEntry[], today: number, details: TaskDetails): Map<string, AdminTask[]> {
  const start = mondayOf(today);
  const out = new Map<string, AdminTask[]>();
  const inWeek = entries.filter((e) => e.day >= start && e.day < start + 7).sort((a, b) => a.day - b.day || (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0));
  for (const e of inWeek) {
    const k = e.kind === 'content' ? undefined : splitKey(e.key);
    const kind: AdminTask['kind'] = e.kind === 'content' ? 'content' : k?.kind === 'festival' ? 'festival' : k?.kind === 'conversion' ? 'conversion' : 'interaction';
    const task: AdminTask = { day: e.day, kind, tier: e.tier, what: details.name(e), channel: details.channel?.(e) ?? '', link: details.link?.(e) ?? '' };
    const list = out.get(e.admin) ?? [];
    list.push(task);
    out.set(e.admin, list);
  }
  return out;
}

const KIND: Record<AdminTask['kind'], { zh: string; en: string }> = {
  content: { zh: '内容推送', en: 'Content' },
  interaction: { zh: '互动', en: 'Interaction' },
  festival: { zh: '节日活动', en: 'Festival event' },
  conversion: { zh: '转化活动', en: 'Conversion event' },
  retention: { zh: '流失预警', en: 'Churn warning' },
};

/** `extra` tasks (流失预警's, per admin) joined to the plans' ones, still in date order (a day's plan tasks first). */
export function withTasks(tasks: Map<string, AdminTask[]>, extra: ReadonlyMap<string, AdminTask[]>): Map<string, AdminTask[]> {
  const out = new Map(tasks);
  for (const [admin, list] of extra) out.set(admin, [...(out.get(admin) ?? []), ...list].sort((a, b) => a.day - b.day));
  return out;
}

/** A block for an admin's sheet: a title row, a header and one row per task. */
export function taskRows(tasks: AdminTask[], today: number, tierName: (id: string) => string, locale: Locale): CellValue[][] {
  const rows: CellValue[][] = [
    [say(locale, '本周任务', "This week's tasks")],
    [say(locale, '日期', 'Date'), say(locale, '星期', 'Day'), say(locale, '类别', 'Kind'), say(locale, '层级', 'Tier'), say(locale, '内容/活动', 'What'), say(locale, '渠道', 'Channel'), say(locale, '链接', 'Link'), say(locale, '状态', 'Status')],
  ];
  for (const t of tasks) rows.push([dateCell(t.day), weekdayLabel(t.day, locale), KIND[t.kind][locale], tierName(t.tier), t.what, t.channel, t.link, planStatus(t.day, today, locale)]);
  if (tasks.length === 0) rows.push(['', say(locale, '本周没有任务', 'No tasks this week')]);
  return rows;
}
