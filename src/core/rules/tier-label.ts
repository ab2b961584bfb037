import type { Locale } from '../base/locale.js';
import type { RuleSet } from './types.js';

/** A tier's name in the locale; an id the rule set no longer has shows as itself. */
export function tierLabel(ruleSet: RuleSet, tierId: string, locale: Locale): string {
  const tier = ruleSet.tiers.find((t) => t.id === tierId);
  return tier ? tier[locale] : tierId;
}
