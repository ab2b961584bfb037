import { civilDay } from '../base/time.js';
import { ALL_FACTS, isFactId } from '../facts/facts.js';
import type { RuleProblem } from '../rules/types.js';
import { WEEKDAYS, type Weekday } from './calendar.js';
import { OPS_CONFIG_FILES, type OpsConfig } from './config.js';

export interface KnownTiers {
  activity: string[];
  contribution: string[];
}

type Add = (path: string, zh: string, en: string) => void;

/** The tier ids the files may name, as sets. */
interface Known {
  activity: Set<string>;
  contribution: Set<string>;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isText = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';
const isWhole = (x: unknown, min: number, max: number): x is number => Number.isInteger(x) && (x as number) >= min && (x as number) <= max;

/**
 * Every problem in the plan and incentive data files; empty when they can be
 * used. One step per file, in the order of OPS_CONFIG_FILES.
 */
export function validateOpsConfig(config: unknown, tiers: KnownTiers): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const c = (isObj(config) ? config : {}) as Partial<Record<keyof OpsConfig, unknown>>;
  const adder = (file: string): Add => (path, zh, en) => problems.push({ ruleSet: file, rule: '', path, message: `${zh} / ${en}` });
  const known: Known = { activity: new Set(tiers.activity), contribution: new Set(tiers.contribution) };
  checkContent(c.content, adder(OPS_CONFIG_FILES.content), known);
  checkInteractions(c.interactions, adder(OPS_CONFIG_FILES.interactions), known);
  checkFestivals(c.festivals, adder(OPS_CONFIG_FILES.festivals));
  checkCalendar(c.calendar, adder(OPS_CONFIG_FILES.calendar));
  checkIncentives(c.incentives, adder(OPS_CONFIG_FILES.incentives));
  return problems;
}

/** plans/content.json: content types and cadence. */
function checkContent(x: unknown, add: Add, known: Known): void {
  if (!isObj(x)) add('', '缺少或不是 JSON 对象', 'Missing or not a JSON object');
  else {
    const ids = new Set<string>();
    if (!Array.isArray(x.types) || x.types.length === 0) add('types', '必须是非空数组', 'must be a non-empty array');
    else
      x.types.forEach((t, i) => {
        checkNamed(add, `types[${i}]`, t, ids);
        if (isObj(t)) {
          checkTierList(add, `types[${i}].tiers`, t.tiers, known.activity);
          if (t.aliases !== undefined && (!Array.isArray(t.aliases) || !t.aliases.every(isText))) add(`types[${i}].aliases`, '必须是文本数组', 'must be an array of names');
        }
      });
    checkPerWeek(add, known.activity, 'perWeek', x.perWeek);
    checkWeekdays(add, 'weekdays', x.weekdays);
  }
}

/** plans/interactions.json: interaction formats, the festival event and conversion events. */
function checkInteractions(x: unknown, add: Add, known: Known): void {
  if (!isObj(x)) add('', '缺少或不是 JSON 对象', 'Missing or not a JSON object');
  else {
    if (!isObj(x.formats)) add('formats', '必须是 { 层级: [形式] }', 'must be { tier: [formats] }');
    else
      for (const [t, list] of Object.entries(x.formats)) {
        if (!known.activity.has(t)) add(`formats.${t}`, `未知层级「${t}」`, `Unknown tier "${t}"`);
        const ids = new Set<string>();
        if (!Array.isArray(list)) add(`formats.${t}`, '必须是数组', 'must be an array');
        else list.forEach((f, i) => checkNamed(add, `formats.${t}[${i}]`, f, ids));
      }
    if (!isObj(x.festival) || !isText(x.festival.zh) || !isText(x.festival.en)) add('festival', '必须是 { zh, en, tiers }', 'must be { zh, en, tiers }');
    else checkTierList(add, 'festival.tiers', x.festival.tiers, known.activity);
    checkPerWeek(add, known.activity, 'perWeek', x.perWeek);
    checkWeekdays(add, 'weekdays', x.weekdays);
    const ids = new Set<string>();
    if (!Array.isArray(x.conversion)) add('conversion', '必须是数组', 'must be an array');
    else
      x.conversion.forEach((e, i) => {
        const at = `conversion[${i}]`;
        checkNamed(add, at, e, ids);
        if (!isObj(e)) return;
        if (typeof e.tier !== 'string' || !known.activity.has(e.tier)) add(`${at}.tier`, `未知层级「${String(e.tier)}」`, `Unknown tier "${String(e.tier)}"`);
        if (!isWhole(e.everyWeeks, 1, 52)) add(`${at}.everyWeeks`, '必须是 1 到 52 的整数', 'must be a whole number from 1 to 52');
        if (!WEEKDAYS.includes(e.weekday as Weekday)) add(`${at}.weekday`, `未知星期「${String(e.weekday)}」`, `Unknown weekday "${String(e.weekday)}"`);
        if (!isWhole(e.inviteCap, 1, 100_000)) add(`${at}.inviteCap`, '邀请人数上限必须是正整数', 'inviteCap must be a positive whole number');
        if (!isObj(e.audience)) add(`${at}.audience`, '必须是 { activity: [...], contribution: [...] }', 'must be { activity: [...], contribution: [...] }');
        else {
          if (e.audience.activity !== undefined) checkTierList(add, `${at}.audience.activity`, e.audience.activity, known.activity);
          if (e.audience.contribution !== undefined) checkTierList(add, `${at}.audience.contribution`, e.audience.contribution, known.contribution);
        }
      });
  }
}

