import type { FactValues } from '../facts/facts.js';
import { FunctionBuilder } from './codegen.js';
import { planConditions, type PlanCounter, type PlanLeaf, type PlanNode } from './condition-plan.js';
import type { Evaluation, HeldCondition, RuleMatch } from './evaluate.js';
import { factSource, factsAsRuleSetSees, type MemberFacts } from './member-facts.js';
import { leafSource, type CodeConstants } from './operator-code.js';
import type { Rule, RuleSet } from './types.js';
import { cutValue, hasPercentiles, percentileOf, type PercentileCuts } from './percentile.js';

/**
 * One validated rule set compiled into synchronous plain functions. It
 * answers exactly as json-rules-engine does through createEvaluator
 * (evaluate.ts); the differential property test holds it to that.
 *
 * Rules are kept highest priority first, equal priorities in the order they
 * are written; `rules[i]` below always means that order.
 */
export interface CompiledRuleSet {
  ruleSet: RuleSet;
  today: number;
  /** The run's percentile cuts, when the rule set has "top N%" conditions. */
  cuts?: PercentileCuts;
  /** The number a leaf compares with: its value, or for a "top N%" leaf the run's cut (NaN: no cut). */
  threshold(leaf: { value: unknown }): unknown;
  /** The rule set's rules, highest priority first (ties in written order). */
  rules: Rule[];
  /** Every leaf condition of every rule, numbered as HeldLeaf ids. */
  leaves: PlanLeaf[];
  /** Fast path under `first`: index in `rules` of the rule that places the member, -1 for the default. */
  placingRule(m: MemberFacts): number;
  /** Indexes in `rules` of every matching rule, in order. */
  matchingRules(m: MemberFacts): number[];
  /** Ids of the leaves quoted as held for a rule that matched, as heldConditions reads json-rules-engine's result. */
  heldLeaves(rule: number, m: MemberFacts): number[];
  /** The value of `fact` as this rule set sees it (missing as zero applied, derived facts), null when missing. */
  fact(m: MemberFacts, fact: string): number | string | null;
  /** A reader of one fact as this rule set sees it, for callers that read it per member. */
  reader(fact: string): (m: MemberFacts) => number | string | null;
  /** Source of the expression reading `fact` from `m` as this rule set sees it, for generated code. */
  factSource(fact: string): string;
  /** Tier id for a `placingRule` result. */
  tierOf(rule: number): string | undefined;
  /**
   * Source of a function of `m` that replays rule `rule` as json-rules-engine
   * does and runs `quote(leaf, local)` for each held leaf in order (local: the
   * name holding the leaf's fact value); for generated explainers.
   */
  heldSource(rule: number, quote: (leaf: PlanLeaf, local: string) => string, finish: string, k: CodeConstants): string;
}

type Fn<A extends unknown[], R> = (...args: A) => R;

export function compileRuleSet(ruleSet: RuleSet, today: number, cuts?: PercentileCuts): CompiledRuleSet {
  const percentiles = hasPercentiles(ruleSet, cuts);
  const threshold = (leaf: { value: unknown }) => {
    const p = percentiles ? percentileOf(leaf.value) : undefined;
    return p ? cutValue(cuts, p.params) : leaf.value;
  };
  const zeroes = new Set(ruleSet.missingAsZero ?? []);
  const rules = ruleSet.rules.map((rule, index) => ({ rule, index })).sort((a, b) => b.rule.priority - a.rule.priority || a.index - b.index).map((r) => r.rule);
  const counter: PlanCounter = { leaves: [], groups: 0 };
  const roots = rules.map((r) => planConditions(r.conditions, counter));
  const builder = new FunctionBuilder();

  // Each fact the rules read becomes one local, read once per call.
  const facts = [...new Set(counter.leaves.map((l) => l.fact))];
  const local = new Map(facts.map((f, i) => [f, `f${i}`]));
  const prelude = facts.length ? `const ${facts.map((f) => `${local.get(f)} = ${factSource(f, zeroes)}`).join(', ')};` : '';
  const test = (n: PlanNode): string => {
    if (n.kind === 'leaf') return leafSource(n.operator, threshold(n), local.get(n.fact)!, today, builder);
    if (n.kind === 'not') return `!${test(n.child)}`;
    return `(${n.children.map(test).join(n.kind === 'all' ? ' && ' : ' || ')})`;
  };
  const placingRule = builder.build<Fn<[MemberFacts], number>>(['m'], `${prelude}\n${roots.map((r, i) => `if (${test(r)}) return ${i};`).join('\n')}\nreturn -1;`);
  const matchingRules = builder.build<Fn<[MemberFacts], number[]>>(['m'], `${prelude}\nconst out = [];\n${roots.map((r, i) => `if (${test(r)}) out.push(${i});`).join('\n')}\nreturn out;`);
  const replay = (rule: number, quote: (leaf: PlanLeaf, local: string) => string, finish: string, k: CodeConstants) =>
    heldSource(roots[rule], prelude, (leaf) => leafSource(leaf.operator, threshold(leaf), local.get(leaf.fact)!, today, k), (leaf) => quote(leaf, local.get(leaf.fact)!), finish);
  const held = roots.map((_, i) => builder.build<Fn<[MemberFacts], number[]>>(['m'], `const out = [];\n${replay(i, (leaf) => `out.push(${leaf.id});`, 'return out;', builder)}`));
  const readers = new Map<string, Fn<[MemberFacts], number | string | null>>();
  const reader = (fact: string) => {
    let read = readers.get(fact);
    if (!read) readers.set(fact, (read = builder.build<Fn<[MemberFacts], number | string | null>>(['m'], `return ${factSource(fact, zeroes)};`)));
    return read;
  };
  const tiers = rules.map((r) => (ruleSet.hitPolicy === 'first' ? String(r.event.params?.tier) : undefined));

  return {
    ruleSet,
    today,
    ...(percentiles ? { cuts } : {}),
    threshold,
    rules,
    leaves: counter.leaves,
    placingRule,
    matchingRules,
    heldLeaves: (rule, m) => held[rule](m),
    fact: (m, fact) => reader(fact)(m),
    reader,
    factSource: (fact) => factSource(fact, zeroes),
    tierOf: (rule) => (rule < 0 ? ruleSet.default?.tier : tiers[rule]),
    heldSource: replay,
  };
}

