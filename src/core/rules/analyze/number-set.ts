/**
 * Sets of numbers as sorted, disjoint intervals with open or closed ends.
 * The analysis reasons about what a condition accepts with these; a set is
 * either over the reals or over the whole numbers (days).
 */
export interface Interval {
  lo: number;
  hi: number;
  /** Infinite ends are always open. */
  loOpen: boolean;
  hiOpen: boolean;
}

export type NumberSet = Interval[];

export const ALL_REALS: NumberSet = [{ lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true }];

export function interval(lo: number, hi: number, loOpen = false, hiOpen = false): Interval {
  return { lo, hi, loOpen: loOpen || lo === -Infinity, hiOpen: hiOpen || hi === Infinity };
}

export function isEmptyInterval(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && (i.loOpen || i.hiOpen));
}

export function contains(i: Interval, x: number): boolean {
  return (i.loOpen ? x > i.lo : x >= i.lo) && (i.hiOpen ? x < i.hi : x <= i.hi);
}

export function setContains(s: NumberSet, x: number): boolean {
  return s.some((i) => contains(i, x));
}

export function intersectIntervals(a: Interval, b: Interval): Interval {
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  const loOpen = (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen);
  const hiOpen = (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen);
  return { lo, hi, loOpen, hiOpen };
}

/** Sorted, merged, empties dropped; `integer` sets hold closed whole-number ranges. */
export function normalize(s: NumberSet, integer: boolean): NumberSet {
  const parts = (integer ? s.map(toWhole) : s).filter((i) => !isEmptyInterval(i));
  parts.sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  const out: Interval[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    const touches = last && (integer ? p.lo <= last.hi + 1 : p.lo < last.hi || (p.lo === last.hi && (!p.loOpen || !last.hiOpen)));
    if (!touches) {
      out.push({ ...p });
      continue;
    }
    if (p.hi > last.hi || (p.hi === last.hi && !p.hiOpen)) {
      last.hi = p.hi;
      last.hiOpen = p.hiOpen;
    }
  }
  return out;
}

/** The whole numbers of an interval, as a closed range (infinite ends stay open). */
function toWhole(i: Interval): Interval {
  const lo = i.lo === -Infinity ? -Infinity : i.loOpen && Number.isInteger(i.lo) ? i.lo + 1 : Math.ceil(i.lo);
  const hi = i.hi === Infinity ? Infinity : i.hiOpen && Number.isInteger(i.hi) ? i.hi - 1 : Math.floor(i.hi);
  return interval(lo, hi);
}

export function intersect(a: NumberSet, b: NumberSet, integer: boolean): NumberSet {
  const out: Interval[] = [];
  for (const x of a) for (const y of b) out.push(intersectIntervals(x, y));
  return normalize(out, integer);
}

export function union(a: NumberSet, b: NumberSet, integer: boolean): NumberSet {
  return normalize([...a, ...b], integer);
}

/** Everything in `domain` that is not in `s`. */
export function subtract(domain: NumberSet, s: NumberSet, integer: boolean): NumberSet {
  const gaps: Interval[] = [];
  let lo = -Infinity;
  let loOpen = true;
  for (const i of normalize(s, false)) {
    gaps.push(interval(lo, i.lo, loOpen, !i.loOpen));
    lo = i.hi;
    loOpen = !i.hiOpen;
  }
  gaps.push(interval(lo, Infinity, loOpen, true));
  return intersect(domain, gaps, integer);
}

/** {a + b : a ∈ x, b ∈ y}. */
export function addIntervals(x: Interval, y: Interval): Interval {
  return { lo: x.lo + y.lo, hi: x.hi + y.hi, loOpen: x.loOpen || y.loOpen, hiOpen: x.hiOpen || y.hiOpen };
}

/** {t − a : a ∈ x}. */
export function subtractFrom(t: number, x: Interval): Interval {
  return { lo: t - x.hi, hi: t - x.lo, loOpen: x.hiOpen, hiOpen: x.loOpen };
}

/**
 * A point of the interval that reads well in an example: the whole number
 * nearest 0 (so a threshold shows as itself: ≥ 20 → 20), else the middle.
 */
export function pickInInterval(i: Interval): number | null {
  if (isEmptyInterval(i)) return null;
  if (contains(i, 0)) return 0;
  if (i.lo >= 0) {
    const n = i.loOpen && Number.isInteger(i.lo) ? i.lo + 1 : Math.ceil(i.lo);
    if (contains(i, n)) return n;
  } else {
    const n = i.hiOpen && Number.isInteger(i.hi) ? i.hi - 1 : Math.floor(i.hi);
    if (contains(i, n)) return n;
  }
  const mid = (i.lo + i.hi) / 2;
  return contains(i, mid) ? mid : null;
}

export function pickInSet(s: NumberSet): number | null {
  let best: number | null = null;
  for (const i of s) {
    const p = pickInInterval(i);
    if (p !== null && (best === null || Math.abs(p) < Math.abs(best))) best = p;
  }
  return best;
}

export function sameSet(a: NumberSet, b: NumberSet): boolean {
  return a.length === b.length && a.every((x, k) => x.lo === b[k].lo && x.hi === b[k].hi && x.loOpen === b[k].loOpen && x.hiOpen === b[k].hiOpen);
}
