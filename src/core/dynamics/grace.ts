import type { TierState } from './state.js';

/**
 * One member, one rule set, one run: which tier takes effect.
 *
 *  - A lock that holds today wins; rules never move a locked member.
 *  - No previous tier: the rules' tier (a first placement).
 *  - Same tier or higher: takes effect at once (promotion).
 *  - Lower: the member stays where they were until they have been below it
 *    for `graceDays` days in a row (counted from the first run that saw them
 *    below); then the rules' tier takes effect. Going back up meanwhile
 *    cancels the countdown. `graceDays` 0 demotes at once.
 *  - With a low-water mark, a member the relaxed thresholds still place no
 *    lower than their tier keeps it outright (no countdown starts).
 *  - When the operator changed the rule set since the last run, its tiers
 *    take effect at once, as previewed: the grace period is for members'
 *    ups and downs, not for the operator's own decisions.
 */
export type Decision =
  | { kind: 'first'; tier: string }
  | { kind: 'same'; tier: string }
  | { kind: 'promoted'; from: string; tier: string }
  | { kind: 'held'; tier: string; ruleTier: string; since: number; daysLeft: number }
  | { kind: 'kept'; tier: string; ruleTier: string }
  | { kind: 'demoted'; from: string; tier: string; graceDays: number; rulesChanged?: boolean }
  | { kind: 'locked'; tier: string; from?: string };

export interface DecideInput {
  ruleTier: string;
  previous?: TierState;
  /** Tier pinned by a lock that holds today. */
  lockedTier?: string;
  today: number;
  graceDays: number;
  /** The rule set differs from the one the previous tier came from. */
  rulesChanged?: boolean;
  /** Tier ids, highest first. */
  order: string[];
  /** With a low-water mark: the tier the relaxed thresholds give. */
  keepTier?: string;
}

export function decide(input: DecideInput): { decision: Decision; next: TierState } {
  const { ruleTier, previous, today } = input;
  if (input.lockedTier !== undefined) {
    const tier = input.lockedTier;
    return { decision: { kind: 'locked', tier, from: previous?.tier }, next: { tier } };
  }
  if (!previous) return { decision: { kind: 'first', tier: ruleTier }, next: { tier: ruleTier } };
  const rank = (t: string) => {
    const i = input.order.indexOf(t);
    return i < 0 ? input.order.length : i;
  };
  if (rank(ruleTier) <= rank(previous.tier)) {
    const decision: Decision = ruleTier === previous.tier ? { kind: 'same', tier: ruleTier } : { kind: 'promoted', from: previous.tier, tier: ruleTier };
    return { decision, next: { tier: ruleTier } };
  }
  // A previous tier the rules no longer know (renamed tiers) cannot be held on to.
  if (input.rulesChanged) return { decision: { kind: 'demoted', from: previous.tier, tier: ruleTier, graceDays: 0, rulesChanged: true }, next: { tier: ruleTier } };
  if (!input.order.includes(previous.tier)) return { decision: { kind: 'demoted', from: previous.tier, tier: ruleTier, graceDays: 0 }, next: { tier: ruleTier } };
  if (input.keepTier !== undefined && rank(input.keepTier) <= rank(previous.tier)) {
    return { decision: { kind: 'kept', tier: previous.tier, ruleTier }, next: { tier: previous.tier } };
  }
  const since = Math.min(previous.belowSince ?? today, today);
  const daysBelow = today - since;
  if (daysBelow >= input.graceDays) {
    return { decision: { kind: 'demoted', from: previous.tier, tier: ruleTier, graceDays: input.graceDays }, next: { tier: ruleTier } };
  }
  return {
    decision: { kind: 'held', tier: previous.tier, ruleTier, since, daysLeft: input.graceDays - daysBelow },
    next: { tier: previous.tier, belowSince: since },
  };
}
