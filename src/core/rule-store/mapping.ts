import { SHEET_FACTS, type SheetFactId } from '../facts/facts.js';
import { mapHeaders, type HeaderMapping } from '../facts/headers.js';
import { normalizeHeader } from '../base/bilingual.js';

/**
 * The header mapping with the operator's corrections on top: an overridden
 * header is taken away from whatever fact claimed it and given to the chosen
 * one (or to none).
 */
export function withHeaderOverrides(base: HeaderMapping, overrides: Record<string, SheetFactId | null> | undefined): HeaderMapping {
  if (!overrides || Object.keys(overrides).length === 0) return base;
  const taken = new Set(Object.keys(overrides).map(normalizeHeader));
  const facts: HeaderMapping['facts'] = {};
  for (const [fact, names] of Object.entries(base.facts) as Array<[SheetFactId, string[] | undefined]>) {
    facts[fact] = (names ?? []).filter((n) => !taken.has(normalizeHeader(n)));
  }
  for (const [header, fact] of Object.entries(overrides)) {
    if (fact && fact in SHEET_FACTS) (facts[fact] ??= []).push(header);
  }
  return { ...base, facts };
}

/** One column of the members sheet as the settings panel shows it. */
export interface ColumnInfo {
  index: number;
  header: string;
  /** What the built-in mapping makes of it. */
  detected: SheetFactId | null;
  /** What is used, corrections included. */
  fact: SheetFactId | null;
  /** Another column already holds this fact, so this one is ignored. */
  duplicate: boolean;
}

export function describeColumns(header: string[], base: HeaderMapping, overrides: Record<string, SheetFactId | null> | undefined): ColumnInfo[] {
  const detected = mapHeaders(header, base);
  const used = mapHeaders(header, withHeaderOverrides(base, overrides));
  const factAt = (m: ReturnType<typeof mapHeaders>, i: number): SheetFactId | null =>
    (Object.entries(m.columns) as Array<[SheetFactId, number]>).find(([, col]) => col === i)?.[0] ??
    m.duplicates.find((d) => d.column === i)?.fact ??
    null;
  return header
    .map((h, index) => ({
      index,
      header: String(h ?? ''),
      detected: factAt(detected, index),
      fact: factAt(used, index),
      duplicate: used.duplicates.some((d) => d.column === index),
    }))
    .filter((c) => c.header.trim() !== '');
}
