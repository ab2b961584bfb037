import type { AdminsConfig } from '../core/admins/config.js';
import type { Locale } from '../core/base/locale.js';
import { civilDayOfInstant, formatInstant } from '../core/base/time.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import type { OpsConfig } from '../core/plans/config.js';
import { rulesVersion, validateRuleSets } from '../core/rules/load.js';
import type { RuleProblem, RuleSet } from '../core/rules/types.js';
import { planRun, type RunPlan } from '../core/run/plan-run.js';
import { summaryText } from '../core/run/summary.js';
import type { WorkbookPort } from '../ports/port.js';
import { checkOperations } from './check-operations.js';
import { DEFAULT_ADMINS_CONFIG, DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from './default-rules.js';
import { FencengError } from './errors.js';
import { readRunSheets } from './read-run-input.js';
import { activeRules, type ActiveRules } from './rule-store.js';

export interface RecomputeOptions {
  now: Date;
  timeZone: string;
  locale: Locale;
  dryRun?: boolean;
  ruleSets?: RuleSet[];
  mapping?: HeaderMapping;
  /** The workbook's saved rules when the caller has read them already (used when `ruleSets` is absent). */
  saved?: ActiveRules;
  /** Default admin capacities (rules/admins.json). */
  adminsConfig?: AdminsConfig;
  onProgress?: (done: number, total: number) => void;
  /** Content, interaction and incentive data (rules/plans/); the bundled files when absent. */
  operations?: OpsConfig;
}

export interface RecomputeResult extends RunPlan {
  /** Chinese-first, one-glance text of the summary (several lines). */
  text: string;
  /** When no rules were given: the workbook's saved version used (null = defaults) and problems found in its rule store. */
  savedRules?: { version: number | null; problems: string[] };
}

/**
 * The one pass: read every sheet once → plan (parse, evaluate, settle,
 * operations) → apply. Nothing is written unless every step before apply
 * succeeded; a dry run stops before apply.
 */
export async function recompute(port: WorkbookPort, options: RecomputeOptions): Promise<RecomputeResult> {
  // No rules given: those saved in the workbook's rule store (its last valid version), else the defaults.
  const saved = options.ruleSets ? undefined : (options.saved ?? activeRules(port));
  const ruleSets = options.ruleSets ?? saved?.ruleSets ?? DEFAULT_RULE_SETS;
  const problems = validateRuleSets(ruleSets.map((s) => ({ source: s.id, json: s })));
  if (problems.length) throw rulesError(problems);

  const sheets = readRunSheets(port);
  const plan = await planRun({
    sheets,
    ruleSets,
    mapping: options.mapping ?? saved?.mapping ?? DEFAULT_HEADER_MAPPING,
    locale: options.locale,
    today: civilDayOfInstant(options.now, options.timeZone),
    computedAt: formatInstant(options.now, options.timeZone),
    timeZone: options.timeZone,
    rulesVersion: rulesVersion(ruleSets),
    dryRun: !!options.dryRun,
    adminsConfig: options.adminsConfig ?? DEFAULT_ADMINS_CONFIG,
    operations: checkOperations(ruleSets, options.operations),
    onProgress: options.onProgress,
  });
  if (!options.dryRun) await port.apply(plan.patch);
  const savedRules = saved && { version: saved.version?.version ?? null, problems: saved.store.problems.map((p) => `第 ${p.row} 行 / row ${p.row}: ${p.message}`) };
  const warning = savedRules?.problems.length ? `\n规则存储有 ${savedRules.problems.length} 处损坏，已使用最后一个有效版本 / ${savedRules.problems.length} damaged rule store rows; the last valid version was used` : '';
  return { ...plan, text: `${summaryText(plan.summary, options.locale)}\n${plan.operations.text}${warning}`, ...(savedRules ? { savedRules } : {}) };
}

export function rulesError(problems: RuleProblem[]): FencengError {
  const lines = problems.map((p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
  return new FencengError('invalid-rules', `规则有误，未写入任何内容 / Invalid rules, nothing written:\n${lines.join('\n')}`, problems);
}
