/**
 * Whether one value on a histogram's axis meets a comparison: only to colour
 * the bars (counts come from the compiled evaluator). Days facts are "days
 * ago", so withinDays is ≤ and olderThanDays is >.
 */
export function meets(operator: string, x: number, threshold: number, value: unknown): boolean {
  switch (operator) {
    case 'greaterThanInclusive':
      return x >= threshold;
    case 'greaterThan':
    case 'olderThanDays':
      return x > threshold;
    case 'lessThanInclusive':
    case 'withinDays':
      return x <= threshold;
    case 'lessThan':
      return x < threshold;
    case 'equal':
      return x === value;
    case 'notEqual':
      return x !== value;
    case 'in':
      return Array.isArray(value) && value.includes(x);
    case 'notIn':
      return Array.isArray(value) && !value.includes(x);
    default:
      return false;
  }
}
