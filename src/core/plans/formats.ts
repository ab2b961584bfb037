import type { ConversionEvent, InteractionConfig, InteractionFormat } from './config.js';
import type { Locale } from '../base/locale.js';
import { weekNumber } from './calendar.js';

/**
 * Interaction plan keys: `format:<id>` (rotated per tier), `festival:<id>`
 * (on the festival's date) and `conversion:<id>` (member-only live streams,
 * product trials).
 */
export type InteractionKind = 'format' | 'festival' | 'conversion';

export function interactionKey(kind: InteractionKind, id: string): string {
  return `${kind}:${id}`;
}

export function splitKey(key: string): { kind: InteractionKind; id: string } | undefined {
  const m = /^(format|festival|conversion):(.+)$/.exec(key);
  return m ? { kind: m[1] as InteractionKind, id: m[2] } : undefined;
}

export const KIND_LABELS: Record<InteractionKind, { zh: string; en: string }> = {
  format: { zh: '互动', en: 'Interaction' },
  festival: { zh: '节日', en: 'Festival' },
  conversion: { zh: '转化', en: 'Conversion' },
};

/** Whether a conversion event falls in the week starting `monday`. */
export function conversionWeek(e: ConversionEvent, monday: number): boolean {
  return ((weekNumber(monday) % e.everyWeeks) + e.everyWeeks) % e.everyWeeks === 0;
}

/** The rotated format for a tier: the one used least so far, then file order. */
export function nextFormat(formats: InteractionFormat[], used: ReadonlyMap<string, number>): InteractionFormat | undefined {
  let best: InteractionFormat | undefined;
  for (const f of formats) if (!best || (used.get(f.id) ?? 0) < (used.get(best.id) ?? 0)) best = f;
  return best;
}

/** Format, festival event or conversion event name, by label in either language. */
export function findFormatByLabel(config: InteractionConfig, tier: string, label: string): InteractionFormat | undefined {
  const t = label.trim();
  return (config.formats[tier] ?? []).find((f) => f.zh === t || f.en === t || f.id === t);
}

export function labelOf(x: { zh: string; en: string }, locale: Locale): string {
  return x[locale];
}
