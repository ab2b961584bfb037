import { ALL_FACTS, isFactId } from '../facts/facts.js';
import { PERCENTILE_FACT, PERCENTILE_OPERATORS } from './percentile.js';

/** A condition value that refers to a fact, as json-rules-engine reads `{ "fact": … }`. */
export function isFactReference(v: unknown): v is object {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'fact' in v;
}

const PARAM_KEYS = ['fact', 'top'];

/**
 * Checks a "top N%" value (percentile.ts): the only fact a value may refer
 * to, with params { fact: the condition's own fact, top: 0 < N ≤ 100 },
 * compared by ≥, >, ≤ or <, in a tier rule set.
 */
export function checkPercentileValue(leaf: { fact: string; operator: string; value: object }, path: string, add: (path: string, message: string) => void, allowed: boolean): void {
  const v = leaf.value as { fact?: unknown; params?: unknown; path?: unknown };
  const label = isFactId(leaf.fact) ? ALL_FACTS[leaf.fact] : { zh: leaf.fact, en: leaf.fact };
  if (v.fact !== PERCENTILE_FACT) {
    return add(`${path}.fact`, `条件值只能引用「${PERCENTILE_FACT}」（前 N%），现为 ${JSON.stringify(v.fact)} / A condition value may only refer to "${PERCENTILE_FACT}" (top N%), got ${JSON.stringify(v.fact)}`);
  }
  if (!allowed) return add(path, '前 N% 条件只能用于分层规则集（"first"） / A top-N% condition is for tier rule sets ("first") only');
  const extra = Object.keys(v).filter((k) => k !== 'fact' && k !== 'params');
  if (extra.length) return add(`${path}.${extra[0]}`, `前 N% 不支持「${extra[0]}」 / A top-N% value takes no "${extra[0]}"`);
  if (!(PERCENTILE_OPERATORS as readonly string[]).includes(leaf.operator)) {
    return add(`${path.replace(/\.value$/, '')}.operator`, `前 N% 只能用 ≥、>、≤、< 比较，现为 ${leaf.operator} / A top-N% value is compared with ≥, >, ≤ or <, got ${leaf.operator}`);
  }
  const p = v.params as { fact?: unknown; top?: unknown } | undefined;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    return add(`${path}.params`, `前 N% 需要 params: { fact, top } / A top-N% value needs params: { fact, top }`);
  }
  const unknown = Object.keys(p).filter((k) => !PARAM_KEYS.includes(k));
  if (unknown.length) return add(`${path}.params.${unknown[0]}`, `前 N% 的 params 只有 fact 和 top，不支持「${unknown[0]}」 / A top-N% value's params are fact and top only, not "${unknown[0]}"`);
  if (p.fact !== leaf.fact) {
    return add(`${path}.params.fact`, `前 N% 的 params.fact 必须与条件字段「${label.zh}」相同（${leaf.fact}），现为 ${JSON.stringify(p.fact)} / params.fact of a top-N% value must be the condition's own fact "${label.en}" (${leaf.fact}), got ${JSON.stringify(p.fact)}`);
  }
  if (typeof p.top !== 'number' || !Number.isFinite(p.top) || p.top <= 0 || p.top > 100) {
    return add(`${path}.params.top`, `前 N% 的 N 必须是大于 0、不超过 100 的数，现为 ${JSON.stringify(p.top)} / N of top N% must be a number above 0 and at most 100, got ${JSON.stringify(p.top)}`);
  }
}
