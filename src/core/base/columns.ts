import { type Bilingual, namesOf, normalizeHeader } from './bilingual.js';
import type { Table } from './table.js';

type Names = Bilingual | readonly string[];

/**
 * Where each field's column is: the first of its names (in the order given)
 * that a header matches, compared like member headers; -1 when absent. When
 * two columns carry the same header, the leftmost one counts.
 */
export function locateColumns<F extends string>(header: readonly unknown[], fields: Record<F, Names>): Record<F, number> {
  const at = new Map<string, number>();
  header.forEach((h, i) => {
    const k = normalizeHeader(String(h ?? ''));
    if (k && !at.has(k)) at.set(k, i);
  });
  const out = {} as Record<F, number>;
  for (const [f, names] of Object.entries(fields) as Array<[F, Names]>) {
    const hit = namesOf(names).map((n) => at.get(normalizeHeader(n))).find((i) => i !== undefined);
    out[f] = hit ?? -1;
  }
  return out;
}

/** One column by any of its names, or -1. */
export function findColumn(header: readonly unknown[], names: Names): number {
  return locateColumns(header, { only: names }).only;
}

/** The last column holding anything — a header or any data cell — or -1. */
export function lastUsedColumn(table: Table): number {
  const used = (c: unknown) => c !== null && c !== undefined && c !== '';
  let last = -1;
  table.header.forEach((h, i) => used(h) && (last = Math.max(last, i)));
  for (const row of table.rows) {
    for (let i = row.length - 1; i > last; i--) {
      if (used(row[i])) {
        last = i;
        break;
      }
    }
  }
  return last;
}

/**
 * Columns Fenceng owns on an operator's sheet: one that exists under either
 * name is updated in place; new ones are appended, in the order given, after
 * `after` (default: the last column holding anything), so operator data is
 * never overwritten.
 */
export function placeColumns<F extends string>(table: Table, fields: Record<F, Bilingual>, after = lastUsedColumn(table)): Record<F, number> {
  const found = locateColumns(table.header, fields);
  let next = after + 1;
  const out = {} as Record<F, number>;
  for (const f of Object.keys(fields) as F[]) out[f] = found[f] >= 0 ? found[f] : next++;
  return out;
}
