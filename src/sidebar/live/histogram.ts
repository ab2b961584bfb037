/**
 * A fact's distribution for the small histogram beside a condition: equal
 * bins from the lowest value up to the 98th percentile, one more bin for the
 * long tail, and the empty cells apart.
 */
import type { Column } from './columns.js';

export const BINS = 20;

export interface Histogram {
  lo: number;
  /** Upper end of the last regular bin; values above it are in `tail`. */
  hi: number;
  width: number;
  bins: number[];
  tail: number;
  missing: number;
  /** Biggest bin (tail included), for scaling the bars. */
  peak: number;
}

const cache = new WeakMap<Column, Histogram>();

export function histogramOf(col: Column, whole: boolean): Histogram {
  const hit = cache.get(col);
  if (hit) return hit;
  const values = col.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const missing = col.length - values.length;
  const lo = values.length ? Math.min(0, values[0]) : 0;
  const top = values.length ? values[Math.min(values.length - 1, Math.floor(values.length * 0.98))] : 1;
  let width = Math.max((top - lo) / BINS, whole ? 1 : 1e-9);
  if (whole) width = Math.ceil(width);
  const hi = lo + width * BINS;
  const bins = new Array<number>(BINS).fill(0);
  let tail = 0;
  for (const x of values) {
    if (x >= hi) tail++;
    else bins[Math.min(BINS - 1, Math.floor((x - lo) / width))]++;
  }
  const made = { lo, hi, width, bins, tail, missing, peak: Math.max(1, tail, ...bins) };
  cache.set(col, made);
  return made;
}
