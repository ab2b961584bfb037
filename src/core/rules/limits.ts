import type { RuleProblem } from './types.js';

/**
 * How big a rules document may be. Real rule sets are a few KB with a few
 * dozen conditions; these bounds allow hundreds of rules, yet keep one
 * hostile or runaway document (e.g. 60,000 conditions in 3.7 MB) from
 * holding a run, the preview server or an Apps Script execution for minutes.
 */
export const RULE_LIMITS = {
  /** Rule sets in one document or rules folder. */
  ruleSets: 50,
  /** Rules in one rule set. */
  rulesPerSet: 500,
  /**
   * Conditions (leaves and all/any/not groups) in one rule set. Evaluation
   * costs members × conditions: 1,000 conditions over 2,000 members took
   * 12 s with json-rules-engine on the reference machine.
   */
  conditionsPerSet: 2000,
  /** Conditions in all rule sets together. */
  conditionsTotal: 4000,
  /** all/any/not groups inside one another. */
  conditionDepth: 20,
  /** Nesting of the rule set's JSON as a whole (objects and arrays). */
  jsonDepth: 64,
  /** Size of one rule set, in characters of its JSON text (about bytes). */
  setChars: 1_000_000,
} as const;

/** Problems with a rules file's text before it is parsed (its size). */
export function checkRuleTextLimits(text: string, source: string): RuleProblem[] {
  if (text.length <= RULE_LIMITS.setChars) return [];
  return [problem(source, `规则集文件过大：${text.length} 个字符，最多 ${RULE_LIMITS.setChars} / Rule set file too large: ${text.length} characters, at most ${RULE_LIMITS.setChars}`)];
}

/**
 * Size problems with one parsed rule set, found in time bounded by the
 * limits themselves (the walk stops at the first bound passed), so the
 * validator never has to read a huge document to reject it.
 */
export function checkRuleSetLimits(input: unknown, setName: string): RuleProblem[] {
  const shape = measureJson(input);
  if (shape.depth > RULE_LIMITS.jsonDepth) {
    return [problem(setName, `规则集「${setName}」嵌套超过 ${RULE_LIMITS.jsonDepth} 层 / Rule set "${setName}" is nested more than ${RULE_LIMITS.jsonDepth} levels deep`)];
  }
  if (shape.chars > RULE_LIMITS.setChars) {
    return [problem(setName, `规则集「${setName}」过大：超过 ${RULE_LIMITS.setChars} 个字符 / Rule set "${setName}" is too large: more than ${RULE_LIMITS.setChars} characters`)];
  }
  const rules = (input as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return [];
  if (rules.length > RULE_LIMITS.rulesPerSet) {
    return [problem(setName, `规则集「${setName}」有 ${rules.length} 条规则，最多 ${RULE_LIMITS.rulesPerSet} 条 / Rule set "${setName}" has ${rules.length} rules, at most ${RULE_LIMITS.rulesPerSet}`)];
  }
  const { conditions, depth } = measureConditions(rules);
  if (depth > RULE_LIMITS.conditionDepth) {
    return [problem(setName, `规则集「${setName}」的条件嵌套 ${depth} 层，最多 ${RULE_LIMITS.conditionDepth} 层 / Rule set "${setName}" nests conditions ${depth} levels deep, at most ${RULE_LIMITS.conditionDepth}`)];
  }
  if (conditions > RULE_LIMITS.conditionsPerSet) {
    return [problem(setName, `规则集「${setName}」有 ${conditions} 个条件，最多 ${RULE_LIMITS.conditionsPerSet} 个 / Rule set "${setName}" has ${conditions} conditions, at most ${RULE_LIMITS.conditionsPerSet}`)];
  }
  return [];
}

/** Bounds on a list of rule sets taken together: how many, and how many conditions in all. */
export function checkRuleSetListLimits(sets: Array<{ source: string; json: unknown }>): RuleProblem[] {
  if (sets.length > RULE_LIMITS.ruleSets) {
    return [problem('', `规则集太多：${sets.length} 个，最多 ${RULE_LIMITS.ruleSets} 个 / Too many rule sets: ${sets.length}, at most ${RULE_LIMITS.ruleSets}`)];
  }
  let total = 0;
  for (const s of sets) {
    const rules = (s.json as { rules?: unknown } | null)?.rules;
    // Sets over their own bounds are reported by checkRuleSetLimits; only sum the rest.
    if (!Array.isArray(rules) || checkRuleSetLimits(s.json, s.source).length) continue;
    total += measureConditions(rules).conditions;
  }
  if (total <= RULE_LIMITS.conditionsTotal) return [];
  return [problem('', `所有规则集共有 ${total} 个条件，最多 ${RULE_LIMITS.conditionsTotal} 个 / The rule sets have ${total} conditions in all, at most ${RULE_LIMITS.conditionsTotal}`)];
}

function problem(ruleSet: string, message: string): RuleProblem {
  return { ruleSet, rule: '', path: '', message };
}

/**
 * About the length of JSON.stringify(value) and its deepest nesting, without
 * building the string or recursing: stops once either passes its limit.
 */
function measureJson(value: unknown): { chars: number; depth: number } {
  let chars = 0;
  let deepest = 0;
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length) {
    const { v, depth } = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > RULE_LIMITS.jsonDepth || chars > RULE_LIMITS.setChars) break;
    if (typeof v === 'string') chars += v.length + 2;
    else if (v === null || typeof v !== 'object') chars += String(v).length;
    else if (Array.isArray(v)) {
      chars += 2 + v.length;
      for (let i = v.length - 1; i >= 0 && chars <= RULE_LIMITS.setChars; i--) stack.push({ v: v[i], depth: depth + 1 });
    } else {
      chars += 2;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        chars += k.length + 4;
        stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1 });
        if (chars > RULE_LIMITS.setChars) break;
      }
    }
  }
  return { chars, depth: deepest };
}

/** Conditions in the rules and their deepest group nesting (the rules are already known to be of bounded size and depth). */
function measureConditions(rules: unknown[]): { conditions: number; depth: number } {
  let conditions = 0;
  let deepest = 0;
  const stack: Array<{ c: unknown; depth: number }> = [];
  for (const r of rules) {
    const c = (r as { conditions?: unknown } | null)?.conditions;
    if (c !== undefined) stack.push({ c, depth: 0 });
  }
  while (stack.length) {
    const { c, depth } = stack.pop()!;
    if (!c || typeof c !== 'object') continue;
    conditions++;
    const group = c as { all?: unknown; any?: unknown; not?: unknown };
    const children = Array.isArray(group.all) ? group.all : Array.isArray(group.any) ? group.any : 'not' in group ? [group.not] : [];
    if (children.length && depth + 1 > deepest) deepest = depth + 1;
    for (const child of children) stack.push({ c: child, depth: depth + 1 });
  }
  return { conditions, depth: deepest };
}
