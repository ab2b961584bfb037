import { parse } from '../args.js';
import type { Io } from '../io.js';
import { readRules } from '../load-rules.js';
import { readPlans } from '../load-plans.js';

export const CHECK_RULES_HELP = `fenceng check-rules [DIR] [--json]
  校验规则目录（默认内置 rules/）。/ Validate a rules folder (default: the bundled rules/).`;

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
  if (values.json) {
    io.out(JSON.stringify({ ok: rules.problems.length === 0, files: rules.files, problems: rules.problems }, null, 2));
  } else if (rules.problems.length === 0) {
    io.out(`规则有效 / Rules are valid: ${rules.files.join(', ')}（${rules.ruleSets.reduce((n, s) => n + s.rules.length, 0)} 条规则 / rules）`);
  } else {
    io.out(`发现 ${rules.problems.length} 个问题 / ${rules.problems.length} problems found:`);
    for (const p of rules.problems) io.out(`  [${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
  }
  return rules.problems.length === 0 ? 0 : 1;
}
