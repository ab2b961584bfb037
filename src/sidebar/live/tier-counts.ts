/** How many members each tier and each rule would get: the rules as written, before grace periods and locks. */
import type { RuleSet } from '../../core/rules/types.js';
import type { ColumnView } from './columns.js';
import { compileCondition, type MemberTest } from './compile.js';

export interface SetCounts {
  members: number;
  /** first: members per tier id. */
  byTier: Record<string, number>;
  /** first: members each rule places; collect: members it fires for (by index in ruleSet.rules). */
  byRule: number[];
}

export function countSet(set: RuleSet, view: ColumnView): SetCounts | null {
  const tests: Array<{ index: number; test: MemberTest; tier: string }> = [];
  for (const [index, r] of set.rules.entries()) {
    const test = compileCondition(r.conditions, view);
    if (!test) return null;
    tests.push({ index, test, tier: String(r.event.params?.tier) });
  }
  const order = [...tests].sort((a, b) => set.rules[b.index].priority - set.rules[a.index].priority);
  const byRule = set.rules.map(() => 0);
  const byTier: Record<string, number> = Object.fromEntries(set.tiers.map((t) => [t.id, 0]));
  const fallback = set.default?.tier ?? '';
  for (let i = 0; i < view.count; i++) {
    if (set.hitPolicy === 'collect') {
      for (const t of tests) if (t.test(i)) byRule[t.index]++;
      continue;
    }
    const hit = order.find((t) => t.test(i));
    if (hit) byRule[hit.index]++;
    const tier = hit ? hit.tier : fallback;
    byTier[tier] = (byTier[tier] ?? 0) + 1;
  }
  return { members: view.count, byTier, byRule };
}
