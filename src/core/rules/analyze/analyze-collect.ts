/**
 * Checks of a `collect` rule set (points, honors: every matching rule
 * fires): rules that never fire, fire for everyone, or repeat another.
 */
import { exampleText, type SetContext } from './context.js';
import { clashes } from './culprit.js';
import type { Finding, RuleSetAnalysis, RuleVerdict } from './finding.js';
import { equivalent } from './analyze-first.js';
import { say } from './messages.js';
import { memberOf } from './region.js';

export function analyzeCollect(ctx: SetContext): RuleSetAnalysis {
  const set = ctx.ruleSet;
  const findings: Finding[] = [];
  const verdicts: RuleVerdict[] = [];
  const seen: typeof ctx.rules = [];
  for (const p of ctx.rules) {
    const name = p.rule.name;
    const path = `rules[${p.index}]`;
    const example = memberOf(p.region, ctx);
    if (!example) {
      const reasons = clashes(p.rule.conditions, `${path}.conditions`, ctx);
      findings.push({ kind: 'unsatisfiable', severity: 'error', ruleSet: set.id, rules: [name], path, conditions: reasons.flat().map((c) => c.path), message: say.unsatisfiable(name, reasons, true) });
      verdicts.push({ name, index: p.index, status: 'unsatisfiable' });
      continue;
    }
    const quiet = memberOf(p.complement(), ctx) ?? undefined;
    verdicts.push({ name, index: p.index, status: 'fires', example, quietExample: quiet });
    if (!quiet) findings.push({ kind: 'always-fires', severity: 'warning', ruleSet: set.id, rules: [name], path, example, message: say.alwaysFires(name, exampleText(ctx, example, [p.rule], false)) });
    const same = seen.find((s) => JSON.stringify(s.rule.event) === JSON.stringify(p.rule.event) && equivalent(s, p, ctx));
    if (same) findings.push({ kind: 'duplicate', severity: 'warning', ruleSet: set.id, rules: [name, same.rule.name], path, example, message: say.duplicateCollect(name, same.rule.name, exampleText(ctx, example, [p.rule], false)) });
    seen.push(p);
  }
  return { ruleSet: set.id, findings, rules: verdicts.sort((a, b) => a.index - b.index), analyzed: true };
}
