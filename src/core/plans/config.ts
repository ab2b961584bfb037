import type { Weekday } from './calendar.js';

/**
 * The data files in rules/plans/: content types and cadence, interaction
 * formats and conversion events, festival dates, the planning window and the
 * incentive settings. Plain JSON an operator may edit; checked before a run
 * like the rule sets, every problem named by file and path in both languages.
 */
export interface ContentType {
  id: string;
  zh: string;
  en: string;
  /** Other names operators write in the 类型 column. */
  aliases?: string[];
  /** Activity tier ids this type goes to when the library row names none. */
  tiers: string[];
}

export interface ContentConfig {
  types: ContentType[];
  /** Content pushes per week at most, per activity tier id. */
  perWeek: Record<string, number>;
  /** Preferred weekdays, best first. */
  weekdays: Weekday[];
}

export interface InteractionFormat {
  id: string;
  zh: string;
  en: string;
}

export interface ConversionEvent {
  id: string;
  zh: string;
  en: string;
  /** The activity tier whose calendar (and cadence) the event uses. */
  tier: string;
  /** Every N weeks, counted from a fixed Monday so the weeks do not move with the window. */
  everyWeeks: number;
  weekday: Weekday;
  /** Invite list size at most. */
  inviteCap: number;
  /** Who may be invited: members in any of these activity or contribution tiers. */
  audience: { activity?: string[]; contribution?: string[] };
}

export interface InteractionConfig {
  /** Rotated formats per activity tier id. */
  formats: Record<string, InteractionFormat[]>;
  /** Festival events: for these tiers, on the festival's date. */
  festival: { zh: string; en: string; tiers: string[] };
  /** Interactions per week at most (festival and conversion events count), per activity tier id. */
  perWeek: Record<string, number>;
  weekdays: Weekday[];
  conversion: ConversionEvent[];
}

export interface Festival {
  id: string;
  zh: string;
  en: string;
  /** YYYY-MM-DD, one per year. */
  dates: string[];
}

export interface OpsConfig {
  content: ContentConfig;
  interactions: InteractionConfig;
  festivals: { festivals: Festival[] };
  calendar: { weeks: number };
  incentives: { leaderboardSize: number; contributionWeights: Record<string, number> };
}

export const OPS_CONFIG_FILES = {
  content: 'plans/content.json',
  interactions: 'plans/interactions.json',
  festivals: 'plans/festivals.json',
  calendar: 'plans/calendar.json',
  incentives: 'plans/incentives.json',
} as const;
