import { planRecompute, type Plan } from '../core/plan.js';
import { membersSheetName } from '../core/owned-sheets.js';
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

export interface RecomputeOptions {
  now: Date;
  timeZone: string;
  locale: Locale;
  dryRun?: boolean;
  ruleSets?: RuleSet[];
  mapping?: HeaderMapping;
  onProgress?: (done: number, total: number) => void;
}

export interface RecomputeResult extends Plan {
  /** Chinese-first, one-glance text of the summary (several lines). */
  text: string;
}

/**
 * The one pass: read → parse → evaluate → plan → apply. Nothing is written
 * unless every step before apply succeeded; a dry run stops before apply.
 */
export async function recompute(port: WorkbookPort, options: RecomputeOptions): Promise<RecomputeResult> {
  const ruleSets = options.ruleSets ?? DEFAULT_RULE_SETS;
  const problems = validateRuleSets(ruleSets.map((s) => ({ source: s.id, json: s })));
  if (problems.length) throw rulesError(problems);

  const names = port.sheetNames();
  const sheet = membersSheetName(names);
  const table = sheet === undefined ? undefined : port.read(sheet);
  if (!table) throw new FencengError('no-members-sheet', '工作簿里没有成员表 / The workbook has no members sheet');

  const today = civilDayOfInstant(options.now, options.timeZone);
  const tiered = await tierMembers({ table, ruleSets, mapping: options.mapping ?? DEFAULT_HEADER_MAPPING, today, locale: options.locale, onProgress: options.onProgress });
  const plan = planRecompute({
    table,
    sheetNames: names,
    tiered,
    ruleSets,
    locale: options.locale,
    rulesVersion: rulesVersion(ruleSets),
    computedAt: formatInstant(options.now, options.timeZone),
    timeZone: options.timeZone,
    dryRun: !!options.dryRun,
  });
  if (!options.dryRun) await port.apply(plan.patch);
  return { ...plan, text: summaryText(plan.summary, options.locale) };
}

export function rulesError(problems: RuleProblem[]): FencengError {
  const lines = problems.map((p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`);
  return new FencengError('invalid-rules', `规则有误，未写入任何内容 / Invalid rules, nothing written:\n${lines.join('\n')}`, problems);
}
