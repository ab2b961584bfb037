import { daysByPreference, inWindow, weekIndex, WEEKDAYS, type PlanWindow, type Weekday } from './calendar.js';
import { byDayTier, CadenceBook, pickAdmin, type PlanEntry } from './cadence.js';
import type { ContentItem } from './library.js';
import { festivalOn, festivalsBetween, lastFestivalYear } from './festivals.js';
import { conversionWeek, interactionKey, nextFormat, splitKey } from './formats.js';
import { formatCivilDay } from '../base/time.js';
import type { OpsConfig } from './config.js';

/**
 * The content and interaction calendars for the window, planned together
 * because they share each tier's days (one push a day).
 *
 * Sticky: what the previous plan put in the window stays while it is still
 * valid (its item is still in the library for that tier, its format still
 * configured, caps still kept), so admins' tasks do not shuffle between runs;
 * entries on days already past stay as they were. Then, in this order:
 * festival events, conversion events, content, interactions — each on the
 * tier's preferred free weekdays, never before today. Content items are taken
 * least-recently-pushed first and never twice to a tier inside the window;
 * when the library runs out, the slot is reported as a gap, not filled.
 */
export interface ScheduleInput {
  window: PlanWindow;
  /** Activity tier ids, highest first. */
  tiers: string[];
  config: OpsConfig;
  library: ContentItem[];
  /** Both plans as the sheets showed them before this run (any dates). */
  previous: PlanEntry[];
  /** Admins per activity tier id; absent or empty leaves the admin blank. */
  admins?: Record<string, string[]>;
}

export interface ContentGap {
  tier: string;
  /** Week index in the window. */
  week: number;
  /** Content pushes the cadence allows that week but the library cannot fill. */
  missing: number;
}

export interface ScheduleNote {
  day?: number;
  tier?: string;
  zh: string;
  en: string;
}

export interface Schedule {
  window: PlanWindow;
  content: PlanEntry[];
  interaction: PlanEntry[];
  /** Entries from the weeks just before the window (as many weeks as the window), kept for reference and rotation. */
  history: PlanEntry[];
  gaps: ContentGap[];
  notes: ScheduleNote[];
  /** Previous entries inside the window that are no longer valid and were replanned. */
  dropped: number;
}

/**
 * The content and interaction plan over the window, in named steps: what
 * earlier runs planned and is still valid stays; then festival events,
 * conversion events, content and interaction formats fill what is free.
 */
export function planSchedule(input: ScheduleInput): Schedule {
  const s = scheduleState(input);
  const dropped = keepStillValid(s);
  placeFestivals(s);
  placeConversions(s);
  placeContent(s);
  const gaps = contentGaps(s.book, input.library, input.tiers, input.config.content.weekdays);
  placeFormats(s);
  const { book, history, notes } = s;
  return { window: input.window, content: book.entriesOf('content'), interaction: book.entriesOf('interaction'), history, gaps, notes, dropped };
}

/** What the steps share while they fill the book. */
interface ScheduleState {
  input: ScheduleInput;
  book: CadenceBook;
  byTitle: Map<string, ContentItem>;
  tierSet: Set<string>;
  notes: ScheduleNote[];
  admins: Record<string, string[]>;
  /** Entries of the weeks before the window, for rotation. */
  history: PlanEntry[];
  /** Content per tier already used inside the window. */
  used: Map<string, Set<string>>;
  /** Last push per tier and title (`tier|title`). */
  lastPushed: Map<string, number>;
  formatUse: Map<string, Map<string, number>>;
}

function scheduleState(input: ScheduleInput): ScheduleState {
  const { window, config, tiers } = input;
  const caps = { content: config.content.perWeek, interaction: config.interactions.perWeek };
  const tierSet = new Set(tiers);
  const historyFrom = window.start - window.weeks * 7;
  const history = input.previous.filter((e) => e.day >= historyFrom && e.day < window.start && tierSet.has(e.tier)).sort(byDayTier);
  const used = new Map<string, Set<string>>(tiers.map((t) => [t, new Set()]));
  const lastPushed = new Map<string, number>();
  const formatUse = new Map<string, Map<string, number>>(tiers.map((t) => [t, new Map()]));
  for (const e of history) {
    if (e.kind === 'content') lastPushed.set(`${e.tier}|${e.key}`, Math.max(lastPushed.get(`${e.tier}|${e.key}`) ?? -Infinity, e.day));
    else countFormat(formatUse, e);
  }
  return {
    input,
    book: new CadenceBook(window, caps),
    byTitle: new Map(input.library.map((i) => [i.title, i])),
    tierSet,
    notes: [],
    admins: input.admins ?? {},
    history,
    used,
    lastPushed,
    formatUse,
  };
}

