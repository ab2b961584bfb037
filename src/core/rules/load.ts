import { parseJsonText } from '../base/json-text.js';
import type { RuleProblem, RuleSet } from './types.js';
import { validateRuleSet } from './validate.js';
import { checkRuleSetListLimits, checkRuleTextLimits } from './limits.js';

export interface LoadedRuleSet {
  ruleSet?: RuleSet;
  problems: RuleProblem[];
}

/** Parses and validates one rule set's JSON text; `source` names it in messages (e.g. activity.json). */
export function loadRuleSet(text: string, source: string): LoadedRuleSet {
  const tooBig = checkRuleTextLimits(text, source);
  if (tooBig.length) return { problems: tooBig };
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { problems: [{ ruleSet: source, rule: '', path: '', message: parsed.message }] };
  const json = parsed.value;
  const problems = validateRuleSet(json, source);
  return problems.length ? { problems } : { ruleSet: json as RuleSet, problems };
}

/** Validates a list of rule sets together: each alone, plus no two with the same id. */
export function validateRuleSets(sets: Array<{ source: string; json: unknown }>): RuleProblem[] {
  const tooMany = checkRuleSetListLimits(sets);
  if (tooMany.length) return tooMany;
  const problems = sets.flatMap((s) => validateRuleSet(s.json, s.source));
  const seen = new Set<string>();
  for (const s of sets) {
    const id = (s.json as RuleSet | null)?.id;
    if (typeof id !== 'string') continue;
    if (seen.has(id)) problems.push({ ruleSet: id, rule: '', path: 'id', message: `规则集 id「${id}」重复 / Duplicate rule set id "${id}"` });
    seen.add(id);
  }
  return problems;
}

/** A short, stable fingerprint of the rules, shown as the rules version. */
export function rulesVersion(sets: RuleSet[]): string {
  const text = JSON.stringify(sets);
  // FNV-1a, 32 bit: stable across runtimes, no crypto module needed in Apps Script.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
