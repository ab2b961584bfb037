import { isFactId, type SheetFactId } from './facts.js';
import { normalizeHeader } from '../base/bilingual.js';

/** `rules/headers.json`: canonical fact id → headers that mean it. */
export interface HeaderMapping {
  facts: Partial<Record<SheetFactId, string[]>>;
}

/** Which column holds each fact; the first matching column wins, later ones are reported. */
export interface ColumnMap {
  columns: Partial<Record<SheetFactId, number>>;
  /** Same fact named twice: [fact, ignored column index]. */
  duplicates: Array<{ fact: SheetFactId; column: number }>;
}

export function mapHeaders(header: string[], mapping: HeaderMapping): ColumnMap {
  const lookup = new Map<string, SheetFactId>();
  for (const [fact, names] of Object.entries(mapping.facts)) {
    if (!isFactId(fact)) continue;
    lookup.set(normalizeHeader(fact), fact as SheetFactId);
    for (const n of names ?? []) lookup.set(normalizeHeader(n), fact as SheetFactId);
  }
  const columns: ColumnMap['columns'] = {};
  const duplicates: ColumnMap['duplicates'] = [];
  header.forEach((h, i) => {
    const fact = lookup.get(normalizeHeader(h ?? ''));
    if (!fact) return;
    if (columns[fact] === undefined) columns[fact] = i;
    else duplicates.push({ fact, column: i });
  });
  return { columns, duplicates };
}
