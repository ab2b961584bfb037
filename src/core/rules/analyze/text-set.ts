/**
 * Sets of text values: a finite list (`only`) or everything but a finite
 * list (`except`). Closed under and/or/not, which is all text conditions
 * (equal, notEqual, in, notIn) need.
 */
export type TextSet = { only: string[] } | { except: string[] };

export const ALL_TEXT: TextSet = { except: [] };

const uniq = (xs: string[]) => [...new Set(xs)].sort();

export function textIntersect(a: TextSet, b: TextSet): TextSet {
  if ('only' in a && 'only' in b) return { only: a.only.filter((x) => b.only.includes(x)) };
  if ('only' in a) return { only: a.only.filter((x) => !(b as { except: string[] }).except.includes(x)) };
  if ('only' in b) return textIntersect(b, a);
  return { except: uniq([...a.except, ...(b as { except: string[] }).except]) };
}

export function textComplement(a: TextSet): TextSet {
  return 'only' in a ? { except: uniq(a.only) } : { only: uniq(a.except) };
}

export function textIsEmpty(a: TextSet): boolean {
  return 'only' in a && a.only.length === 0;
}

export function textContains(a: TextSet, x: string): boolean {
  return 'only' in a ? a.only.includes(x) : !a.except.includes(x);
}

/** A value of the set; for "anything but …" a made-up one that is none of them. */
export function pickText(a: TextSet): string | null {
  if ('only' in a) return a.only[0] ?? null;
  for (let k = 1; ; k++) if (!a.except.includes(`示例${k}`)) return `示例${k}`;
}

export function sameText(a: TextSet, b: TextSet): boolean {
  if ('only' in a !== 'only' in b) return false;
  const xs = uniq('only' in a ? a.only : a.except);
  const ys = uniq('only' in b ? b.only : (b as { except: string[] }).except);
  return xs.length === ys.length && xs.every((x, i) => x === ys[i]);
}
