import type { AdminsConfig } from '../core/admins/config.js';
import { count, type Locale } from '../core/base/locale.js';
import { civilDayOfInstant, formatInstant } from '../core/base/time.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import type { OpsConfig } from '../core/plans/config.js';
import { capPatchText, patchLimitProblem } from '../core/base/cell-limits.js';
import { noMembersReason } from '../core/facts/members.js';
import { rulesVersion, validateRuleSets } from '../core/rules/load.js';
import type { RuleProblem, RuleSet } from '../core/rules/types.js';
import { COMPILED_ENGINE, runWithReferenceEngine, type EngineName } from '../core/rules/rule-engine.js';
import { planRun, type RunInput, type RunPlan } from '../core/run/plan-run.js';
import { summaryText } from '../core/run/summary.js';
import type { WorkbookPort } from '../ports/port.js';
import { checkOperations } from './check-operations.js';
import { DEFAULT_ADMINS_CONFIG, DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from './default-rules.js';
import { FencengError } from './errors.js';
import { readRunSheets } from './read-run-input.js';
import { andThen, type MaybePromise } from './maybe-async.js';
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
  /** A stage of the pass begins, with its size: for progress lines on long runs. */
  onStage?: (stage: RecomputeStage) => void;
  /** Content, interaction and incentive data (rules/plans/); the bundled files when absent. */
  operations?: OpsConfig;
  /** The members sheet by name (`--sheet`); else found by its headers. */
  sheet?: string;
  /** Rule sets whose change lets demoted members keep their tier for the grace period; by default the saved version's choice. */
  keepForGrace?: readonly string[];
  /** The compiled rules by default; `json-rules-engine` runs the reference engine (asynchronous). */
  engine?: EngineName;
  /** The caller writes a sheet beyond a spreadsheet's grid elsewhere (a CSV run's result, as CSV): no refusal for size. */
  largeSheetsElsewhere?: boolean;
}

export type RecomputeStage = { stage: 'plan'; rows: number } | { stage: 'write'; sheets: number };

export interface RecomputeResult extends RunPlan {
  /** Chinese-first, one-glance text of the summary (several lines). */
  text: string;
  /** When no rules were given: the workbook's saved version used (null = defaults) and problems found in its rule store. */
  savedRules?: { version: number | null; problems: string[] };
}

/**
 * The one pass: read every sheet once → plan (parse, evaluate, settle,
 * operations) → apply. Nothing is written unless every step before apply
 * succeeded; a dry run stops before apply. Synchronous when the port's
 * `apply` is (Sheets, memory) and the compiled rules evaluate; with
 * `engine: 'json-rules-engine'` the reference engine plans the run, which is
 * asynchronous.
 */
export function recompute(port: WorkbookPort, options: RecomputeOptions): MaybePromise<RecomputeResult> {
  const run = prepareRun(port, options);
  if (options.engine === 'json-rules-engine') {
    return runWithReferenceEngine((engine) => planRun({ ...run.input, engine })).then((plan) => finish(port, options, run, plan));
  }
  return finish(port, options, run, planRun({ ...run.input, engine: COMPILED_ENGINE }));
}

/** Rules checked and every sheet read: what the planner needs, before any engine runs. */
function prepareRun(port: WorkbookPort, options: RecomputeOptions): { input: RunInput; saved?: ActiveRules } {
  // No rules given: those saved in the workbook's rule store (its last valid version), else the defaults.
  const saved = options.ruleSets ? undefined : (options.saved ?? activeRules(port));
  const ruleSets = options.ruleSets ?? saved?.ruleSets ?? DEFAULT_RULE_SETS;
  const problems = validateRuleSets(ruleSets.map((s) => ({ source: s.id, json: s })));
  if (problems.length) throw rulesError(problems);

  const mapping = options.mapping ?? saved?.mapping ?? DEFAULT_HEADER_MAPPING;
  const sheets = readRunSheets(port, mapping, options.sheet);
  options.onStage?.({ stage: 'plan', rows: sheets.members.rows.length });
  const input: RunInput = {
    sheets,
    ruleSets,
    mapping,
    locale: options.locale,
    today: civilDayOfInstant(options.now, options.timeZone),
    computedAt: formatInstant(options.now, options.timeZone),
    timeZone: options.timeZone,
    rulesVersion: rulesVersion(ruleSets),
    dryRun: !!options.dryRun,
    adminsConfig: options.adminsConfig ?? DEFAULT_ADMINS_CONFIG,
    operations: checkOperations(ruleSets, options.operations),
    keepForGrace: options.keepForGrace ?? saved?.doc.keepForGrace,
    onProgress: options.onProgress,
  };
  return { input, saved };
}

function finish(port: WorkbookPort, options: RecomputeOptions, { saved }: { saved?: ActiveRules }, plan: RunPlan): MaybePromise<RecomputeResult> {
  const nobody = noMembersReason(plan.members, plan.effective.parsed);
  if (nobody) throw new FencengError('no-members', `没有可分层的成员，未写入任何内容。${nobody.zh} / No members to tier, nothing written. ${nobody.en}`);
  capPatchText(plan.patch);
  const tooLarge = options.largeSheetsElsewhere ? undefined : patchLimitProblem(plan.patch);
  if (tooLarge) throw new FencengError('too-large', `未写入任何内容：${tooLarge.zh} / Nothing written: ${tooLarge.en}`);
  if (!options.dryRun) options.onStage?.({ stage: 'write', sheets: plan.patch.sheets.length });
  return andThen(options.dryRun ? undefined : port.apply(plan.patch), () => {
    const savedRules = saved && { version: saved.version?.version ?? null, problems: saved.store.problems.map((p) => `第 ${p.row} 行 / row ${p.row}: ${p.message}`) };
    const warning = savedRules?.problems.length ? `\n规则存储有 ${count(savedRules.problems.length)} 处损坏，已使用最后一个有效版本 / ${count(savedRules.problems.length)} damaged rule store rows; the last valid version was used` : '';
    return { ...plan, text: `${summaryText(plan.summary, options.locale)}\n${plan.operations.text}${warning}`, ...(savedRules ? { savedRules } : {}) };
  });
}

export function rulesError(problems: RuleProblem[]): FencengError {
  const lines = problems.map((p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
  return new FencengError('invalid-rules', `规则有误，未写入任何内容 / Invalid rules, nothing written:\n${lines.join('\n')}`, problems);
}
