import type { FactType } from '../facts/facts.js';

/**
 * Every operator a rule may use: json-rules-engine's built-ins that make
 * sense for our facts, plus Fenceng's date operators. `accepts` drives
 * validation; `symbol` drives explanations. Kept free of json-rules-engine
 * so the sidebar can bundle the validator without the engine.
 */
export interface OperatorInfo {
  factTypes: FactType[];
  /** What the rule's `value` must be. */
  value: 'number' | 'same' | 'array';
  symbol: { zh: string; en: string };
  label: { zh: string; en: string };
}

export const OPERATORS: Record<string, OperatorInfo> = {
  greaterThanInclusive: { factTypes: ['number'], value: 'number', symbol: { zh: '≥', en: '≥' }, label: { zh: '大于等于', en: 'at least' } },
  greaterThan: { factTypes: ['number'], value: 'number', symbol: { zh: '>', en: '>' }, label: { zh: '大于', en: 'more than' } },
  lessThanInclusive: { factTypes: ['number'], value: 'number', symbol: { zh: '≤', en: '≤' }, label: { zh: '小于等于', en: 'at most' } },
  lessThan: { factTypes: ['number'], value: 'number', symbol: { zh: '<', en: '<' }, label: { zh: '小于', en: 'less than' } },
  equal: { factTypes: ['number', 'text'], value: 'same', symbol: { zh: '=', en: '=' }, label: { zh: '等于', en: 'equals' } },
  notEqual: { factTypes: ['number', 'text'], value: 'same', symbol: { zh: '≠', en: '≠' }, label: { zh: '不等于', en: 'is not' } },
  in: { factTypes: ['number', 'text'], value: 'array', symbol: { zh: '属于', en: 'in' }, label: { zh: '属于', en: 'is one of' } },
  notIn: { factTypes: ['number', 'text'], value: 'array', symbol: { zh: '不属于', en: 'not in' }, label: { zh: '不属于', en: 'is none of' } },
  withinDays: { factTypes: ['date'], value: 'number', symbol: { zh: '在N天内', en: 'within N days' }, label: { zh: '在N天内', en: 'within N days' } },
  olderThanDays: { factTypes: ['date'], value: 'number', symbol: { zh: '早于N天前', en: 'more than N days ago' }, label: { zh: '早于N天前', en: 'more than N days ago' } },
};

export function isKnownOperator(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(OPERATORS, name);
}

