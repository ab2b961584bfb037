import { say, type Locale } from '../base/locale.js';
import type { CellValue } from '../base/table.js';
import { formatCivilDay } from '../base/time.js';
import { readActivityHistory, type ActivityHistory } from '../dynamics/activity-history.js';
import { findChurn, type ChurnSignal, type MemberWarning } from '../dynamics/churn.js';
import type { Decision } from '../dynamics/grace.js';
import { ALL_FACTS, isFactId } from '../facts/facts.js';
import { dateCell } from '../plans/calendar.js';
import type { AdminTask } from '../plans/tasks.js';
import { formatNumber } from '../rules/compile-explain.js';
import { progressToNextTier } from '../rules/explain.js';
import { tierLabel } from '../rules/tier-label.js';
import type { RuleSet } from '../rules/types.js';
import type { TieredMembers } from '../tiering/tiering.js';
import { ACTIVITY } from './plan-input.js';

/** 流失预警 planned: its sheet's rows, one task per warned member for their admin, and the history to store. */
export interface PlannedChurn {
  warnings: MemberWarning[];
  histories: Map<string, ActivityHistory>;
  /** Header and one line per warned member, most urgent first. */
  rows: CellValue[][];
  /** Admin ('' = not yet assigned) → this week's 流失预警 tasks. */
  tasks: Map<string, AdminTask[]>;
}

export interface ChurnPlanInput {
  /** The `first` rule sets. */
  ruleSets: RuleSet[];
  /** The rules' own verdicts (before grace periods and locks): what keeps a member is read from them. */
  ruled: TieredMembers;
  /** Placements as written. */
  effective: TieredMembers;
  decisions: ReadonlyMap<number, Record<string, Decision>>;
  /** `_fenceng_state` as read. */
  state?: Parameters<typeof readActivityHistory>[0];
  adminOf?: ReadonlyMap<string, string>;
  today: number;
  locale: Locale;
}

export function planChurn(input: ChurnPlanInput): PlannedChurn {
  const { locale, today } = input;
  const sets = new Map(input.ruleSets.map((s) => [s.id, s]));
  const { warnings, histories } = findChurn({
    ruleSets: input.ruleSets,
    rows: input.effective.parsed.rows,
    tierOf: (row, set) => input.effective.placements.get(row)?.[set]?.tier,
    decisions: input.decisions,
    hasColumn: (fact) => (input.effective.parsed.columns.columns as Record<string, number | undefined>)[fact] !== undefined,
    previous: readActivityHistory(input.state),
    today,
  });
  const rows: CellValue[][] = [header(input.ruleSets, locale)];
  const tasks = new Map<string, AdminTask[]>();
  for (const w of warnings) {
    const placed = input.effective.placements.get(w.row.index) ?? {};
    const nickname = typeof w.row.facts.nickname === 'string' ? w.row.facts.nickname : '';
    const id = w.row.memberIdText ?? w.memberId;
    const admin = input.adminOf?.get(w.memberId) ?? '';
    const reason = w.signals.map((s) => reasonOf(s, sets.get(s.ruleSet)!, locale)).join(say(locale, '；', '; '));
    const keep = keepOf(w, input, sets).join(say(locale, '；', '; '));
    rows.push([id, nickname, admin, ...input.ruleSets.map((s) => tierLabel(s, placed[s.id]?.tier ?? '', locale)), reason, dateCell(w.since), keep]);
    const list = tasks.get(admin) ?? [];
    list.push({ day: today, kind: 'retention', tier: placed[ACTIVITY]?.tier ?? '', what: `${nickname ? say(locale, `${nickname}（${id}）`, `${nickname} (${id})`) : id}${say(locale, '：', ': ')}${reason}${keep ? say(locale, `；${keep}`, `; ${keep}`) : ''}`, channel: '', link: '' });
    tasks.set(admin, list);
  }
  if (warnings.length === 0) rows.push([say(locale, '目前没有需要关注的成员', 'No member needs attention now')]);
  return { warnings, histories, rows, tasks };
}

function header(sets: RuleSet[], locale: Locale): string[] {
  return [
    say(locale, '成员ID', 'Member ID'),
    say(locale, '昵称', 'Nickname'),
    say(locale, '负责管理员', 'Admin'),
    ...sets.map((s) => s.label[locale]),
    say(locale, '预警原因', 'Why'),
    say(locale, '开始日期', 'Since'),
    say(locale, '保级条件', 'To keep the tier'),
  ];
}

/** `活跃层级宽限期至 2026-12-10 结束（还剩 3 天），规则已判为潜力成员` / `近30天互动 从平均 40 降到 12（−70%，近 3 次运行）`. */
function reasonOf(s: ChurnSignal, set: RuleSet, locale: Locale): string {
  if (s.kind === 'grace') {
    const rules = tierLabel(set, s.ruleTier, locale);
    return say(
      locale,
      `${set.label.zh}宽限期至 ${formatCivilDay(s.ends)} 结束（还剩 ${s.daysLeft} 天），规则已判为${rules}`,
      `${set.label.en} grace period ends ${formatCivilDay(s.ends)} (${s.daysLeft} ${s.daysLeft === 1 ? 'day' : 'days'} left); the rules now give ${rules}`,
    );
  }
  const fact = isFactId(s.fact) ? ALL_FACTS[s.fact][locale] : s.fact;
  const pct = Math.round(s.drop * 100);
  const [from, to] = [formatNumber(s.baseline), formatNumber(s.now)];
  return say(
    locale,
    `${fact}从平均 ${from} 降到 ${to}（−${pct}%，近 ${s.runs} 次运行）`,
    `${fact} fell from an average of ${from} to ${to} (−${pct}%, last ${s.runs} ${s.runs === 1 ? 'run' : 'runs'})`,
  );
}

/**
 * What keeps the member in their tier, once per rule set: in a grace period,
 * what is missing to be placed there again (距下一层级's words, toward the
 * tier held); otherwise the conditions that place them there now.
 */
function keepOf(w: MemberWarning, input: ChurnPlanInput, sets: Map<string, RuleSet>): string[] {
  const { locale, today } = input;
  const out: string[] = [];
  const done = new Set<string>();
  const ruled = input.ruled.placements.get(w.row.index) ?? {};
  for (const s of w.signals) {
    if (done.has(s.ruleSet)) continue;
    const set = sets.get(s.ruleSet)!;
    const p = ruled[s.ruleSet];
    if (!p) continue;
    const grace = w.signals.find((x) => x.ruleSet === s.ruleSet && x.kind === 'grace');
    const target = grace?.tier ?? s.tier;
    done.add(s.ruleSet);
    const label = tierLabel(set, target, locale);
    if (p.tier === target) {
      const head = say(locale, `${label}：`, `${label}: `);
      const held = p.explanation.startsWith(head) ? p.explanation.slice(head.length) : p.explanation;
      out.push(say(locale, `保持${label}需继续满足：${held}`, `Stays ${label} while: ${held}`));
      continue;
    }
    // Held above what the rules give (grace period, low-water mark): 距下一层级 from just below the tier held, i.e. the gap toward it.
    const at = set.tiers.findIndex((t) => t.id === target);
    const below = set.tiers[at + 1]?.id;
    const evaluation = at >= 0 && below ? input.ruled.evaluation(w.row, s.ruleSet) : undefined;
    if (evaluation) out.push(progressToNextTier(set, { ...evaluation, tier: below! }, today, locale));
  }
  return out;
}
