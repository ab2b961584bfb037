/** What one variable may be for a condition to hold: a set of values, and whether "missing" is in it. */
import { parseText } from '../../base/cells.js';
import { ALL_REALS, intersect, interval, normalize, pickInSet, sameSet, subtract, union, type NumberSet } from './number-set.js';
import { ALL_TEXT, pickText, sameText, textComplement, textIntersect, textIsEmpty, type TextSet } from './text-set.js';
import { canBeMissing, KIND_OF, type Context, type VarId } from './variables.js';

export type ValueSet = { missing: boolean; num: NumberSet } | { missing: boolean; text: TextSet };

const NON_NEGATIVE: NumberSet = [interval(0, Infinity)];

const isInteger = (v: VarId) => KIND_OF[v] === 'days';

export function domainOf(v: VarId, ctx: Context): ValueSet {
  const missing = canBeMissing(v, ctx);
  return KIND_OF[v] === 'text' ? { missing, text: ALL_TEXT } : { missing, num: normalize(NON_NEGATIVE, isInteger(v)) };
}

export function intersectValues(v: VarId, a: ValueSet, b: ValueSet): ValueSet {
  const missing = a.missing && b.missing;
  if ('text' in a) return { missing, text: textIntersect(a.text, (b as { text: TextSet }).text) };
  return { missing, num: intersect(a.num, (b as { num: NumberSet }).num, isInteger(v)) };
}

export function complementValues(v: VarId, a: ValueSet, ctx: Context): ValueSet {
  const d = domainOf(v, ctx);
  const missing = d.missing && !a.missing;
  if ('text' in a) return intersectValues(v, { missing, text: textComplement(a.text) }, d);
  return { missing, num: subtract((d as { num: NumberSet }).num, a.num, isInteger(v)) };
}

export function unionValues(v: VarId, a: ValueSet, b: ValueSet): ValueSet {
  const missing = a.missing || b.missing;
  if ('text' in a) return { missing, text: textComplement(textIntersect(textComplement(a.text), textComplement((b as { text: TextSet }).text))) };
  return { missing, num: union(a.num, (b as { num: NumberSet }).num, isInteger(v)) };
}

export function isEmptyValues(a: ValueSet): boolean {
  return !a.missing && ('text' in a ? textIsEmpty(a.text) : a.num.length === 0);
}

export function sameValues(a: ValueSet, b: ValueSet): boolean {
  if (a.missing !== b.missing) return false;
  return 'text' in a ? 'text' in b && sameText(a.text, b.text) : 'num' in b && sameSet(a.num, b.num);
}

/** A value of the set (missing only when nothing else is in it). */
export function pickValue(a: ValueSet): number | string | null | undefined {
  const p = 'text' in a ? pickText(a.text) : pickInSet(a.num);
  if (p !== null) return p;
  return a.missing ? null : undefined;
}

/** Text a sheet cell can really hold (parsed back to itself): others never match. */
const sheetText = (x: unknown): x is string => typeof x === 'string' && (() => {
  const p = parseText(x);
  return p.kind === 'value' && p.value === x;
})();

/**
 * The values for which one leaf condition holds, with json-rules-engine's
 * own semantics on a missing (null) fact: number comparisons, equal and in
 * fail; notEqual and notIn hold. Returns undefined for an operator the
 * analysis does not know.
 */
export function leafValues(v: VarId, operator: string, value: unknown, ctx: Context): ValueSet | undefined {
  const text = KIND_OF[v] === 'text';
  const nums = (xs: unknown[]): NumberSet => normalize(xs.filter((x): x is number => typeof x === 'number').map((x) => interval(x, x)), false);
  const texts = (xs: unknown[]): TextSet => ({ only: xs.filter(sheetText) });
  const point = (xs: unknown[]): ValueSet => (text ? { missing: false, text: texts(xs) } : { missing: false, num: nums(xs) });
  const n = typeof value === 'number' ? value : NaN;
  let raw: ValueSet;
  switch (operator) {
    case 'greaterThanInclusive':
      raw = { missing: false, num: text || Number.isNaN(n) ? [] : [interval(n, Infinity)] };
      break;
    case 'greaterThan':
    case 'olderThanDays':
      raw = { missing: false, num: text || Number.isNaN(n) ? [] : [interval(n, Infinity, true)] };
      break;
    case 'lessThanInclusive':
    case 'withinDays':
      raw = { missing: false, num: text || Number.isNaN(n) ? [] : [interval(-Infinity, n)] };
      break;
    case 'lessThan':
      raw = { missing: false, num: text || Number.isNaN(n) ? [] : [interval(-Infinity, n, false, true)] };
      break;
    case 'equal':
      raw = point([value]);
      break;
    case 'in':
      raw = point(Array.isArray(value) ? value : []);
      break;
    case 'notEqual':
      raw = negate(point([value]));
      break;
    case 'notIn':
      raw = negate(point(Array.isArray(value) ? value : []));
      break;
    default:
      return undefined;
  }
  return intersectValues(v, raw, domainOf(v, ctx));
}

/** Over all values and missing (before the domain applies). */
function negate(a: ValueSet): ValueSet {
  return 'text' in a ? { missing: !a.missing, text: textComplement(a.text) } : { missing: !a.missing, num: subtract(ALL_REALS, a.num, false) };
}
