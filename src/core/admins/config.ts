import type { RuleProblem } from '../rules/types.js';

/**
 * `rules/admins.json`: what an admin can serve when the Admins sheet leaves a
 * capacity blank. Keys are activity tier ids. Serving a core member takes
 * far more time than a silent one, so the defaults are far apart.
 */
export interface AdminsConfig {
  defaultCapacity: Record<string, number>;
  description?: string;
}

export const ADMINS_CONFIG_FILE = 'admins.json';

/** Problems in admins.json, in the same shape as rule problems (named by file and path). */
export function validateAdminsConfig(input: unknown, source = ADMINS_CONFIG_FILE, tierIds: string[] = []): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: string, message: string) => problems.push({ ruleSet: source, rule: '', path, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('', '管理员配置必须是 JSON 对象 / The admins config must be a JSON object');
    return problems;
  }
  const caps = (input as Partial<AdminsConfig>).defaultCapacity;
  if (typeof caps !== 'object' || caps === null || Array.isArray(caps)) {
    add('defaultCapacity', '缺少 defaultCapacity: { 层级id: 人数 } / Missing defaultCapacity: { tierId: members }');
    return problems;
  }
  for (const [tier, n] of Object.entries(caps)) {
    if (!Number.isInteger(n) || (n as number) < 0) {
      add(`defaultCapacity.${tier}`, `容量必须是非负整数，现为 ${JSON.stringify(n)} / Capacity must be a whole number ≥ 0, got ${JSON.stringify(n)}`);
    }
    if (tierIds.length && !tierIds.includes(tier)) {
      add(`defaultCapacity.${tier}`, `「${tier}」不是活跃层级 / "${tier}" is not an activity tier (${tierIds.join(', ')})`);
    }
  }
  for (const tier of tierIds) {
    if (!(tier in caps)) add(`defaultCapacity.${tier}`, `缺少层级「${tier}」的默认容量 / No default capacity for tier "${tier}"`);
  }
  return problems;
}
