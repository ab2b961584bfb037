import type { FactValues } from '../facts/facts.js';

/**
 * Contribution score for leaderboards and invite lists: the sum of 30-day
 * counts times their weight (rules/plans/incentives.json), rounded. Missing
 * counts add nothing.
 */
export function contributionScore(facts: FactValues, weights: Record<string, number>): number {
  let sum = 0;
  for (const [fact, w] of Object.entries(weights)) {
    const v = facts[fact as keyof FactValues];
    if (typeof v === 'number' && Number.isFinite(v)) sum += v * w;
  }
  return Math.round(sum);
}
