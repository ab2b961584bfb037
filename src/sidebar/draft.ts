/**
 * The editor's working copy and the edits the table view makes to it. No DOM
 * here: the views call these, and tests can too.
 */
import { ALL_FACTS, isFactId, type FactType } from '../core/facts/facts.js';
import { validateSettings } from '../core/rule-store/codec.js';
import type { RulesDocument } from '../core/rule-store/types.js';
import { OPERATORS } from '../core/rules/operator-catalog.js';
import { validateRuleSets } from '../core/rules/load.js';
import type { Condition, Rule, RuleSet } from '../core/rules/types.js';
import { PERCENTILE_FACT, PERCENTILE_OPERATORS, percentileOf } from '../core/rules/percentile.js';

export type Leaf = { fact: string; operator: string; value: unknown };
export type Group = { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** A problem placed on the editor: `key` is `<rule set id>:<path>` as the validator reports it. */
export interface EditorProblem {
  key: string;
  setId: string;
  path: string;
  message: string;
}

/** Rules in priority order (highest first), as the decision table shows them; stable for equal priorities. */
export function normalize(doc: RulesDocument): RulesDocument {
  const copy = structuredClone(doc);
  for (const set of copy.ruleSets) {
    if (Array.isArray(set.rules)) set.rules = set.rules.map((r, i) => [r, i] as const).sort((a, b) => (b[0].priority ?? 0) - (a[0].priority ?? 0) || a[1] - b[1]).map(([r]) => r);
  }
  copy.settings ??= {};
  return copy;
}

export function sameDocument(a: RulesDocument, b: RulesDocument): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

/** The same validator the server uses, plus the settings checks. */
export function validateDraft(doc: RulesDocument): EditorProblem[] {
  const problems: EditorProblem[] = validateRuleSets(doc.ruleSets.map((s, i) => ({ source: typeof s?.id === 'string' && s.id ? s.id : `#${i + 1}`, json: s }))).map((p) => ({
    key: `${p.ruleSet}:${p.path}`,
    setId: p.ruleSet,
    path: p.path,
    message: p.message,
  }));
  for (const m of validateSettings(doc.settings)) problems.push({ key: 'settings:', setId: 'settings', path: '', message: m });
  return problems;
}

/** The half of a "中文 / English" message for the locale; lines without both halves stay as they are. */
export function localize(message: string, locale: 'zh' | 'en'): string {
  return message
    .split('\n')
    .map((line) => {
      // Keep a leading "[rule set / rule @ path]" tag off the split.
      const tag = /^\[.*?\] /.exec(line)?.[0] ?? '';
      const body = line.slice(tag.length);
      const cut = body.indexOf(' / ');
      if (cut < 0 || !/[\u4e00-\u9fff]/.test(body.slice(0, cut))) return line;
      return tag + (locale === 'zh' ? body.slice(0, cut) : body.slice(cut + 3));
    })
    .join('\n');
}

export function factType(fact: string): FactType | undefined {
  return isFactId(fact) ? ALL_FACTS[fact].type : undefined;
}

/** Operators that fit a fact's type, in catalog order. */
export function operatorsFor(fact: string): string[] {
  const type = factType(fact);
  return Object.entries(OPERATORS)
    .filter(([, o]) => type && o.factTypes.includes(type))
    .map(([id]) => id);
}

/** What the value box holds for a condition's value. */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  const p = percentileOf(value);
  if (p) return p.params.top === undefined || p.params.top === null ? '' : String(p.params.top);
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The operator's typing → the rule's value. Numbers where the condition
 * compares numbers; anything unreadable stays text so the validator can say
 * what is wrong next to the box.
 */
export function parseValue(raw: string, fact: string, operator: string): unknown {
  const op = OPERATORS[operator];
  const numeric = op?.value === 'number' || factType(fact) === 'number';
  const one = (s: string): unknown => {
    const t = s.trim().replace(/[，,](?=\d{3}\b)/g, '');
    if (numeric && /^[+-]?\d+(\.\d+)?$/.test(t)) return Number(t);
    return numeric ? s.trim() : s.trim();
  };
  if (op?.value === 'array') return raw.split(/[,，、]/).map((s) => s.trim()).filter((s) => s !== '').map(one);
  return one(raw);
}

/** A sensible first condition for a fact: the first operator that fits, a neutral value. */
export function leafFor(fact: string, previous?: Leaf): Leaf {
  const ops = operatorsFor(fact);
  const operator = previous && ops.includes(previous.operator) ? previous.operator : (ops[0] ?? 'equal');
  const op = OPERATORS[operator];
  let value: unknown = previous?.value;
  // "Top N%" carries over to another numeric fact and comparison, re-aimed at that fact.
  const top = percentileOf(value);
  if (top) {
    if (factType(fact) === 'number' && (PERCENTILE_OPERATORS as readonly string[]).includes(operator)) return { fact, operator, value: topPercent(fact, top.params.top) };
    value = undefined;
  }
  if (op?.value === 'number' || factType(fact) === 'number') value = typeof value === 'number' ? value : op?.value === 'array' ? [1] : 1;
  else if (op?.value === 'array') value = Array.isArray(value) ? value.map(String) : [];
  else value = typeof value === 'string' ? value : '';
  return { fact, operator, value };
}

/** A "top N%" value (percentile.ts) for `fact`. */
export function topPercent(fact: string, top: unknown): unknown {
  return { fact: PERCENTILE_FACT, params: { fact, top } };
}

/** Whether the table editor offers "前 N%" for this leaf: numeric comparisons in tier rule sets. */
export function offersTopPercent(set: RuleSet | undefined, leaf: Leaf): boolean {
  return set?.hitPolicy === 'first' && factType(leaf.fact) === 'number' && (PERCENTILE_OPERATORS as readonly string[]).includes(leaf.operator);
}

export function isLeaf(c: Condition): c is Leaf & Condition {
  return !('all' in c || 'any' in c || 'not' in c);
}

export function groupKind(c: Condition): 'all' | 'any' | 'not' {
  return 'all' in c ? 'all' : 'any' in c ? 'any' : 'not';
}

export function children(c: Condition): Condition[] {
  return 'all' in c ? c.all : 'any' in c ? c.any : 'not' in c ? [c.not] : [];
}

/** all ↔ any in place, keeping the children and the object (views hold references to it). */
export function setGroupKind(c: Condition, kind: 'all' | 'any'): void {
  const g = c as Record<string, unknown>;
  const list = children(c);
  delete g.all;
  delete g.any;
  delete g.not;
  g[kind] = list;
}

// ---- rules ----------------------------------------------------------------------

function uniqueName(set: RuleSet, base: string): string {
  const names = new Set(set.rules.map((r) => r.name));
  for (let k = 1; ; k++) {
    const name = k === 1 ? base : `${base} ${k}`;
    if (!names.has(name)) return name;
  }
}

/** A new rule at the bottom (lowest priority) placing members in `tier`. */
export function addRule(set: RuleSet, tier: string, name: string): Rule {
  const min = set.rules.reduce((m, r) => Math.min(m, Number.isInteger(r.priority) ? r.priority : m), Infinity);
  const rule: Rule = {
    name: uniqueName(set, name),
    priority: min === Infinity ? 10 : Math.floor(min / 2),
    conditions: { all: [leafFor('comments30d')] },
    event: { type: 'tier', params: { tier } },
  };
  set.rules.push(rule);
  if (rule.priority < 1) renumber(set);
  return rule;
}

/** Priorities 10·n … 10 in table order: used when there is no room below the lowest. */
export function renumber(set: RuleSet): void {
  set.rules.forEach((r, i) => (r.priority = (set.rules.length - i) * 10));
}

/** Moves a rule up (-1) or down (+1): the two rules swap places and priorities. */
export function moveRule(set: RuleSet, index: number, by: -1 | 1): void {
  const j = index + by;
  if (j < 0 || j >= set.rules.length) return;
  const a = set.rules[index];
  const b = set.rules[j];
  [a.priority, b.priority] = [b.priority, a.priority];
  set.rules[index] = b;
  set.rules[j] = a;
  if (a.priority === b.priority) renumber(set);
}

export function removeRule(set: RuleSet, index: number): void {
  set.rules.splice(index, 1);
}

// ---- tiers ----------------------------------------------------------------------

/** A new tier just above the default one (new tiers are rarely the catch-all). */
export function addTier(set: RuleSet, zh: string, en: string): string {
  const ids = new Set(set.tiers.map((t) => t.id));
  let k = set.tiers.length + 1;
  while (ids.has(`tier${k}`)) k++;
  const id = `tier${k}`;
  const at = set.tiers.findIndex((t) => t.id === set.default?.tier);
  set.tiers.splice(at < 0 ? set.tiers.length : at, 0, { id, zh, en });
  return id;
}

export function tierInUse(set: RuleSet, id: string): boolean {
  return set.default?.tier === id || set.rules.some((r) => r.event?.params?.tier === id);
}

export function removeTier(set: RuleSet, id: string): void {
  set.tiers = set.tiers.filter((t) => t.id !== id);
}
