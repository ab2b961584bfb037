/**
 * JavaScript source for one leaf condition, with exactly the semantics of
 * json-rules-engine's default operators and Fenceng's date operators
 * (operators.ts): strict equality for equal/in, the engine's number check
 * (`parseFloat(x).toString() !== 'NaN'`) before <, ≤, >, ≥, and
 * "finite civil day, days ago clamped at 0" for withinDays/olderThanDays.
 *
 * `x` is the name of a local holding the fact as the engine saw it (null
 * when missing). `K` is the generated function's constant table; large `in`
 * lists become Sets there.
 */
export interface CodeConstants {
  add(value: unknown): string;
}

/** json-rules-engine's numberValidator, for facts that are not numbers. */
export function engineNumberCheck(x: unknown): boolean {
  return Number.parseFloat(x as string).toString() !== 'NaN';
}

const literal = (v: unknown): string => {
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? '-0' : String(v)) : 'NaN';
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  throw new Error(`cannot compile condition value ${JSON.stringify(v)}`);
};

const COMPARE: Record<string, string> = { lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=' };

export function leafSource(operator: string, value: unknown, x: string, today: number, k: CodeConstants): string {
  switch (operator) {
    case 'equal':
      return `(${x} === ${literal(value)})`;
    case 'notEqual':
      return `(${x} !== ${literal(value)})`;
    case 'in':
      return membership(value, x, k);
    case 'notIn':
      return `!${membership(value, x, k)}`;
    case 'withinDays':
    case 'olderThanDays': {
      if (typeof value !== 'number') return 'false';
      const cmp = operator === 'withinDays' ? '<=' : '>';
      return `(typeof ${x} === 'number' && Number.isFinite(${x}) && Math.max(0, ${today} - ${x}) ${cmp} ${literal(value)})`;
    }
    default: {
      const cmp = COMPARE[operator];
      if (!cmp) throw new Error(`cannot compile operator ${operator}`);
      const v = literal(value);
      // For numbers the engine's check only rejects NaN, which compares false anyway.
      return `(typeof ${x} === 'number' ? ${x} ${cmp} ${v} : ${x} !== null && ${k.add(engineNumberCheck)}(${x}) && ${x} ${cmp} ${v})`;
    }
  }
}

/** `value.indexOf(x) > -1`: strict equality, so a Set (SameValueZero) only differs for NaN, which validated lists never hold. */
function membership(value: unknown, x: string, k: CodeConstants): string {
  if (!Array.isArray(value)) throw new Error(`cannot compile in/notIn without a list`);
  if (value.some((v) => typeof v === 'number' && Number.isNaN(v))) return `(${k.add(value)}.indexOf(${x}) > -1)`;
  if (value.length === 0) return 'false';
  if (value.length > 8) return `${k.add(new Set(value))}.has(${x})`;
  return `(${value.map((v) => `${x} === ${literal(v)}`).join(' || ')})`;
}
