/**
 * Example members: the concrete rows findings show. Days are "days ago" so
 * an example reads the same on any day; exampleFacts turns one into the
 * sheet facts a run would read.
 */
import { deriveFacts, type FactValues } from '../../facts/facts.js';
import type { DayVar, VarId } from './variables.js';

/** Values per variable (interactions30d is never given: it follows from its parts). Absent = empty cell. */
export type ExampleMember = Partial<Record<Exclude<VarId, 'interactions30d'>, number | string | null>>;

const DATE_OF: Record<DayVar, 'lastActiveAt' | 'joinedAt'> = { daysSinceActive: 'lastActiveAt', daysInCommunity: 'joinedAt' };

/** The sheet facts of an example, for a run on `today` (a civil day). */
export function exampleFacts(example: ExampleMember, today: number): FactValues {
  const facts: FactValues = {};
  for (const [k, v] of Object.entries(example) as Array<[keyof ExampleMember, number | string | null]>) {
    if (k in DATE_OF) facts[DATE_OF[k as DayVar]] = typeof v === 'number' ? today - v : null;
    else facts[k as keyof FactValues] = v;
  }
  return facts;
}

/** The facts rules see for an example: missing-as-zero applied, derived facts added (as the evaluator does). */
export function seenFacts(example: ExampleMember, today: number, zeroes: ReadonlySet<string>): FactValues {
  const base = exampleFacts(example, today);
  for (const f of zeroes) if (base[f as keyof FactValues] == null) base[f as keyof FactValues] = 0;
  return deriveFacts(base, today);
}
