/** The condition at a validator path inside a rule set: rules[0].conditions.all[1].any[0]. */
import type { Condition, RuleSet } from '../../core/rules/types.js';

export function conditionAt(set: RuleSet, path: string): Condition | undefined {
  const m = /^rules\[(\d+)\]\.conditions(.*)$/.exec(path);
  let c: unknown = m ? set.rules[Number(m[1])]?.conditions : undefined;
  for (const step of (m?.[2] ?? '').match(/\.(all|any)\[\d+\]|\.not/g) ?? []) {
    if (!c || typeof c !== 'object') return undefined;
    if (step === '.not') c = (c as { not?: unknown }).not;
    else {
      const [, kind, i] = /\.(all|any)\[(\d+)\]/.exec(step)!;
      c = ((c as Record<string, unknown[]>)[kind] ?? [])[Number(i)];
    }
  }
  return c as Condition | undefined;
}
