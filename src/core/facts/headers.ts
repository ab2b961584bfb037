import { isFactId, type SheetFactId } from './facts.js';

/** `rules/headers.json`: canonical fact id → headers that mean it. */
export interface HeaderMapping {
  facts: Partial<Record<SheetFactId, string[]>>;
}

/** Case, spaces, brackets and full-width forms do not distinguish headers. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s\u3000()（）[\]【】_\-:：]/g, '');
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