/**
 * Replays json-rules-engine's evaluation of one rule, leaving each leaf's
 * result in r<id> (undefined when the engine would not have evaluated it),
 * then quotes the held leaves as heldConditions (evaluate.ts) does: every
 * branch of an `all`, the first branch of an `any` that held, nothing under
 * a `not`.
 */
function heldSource(root: PlanNode, prelude: string, leafTest: (leaf: PlanLeaf) => string, quoteLeaf: (leaf: PlanLeaf) => string, finish: string): string {
  const vars: string[] = [];
  const lines: string[] = [];
  const run = (n: PlanNode): string => {
    if (n.kind === 'leaf') {
      vars.push(`r${n.id}`);
      lines.push(`r${n.id} = ${leafTest(n)};`);
      return `r${n.id}`;
    }
    const g = `g${n.id}`;
    vars.push(g);
    if (n.kind === 'not') {
      const child = run(n.child);
      lines.push(`${g} = !${child};`);
      return g;
    }
    const join = n.kind === 'all' ? ' && ' : ' || ';
    if (n.sets.length === 1) {
      const names = n.sets[0].map(run);
      lines.push(`${g} = ${names.join(join)};`);
      return g;
    }
    lines.push(`${g} = ${n.kind === 'all'};`);
    for (const set of n.sets) {
      lines.push(`if (${n.kind === 'all' ? '' : '!'}${g}) {`);
      const names = set.map(run);
      lines.push(`${g} = ${names.join(join)};`, '}');
    }
    return g;
  };
  run(root);
  const heldBy = (n: PlanNode): string => {
    if (n.kind === 'leaf') return `r${n.id} === true`;
    if (n.kind === 'not') return 'false';
    return `(${n.children.map(heldBy).join(n.kind === 'all' ? ' && ' : ' || ')})`;
  };
  const quote = (n: PlanNode): string => {
    if (n.kind === 'leaf') return `if (r${n.id} === true) { ${quoteLeaf(n)} }`;
    if (n.kind === 'not') return '';
    if (n.kind === 'all') return n.children.map(quote).join('\n');
    return n.children.map((c, i) => `${i ? 'else ' : ''}if (${heldBy(c)}) {\n${quote(c)}\n}`).join('\n');
  };
  return `${prelude}\nlet ${vars.join(', ')};\n${lines.join('\n')}\n${quote(root)}\n${finish}`;
}

/** The held leaves as HeldCondition, with the fact value json-rules-engine reports (null when missing). */
export function heldConditionsOf(compiled: CompiledRuleSet, rule: number, m: MemberFacts, facts: FactValues): HeldCondition[] {
  return compiled.heldLeaves(rule, m).map((id) => {
    const leaf = compiled.leaves[id];
    const held: HeldCondition = { fact: leaf.fact, operator: leaf.operator, value: leaf.value, factValue: facts[leaf.fact as keyof FactValues] ?? null };
    if (compiled.cuts && percentileOf(leaf.value)) held.cut = compiled.threshold(leaf) as number;
    return held;
  });
}

/** The complete Evaluation, the same shape createEvaluator returns, synchronously. */
export function evaluationOf(compiled: CompiledRuleSet, m: MemberFacts, sheetFacts: FactValues): Evaluation {
  const facts = factsAsRuleSetSees(compiled.ruleSet, sheetFacts, compiled.today);
  const matches: RuleMatch[] = compiled.matchingRules(m).map((i) => ({ rule: compiled.rules[i], held: heldConditionsOf(compiled, i, m, facts) }));
  const extra = compiled.cuts ? { cuts: compiled.cuts } : {};
  if (compiled.ruleSet.hitPolicy !== 'first') return { facts, matches, ...extra };
  const placedBy = matches[0];
  return { facts, matches, placedBy, tier: placedBy ? String(placedBy.rule.event.params?.tier) : compiled.ruleSet.default!.tier, ...extra };
}