/** plans/festivals.json: festival dates. */
function checkFestivals(x: unknown, add: Add): void {
  if (!isObj(x) || !Array.isArray(x.festivals)) add('festivals', '必须是数组', 'must be an array');
  else {
    const ids = new Set<string>();
    x.festivals.forEach((f, i) => {
      checkNamed(add, `festivals[${i}]`, f, ids);
      if (!isObj(f)) return;
      if (!Array.isArray(f.dates)) return add(`festivals[${i}].dates`, '必须是日期数组', 'must be an array of dates');
      f.dates.forEach((d, j) => {
        const m = typeof d === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(d) : null;
        if (!m || civilDay(+m[1], +m[2], +m[3]) === undefined) add(`festivals[${i}].dates[${j}]`, `不是有效日期（YYYY-MM-DD）：${JSON.stringify(d)}`, `Not a valid date (YYYY-MM-DD): ${JSON.stringify(d)}`);
      });
    });
  }
}

/** plans/calendar.json: the planning window. */
function checkCalendar(x: unknown, add: Add): void {
  if (!isObj(x) || !isWhole(x.weeks, 1, 26)) add('weeks', '计划周数必须是 1 到 26 的整数', 'weeks must be a whole number from 1 to 26');
}

/** plans/incentives.json: leaderboards and contribution weights. */
function checkIncentives(x: unknown, add: Add): void {
  if (!isObj(x)) add('', '缺少或不是 JSON 对象', 'Missing or not a JSON object');
  else {
    if (!isWhole(x.leaderboardSize, 1, 1000)) add('leaderboardSize', '排行榜人数必须是 1 到 1000 的整数', 'leaderboardSize must be a whole number from 1 to 1000');
    if (!isObj(x.contributionWeights)) add('contributionWeights', '必须是 { 字段: 权重 }', 'must be { fact: weight }');
    else
      for (const [f, wgt] of Object.entries(x.contributionWeights)) {
        if (!isFactId(f) || ALL_FACTS[f].type !== 'number') add(`contributionWeights.${f}`, `「${f}」不是数值字段`, `"${f}" is not a numeric fact`);
        else if (typeof wgt !== 'number' || !Number.isFinite(wgt) || wgt < 0) add(`contributionWeights.${f}`, '权重必须是非负数', 'A weight must be a number ≥ 0');
      }
  }
}

function checkTierList(add: Add, path: string, list: unknown, known: Set<string>): void {
  if (!Array.isArray(list)) return add(path, '必须是层级 id 数组', 'must be an array of tier ids');
  list.forEach((t, i) => {
    if (typeof t !== 'string' || !known.has(t)) add(`${path}[${i}]`, `未知层级「${String(t)}」（可用：${[...known].join('、')}）`, `Unknown tier "${String(t)}" (known: ${[...known].join(', ')})`);
  });
}

function checkPerWeek(add: Add, activity: Set<string>, path: string, x: unknown): void {
  if (!isObj(x)) return add(path, '必须是 { 层级: 每周次数 }', 'must be { tier: times per week }');
  for (const [t, n] of Object.entries(x)) {
    if (!activity.has(t)) add(`${path}.${t}`, `未知层级「${t}」`, `Unknown tier "${t}"`);
    else if (!isWhole(n, 0, 7)) add(`${path}.${t}`, `每周次数必须是 0 到 7 的整数（每天最多一次），现为 ${JSON.stringify(n)}`, `Times per week must be a whole number from 0 to 7 (one a day at most), got ${JSON.stringify(n)}`);
  }
}

function checkWeekdays(add: Add, path: string, x: unknown): void {
  if (!Array.isArray(x) || x.length === 0) return add(path, `必须是星期数组（${WEEKDAYS.join(', ')}）`, `must be an array of weekdays (${WEEKDAYS.join(', ')})`);
  x.forEach((d, i) => {
    if (!WEEKDAYS.includes(d as Weekday)) add(`${path}[${i}]`, `未知星期「${String(d)}」`, `Unknown weekday "${String(d)}"`);
  });
}

/** An `{ id, zh, en }` entry whose id is new among `ids`. */
function checkNamed(add: Add, path: string, x: unknown, ids: Set<string>): void {
  if (!isObj(x)) return add(path, '必须是对象 { id, zh, en }', 'must be an object { id, zh, en }');
  if (!isText(x.id)) add(`${path}.id`, '缺少 id', 'Missing id');
  else if (ids.has(x.id)) add(`${path}.id`, `id「${x.id}」重复`, `Duplicate id "${x.id}"`);
  else ids.add(x.id);
  if (!isText(x.zh) || !isText(x.en)) add(path, '缺少中文名 zh 或英文名 en', 'Missing zh or en name');
}
