import calendar from '../../rules/plans/calendar.json' with { type: 'json' };
import content from '../../rules/plans/content.json' with { type: 'json' };
import festivals from '../../rules/plans/festivals.json' with { type: 'json' };
import incentives from '../../rules/plans/incentives.json' with { type: 'json' };
import interactions from '../../rules/plans/interactions.json' with { type: 'json' };
import honors from '../../rules/honors.json' with { type: 'json' };
import points from '../../rules/points.json' with { type: 'json' };
import type { OpsConfig } from '../core/plans/config.js';
import type { RuleSet } from '../core/rules/types.js';

/**
 * The plan and incentive data shipped in rules/plans/ and the points and
 * honors rule sets (rules/points.json, rules/honors.json), bundled into the
 * Apps Script build and used when a run is given none.
 */
export const DEFAULT_OPS_CONFIG = { content, interactions, festivals, calendar, incentives } as unknown as OpsConfig;
export const DEFAULT_POINTS_RULES = points as unknown as RuleSet;
export const DEFAULT_HONORS_RULES = honors as unknown as RuleSet;
export const POINTS_RULE_SET_ID = 'points';
export const HONORS_RULE_SET_ID = 'honors';
