import type { PlanEntry } from './cadence.js';
import { dateCell, weekdayLabel, weekIndex, weekLabel } from './calendar.js';
import { tierLookup } from './library.js';
import { noteRows, planStatus, readPlanRows } from './content-sheet.js';
import type { InteractionConfig, Festival } from './config.js';
import { say, type Locale } from '../base/locale.js';
import type { Schedule } from './schedule.js';
import type { Tier } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';
import { interactionKey, KIND_LABELS, splitKey, type InteractionKind } from './formats.js';
import { headerRow } from '../base/bilingual.js';

/** The 互动计划 (interaction plan) sheet: interactions, festival and conversion events. */
export const INTERACTION_PLAN_COLUMNS = {
  date: { zh: '日期', en: 'Date' },
  weekday: { zh: '星期', en: 'Day' },
  week: { zh: '周', en: 'Week' },
  tier: { zh: '层级', en: 'Tier' },
  kind: { zh: '类别', en: 'Kind' },
  format: { zh: '形式', en: 'Format' },
  topic: { zh: '主题', en: 'Topic' },
  admin: { zh: '负责管理员', en: 'Admin' },
  status: { zh: '状态', en: 'Status' },
} as const;

export interface InteractionNames {
  config: InteractionConfig;
  festivals: Festival[];
}

/** Display name of an interaction entry's format / festival / event. */
export function interactionName(key: string, names: InteractionNames, locale: Locale, tier?: string): string | undefined {
  const k = splitKey(key);
  if (!k) return undefined;
  if (k.kind === 'festival') return names.festivals.find((f) => f.id === k.id)?.[locale];
  if (k.kind === 'conversion') return names.config.conversion.find((c) => c.id === k.id)?.[locale];
  const lists = tier ? [names.config.formats[tier] ?? []] : Object.values(names.config.formats);
  for (const list of lists) {
    const f = list.find((x) => x.id === k.id);
    if (f) return f[locale];
  }
  return undefined;
}

export function readInteractionPlan(table: Table | undefined, tiers: Tier[], names: InteractionNames, today: number): PlanEntry[] {
  const findTier = tierLookup(tiers);
  const out: PlanEntry[] = [];
  for (const { day, cells } of readPlanRows(table, INTERACTION_PLAN_COLUMNS, today)) {
    const tier = findTier(cells.tier);
    if (!tier || !cells.format) continue;
    const kind = (Object.keys(KIND_LABELS) as InteractionKind[]).find((k) => KIND_LABELS[k].zh === cells.kind || KIND_LABELS[k].en === cells.kind) ?? 'format';
    const label = cells.format.trim();
    const match = (x: { id: string; zh: string; en: string }) => x.zh === label || x.en === label || x.id === label;
    const id =
      kind === 'festival' ? names.festivals.find(match)?.id
      : kind === 'conversion' ? names.config.conversion.find(match)?.id
      : (names.config.formats[tier] ?? []).find(match)?.id;
    out.push({ kind: 'interaction', day, tier, key: id ? interactionKey(kind, id) : `unknown:${label}`, admin: cells.admin, carried: { kind: cells.kind, format: label, topic: cells.topic } });
  }
  return out;
}

export interface InteractionSheetInput {
  schedule: Schedule;
  names: InteractionNames;
  tiers: Tier[];
  /** Labels of the conversion audience, e.g. 核心成员、内容创造者. */
  audienceLabel: (conversionId: string) => string;
  /** Invites per conversion entry (`day|key`). */
  invites: Map<string, number>;
  /** Content titles per tier and day, for discussion topics. */
  locale: Locale;
  adminsKnown: boolean;
}

export function interactionPlanRows(input: InteractionSheetInput): CellValue[][] {
  const { schedule, locale, names } = input;
  const w = schedule.window;
  const tierName = (id: string) => input.tiers.find((t) => t.id === id)?.[locale] ?? id;
  const rows: CellValue[][] = [headerRow(INTERACTION_PLAN_COLUMNS, locale)];
  const contentIn = (tier: string, week: number, day: number) => {
    const same = schedule.content.filter((c) => c.tier === tier && weekIndex(w, c.day) === week);
    return [...same].reverse().find((c) => c.day <= day) ?? same[0];
  };
  for (const e of [...schedule.history.filter((x) => x.kind === 'interaction'), ...schedule.interaction]) {
    const k = splitKey(e.key);
    const name = interactionName(e.key, names, locale, e.tier) ?? e.carried?.format ?? e.key;
    const kindLabel = k ? KIND_LABELS[k.kind][locale] : (e.carried?.kind ?? '');
    let topic = e.carried?.topic ?? '';
    if (k && e.day >= w.start) {
      if (k.kind === 'festival') topic = say(locale, `${name}${names.config.festival.zh}（全体成员）`, `${name}: ${names.config.festival.en} (everyone)`);
      else if (k.kind === 'conversion') {
        const n = input.invites.get(`${e.day}|${e.key}`);
        const who = input.audienceLabel(k.id);
        topic = n === undefined
          ? say(locale, `对象：${who}`, `For: ${who}`)
          : say(locale, `对象：${who}；邀请 ${n} 人（见「邀请名单」）`, `For: ${who}; ${n} invited (see Invite list)`);
      } else {
        const c = contentIn(e.tier, weekIndex(w, e.day), e.day);
        topic = c ? say(locale, `围绕本周内容《${c.key}》`, `Around this week's content "${c.key}"`) : '';
      }
    }
    rows.push([dateCell(e.day), weekdayLabel(e.day, locale), weekLabel(w, e.day, locale), tierName(e.tier), kindLabel, name, topic, e.admin, planStatus(e.day, w.today, locale)]);
  }
  const notes = noteRows(input.adminsKnown, schedule.notes, 0, locale);
  if (notes.length) rows.push([], ...notes);
  return rows;
}
