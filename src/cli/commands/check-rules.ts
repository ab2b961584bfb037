import { analyzeRuleSets } from '../../core/rules/analyze/analyze.js';
import { countBySeverity, formatFinding, SEVERITY_LABEL } from '../../core/rules/analyze/format.js';
import { parse } from '../args.js';
import type { Io } from '../io.js';
import { readRules } from '../load-rules.js';
import { readPlans } from '../load-plans.js';

export const CHECK_RULES_HELP = `fenceng check-rules [DIR] [--json]
  校验规则目录（默认内置 rules/），并分析规则：永远不会命中或生效的规则、重复、重叠、无人可达的层级。
  错误时退出码为 1；警告与提示不影响退出码。
  / Validate a rules folder (default: the bundled rules/) and analyze the rules: rules that can never
  match or never win, duplicates, overlaps, tiers nobody reaches. Errors exit 1; warnings and notes exit 0.`;

export async function checkRulesCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length > 1) {
    io.out(CHECK_RULES_HELP);
    return values.help ? 0 : 2;
  }
  const rules = readRules(positionals[0] ?? values.rules);
  // DIR/plans/: content, interaction, festival and incentive data.
  const plans = readPlans(positionals[0] ?? values.rules, rules.ruleSets);
  rules.problems.push(...plans.problems);
  rules.files.push(...plans.files);
  // Only rule sets that passed validation can be analyzed.
  const invalid = new Set(rules.problems.map((p) => p.ruleSet));
  const findings = analyzeRuleSets(rules.ruleSets.filter((s) => !invalid.has(s.id)));
  const counts = countBySeverity(findings);
  const ok = rules.problems.length === 0 && counts.error === 0;
  if (values.json) {
    io.out(JSON.stringify({ ok, files: rules.files, problems: rules.problems, findings }, null, 2));
    return ok ? 0 : 1;
  }
  if (rules.problems.length === 0) {
    const head = counts.error ? '规则格式有效，但分析发现错误 / Rules are well-formed, but the analysis found errors' : '规则有效 / Rules are valid';
    io.out(`${head}: ${rules.files.join(', ')}（${rules.ruleSets.reduce((n, s) => n + s.rules.length, 0)} 条规则 / rules）`);
  } else {
    io.out(`发现 ${rules.problems.length} 个问题 / ${rules.problems.length} problems found:`);
    for (const p of rules.problems) io.out(`  [${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
  }
  if (findings.length) {
    io.out(`规则分析：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 条提示 / Rule analysis: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes`);
    for (const f of findings) io.out(`  ${SEVERITY_LABEL[f.severity].zh} ${SEVERITY_LABEL[f.severity].en} ${formatFinding(f)}`);
  }
  return ok ? 0 : 1;
}
