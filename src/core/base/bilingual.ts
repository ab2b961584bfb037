import type { Locale } from './locale.js';

/** Case, spaces, brackets and full-width forms do not distinguish headers. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\u3000()（）[\]【】_\-:：]/g, '');
}

/**
 * A name operators see — a sheet or a column — in both languages, plus the
 * synonyms recognised on input. Fenceng writes the run's language and reads
 * any of them back, so switching locale never duplicates a sheet or column.
 */
export interface Bilingual {
  zh: string;
  en: string;
  also?: readonly string[];
}

/** Every name something may be written under: Chinese, English, then synonyms. */
export function namesOf(n: Bilingual | readonly string[]): readonly string[] {
  return 'zh' in n ? [n.zh, n.en, ...(n.also ?? [])] : n;
}

/** A header row in one language, fields in the order given (default: as defined). */
export function headerRow<F extends string>(defs: Record<F, Bilingual>, locale: Locale, fields: readonly F[] = Object.keys(defs) as F[]): string[] {
  return fields.map((f) => defs[f][locale]);
}

/**
 * The existing sheet under any of the names: an exact match first (Chinese
 * preferred), then one that differs only in case, spaces or brackets.
 */
export function findSheet(existing: readonly string[], n: Bilingual): string | undefined {
  const names = namesOf(n);
  for (const name of names) {
    const exact = existing.find((s) => s === name);
    if (exact !== undefined) return exact;
  }
  const wanted = new Set(names.map(normalizeHeader));
  return existing.find((s) => wanted.has(normalizeHeader(s)));
}
