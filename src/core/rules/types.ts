/**
 * A rule set: json-rules-engine rules plus what Fenceng adds around them —
 * the tiers they place members in, a hit policy and a default.
 */
export type HitPolicy = 'first' | 'collect';

export interface Tier {
  id: string;
  zh: string;
  en: string;
}

/** A json-rules-engine condition: a leaf, or an all/any/not group. */
export type Condition =
  | { fact: string; operator: string; value: unknown; path?: string; params?: unknown }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface Rule {
  name: string;
  /** Higher runs first; under `first` the highest matching priority wins. */
  priority: number;
  conditions: Condition;
  event: { type: string; params?: Record<string, unknown> };
}

export interface RuleSet {
  id: string;
  label: { zh: string; en: string };
  hitPolicy: HitPolicy;
  /** Highest tier first; "next tier up" follows this order. */
  tiers: Tier[];
  /** Facts whose empty cells count as 0 in this rule set (a blank count in an export means none). */
  missingAsZero?: string[];
  /** Required for `first`: the tier when no rule matches. */
  default?: { tier: string };
  /**
   * Days a member stays in a tier after the rules would place them lower
   * (promotion is immediate). Default 14; 0 demotes at once.
   */
  demotionGraceDays?: number;
  /**
   * Low-water mark (0–1, e.g. 0.9): a member is promoted at the thresholds
   * but keeps the tier while they still meet this share of them (as
   * Discourse's trust level 3). Absent: no low-water mark.
   */
  lowWaterMark?: number;
  /** 流失预警: warn when a member's activity falls against their own recent runs (rules/churn-warning.ts). Absent: no such warning. */
  churnWarning?: ChurnWarningConfig;
  rules: Rule[];
  description?: string;
}

/**
 * 流失预警 settings: a member is warned when `fact` fell by at least
 * `dropShare` (0.5 = 50%) against the average of their last `baselineRuns`
 * runs, that average being at least `minBaseline`, while they hold one of
 * `tiers` (default: every tier but the lowest). Every field is optional.
 */
export interface ChurnWarningConfig {
  fact?: string;
  dropShare?: number;
  baselineRuns?: number;
  minBaseline?: number;
  tiers?: string[];
}

/** A problem in a rule set, named by rule set, rule and condition path. */
export interface RuleProblem {
  ruleSet: string;
  rule: string;
  /** e.g. rules[0].conditions.all[1].value */
  path: string;
  message: string;
}

export function isGroup(c: Condition): c is { all: Condition[] } | { any: Condition[] } | { not: Condition } {
  return 'all' in c || 'any' in c || 'not' in c;
}
