import { ALL_FACTS, isFactId } from '../facts/facts.js';
import { isKnownOperator, OPERATORS } from './operator-catalog.js';
import type { Condition, RuleProblem, RuleSet } from './types.js';
import { checkCollectEvent } from './collect-params.js';
import { checkRuleSetLimits } from './limits.js';
import { checkPercentileValue, isFactReference } from './validate-percentile.js';
import { checkChurnWarning } from './churn-warning.js';

/**
 * Checks a rule set before anything runs. Every problem names the rule set,
 * the rule and the condition path, in Chinese and English.
 */
export function validateRuleSet(input: unknown, source = ''): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const set = (input ?? {}) as Partial<RuleSet>;
  const setName = typeof set.id === 'string' && set.id ? set.id : source || '?';
  const add = (rule: string, path: string, message: string) => problems.push({ ruleSet: setName, rule, path, message });

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    add('', '', '规则集必须是 JSON 对象 / A rule set must be a JSON object');
    return problems;
  }
  // Size first: the checks below walk the whole set.
  const tooBig = checkRuleSetLimits(input, setName);
  if (tooBig.length) return tooBig;
  if (typeof set.id !== 'string' || !/^[A-Za-z][\w-]*$/.test(set.id)) add('', 'id', '缺少规则集 id（英文字母开头） / Missing rule set id (starting with a letter)');
  if (!set.label || typeof set.label.zh !== 'string' || typeof set.label.en !== 'string') {
    add('', 'label', '缺少名称 label: { zh, en } / Missing label: { zh, en }');
  }
  if (set.hitPolicy !== 'first' && set.hitPolicy !== 'collect') {
    add('', 'hitPolicy', `命中策略必须是 "first" 或 "collect"，现为 ${JSON.stringify(set.hitPolicy)} / hitPolicy must be "first" or "collect", got ${JSON.stringify(set.hitPolicy)}`);
  }
  const tiers = Array.isArray(set.tiers) ? set.tiers : [];
  const tierIds = new Set(tiers.map((t) => t?.id));
  if (set.hitPolicy === 'first') {
    if (tiers.length === 0) add('', 'tiers', '"first" 规则集必须列出层级 / A "first" rule set must list its tiers');
    tiers.forEach((t, i) => {
      if (!t || typeof t.id !== 'string' || typeof t.zh !== 'string' || typeof t.en !== 'string') {
        add('', `tiers[${i}]`, '层级需要 id、zh、en / A tier needs id, zh and en');
      }
    });
    if (tierIds.size !== tiers.length) add('', 'tiers', '层级 id 重复 / Duplicate tier ids');
    if (!set.default || typeof set.default.tier !== 'string') {
      add('', 'default', '缺少默认层级（没有规则命中时使用） / Missing default tier (used when no rule matches)');
    } else if (!tierIds.has(set.default.tier)) {
      add('', 'default.tier', `默认层级「${set.default.tier}」不在层级列表中 / Default tier "${set.default.tier}" is not one of the tiers`);
    }
  }
  if (set.demotionGraceDays !== undefined && (!Number.isInteger(set.demotionGraceDays) || set.demotionGraceDays < 0 || set.demotionGraceDays > 365)) {
    add('', 'demotionGraceDays', `降级宽限期必须是 0 到 365 之间的整数（天），现为 ${JSON.stringify(set.demotionGraceDays)} / demotionGraceDays must be a whole number of days from 0 to 365, got ${JSON.stringify(set.demotionGraceDays)}`);
  }
  if (set.lowWaterMark !== undefined && !(typeof set.lowWaterMark === 'number' && set.lowWaterMark > 0 && set.lowWaterMark <= 1 && set.hitPolicy === 'first')) {
    add('', 'lowWaterMark', `低水位必须是 0 到 1 之间的数（如 0.9 即门槛的 90%），且只用于 "first" 规则集，现为 ${JSON.stringify(set.lowWaterMark)} / lowWaterMark must be a number between 0 and 1 (0.9 = 90% of each threshold), for "first" rule sets only, got ${JSON.stringify(set.lowWaterMark)}`);
  }
  for (const p of checkChurnWarning(set)) add('', p.path, p.message);
  for (const [i, f] of (Array.isArray(set.missingAsZero) ? set.missingAsZero : []).entries()) {
    if (typeof f !== 'string' || !isFactId(f) || ALL_FACTS[f].type !== 'number') {
      add('', `missingAsZero[${i}]`, `「${String(f)}」不是数值字段 / "${String(f)}" is not a numeric fact`);
    }
  }
  if (!Array.isArray(set.rules)) {
    add('', 'rules', '缺少 rules 数组 / Missing "rules" array');
    return problems;
  }

  const names = new Set<string>();
  const priorities = new Map<number, string>();
  set.rules.forEach((rule, i) => {
    const name = typeof rule?.name === 'string' && rule.name ? rule.name : `#${i + 1}`;
    const at = `rules[${i}]`;
    if (typeof rule?.name !== 'string' || !rule.name) add(name, `${at}.name`, '规则缺少名称 / Rule has no name');
    else if (names.has(rule.name)) add(name, `${at}.name`, `规则名称重复 / Duplicate rule name`);
    names.add(name);
    if (!Number.isInteger(rule?.priority) || rule.priority < 1) {
      add(name, `${at}.priority`, '优先级必须是正整数 / priority must be a positive integer');
    } else if (set.hitPolicy === 'first') {
      const other = priorities.get(rule.priority);
      if (other) add(name, `${at}.priority`, `优先级 ${rule.priority} 与规则「${other}」相同，"first" 无法决定先后 / Priority ${rule.priority} equals rule "${other}"; "first" cannot order them`);
      priorities.set(rule.priority, name);
    }
    const tier = rule?.event?.params?.tier;
    if (typeof rule?.event?.type !== 'string') add(name, `${at}.event.type`, '缺少事件类型 / Missing event type');
    if (set.hitPolicy === 'first' && (typeof tier !== 'string' || !tierIds.has(tier))) {
      add(name, `${at}.event.params.tier`, `层级「${String(tier)}」不在层级列表中 / Tier "${String(tier)}" is not one of the tiers`);
    }
    if (set.hitPolicy === 'collect') checkCollectEvent(rule?.event, at, (path, msg) => add(name, path, msg));
    if (!rule?.conditions || typeof rule.conditions !== 'object') add(name, `${at}.conditions`, '缺少条件 / Missing conditions');
    else if (!('all' in rule.conditions || 'any' in rule.conditions || 'not' in rule.conditions)) {
      add(name, `${at}.conditions`, '顶层条件必须是 all、any 或 not / Top-level conditions must be all, any or not');
    } else checkCondition(rule.conditions, `${at}.conditions`, (path, msg) => add(name, path, msg), set.hitPolicy === 'first');
  });
  return problems;
}

