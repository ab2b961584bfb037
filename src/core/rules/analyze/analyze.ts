/**
 * Rule analysis: what a rule set will do before it runs, exactly, for every
 * member the sheet could hold (see variables.ts for the domains). Pure; the
 * CLI, the sidebar and the server all call analyzeRuleSet.
 */
import type { RuleSet } from '../types.js';
import { analyzeCollect } from './analyze-collect.js';
import { analyzeFirst } from './analyze-first.js';
import { prepare } from './context.js';
import { AnalysisLimit } from './dnf.js';
import { SEVERITY_ORDER, type Finding, type RuleSetAnalysis } from './finding.js';
import { say } from './messages.js';

/** `ruleSet` must have passed validation. */
export function analyzeRuleSet(ruleSet: RuleSet): RuleSetAnalysis {
  try {
    const ctx = prepare(ruleSet);
    const result = ruleSet.hitPolicy === 'first' ? analyzeFirst(ctx) : analyzeCollect(ctx);
    result.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return result;
  } catch (e) {
    if (!(e instanceof AnalysisLimit)) throw e;
    const finding: Finding = { kind: 'not-analyzed', severity: 'info', ruleSet: ruleSet.id, rules: [], path: '', message: say.notAnalyzed(e.reason, e.message) };
    return { ruleSet: ruleSet.id, findings: [finding], rules: [], analyzed: false };
  }
}

/** Every finding of several rule sets, errors first. */
export function analyzeRuleSets(ruleSets: RuleSet[]): Finding[] {
  return ruleSets.flatMap((s) => analyzeRuleSet(s).findings).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export type { Finding, FindingKind, RuleSetAnalysis, RuleVerdict, Severity } from './finding.js';
export type { ExampleMember } from './example.js';
export { exampleFacts } from './example.js';
