import { ALL_FACTS, isFactId } from '../facts/facts.js';

/**
 * Checks the event params of `collect` rules that Fenceng acts on:
 *   - `points` events (rules/points.json): params.points a number, params.per
 *     a numeric fact, params.cap a positive number, params.category
 *     content / interaction / other;
 *   - `honor` events (rules/honors.json): params.metric a known metric or
 *     numeric fact, params.winners a positive whole number, params.minimum a
 *     number, params.en the English name.
 * Other event types pass untouched.
 */
export const HONOR_METRIC_IDS = ['points', 'contentPoints', 'interactionPoints', 'contribution'] as const;
const CATEGORIES = ['content', 'interaction', 'other'];

const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const numericFact = (x: unknown): boolean => typeof x === 'string' && isFactId(x) && ALL_FACTS[x].type === 'number';

export function checkCollectEvent(event: { type?: unknown; params?: Record<string, unknown> } | undefined, at: string, add: (path: string, message: string) => void): void {
  const p = event?.params ?? {};
  const path = `${at}.event.params`;
  if (event?.type === 'points') {
    if (!num(p.points) || p.points < 0) add(`${path}.points`, `积分必须是非负数，现为 ${JSON.stringify(p.points)} / points must be a number ≥ 0, got ${JSON.stringify(p.points)}`);
    if (p.per !== undefined && !numericFact(p.per)) add(`${path}.per`, `「${String(p.per)}」不是数值字段 / "${String(p.per)}" is not a numeric fact`);
    if (p.cap !== undefined && (!num(p.cap) || p.cap <= 0)) add(`${path}.cap`, `每期上限必须是正数，现为 ${JSON.stringify(p.cap)} / cap must be a positive number, got ${JSON.stringify(p.cap)}`);
    if (p.category !== undefined && !CATEGORIES.includes(p.category as string)) add(`${path}.category`, `类别必须是 ${CATEGORIES.join(' / ')}，现为 ${JSON.stringify(p.category)} / category must be ${CATEGORIES.join(', ')}, got ${JSON.stringify(p.category)}`);
  } else if (event?.type === 'honor') {
    if (p.metric !== undefined && !(HONOR_METRIC_IDS as readonly string[]).includes(p.metric as string) && !numericFact(p.metric)) {
      add(`${path}.metric`, `排名依据必须是 ${HONOR_METRIC_IDS.join(' / ')} 或数值字段，现为 ${JSON.stringify(p.metric)} / metric must be ${HONOR_METRIC_IDS.join(', ')} or a numeric fact, got ${JSON.stringify(p.metric)}`);
    }
    if (p.winners !== undefined && (!Number.isInteger(p.winners) || (p.winners as number) < 1)) add(`${path}.winners`, `获奖名额必须是正整数 / winners must be a positive whole number`);
    if (p.minimum !== undefined && !num(p.minimum)) add(`${path}.minimum`, `最低数值必须是数字 / minimum must be a number`);
    if (p.en !== undefined && typeof p.en !== 'string') add(`${path}.en`, `英文名必须是文本 / en must be text`);
  }
}
