import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_OPS_CONFIG } from '../app/default-operations.js';
import { DEFAULT_RULE_SETS } from '../app/default-rules.js';
import { parseJsonText } from '../core/base/json-text.js';
import { OPS_CONFIG_FILES, type OpsConfig } from '../core/plans/config.js';
import { validateOpsConfig } from '../core/plans/validate-config.js';
import type { RuleProblem, RuleSet } from '../core/rules/types.js';

export interface LoadedPlans {
  /** Undefined: the bundled rules/plans/ apply. */
  config?: OpsConfig;
  problems: RuleProblem[];
  /** Files read from DIR/plans/. */
  files: string[];
}

/**
 * The plan and incentive data of a --rules DIR: each file of DIR/plans/ that
 * exists replaces the bundled one (content.json, interactions.json,
 * festivals.json, calendar.json, incentives.json); the rest stay bundled.
 * Checked against the folder's activity and contribution tiers.
 */
export function readPlans(dir: string | undefined, ruleSets: RuleSet[] = DEFAULT_RULE_SETS): LoadedPlans {
  if (!dir || !existsSync(join(dir, 'plans'))) return { problems: [], files: [] };
  const config = structuredClone(DEFAULT_OPS_CONFIG) as unknown as Record<string, unknown>;
  const problems: RuleProblem[] = [];
  const files: string[] = [];
  for (const [key, file] of Object.entries(OPS_CONFIG_FILES)) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    files.push(file);
    const json = parseJsonText(readFileSync(path, 'utf8'));
    if (json.ok) config[key] = json.value;
    else problems.push({ ruleSet: file, rule: '', path: '', message: json.message });
  }
  const tiers = (id: string) => ruleSets.find((s) => s.id === id)?.tiers.map((t) => t.id) ?? DEFAULT_RULE_SETS.find((s) => s.id === id)?.tiers.map((t) => t.id) ?? [];
  if (problems.length === 0) problems.push(...validateOpsConfig(config, { activity: tiers('activity'), contribution: tiers('contribution') }));
  return { config: config as unknown as OpsConfig, problems, files };
}
