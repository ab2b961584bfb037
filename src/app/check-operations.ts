import type { OpsConfig } from '../core/plans/config.js';
import { validateOpsConfig } from '../core/plans/validate-config.js';
import { validateRuleSets } from '../core/rules/load.js';
import type { RuleSet } from '../core/rules/types.js';
import type { RunInput } from '../core/run/run-input.js';
import { DEFAULT_HONORS_RULES, DEFAULT_OPS_CONFIG, DEFAULT_POINTS_RULES, HONORS_RULE_SET_ID, POINTS_RULE_SET_ID } from './default-operations.js';
import { FencengError } from './errors.js';

/**
 * The rule sets and plan data of the content, interaction, points and
 * dashboard stage, checked, with the bundled rules/plans/ filling in what the
 * run was not given. Throws (nothing written) when any of it is invalid.
 */
export function checkOperations(ruleSets: RuleSet[], given: OpsConfig | undefined): RunInput['operations'] {
  const activity = ruleSets.find((s) => s.id === 'activity');
  if (!activity) throw new FencengError('no-activity-rules', '缺少活跃层级规则集（activity），无法制定内容与互动计划 / No activity rule set; content and interaction plans need it');
  const contribution = ruleSets.find((s) => s.id === 'contribution');
  const points = ruleSets.find((s) => s.id === POINTS_RULE_SET_ID) ?? DEFAULT_POINTS_RULES;
  const honors = ruleSets.find((s) => s.id === HONORS_RULE_SET_ID) ?? DEFAULT_HONORS_RULES;
  const config = given ?? DEFAULT_OPS_CONFIG;
  const problems = [
    ...validateOpsConfig(config, { activity: activity.tiers.map((t) => t.id), contribution: contribution?.tiers.map((t) => t.id) ?? [] }),
    ...validateRuleSets([points, honors].filter((s) => !ruleSets.includes(s)).map((s) => ({ source: s.id, json: s }))),
  ];
  if (problems.length) {
    const lines = problems.map((p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
    throw new FencengError('invalid-plans', `计划或积分配置有误，未写入任何内容 / Invalid plan or points settings, nothing written:\n${lines.join('\n')}`, problems);
  }
  return { activity, contribution, points, honors, config };
}
