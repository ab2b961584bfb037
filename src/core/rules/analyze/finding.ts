/** What the analysis reports about a rule set. */
import type { ExampleMember } from './example.js';

export type FindingKind =
  | 'unsatisfiable' // a rule whose conditions no member can meet
  | 'shadowed' // first: every member it matches is placed by higher rules
  | 'duplicate' // the same conditions as another rule
  | 'overlap' // first: members meeting two rules of different tiers, neither inside the other; the order decides
  | 'unreachable-tier' // a tier no member can end up in
  | 'default-unused' // first: every member meets some rule
  | 'always-fires' // collect: the conditions hold for every member
  | 'not-analyzed'; // conditions the analysis cannot reason about, or too many combinations

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  ruleSet: string;
  /** Rule names, the one the finding is about first. */
  rules: string[];
  /** Where the finding belongs, in the validator's paths: rules[2], tiers[1], default, ''. */
  path: string;
  /** The conditions that cause it (unsatisfiable): rules[2].conditions.all[0], … */
  conditions?: string[];
  tier?: string;
  /** A member that shows it; `placedBy` is the rule that member lands on (first), if any. */
  example?: ExampleMember;
  placedBy?: string;
  /** 中文 / English. */
  message: string;
}

/** Per rule: what it can do, with a member that shows it (the property test checks every one). */
export interface RuleVerdict {
  name: string;
  index: number;
  /** first: `wins` = places someone; collect: `fires`. */
  status: 'wins' | 'fires' | 'unsatisfiable' | 'shadowed' | 'unknown';
  /** A member the rule places (wins) or fires for. */
  example?: ExampleMember;
  /** collect: a member it does not fire for (absent when it always fires). */
  quietExample?: ExampleMember;
}

export interface RuleSetAnalysis {
  ruleSet: string;
  findings: Finding[];
  rules: RuleVerdict[];
  /** first: a member no rule matches (absent when the default never applies or was not analyzed). */
  defaultExample?: ExampleMember;
  analyzed: boolean;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
