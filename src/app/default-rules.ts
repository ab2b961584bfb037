import activity from '../../rules/activity.json' with { type: 'json' };
import contribution from '../../rules/contribution.json' with { type: 'json' };
import headers from '../../rules/headers.json' with { type: 'json' };
import admins from '../../rules/admins.json' with { type: 'json' };
import type { AdminsConfig } from '../core/admins/config.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import type { RuleSet } from '../core/rules/types.js';

/**
 * The rule sets and header mapping shipped in rules/, bundled into the
 * Apps Script build and used by the CLI when no --rules folder is given.
 */
export const DEFAULT_RULE_SETS = [activity, contribution] as unknown as RuleSet[];
export const DEFAULT_RULE_SOURCES = [
  { source: 'activity.json', json: activity as unknown },
  { source: 'contribution.json', json: contribution as unknown },
];
export const DEFAULT_HEADER_MAPPING = headers as unknown as HeaderMapping;
/** Default admin capacities (rules/admins.json), used when the Admins sheet leaves a capacity blank. */
export const DEFAULT_ADMINS_CONFIG = admins as unknown as AdminsConfig;
