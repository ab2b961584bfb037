import { SHEET_FACTS, deriveFacts, type FactValues } from '../facts/facts.js';
import type { RuleSet } from './types.js';

/**
 * One member's facts, read once and shared by every compiled rule set: each
 * sheet fact (null when missing), the derived day counts, and the
 * interactions sum for each way the rule sets count empty parts as zero.
 * Rule sets differ only in `missingAsZero`, applied as the value is read.
 */
export type MemberFacts = Record<string, number | string | null>;

const SHEET_IDS = Object.keys(SHEET_FACTS);
const PARTS = ['comments30d', 'likes30d', 'shares30d'] as const;

/** Which interaction parts a rule set counts as 0 when empty, as a bit set. */
export function interactionZeroBits(zeroes: ReadonlySet<string>): number {
  return PARTS.reduce((bits, p, i) => (zeroes.has(p) ? bits | (1 << i) : bits), 0);
}

/** Source of the expression for `fact` as a rule set with `zeroes` sees it, read from `m`. */
export function factSource(fact: string, zeroes: ReadonlySet<string>): string {
  if (fact === 'interactions30d') return `m.interactions30d_${interactionZeroBits(zeroes)}`;
  if (fact === 'daysSinceActive' || fact === 'daysInCommunity') return `m.${fact}`;
  if (!SHEET_IDS.includes(fact)) throw new Error(`unknown fact ${fact}`);
  return zeroes.has(fact) ? `(m.${fact} ?? 0)` : `m.${fact}`;
}

/**
 * Source of the loader: sheet facts in, MemberFacts out. Derived facts follow
 * deriveFacts (facts.ts): a part counts only when it is a number.
 */
export function memberFactsSource(today: number, interactionBits: number[], into = false): string {
  const fields = SHEET_IDS.map((id) => `${id}: s.${id} ?? null`);
  fields.push(`daysSinceActive: typeof s.lastActiveAt === 'number' ? Math.max(0, ${today} - s.lastActiveAt) : null`);
  fields.push(`daysInCommunity: typeof s.joinedAt === 'number' ? Math.max(0, ${today} - s.joinedAt) : null`);
  const part = (p: string, zero: boolean) => (zero ? `(s.${p} ?? 0)` : `s.${p}`);
  const lines: string[] = [];
  for (const bits of [...new Set(interactionBits)].sort()) {
    const [c, l, h] = PARTS.map((p, i) => `p${bits}_${i}`);
    lines.push(`const ${PARTS.map((p, i) => `p${bits}_${i} = typeof ${part(p, (bits & (1 << i)) !== 0)} === 'number' ? ${part(p, (bits & (1 << i)) !== 0)} : null`).join(', ')};`);
    fields.push(`interactions30d_${bits}: ${c} === null && ${l} === null && ${h} === null ? null : 0 + (${c} ?? 0) + (${l} ?? 0) + (${h} ?? 0)`);
  }
  if (into) return `${lines.join('\n')}\n${fields.map((f) => `m.${f.replace(': ', ' = ')};`).join('\n')}\nreturn m;`;
  return `${lines.join('\n')}\nreturn { ${fields.join(',\n')} };`;
}

/** The facts object a rule set's Evaluation carries: exactly what json-rules-engine's path builds. */
export function factsAsRuleSetSees(ruleSet: RuleSet, sheetFacts: FactValues, today: number): FactValues {
  const base: FactValues = { ...sheetFacts };
  for (const f of ruleSet.missingAsZero ?? []) if (base[f as keyof FactValues] == null) base[f as keyof FactValues] = 0;
  return deriveFacts(base, today);
}
