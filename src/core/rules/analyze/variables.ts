/**
 * What the analysis reasons about: one variable per quantity a rule can
 * test. Date facts are tested as "days ago", so `lastActiveAt withinDays 7`
 * and `daysSinceActive ≤ 7` are the same condition on one variable.
 *
 * Domains, as the sheet parser and deriveFacts (facts.ts) produce them:
 *   - 30-day counts: numbers ≥ 0 (decimals allowed: 1.2万, 30.5 分钟), or missing;
 *     never missing when the rule set counts them as 0 (missingAsZero);
 *   - days ago / days in community: whole numbers ≥ 0, or missing;
 *   - interactions30d = comments + likes + shares (missing ones as 0),
 *     missing only when all three are;
 *   - text: any text a cell can hold, or missing (a member ID never is).
 * A count below 0 is taken to be impossible: exports never hold one.
 */
import type { FactId } from '../../facts/facts.js';

export type CountVar = 'comments30d' | 'likes30d' | 'shares30d' | 'posts30d' | 'likesReceived30d' | 'liveMinutes30d';
export type DayVar = 'daysSinceActive' | 'daysInCommunity';
export type TextVar = 'memberId' | 'nickname' | 'douyinId';
export type SumVar = 'interactions30d';
export type VarId = CountVar | DayVar | TextVar | SumVar;
export type VarKind = 'count' | 'days' | 'text' | 'sum';

export const SUM_PARTS: readonly CountVar[] = ['comments30d', 'likes30d', 'shares30d'];

/** Which variable a fact's conditions constrain (compile error when the catalog grows). */
export const VARIABLE_OF: Record<FactId, VarId> = {
  memberId: 'memberId',
  nickname: 'nickname',
  douyinId: 'douyinId',
  joinedAt: 'daysInCommunity',
  lastActiveAt: 'daysSinceActive',
  comments30d: 'comments30d',
  likes30d: 'likes30d',
  shares30d: 'shares30d',
  posts30d: 'posts30d',
  likesReceived30d: 'likesReceived30d',
  liveMinutes30d: 'liveMinutes30d',
  daysSinceActive: 'daysSinceActive',
  daysInCommunity: 'daysInCommunity',
  interactions30d: 'interactions30d',
};

export const KIND_OF: Record<VarId, VarKind> = {
  memberId: 'text',
  nickname: 'text',
  douyinId: 'text',
  daysInCommunity: 'days',
  daysSinceActive: 'days',
  comments30d: 'count',
  likes30d: 'count',
  shares30d: 'count',
  posts30d: 'count',
  likesReceived30d: 'count',
  liveMinutes30d: 'count',
  interactions30d: 'sum',
};

/** Variables in the order examples list them. */
export const VARIABLES = Object.keys(KIND_OF) as VarId[];

/** Facts a rule set counts as 0 when empty: only sheet counts are affected (deriveFacts recomputes the rest). */
export interface Context {
  zeroes: ReadonlySet<string>;
  /**
   * Box operations left for this rule set. Some rule sets have more
   * combinations than any editor can wait for: then the analysis stops and
   * says so instead of answering late (or wrong).
   */
  work: { left: number };
}

/** About a second of work in Node; a rule set needing more is reported as not analyzed. */
export const WORK_LIMIT = 200_000;

export function canBeMissing(v: VarId, ctx: Context): boolean {
  switch (KIND_OF[v]) {
    case 'count':
      return !ctx.zeroes.has(v);
    case 'sum':
      return SUM_PARTS.every((p) => !ctx.zeroes.has(p));
    case 'text':
      return v !== 'memberId';
    default:
      return true;
  }
}
