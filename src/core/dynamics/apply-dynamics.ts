import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { Placement, TieredMembers } from '../tiering/tiering.js';
import { decide, type Decision } from './grace.js';
import type { Movement } from './history.js';
import { describeLock, lockActive, type Locks } from './locks.js';
import { formatCivilDay } from '../base/time.js';
import type { RunState, TierState } from './state.js';

/** Days a member stays in a tier after the rules would demote them, unless the rule set says otherwise. */
export const DEFAULT_GRACE_DAYS = 14;

export function graceDaysOf(set: RuleSet): number {
  return set.demotionGraceDays ?? DEFAULT_GRACE_DAYS;
}

export interface DynamicsInput {
  tiered: TieredMembers;
  ruleSets: RuleSet[];
  /** Last run's state; undefined on a workbook Fenceng has no state in. */
  previous?: RunState;
  /**
   * Without a state: the tier each row's managed column showed (ruleSetId →
   * by data row index), so a workbook tiered before this state existed does
   * not see everyone as new.
   */
  shown?: Map<string, Array<string | undefined>>;
  locks: Locks;
  today: number;
  locale: Locale;
  /** ruleSetId → fingerprint of the rule set now (compared with the state's). */
  fingerprints?: Record<string, string>;
  /**
   * Rule sets whose change the operator chose to soften: members the new
   * rules demote keep their tier for the grace period, exactly as members in
   * grace (recorded with the rule version as `keepForGrace`).
   */
  keepForGrace?: readonly string[];
}

export interface DynamicsResult {
  /** The same rows with the tiers that take effect, explanations saying why. */
  tiered: TieredMembers;
  /** ruleSetId → decision, by data row index. */
  decisions: Map<number, Record<string, Decision>>;
  movements: Movement[];
  /** The next state's tiers (members in row order). */
  tiers: RunState['tiers'];
  /** Per rule set: members held in a grace period / pinned by a lock. */
  held: Record<string, number>;
  locked: Record<string, number>;
}

export function applyDynamics(input: DynamicsInput): DynamicsResult {
  const { tiered, locale, today } = input;
  const zh = locale === 'zh';
  const sets = input.ruleSets.filter((s) => s.hitPolicy === 'first');
  const label = (s: RuleSet, id: string) => s.tiers.find((t) => t.id === id)?.[locale] ?? id;
  const placements = new Map<number, Record<string, Placement>>();
  const decisions = new Map<number, Record<string, Decision>>();
  const movements: Movement[] = [];
  const tiers: RunState['tiers'] = new Map(sets.map((s) => [s.id, new Map<string, TierState>()]));
  const held: Record<string, number> = Object.fromEntries(sets.map((s) => [s.id, 0]));
  const locked: Record<string, number> = Object.fromEntries(sets.map((s) => [s.id, 0]));
  const keep = new Set(input.keepForGrace ?? []);

  for (const row of tiered.parsed.rows) {
    const placed = tiered.placements.get(row.index);
    if (!placed || row.memberId === null) continue;
    const lock = input.locks.byRow.get(row.index);
    const out: Record<string, Placement> = { ...placed };
    const byRuleSet: Record<string, Decision> = {};
    for (const set of sets) {
      const p = placed[set.id];
      if (!p?.tier) continue;
      const previous: TierState | undefined = input.previous
        ? input.previous.tiers.get(set.id)?.get(row.memberId)
        : ((t) => (t ? { tier: t } : undefined))(input.shown?.get(set.id)?.[row.index]);
      const pinned = lock?.tiers[set.id];
      const active = pinned !== undefined && lockActive(lock!, today);
      const before = input.previous?.ruleSets.get(set.id);
      const changed = before !== undefined && input.fingerprints?.[set.id] !== undefined && before !== input.fingerprints[set.id];
      // Kept for grace: the change counts as the members' own ups and downs, so the countdown starts (or goes on) as usual.
      const rulesChanged = changed && !keep.has(set.id);
      const { decision, next } = decide({ ruleTier: p.tier, previous, lockedTier: active ? pinned : undefined, today, graceDays: graceDaysOf(set), rulesChanged, order: set.tiers.map((t) => t.id), keepTier: p.lowWater?.tier });
      tiers.get(set.id)!.set(row.memberId, next);
      byRuleSet[set.id] = decision;

      let explanation = p.explanation;
      const rulesSay = zh ? `规则结果 ${p.explanation}` : `rules say ${p.explanation}`;
      if (decision.kind === 'held') {
        held[set.id]++;
        explanation = zh
          ? `${label(set, decision.tier)}（宽限期：还剩 ${decision.daysLeft} 天）；${rulesSay}`
          : `${label(set, decision.tier)} (grace period: ${decision.daysLeft} ${decision.daysLeft === 1 ? 'day' : 'days'} left); ${rulesSay}`;
      } else if (decision.kind === 'kept') {
        const share = Math.round((set.lowWaterMark ?? 1) * 100);
        const why = p.lowWater!.explanation.replace(/^[^：:]*[：:]\s*/, '');
        explanation = zh
          ? `${label(set, decision.tier)}（低水位：仍达到门槛的 ${share}%：${why}）；${rulesSay}`
          : `${label(set, decision.tier)} (low-water mark: still at ${share}% of the thresholds: ${why}); ${rulesSay}`;
      } else if (decision.kind === 'locked') {
        locked[set.id]++;
        explanation = `${label(set, decision.tier)}${zh ? `（${describeLock(lock!, locale)}）；` : ` (${describeLock(lock!, locale)}); `}${rulesSay}`;
      } else if (pinned !== undefined && lock?.until !== undefined) {
        explanation += zh ? `（锁定已于 ${formatCivilDay(lock.until)} 到期）` : ` (lock ended ${formatCivilDay(lock.until)})`;
      }
      out[set.id] = { ...p, tier: decision.tier, explanation };

      const move = (from: string | undefined, reason: string) =>
        movements.push({ memberId: row.memberId!, memberIdText: row.memberIdText, nickname: typeof row.facts.nickname === 'string' ? row.facts.nickname : null, ruleSet: set.id, from, to: decision.tier, reason });
      // A first placement is not a move: 分层变动 would otherwise get a row per member on the first run (the overview counts them).
      if (decision.kind === 'promoted') move(decision.from, zh ? `升级：${p.explanation}` : `Promoted: ${p.explanation}`);
      else if (decision.kind === 'demoted') {
        const after = decision.rulesChanged
          ? zh ? '规则已修改，降级立即生效：' : 'Rules changed, demoted at once: '
          : decision.graceDays > 0
            ? zh ? `宽限期 ${decision.graceDays} 天已满，降级：` : `Demoted after the ${decision.graceDays}-day grace period: `
            : zh ? '降级：' : 'Demoted: ';
        move(decision.from, after + p.explanation);
      } else if (decision.kind === 'locked' && decision.from !== undefined && decision.from !== decision.tier) {
        // A lock on a member with no tier before is their first placement, not a move.
        move(decision.from, zh ? `运营锁定：${describeLock(lock!, locale)}` : `Locked by the operator: ${describeLock(lock!, locale)}`);
      }
    }
    placements.set(row.index, out);
    decisions.set(row.index, byRuleSet);
  }
  return { tiered: { parsed: tiered.parsed, placements, evaluation: tiered.evaluation }, decisions, movements, tiers, held, locked };
}
