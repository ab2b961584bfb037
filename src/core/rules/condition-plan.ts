import type { Condition } from './types.js';

/**
 * A rule's conditions laid out the way json-rules-engine walks them, so the
 * compiled path can reproduce its annotations exactly:
 *   - a node's boolean operator is looked up as `any`, then `all`, then `not`;
 *   - a group's children run in priority sets, highest first. Every child of
 *     a set is evaluated (the engine uses Promise.all), and a later set runs
 *     only while the group's outcome is still open (all: so far true; any: so
 *     far false). A lone child is evaluated directly.
 * Which leaves were evaluated matters: only evaluated leaves carry a result,
 * and the held conditions of an explanation are read from those results.
 */
export type PlanNode = PlanLeaf | PlanGroup | PlanNot;

export interface PlanLeaf {
  kind: 'leaf';
  /** Index into the rule set's leaf list. */
  id: number;
  fact: string;
  operator: string;
  value: unknown;
}

export interface PlanGroup {
  kind: 'all' | 'any';
  id: number;
  children: PlanNode[];
  /** The children in json-rules-engine's evaluation order: priority sets, highest first. */
  sets: PlanNode[][];
}

export interface PlanNot {
  kind: 'not';
  id: number;
  child: PlanNode;
}

/** Numbers leaves and groups across all rules of a rule set. */
export interface PlanCounter {
  leaves: PlanLeaf[];
  groups: number;
}

const has = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export function booleanOperator(c: object): 'any' | 'all' | 'not' | undefined {
  if (has(c, 'any')) return 'any';
  if (has(c, 'all')) return 'all';
  if (has(c, 'not')) return 'not';
  return undefined;
}

export function planConditions(c: Condition, counter: PlanCounter): PlanNode {
  const raw = c as unknown as Record<string, unknown>;
  const op = booleanOperator(raw);
  if (op === 'not') return { kind: 'not', id: counter.groups++, child: planConditions(raw.not as Condition, counter) };
  if (op === 'all' || op === 'any') {
    const id = counter.groups++;
    const list = raw[op] as Condition[];
    const children = list.map((child) => planConditions(child, counter));
    return { kind: op, id, children, sets: prioritySets(list, children) };
  }
  const leaf: PlanLeaf = { kind: 'leaf', id: counter.leaves.length, fact: String(raw.fact), operator: String(raw.operator), value: raw.value };
  counter.leaves.push(leaf);
  return leaf;
}

/**
 * json-rules-engine's `prioritizeConditions`: a group child's priority is its
 * own (parsed as an integer, default 1); a leaf's is its `priority` when
 * truthy, else its fact's, and runtime facts all have priority 1. Sets are
 * keyed and ordered exactly as the engine does, so any priority orders alike.
 */
function prioritySets(list: Condition[], children: PlanNode[]): PlanNode[][] {
  if (children.length <= 1) return [children];
  const sets: Record<string, PlanNode[]> = {};
  list.forEach((raw, i) => {
    const r = raw as unknown as Record<string, unknown>;
    const priority = booleanOperator(r) ? parseInt(r.priority as string, 10) || 1 : r.priority || 1;
    const key = priority as unknown as string;
    if (!sets[key]) sets[key] = [];
    sets[key].push(children[i]);
  });
  return Object.keys(sets)
    .sort((a, b) => (Number(a) > Number(b) ? -1 : 1))
    .map((k) => sets[k]);
}
