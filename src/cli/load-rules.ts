import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ADMINS_CONFIG, DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SOURCES } from '../app/default-rules.js';
import { ADMINS_CONFIG_FILE, validateAdminsConfig, type AdminsConfig } from '../core/admins/config.js';
import { rulesError } from '../app/recompute.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import { loadRuleSet, validateRuleSets } from '../core/rules/load.js';
import type { RuleProblem, RuleSet } from '../core/rules/types.js';
import { FencengError } from '../app/errors.js';
import { parseJsonText } from '../core/base/json-text.js';
import { shownPath } from './show-path.js';

export interface LoadedRules {
  ruleSets: RuleSet[];
  mapping: HeaderMapping;
  /** admins.json: default admin capacities. */
  adminsConfig: AdminsConfig;
  problems: RuleProblem[];
  files: string[];
}

const MAPPING_FILE = 'headers.json';

/** Every *.json in DIR is a rule set, except headers.json (the header mapping) and admins.json (admin capacities). No DIR: the bundled defaults. */
export function readRules(dir: string | undefined): LoadedRules {
  if (!dir) {
    return { ruleSets: DEFAULT_RULE_SOURCES.map((s) => s.json as RuleSet), mapping: DEFAULT_HEADER_MAPPING, adminsConfig: DEFAULT_ADMINS_CONFIG, problems: validateRuleSets(DEFAULT_RULE_SOURCES), files: DEFAULT_RULE_SOURCES.map((s) => s.source) };
  }
  if (!existsSync(dir)) throw new FencengError('no-rules-dir', `找不到规则目录：${shownPath(dir)} / Rules folder not found: ${shownPath(dir)}`);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== MAPPING_FILE && f !== ADMINS_CONFIG_FILE).sort();
  const problems: RuleProblem[] = [];
  const parsed: Array<{ source: string; json: unknown }> = [];
  for (const file of files) {
    const loaded = loadRuleSet(readFileSync(join(dir, file), 'utf8'), file);
    problems.push(...loaded.problems);
    if (loaded.ruleSet) parsed.push({ source: file, json: loaded.ruleSet });
  }
  if (files.length === 0) problems.push({ ruleSet: dir, rule: '', path: '', message: '目录里没有规则文件（*.json） / No rule files (*.json) in the folder' });
  if (problems.length === 0) problems.push(...validateRuleSets(parsed));
  let mapping = DEFAULT_HEADER_MAPPING;
  const mappingPath = join(dir, MAPPING_FILE);
  if (existsSync(mappingPath)) {
    const json = parseJsonText(readFileSync(mappingPath, 'utf8'));
    if (json.ok) mapping = json.value as HeaderMapping;
    else problems.push({ ruleSet: MAPPING_FILE, rule: '', path: '', message: json.message });
  }
  let adminsConfig = DEFAULT_ADMINS_CONFIG;
  const adminsPath = join(dir, ADMINS_CONFIG_FILE);
  if (existsSync(adminsPath)) {
    const json = parseJsonText(readFileSync(adminsPath, 'utf8'));
    if (json.ok) {
      const activity = parsed.map((p) => p.json as RuleSet).find((s) => s.id === 'activity');
      const found = validateAdminsConfig(json.value, ADMINS_CONFIG_FILE, activity?.tiers.map((t) => t.id) ?? []);
      problems.push(...found);
      if (found.length === 0) adminsConfig = json.value as AdminsConfig;
    } else problems.push({ ruleSet: ADMINS_CONFIG_FILE, rule: '', path: '', message: json.message });
  }
  return { ruleSets: parsed.map((p) => p.json as RuleSet), mapping, adminsConfig, problems, files };
}

/** Like readRules, but refuses to go on with invalid rules. */
export function requireRules(dir: string | undefined): LoadedRules {
  const rules = readRules(dir);
  if (rules.problems.length) throw rulesError(rules.problems);
  return rules;
}