/** Places an entry and names its admin; false when the day or the week's cap has no room. */
function addEntry(s: ScheduleState, entry: Omit<PlanEntry, 'admin'>): boolean {
  if (!s.book.place({ ...entry, admin: '' })) return false;
  const placed = s.book.entries[s.book.entries.length - 1];
  placed.admin = pickAdmin(s.book, entry.tier, entry.day, s.admins[entry.tier]);
  return true;
}

/** 1. Keep what is still valid, in date order; returns how many future entries were dropped. */
function keepStillValid(s: ScheduleState): number {
  const { input, book, admins } = s;
  const { window } = input;
  const hasAdmins = (tier: string) => (admins[tier]?.length ?? 0) > 0;
  let dropped = 0;
  const previousInWindow = input.previous.filter((e) => inWindow(window, e.day)).sort(byDayTier);
  for (const e of previousInWindow) {
    const past = e.day < window.today;
    const ok = s.tierSet.has(e.tier) && (past || stillValid(s, e)) && book.place({ ...e });
    if (!ok) {
      if (!past) dropped++;
      continue;
    }
    const placed = book.entries[book.entries.length - 1];
    if (!past && hasAdmins(e.tier) && !admins[e.tier].includes(placed.admin)) {
      placed.admin = '';
      placed.admin = pickAdmin(book, e.tier, e.day, admins[e.tier]);
    }
    if (e.kind === 'content') s.used.get(e.tier)!.add(e.key);
    else countFormat(s.formatUse, e);
  }
  return dropped;
}

/** An earlier entry still fits: its item, format, festival or conversion week still holds for its tier. */
function stillValid(s: ScheduleState, e: PlanEntry): boolean {
  const { config, window } = s.input;
  if (e.kind === 'content') {
    const item = s.byTitle.get(e.key);
    return !!item && item.tiers.includes(e.tier) && !s.used.get(e.tier)!.has(e.key);
  }
  const k = splitKey(e.key);
  if (!k) return false;
  if (k.kind === 'format') return (config.interactions.formats[e.tier] ?? []).some((f) => f.id === k.id);
  if (k.kind === 'festival') return config.interactions.festival.tiers.includes(e.tier) && !!festivalOn(config.festivals.festivals, k.id, e.day);
  const conv = config.interactions.conversion.find((c) => c.id === k.id);
  const monday = window.start + weekIndex(window, e.day) * 7;
  return !!conv && conv.tier === e.tier && conversionWeek(conv, monday) && !s.book.entries.some((x) => x.key === e.key && weekIndex(window, x.day) === weekIndex(window, e.day));
}

/** 2. Festival events, on their day, for every tier they are for; a note when the festival data runs out. */
function placeFestivals(s: ScheduleState): void {
  const { config, tiers, window } = s.input;
  for (const { festival, day } of festivalsBetween(config.festivals.festivals, window.today, window.end)) {
    const key = interactionKey('festival', festival.id);
    for (const tier of tiers) {
      if (!config.interactions.festival.tiers.includes(tier)) continue;
      if (s.book.entries.some((x) => x.key === key && x.tier === tier && x.day === day)) continue;
      if (!addEntry(s, { kind: 'interaction', day, tier, key })) {
        s.notes.push({ day, tier, zh: `「${festival.zh}」节日活动未排入：当天已有推送或本周互动已达上限`, en: `${festival.en} event not planned: the day already has a push or the week's interactions are full` });
      }
    }
  }
  const lastYear = lastFestivalYear(config.festivals.festivals);
  const endYear = Number(formatCivilDay(window.end - 1).slice(0, 4));
  if (lastYear === undefined || endYear > lastYear) {
    s.notes.push({ zh: `节日数据只到 ${lastYear ?? '—'} 年，请在 rules/plans/festivals.json 补充 ${endYear} 年的日期`, en: `Festival data ends in ${lastYear ?? '—'}; add ${endYear}'s dates to rules/plans/festivals.json` });
  }
}

/** 3. Conversion events on their weeks, on the preferred weekday or the next free one. */
function placeConversions(s: ScheduleState): void {
  const { config, window } = s.input;
  for (const conv of config.interactions.conversion) {
    const key = interactionKey('conversion', conv.id);
    const preference = rotateFrom(conv.weekday);
    for (let week = 0; week < window.weeks; week++) {
      const monday = window.start + week * 7;
      if (!conversionWeek(conv, monday)) continue;
      if (s.book.entries.some((x) => x.key === key && weekIndex(window, x.day) === week)) continue;
      const days = daysByPreference(monday, preference, window.today);
      if (days.length === 0) continue; // the week is over
      if (!days.some((day) => addEntry(s, { kind: 'interaction', day, tier: conv.tier, key }))) {
        s.notes.push({ day: monday, tier: conv.tier, zh: `「${conv.zh}」未排入第 ${week + 1} 周：该层级本周互动已满或没有空闲日`, en: `${conv.en} not planned in week ${week + 1}: the tier's interactions are full or no day is free` });
      }
    }
  }
}

