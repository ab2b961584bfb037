import { ALL_FACTS, isFactId } from '../facts/facts.js';
import type { ChurnWarningConfig, RuleSet } from './types.js';

/**
 * 流失预警 settings of a `first` rule set (its `churnWarning` field), with
 * the defaults filled in, and their check. The defaults are those of
 * rules/activity.json: interactions down 50% against the average of the
 * last 3 runs, when that average was at least 10.
 */
export interface ChurnWarning {
  fact: string;
  dropShare: number;
  baselineRuns: number;
  minBaseline: number;
  /** Tier ids whose members are watched. */
  tiers: string[];
}

export const CHURN_DEFAULTS = { fact: 'interactions30d', dropShare: 0.5, baselineRuns: 3, minBaseline: 10 } as const;
/** The history keeps baselineRuns + 1 runs per member: a small bound, whatever the operator writes. */
export const MAX_BASELINE_RUNS = 8;

/** The settings in force, or undefined when the rule set asks for no such warning. */
export function churnWarningOf(set: RuleSet): ChurnWarning | undefined {
  const c = set.churnWarning;
  if (!c || set.hitPolicy !== 'first') return undefined;
  const lowest = set.default?.tier ?? set.tiers[set.tiers.length - 1]?.id;
  return {
    fact: c.fact ?? CHURN_DEFAULTS.fact,
    dropShare: c.dropShare ?? CHURN_DEFAULTS.dropShare,
    baselineRuns: c.baselineRuns ?? CHURN_DEFAULTS.baselineRuns,
    minBaseline: c.minBaseline ?? CHURN_DEFAULTS.minBaseline,
    tiers: c.tiers ?? set.tiers.map((t) => t.id).filter((t) => t !== lowest),
  };
}

/** Problems in `churnWarning`, each with its path (churnWarning.dropShare …) and a message in both languages. */
export function checkChurnWarning(set: Partial<RuleSet>): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  const c = set.churnWarning as unknown;
  if (c === undefined) return out;
  const add = (field: string, zh: string, en: string, got: unknown) =>
    out.push({ path: field ? `churnWarning.${field}` : 'churnWarning', message: `流失预警 churnWarning${field ? `.${field}` : ''}：${zh}，现为 ${JSON.stringify(got)} / churnWarning${field ? `.${field}` : ''}: ${en}, got ${JSON.stringify(got)}` });
  if (typeof c !== 'object' || c === null || Array.isArray(c)) {
    add('', '必须是对象 { fact, dropShare, baselineRuns, minBaseline, tiers }', 'must be an object { fact, dropShare, baselineRuns, minBaseline, tiers }', c);
    return out;
  }
  if (set.hitPolicy !== 'first') add('', '只用于 "first"（层级）规则集', 'is for "first" (tier) rule sets only', c);
  const x = c as Record<keyof ChurnWarningConfig, unknown> & Record<string, unknown>;
  for (const key of Object.keys(x)) {
    if (!['fact', 'dropShare', 'baselineRuns', 'minBaseline', 'tiers'].includes(key)) add(key, '未知字段（可用：fact、dropShare、baselineRuns、minBaseline、tiers）', 'unknown field (known: fact, dropShare, baselineRuns, minBaseline, tiers)', x[key]);
  }
  if (x.fact !== undefined && !(typeof x.fact === 'string' && isFactId(x.fact) && ALL_FACTS[x.fact].type === 'number')) {
    add('fact', '必须是数值字段 id（如 interactions30d）', 'must be a numeric fact id (e.g. interactions30d)', x.fact);
  }
  if (x.dropShare !== undefined && !(typeof x.dropShare === 'number' && x.dropShare > 0 && x.dropShare <= 1)) {
    add('dropShare', '下降比例必须是 0 到 1 之间的数（0.5 即下降 50%）', 'must be a number above 0 and at most 1 (0.5 = a 50% fall)', x.dropShare);
  }
  if (x.baselineRuns !== undefined && !(Number.isInteger(x.baselineRuns) && (x.baselineRuns as number) >= 1 && (x.baselineRuns as number) <= MAX_BASELINE_RUNS)) {
    add('baselineRuns', `基准运行次数必须是 1 到 ${MAX_BASELINE_RUNS} 的整数`, `must be a whole number of runs from 1 to ${MAX_BASELINE_RUNS}`, x.baselineRuns);
  }
  if (x.minBaseline !== undefined && !(typeof x.minBaseline === 'number' && Number.isFinite(x.minBaseline) && x.minBaseline >= 0)) {
    add('minBaseline', '最低基准必须是不小于 0 的数', 'must be a number ≥ 0', x.minBaseline);
  }
  if (x.tiers !== undefined) {
    const known = new Set((Array.isArray(set.tiers) ? set.tiers : []).map((t) => t?.id));
    if (!Array.isArray(x.tiers) || x.tiers.length === 0) add('tiers', '必须是非空的层级 id 数组', 'must be a non-empty array of tier ids', x.tiers);
    else
      x.tiers.forEach((t, i) => {
        if (typeof t !== 'string' || !known.has(t)) add(`tiers[${i}]`, `未知层级（可用：${[...known].join('、')}）`, `unknown tier (known: ${[...known].join(', ')})`, t);
      });
  }
  return out;
}
