import { daysByPreference, inWindow, weekIndex, type PlanWindow, type Weekday } from './calendar.js';

/**
 * Cadence bookkeeping shared by the content and interaction plans: per tier
 * and week, at most `caps[kind][tier]` entries of each kind, and never more
 * than one push a day to a tier (content and interactions together). Every
 * placement goes through `place`, which refuses anything that would break a
 * cap — so no plan can exceed them, whatever order it fills in.
 */
export type PlanKind = 'content' | 'interaction';

export interface PlanEntry {
  kind: PlanKind;
  /** Civil day. */
  day: number;
  /** Activity tier id. */
  tier: string;
  /**
   * What is pushed. Content: the library item's title. Interaction:
   * `format:<id>`, `festival:<id>` or `conversion:<id>`.
   */
  key: string;
  /** Responsible admin ('' until admin assignment provides one). */
  admin: string;
  /** What the previous plan showed, for days already past whose item or format is gone. */
  carried?: Record<string, string>;
}

export type Caps = Record<PlanKind, Record<string, number>>;

export class CadenceBook {
  readonly entries: PlanEntry[] = [];
  private busy = new Map<string, Set<number>>();
  private counts = new Map<string, number>();

  constructor(
    readonly window: PlanWindow,
    readonly caps: Caps,
  ) {}

  cap(kind: PlanKind, tier: string): number {
    return Math.max(0, Math.min(7, Math.floor(this.caps[kind][tier] ?? 0)));
  }

  count(kind: PlanKind, tier: string, week: number): number {
    return this.counts.get(`${kind}|${tier}|${week}`) ?? 0;
  }

  room(kind: PlanKind, tier: string, week: number): number {
    return Math.max(0, this.cap(kind, tier) - this.count(kind, tier, week));
  }

  isBusy(tier: string, day: number): boolean {
    return this.busy.get(tier)?.has(day) ?? false;
  }

  canPlace(kind: PlanKind, tier: string, day: number): boolean {
    return inWindow(this.window, day) && !this.isBusy(tier, day) && this.room(kind, tier, weekIndex(this.window, day)) > 0;
  }

  /** Adds the entry if it keeps every cap; says whether it did. */
  place(entry: PlanEntry): boolean {
    if (!this.canPlace(entry.kind, entry.tier, entry.day)) return false;
    const week = weekIndex(this.window, entry.day);
    const key = `${entry.kind}|${entry.tier}|${week}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let days = this.busy.get(entry.tier);
    if (!days) this.busy.set(entry.tier, (days = new Set()));
    days.add(entry.day);
    this.entries.push(entry);
    return true;
  }

  /**
   * Days for new entries of this kind and tier in week `week`, best first.
   * The kind keeps a weekly rhythm: its `cap` most preferred weekdays. A
   * rhythm day taken by another push (a festival, a conversion event) moves
   * to the next preferred free day outside the rhythm; rhythm days already
   * past are not made up later in the week.
   */
  freeDays(kind: PlanKind, tier: string, week: number, preference: readonly Weekday[]): number[] {
    if (this.room(kind, tier, week) === 0) return [];
    const { rhythm, spare } = this.rhythm(kind, tier, week, preference);
    // Entries of this kind already in the week fill rhythm days — their own, or a moved one's.
    const filled = new Set(this.entries.filter((e) => e.kind === kind && e.tier === tier && weekIndex(this.window, e.day) === week).map((e) => e.day));
    const out: number[] = [];
    for (const day of rhythm) {
      if (day < this.window.today) continue;
      if (filled.delete(day)) continue;
      if (!this.isBusy(tier, day)) {
        out.push(day);
        continue;
      }
      const moved = spare.find((d) => filled.has(d));
      if (moved !== undefined) {
        filled.delete(moved);
        continue;
      }
      const alt = spare.find((d) => !this.isBusy(tier, d) && !out.includes(d));
      if (alt !== undefined) out.push(alt);
    }
    return out;
  }

  /** The kind's rhythm days in a week and the other days, in preference order. */
  rhythm(kind: PlanKind, tier: string, week: number, preference: readonly Weekday[]): { rhythm: number[]; spare: number[] } {
    const all = daysByPreference(this.window.start + week * 7, preference, -Infinity);
    const cap = this.cap(kind, tier);
    return { rhythm: all.slice(0, cap), spare: all.slice(cap).filter((d) => d >= this.window.today) };
  }

  entriesOf(kind: PlanKind): PlanEntry[] {
    return this.entries.filter((e) => e.kind === kind).sort(byDayTier);
  }
}

/** Date order, then tier order as given by `tierOrder` (alphabetical when absent), then key. */
export function byDayTier(a: PlanEntry, b: PlanEntry): number {
  return a.day - b.day || (a.tier < b.tier ? -1 : a.tier > b.tier ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * The admin for a new entry: among the tier's admins, the one with the
 * fewest entries that week (either plan), then by name. '' when none.
 */
export function pickAdmin(book: CadenceBook, tier: string, day: number, admins: readonly string[] | undefined): string {
  if (!admins || admins.length === 0) return '';
  const week = weekIndex(book.window, day);
  const load = new Map(admins.map((a) => [a, 0]));
  for (const e of book.entries) {
    if (e.tier === tier && weekIndex(book.window, e.day) === week && load.has(e.admin)) load.set(e.admin, load.get(e.admin)! + 1);
  }
  return [...admins].sort((a, b) => load.get(a)! - load.get(b)! || (a < b ? -1 : a > b ? 1 : 0))[0];
}