/** 4. Content: least recently pushed first, never twice to a tier in the window. */
function placeContent(s: ScheduleState): void {
  const { config, tiers, window, library } = s.input;
  const queues = new Map(
    tiers.map((tier) => [
      tier,
      library
        .filter((i) => i.tiers.includes(tier) && !s.used.get(tier)!.has(i.title))
        .sort((a, b) => (s.lastPushed.get(`${tier}|${a.title}`) ?? -Infinity) - (s.lastPushed.get(`${tier}|${b.title}`) ?? -Infinity) || a.row - b.row),
    ]),
  );
  for (let week = 0; week < window.weeks; week++) {
    for (const tier of tiers) {
      const queue = queues.get(tier)!;
      for (const day of s.book.freeDays('content', tier, week, config.content.weekdays)) {
        if (s.book.room('content', tier, week) === 0 || queue.length === 0) break;
        if (addEntry(s, { kind: 'content', day, tier, key: queue[0].title })) queue.shift();
      }
    }
  }
}

/** 5. Interactions: the tier's formats in rotation on the days left. */
function placeFormats(s: ScheduleState): void {
  const { config, tiers, window } = s.input;
  for (let week = 0; week < window.weeks; week++) {
    for (const tier of tiers) {
      const formats = config.interactions.formats[tier] ?? [];
      if (formats.length === 0) continue;
      for (const day of s.book.freeDays('interaction', tier, week, config.interactions.weekdays)) {
        if (s.book.room('interaction', tier, week) === 0) break;
        const f = nextFormat(formats, s.formatUse.get(tier)!)!;
        const e = { kind: 'interaction' as const, day, tier, key: interactionKey('format', f.id) };
        if (addEntry(s, e)) countFormat(s.formatUse, e);
      }
    }
  }
}

function countFormat(use: Map<string, Map<string, number>>, e: Pick<PlanEntry, "tier" | "key">): void {
  const k = splitKey(e.key);
  if (k?.kind !== 'format') return;
  const m = use.get(e.tier);
  if (m) m.set(k.id, (m.get(k.id) ?? 0) + 1);
}

/** The weekday first, then the days after it, then the ones before. */
function rotateFrom(day: Weekday): Weekday[] {
  const i = WEEKDAYS.indexOf(day);
  return [...WEEKDAYS.slice(i), ...WEEKDAYS.slice(0, i)];
}

/**
 * What the library lacks, per tier and week: the content the cadence asks
 * for (the cap, on days from today that no festival or conversion event
 * takes, plus content already past this week) minus what the tier's items
 * can cover, taken week by week. Worked out from the cadence and the library
 * alone, so interactions planned on free days never change it between runs.
 */
function contentGaps(book: CadenceBook, library: ContentItem[], tiers: string[], preference: readonly Weekday[]): ContentGap[] {
  const { window } = book;
  const gaps: ContentGap[] = [];
  for (const tier of tiers) {
    const mine = book.entries.filter((e) => e.tier === tier);
    let supply = new Set([...library.filter((i) => i.tiers.includes(tier)).map((i) => i.title), ...mine.filter((e) => e.kind === 'content').map((e) => e.key)]).size;
    const eventDays = new Set(mine.filter((e) => e.kind === 'interaction' && splitKey(e.key)?.kind !== 'format').map((e) => e.day));
    for (let week = 0; week < window.weeks; week++) {
      const { rhythm, spare } = book.rhythm('content', tier, week, preference);
      const past = mine.filter((e) => e.kind === 'content' && e.day < window.today && weekIndex(window, e.day) === week).length;
      const ahead = rhythm.filter((d) => d >= window.today);
      const blocked = ahead.filter((d) => eventDays.has(d)).length;
      const planned = mine.filter((e) => e.kind === 'content' && weekIndex(window, e.day) === week).length;
      const demand = Math.min(book.cap('content', tier), Math.max(planned, past + ahead.length - blocked + Math.min(blocked, spare.filter((d) => !eventDays.has(d)).length)));
      const covered = Math.min(demand, supply);
      supply -= covered;
      if (demand > covered) gaps.push({ tier, week, missing: demand - covered });
    }
  }
  return gaps;
}
