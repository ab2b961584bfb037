import { planRecompute, type Plan } from '../core/plan.js';
import { capPatchText, patchLimitProblem } from '../core/cell-limits.js';
import { noMembersReason } from '../core/members.js';
import type { HeaderMapping } from '../core/headers.js';
import type { Locale } from '../core/rules/explain.js';
import { rulesVersion, validateRuleSets } from '../core/rules/load.js';
import type { RuleProblem, RuleSet } from '../core/rules/types.js';
import { summaryText } from '../core/summary.js';
import { tierMembers } from '../core/tiering.js';
import { civilDayOfInstant, formatInstant } from '../core/time.js';
import type { WorkbookPort } from '../ports/port.js';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from './default-rules.js';
import { FencengError } from './errors.js';
import { readMembersTable } from './members-table.js';
import { activeRules } from './rule-store.js';
import { readRunContext } from './run-context.js';
import type { AdminsConfig } from '../core/admins/config.js';
import { DEFAULT_ADMINS_CONFIG } from './default-rules.js';
import type { OpsConfig } from '../core/ops/config.js';
import type { OperationsResult } from '../core/ops/plan-operations.js';
import { addTasksToAdminSheets, runOperations } from './operations.js';

export interface RecomputeOptions {
  now: Date;
  timeZone: string;
  locale: Locale;
  dryRun?: boolean;
  ruleSets?: RuleSet[];
  mapping?: HeaderMapping;
  /** Default admin capacities (rules/admins.json). */
  adminsConfig?: AdminsConfig;
  onProgress?: (done: number, total: number) => void;
  /** Content, interaction and incentive data (rules/plans/); the bundled files when absent. */
  operations?: OpsConfig;
  /** The members sheet by name (`--sheet`); else found by its headers. */
  sheet?: string;
}

export interface RecomputeResult extends Plan {
  /** Chinese-first, one-glance text of the summary (several lines). */
  text: string;
  /** When no rules were given: the workbook's saved version used (null = defaults) and problems found in its rule store. */
  savedRules?: { version: number | null; problems: string[] };
  /** Plans, points, leaderboards, honors and the dashboard's figures. */
  operations: OperationsResult;
}

/**
 * The one pass: read → parse → evaluate → plan → apply. Nothing is written
 * unless every step before apply succeeded; a dry run stops before apply.
 */
export async function recompute(port: WorkbookPort, options: RecomputeOptions): Promise<RecomputeResult> {
  // No rules given: those saved in the workbook's rule store (its last valid version), else the defaults.
  const saved = options.ruleSets ? undefined : activeRules(port);
  const ruleSets = options.ruleSets ?? saved?.ruleSets ?? DEFAULT_RULE_SETS;
  const problems = validateRuleSets(ruleSets.map((s) => ({ source: s.id, json: s })));
  if (problems.length) throw rulesError(problems);

  const names = port.sheetNames();
  const mapping = options.mapping ?? saved?.mapping ?? DEFAULT_HEADER_MAPPING;
  const table = readMembersTable(port, names, mapping, options.sheet);

  const today = civilDayOfInstant(options.now, options.timeZone);
  // Points and honors (`collect`) are evaluated by the operations stage, after tiering.
  const tierSets = ruleSets.filter((s) => s.hitPolicy === 'first');
  const tiered = await tierMembers({ table, ruleSets: tierSets, mapping, today, locale: options.locale, onProgress: options.onProgress });
  const nobody = noMembersReason(table, tiered.parsed);
  if (nobody) throw new FencengError('no-members', `没有可分层的成员，未写入任何内容。${nobody.zh} / No members to tier, nothing written. ${nobody.en}`);
  const plan = planRecompute({
    table,
    sheetNames: names,
    tiered,
    ruleSets: tierSets,
    locale: options.locale,
    rulesVersion: rulesVersion(ruleSets),
    computedAt: formatInstant(options.now, options.timeZone),
    timeZone: options.timeZone,
    dryRun: !!options.dryRun,
    today,
    ...readRunContext(port, names),
    adminsConfig: options.adminsConfig ?? DEFAULT_ADMINS_CONFIG,
  });
  const effective = plan.effective ?? tiered;
  const operations = await runOperations({
    port,
    locale: options.locale,
    today,
    computedAt: plan.summary.computedAt,
    timeZone: options.timeZone,
    sheetNames: names,
    members: { table, rows: effective.parsed.rows, placements: effective.placements },
    ruleSets,
    patch: plan.patch,
    moves: plan.summary.moves,
    movedMembers: plan.summary.movedMembers,
    config: options.operations,
  });
  plan.patch.sheets.push(...operations.sheets);
  addTasksToAdminSheets(plan.patch, plan.adminFiles, operations);
  capPatchText(plan.patch);
  const tooLarge = patchLimitProblem(plan.patch);
  if (tooLarge) throw new FencengError('too-large', `未写入任何内容：${tooLarge.zh} / Nothing written: ${tooLarge.en}`);
  if (!options.dryRun) await port.apply(plan.patch);
  const savedRules = saved && { version: saved.version?.version ?? null, problems: saved.store.problems.map((p) => `第 ${p.row} 行 / row ${p.row}: ${p.message}`) };
  const warning = savedRules?.problems.length ? `\n规则存储有 ${savedRules.problems.length} 处损坏，已使用最后一个有效版本 / ${savedRules.problems.length} damaged rule store rows; the last valid version was used` : '';
  return { ...plan, text: `${summaryText(plan.summary, options.locale)}\n${operations.text}${warning}`, operations, ...(savedRules ? { savedRules } : {}) };
}

export function rulesError(problems: RuleProblem[]): FencengError {
  const lines = problems.map((p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
  return new FencengError('invalid-rules', `规则有误，未写入任何内容 / Invalid rules, nothing written:\n${lines.join('\n')}`, problems);
}
