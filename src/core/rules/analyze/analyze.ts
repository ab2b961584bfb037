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
import { atScenario, percentileScenarios, type Scenario } from './percentile-scenarios.js';

/** `ruleSet` must have passed validation. */
export function analyzeRuleSet(ruleSet: RuleSet): RuleSetAnalysis {
  try {
    const scenarios = percentileScenarios(ruleSet, { zeroes: new Set(ruleSet.missingAsZero ?? []), work: { left: 0 } });
    const result = scenarios ? whateverTheCut(ruleSet, scenarios) : analyzeResolved(ruleSet);
    result.findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    return result;
  } catch (e) {
    if (!(e instanceof AnalysisLimit)) throw e;
    const finding: Finding = { kind: 'not-analyzed', severity: 'info', ruleSet: ruleSet.id, rules: [], path: '', message: say.notAnalyzed(e.reason, e.message) };
    return { ruleSet: ruleSet.id, findings: [finding], rules: [], analyzed: false };
  }
}

function analyzeResolved(ruleSet: RuleSet): RuleSetAnalysis {
  const ctx = prepare(ruleSet);
  return ruleSet.hitPolicy === 'first' ? analyzeFirst(ctx) : analyzeCollect(ctx);
}

/**
 * A rule set with "top N%" conditions: what holds in every scenario of the
 * cut (percentile-scenarios.ts). Findings are those every scenario reports
 * (shown with the first scenario's example, which says the cut it took);
 * a rule's verdict is kept only when all scenarios agree, else unknown.
 */
function whateverTheCut(ruleSet: RuleSet, scenarios: Scenario[]): RuleSetAnalysis {
  const results = scenarios.map((s) => analyzeResolved(atScenario(ruleSet, s)));
  // A rule that never wins may be a duplicate at one cut and shadowed at another; which conditions clash may differ too.
  const id = (f: Finding) => JSON.stringify([f.kind === 'duplicate' && ruleSet.hitPolicy === 'first' ? 'shadowed' : f.kind, f.rules[0] ?? '', f.path, f.tier ?? '']);
  const everywhere = results.slice(1).reduce((keep, r) => {
    const ids = new Set(r.findings.map(id));
    return new Set([...keep].filter((k) => ids.has(k)));
  }, new Set(results[0].findings.map(id)));
  const cutsOf = (s: Scenario) => [...s.values()].map((c) => (c === null ? '—' : String(c))).join('、');
  const findings = [...everywhere].map((key) => {
    const all = results.map((r, i) => ({ f: r.findings.find((f) => id(f) === key)!, i }));
    // Shown: a shadowed one over a duplicate (true at every cut), the one naming most conditions; all the conditions named.
    const pick = [...all].sort((x, y) => Number(y.f.kind === 'shadowed') - Number(x.f.kind === 'shadowed') || (y.f.conditions?.length ?? 0) - (x.f.conditions?.length ?? 0))[0];
    const conditions = [...new Set(all.flatMap((x) => x.f.conditions ?? []))];
    const cuts = cutsOf(scenarios[pick.i]);
    const note = pick.f.example ? ` （举例时前 N% 门槛取 ${cuts} / example taking the top-N% cut as ${cuts}）` : '';
    return { ...pick.f, ...(conditions.length ? { conditions } : {}), message: pick.f.message + note };
  });
  const first = results[0];
  const rules = first.rules.map((v, i) => (results.every((r) => r.rules[i]?.status === v.status) ? v : { name: v.name, index: v.index, status: 'unknown' as const }));
  const defaultExample = results.every((r) => r.defaultExample) ? first.defaultExample : undefined;
  return { ruleSet: ruleSet.id, findings, rules, defaultExample, analyzed: results.every((r) => r.analyzed) };
}

/** Every finding of several rule sets, errors first. */
export function analyzeRuleSets(ruleSets: RuleSet[]): Finding[] {
  return ruleSets.flatMap((s) => analyzeRuleSet(s).findings).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

export type { Finding, FindingKind, RuleSetAnalysis, RuleVerdict, Severity } from './finding.js';
export type { ExampleMember } from './example.js';
export { exampleFacts } from './example.js';