/** `percentiles`: whether "top N%" values are allowed (tier rule sets only: their cuts are resolved per run). */
function checkCondition(c: Condition, path: string, add: (path: string, message: string) => void, percentiles: boolean): void {
  if (typeof c !== 'object' || c === null) return add(path, '条件必须是对象 / A condition must be an object');
  // json-rules-engine reads a node as `any`, else `all`, else `not`, and a `condition` key as a
  // reference to a named condition: say so rather than let a node mean something else than it shows.
  const kinds = ['all', 'any', 'not'].filter((k) => k in c);
  if (kinds.length > 1) return add(path, `一个条件只能是 all、any、not 之一，现同时有 ${kinds.join('、')} / A condition is one of all, any or not; this one has ${kinds.join(', ')}`);
  if ('condition' in c) return add(`${path}.condition`, '不支持引用命名条件（condition） / References to named conditions ("condition") are not supported');
  const priority = (c as { priority?: unknown }).priority;
  if (priority !== undefined && (!Number.isInteger(priority) || (priority as number) < 1)) {
    return add(`${path}.priority`, `条件优先级必须是正整数，现为 ${JSON.stringify(priority)} / A condition priority must be a positive integer, got ${JSON.stringify(priority)}`);
  }
  if ('all' in c || 'any' in c) {
    const key = 'all' in c ? 'all' : 'any';
    const list = (c as Record<string, unknown>)[key];
    if (!Array.isArray(list) || list.length === 0) return add(`${path}.${key}`, `${key} 必须是非空数组 / ${key} must be a non-empty array`);
    list.forEach((child, i) => checkCondition(child as Condition, `${path}.${key}[${i}]`, add, percentiles));
    return;
  }
  if ('not' in c) return checkCondition(c.not, `${path}.not`, add, percentiles);
  const leaf = c as { fact?: unknown; operator?: unknown; value?: unknown };
  if (typeof leaf.fact !== 'string' || !isFactId(leaf.fact)) {
    return add(`${path}.fact`, `未知字段「${String(leaf.fact)}」 / Unknown fact "${String(leaf.fact)}"`);
  }
  if (typeof leaf.operator !== 'string' || !isKnownOperator(leaf.operator)) {
    return add(`${path}.operator`, `未知运算符「${String(leaf.operator)}」 / Unknown operator "${String(leaf.operator)}"`);
  }
  const fact = ALL_FACTS[leaf.fact];
  const op = OPERATORS[leaf.operator];
  if (!op.factTypes.includes(fact.type)) {
    return add(`${path}.operator`, `「${fact.zh}」(${fact.type}) 不能用运算符 ${leaf.operator} / "${fact.en}" (${fact.type}) cannot use operator ${leaf.operator}`);
  }
  if (isFactReference(leaf.value)) return checkPercentileValue(leaf as { fact: string; operator: string; value: object }, `${path}.value`, add, percentiles);
  const want = op.value === 'same' ? fact.type : op.value === 'array' ? fact.type : 'number';
  const values = op.value === 'array' ? leaf.value : [leaf.value];
  if (!Array.isArray(values) || values.length === 0) {
    return add(`${path}.value`, `${leaf.operator} 需要一个非空数组 / ${leaf.operator} needs a non-empty array`);
  }
  for (const v of values) {
    const ok = want === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string';
    if (!ok) {
      const zhWant = want === 'number' ? '数字' : '文本';
      return add(`${path}.value`, `「${fact.zh}」需要与${zhWant}比较，现为 ${JSON.stringify(v)} / "${fact.en}" must be compared with a ${want === 'number' ? 'number' : 'text'}, got ${JSON.stringify(v)}`);
    }
  }
}
