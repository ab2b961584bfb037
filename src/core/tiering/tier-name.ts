import type { Locale } from '../rules/explain.js';
import type { RuleSet } from '../rules/types.js';

/** A tier's name in the locale; an id the rule set no longer has shows as itself. */
export function tierName(set: RuleSet, id: string, locale: Locale): string {
  return set.tiers.find((t) => t.id === id)?.[locale] ?? id;
}
