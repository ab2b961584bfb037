import type { Festival } from './config.js';
import { civilDay, formatCivilDay } from '../base/time.js';

/** Festival dates come from rules/plans/festivals.json, never from a guess. */
export interface FestivalDay {
  festival: Festival;
  day: number;
}

function dayOf(iso: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? civilDay(+m[1], +m[2], +m[3]) : undefined;
}

/** Festivals falling in [from, to), in date order (then file order). */
export function festivalsBetween(festivals: Festival[], from: number, to: number): FestivalDay[] {
  const out: FestivalDay[] = [];
  for (const festival of festivals) {
    for (const iso of festival.dates) {
      const day = dayOf(iso);
      if (day !== undefined && day >= from && day < to) out.push({ festival, day });
    }
  }
  return out.sort((a, b) => a.day - b.day);
}

/** The festival with this id on this day, if the data file has it. */
export function festivalOn(festivals: Festival[], id: string, day: number): Festival | undefined {
  return festivals.find((f) => f.id === id && f.dates.includes(formatCivilDay(day)));
}

/**
 * Years the file covers; a window reaching past the last one gets a note
 * (the festivals there are unknown, not absent).
 */
export function lastFestivalYear(festivals: Festival[]): number | undefined {
  let last: number | undefined;
  for (const f of festivals) for (const d of f.dates) last = Math.max(last ?? 0, Number(d.slice(0, 4)));
  return last;
}
