/**
 * The members' facts as one rule set sees them: empty counts as 0 where the
 * set says so (missingAsZero), interactions30d as comments + likes + shares,
 * missing only when all three are (as deriveFacts does). Cached per set of
 * zero-facts, so typing never rebuilds a column.
 */
import type { MemberFacts } from '../../api/member-facts.js';
import { KIND_OF, type VarId } from '../../core/rules/analyze/variables.js';

export type Column = ReadonlyArray<number | null>;

export interface ColumnView {
  count: number;
  /** undefined for what the sidebar has no data for (text facts). */
  column(v: VarId): Column | undefined;
}

const views = new WeakMap<MemberFacts, Map<string, ColumnView>>();

export function viewOf(facts: MemberFacts, missingAsZero: readonly string[] | undefined): ColumnView {
  const zeroes = new Set((missingAsZero ?? []).filter((f) => KIND_OF[f as VarId] === 'count'));
  const key = [...zeroes].sort().join(',');
  let byKey = views.get(facts);
  if (!byKey) views.set(facts, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const made = new Map<VarId, Column>();
  const raw = (v: VarId): Column | undefined => (facts.columns as Record<string, Column | undefined>)[v];
  const column = (v: VarId): Column | undefined => {
    const have = made.get(v);
    if (have) return have;
    let out: Column | undefined;
    if (v === 'interactions30d') {
      const [c, l, s] = (['comments30d', 'likes30d', 'shares30d'] as const).map((p) => column(p)!);
      out = Array.from({ length: facts.count }, (_, i) => (c[i] === null && l[i] === null && s[i] === null ? null : (c[i] ?? 0) + (l[i] ?? 0) + (s[i] ?? 0)));
    } else {
      const r = raw(v);
      out = r && zeroes.has(v) ? r.map((x) => x ?? 0) : r;
    }
    if (out) made.set(v, out);
    return out;
  };
  const view: ColumnView = { count: facts.count, column };
  byKey.set(key, view);
  return view;
}
