import type { DynamicsResult } from '../dynamics/apply-dynamics.js';
import { ACTIVITY } from './plan-input.js';
import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { Move } from '../dynamics/history.js';
import type { TieredMembers } from '../tiering/tiering.js';
import { tierLabel } from '../rules/tier-label.js';

export interface ActivityMoves {
  /** Activity-tier moves since last run, most members first. */
  moves: Move[];
  movedMembers: number;
  /** Members with no activity tier before this run. */
  newMembers: number;
}

/** Who moved between activity tiers since last run, as the dynamics decided (grace periods and locks included). */
export function activityMoves(tiered: TieredMembers, decisions: DynamicsResult['decisions'], activitySet: RuleSet | undefined, locale: Locale): ActivityMoves {
  const moves = new Map<string, Move>();
  let movedMembers = 0;
  let newMembers = 0;
  for (const row of tiered.parsed.rows) {
    const act = tiered.placements.get(row.index)?.[ACTIVITY];
    const decision = activitySet ? decisions.get(row.index)?.[activitySet.id] : undefined;
    if (!act?.tier || !activitySet || !decision) continue;
    const before = decision.kind === 'first' ? undefined : decision.kind === 'same' ? act.tier : decision.kind === 'held' ? act.tier : decision.from;
    if (!before) newMembers++;
    else if (before !== act.tier) {
      movedMembers++;
      const key = `${before}>${act.tier}`;
      const m = moves.get(key) ?? { from: tierLabel(activitySet, before, locale), to: tierLabel(activitySet, act.tier, locale), count: 0 };
      m.count++;
      moves.set(key, m);
    }
  }
  return { moves: [...moves.values()].sort((a, b) => b.count - a.count), movedMembers, newMembers };
}
