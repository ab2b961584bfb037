import { parseDate, parseText, rawText } from '../base/cells.js';
import type { Schedule, ScheduleNote } from './schedule.js';
import { headerRow } from '../base/bilingual.js';
import { locateColumns } from '../base/columns.js';
import { say, type Locale } from '../base/locale.js';
import type { Tier } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';
import type { PlanEntry } from './cadence.js';
import { dateCell, weekdayLabel, weekLabel } from './calendar.js';
import { tierLookup, type ContentItem, type LibraryProblem } from './library.js';

/** The 内容计划 (content plan) sheet: written whole each run, read back so the plan stays put. */
export const CONTENT_PLAN_COLUMNS = {
  date: { zh: '日期', en: 'Date' },
  weekday: { zh: '星期', en: 'Day' },
  week: { zh: '周', en: 'Week' },
  tier: { zh: '层级', en: 'Tier' },
  item: { zh: '内容', en: 'Content' },
  type: { zh: '类型', en: 'Type' },
  channel: { zh: '渠道', en: 'Channel' },
  link: { zh: '链接', en: 'Link' },
  admin: { zh: '负责管理员', en: 'Admin' },
  status: { zh: '状态', en: 'Status' },
} as const;

export function planStatus(day: number, today: number, locale: Locale): string {
  if (day < today) return say(locale, '已过', 'Past');
  if (day === today) return say(locale, '今天', 'Today');
  return say(locale, '计划', 'Planned');
}

const cellText = (c: CellValue | undefined) => {
  const p = parseText(c ?? null);
  return p.kind === 'value' ? rawText(c) : '';
};

/** Entries a plan sheet shows, recognised in either language; rows that are not entries are skipped. */
export function readPlanRows<F extends string>(
  table: Table | undefined,
  columns: Record<F, { zh: string; en: string }>,
  today: number,
): Array<{ day: number; cells: Record<F, string> }> {
  if (!table) return [];
  const col = locateColumns(table.header, columns);
  const dateCol = (col as Record<string, number>).date;
  if (dateCol === undefined || dateCol < 0) return [];
  const out: Array<{ day: number; cells: Record<F, string> }> = [];
  for (const row of table.rows) {
    const d = parseDate(row[dateCol] ?? null, today);
    if (d.kind !== 'value') continue;
    const cells = {} as Record<F, string>;
    for (const f of Object.keys(columns) as F[]) cells[f] = col[f] < 0 ? '' : cellText(row[col[f]]);
    out.push({ day: d.value, cells });
  }
  return out;
}

export function readContentPlan(table: Table | undefined, tiers: Tier[], today: number): PlanEntry[] {
  const findTier = tierLookup(tiers);
  const out: PlanEntry[] = [];
  for (const { day, cells } of readPlanRows(table, CONTENT_PLAN_COLUMNS, today)) {
    const tier = findTier(cells.tier);
    if (!tier || !cells.item) continue;
    out.push({ kind: 'content', day, tier, key: cells.item, admin: cells.admin, carried: { type: cells.type, channel: cells.channel, link: cells.link } });
  }
  return out;
}

export interface ContentSheetInput {
  schedule: Schedule;
  library: ContentItem[];
  libraryProblems: LibraryProblem[];
  tiers: Tier[];
  locale: Locale;
  /** False when no admin list exists yet: the sheet says how the column will be filled. */
  adminsKnown: boolean;
}

export function contentPlanRows(input: ContentSheetInput): CellValue[][] {
  const { schedule, locale } = input;
  const w = schedule.window;
  const byTitle = new Map(input.library.map((i) => [i.title, i]));
  const tierName = (id: string) => input.tiers.find((t) => t.id === id)?.[locale] ?? id;
  const rows: CellValue[][] = [headerRow(CONTENT_PLAN_COLUMNS, locale)];
  for (const e of [...schedule.history.filter((x) => x.kind === 'content'), ...schedule.content]) {
    const item = byTitle.get(e.key);
    rows.push([
      dateCell(e.day),
      weekdayLabel(e.day, locale),
      weekLabel(w, e.day, locale),
      tierName(e.tier),
      e.key,
      item ? (item.type?.[locale] ?? item.typeText) : (e.carried?.type ?? ''),
      item ? item.channel : (e.carried?.channel ?? ''),
      item ? item.link : (e.carried?.link ?? ''),
      e.admin,
      planStatus(e.day, w.today, locale),
    ]);
  }
  rows.push([]);
  rows.push([say(locale, '缺口', 'Gaps'), say(locale, '层级', 'Tier'), say(locale, '周', 'Week'), say(locale, '缺少条数', 'Missing'), say(locale, '说明', 'Note')]);
  if (schedule.gaps.length === 0) rows.push(['', say(locale, '无：内容库足够本期计划', 'None: the library covers the plan')]);
  for (const g of schedule.gaps) {
    rows.push([
      '',
      tierName(g.tier),
      weekLabel(w, w.start + g.week * 7, locale),
      g.missing,
      say(
        locale,
        `内容库中可推送给「${tierName(g.tier)}」且窗口内未用过的内容不足，请再添加 ${g.missing} 条（不重复推送、不自动编造）`,
        `Not enough library items for "${tierName(g.tier)}" that were not already used in the window; add ${g.missing} (nothing is repeated or invented)`,
      ),
    ]);
  }
  if (input.libraryProblems.length) {
    rows.push([]);
    rows.push([say(locale, '内容库问题', 'Library problems'), say(locale, '行', 'Row'), say(locale, '标题', 'Title'), say(locale, '说明', 'Message')]);
    for (const p of input.libraryProblems) rows.push(['', p.row, p.title, p.message]);
  }
  const notes = noteRows(input.adminsKnown, [], schedule.dropped, locale);
  if (notes.length) rows.push([], ...notes);
  return rows;
}

/** Notes shared by both plan sheets. */
export function noteRows(adminsKnown: boolean, notes: ScheduleNote[], dropped: number, locale: Locale): CellValue[][] {
  const out: CellValue[][] = [];
  if (!adminsKnown) {
    out.push([say(locale, '说明', 'Note'), say(locale, '负责管理员待分配：成员表有「负责管理员」列（管理员分配）后自动填写', 'Admins to be assigned: filled in automatically once the members sheet has an "Admin" column (admin assignment)')]);
  }
  for (const n of notes) out.push([say(locale, '说明', 'Note'), say(locale, n.zh, n.en)]);
  if (dropped > 0) {
    out.push([say(locale, '说明', 'Note'), say(locale, `上次计划中有 ${dropped} 项已失效（内容已删除、层级或规则已改），已重新安排`, `${dropped} entries of the previous plan were no longer valid (item removed, tier or rules changed) and were replanned`)]);
  }
  return out;
}
