import { ALL_FACTS, isFactId, SHEET_FACTS, type SheetFactId } from '../facts/facts.js';
import { OPERATORS } from '../rules/operator-catalog.js';
import type { Condition, RuleSet } from '../rules/types.js';
import type { RulesDocument } from './types.js';

import type { Locale } from '../base/locale.js';
import { percentileOf, percentileTag } from '../rules/percentile.js';
import { tierLabel } from '../rules/tier-label.js';

/** One readable difference between two rules documents. */
export interface Change {
  kind: 'added' | 'removed' | 'changed';
  /** Where: a rule set's label, 设置 / Settings. */
  scope: string;
  /** The rule's name, when the change is inside one. */
  rule?: string;
  text: string;
}

const L = {
  zh: {
    colon: '：', all: '全部满足', any: '任一满足', not: '不满足', settings: '设置', timeZone: '时区', unset: '（未设置）', ignored: '（忽略）', auto: '（自动识别）',
    setAdded: '新增规则集', setRemoved: '删除规则集', tierAdded: '新增层级', tierRemoved: '删除层级', tierRenamed: '层级改名',
    default: '否则（默认层级）', ruleAdded: '新增规则', ruleRemoved: '删除规则', priority: '优先级', target: '层级', cond: '条件',
    condAdded: '新增条件', condRemoved: '删除条件', group: '条件组', column: '列', missingAsZero: '空白按 0 计算', hitPolicy: '命中策略',
  },
  en: {
    colon: ': ', all: 'all of', any: 'any of', not: 'none of', settings: 'Settings', timeZone: 'Time zone', unset: '(not set)', ignored: '(ignored)', auto: '(auto-detected)',
    setAdded: 'Rule set added', setRemoved: 'Rule set removed', tierAdded: 'Tier added', tierRemoved: 'Tier removed', tierRenamed: 'Tier renamed',
    default: 'Otherwise (default tier)', ruleAdded: 'Rule added', ruleRemoved: 'Rule removed', priority: 'Priority', target: 'Tier', cond: 'Condition',
    condAdded: 'Condition added', condRemoved: 'Condition removed', group: 'Group', column: 'Column', missingAsZero: 'Blanks count as 0', hitPolicy: 'Hit policy',
  },
};

/** 近30天评论 大于等于 20 · 最近活跃 在7天内 · 昵称 属于 a、b */
export function describeCondition(c: Condition, locale: Locale): string {
  const l = L[locale];
  if ('all' in c || 'any' in c) {
    const kind = 'all' in c ? 'all' : 'any';
    const list = 'all' in c ? c.all : c.any;
    return locale === 'zh' ? `${l[kind]}（${list.map((x) => describeCondition(x, locale)).join('；')}）` : `${l[kind]} (${list.map((x) => describeCondition(x, locale)).join('; ')})`;
  }
  if ('not' in c) return locale === 'zh' ? `${l.not}（${describeCondition(c.not, locale)}）` : `${l.not} (${describeCondition(c.not, locale)})`;
  const fact = isFactId(c.fact) ? ALL_FACTS[c.fact][locale] : c.fact;
  const top = percentileOf(c.value);
  const value = top ? percentileTag(top.params, locale) : Array.isArray(c.value) ? c.value.join(locale === 'zh' ? '、' : ', ') : String(c.value);
  const op = OPERATORS[c.operator]?.label[locale] ?? c.operator;
  // 在N天内 → 在7天内; within N days → within 7 days
  if (op.includes('N')) return `${fact} ${op.replace('N', value)}`;
  return `${fact} ${op} ${value}`;
}

/** Documents being compared may be half-typed: a missing set or tier list shows the id. */
function tierName(set: RuleSet | undefined, id: string | undefined, locale: Locale): string {
  return set?.tiers ? tierLabel(set, String(id ?? ''), locale) : String(id ?? '');
}

/** What changed from `before` to `after`, in the order a reader scans a rule set. */
export function diffDocuments(before: RulesDocument | undefined, after: RulesDocument, locale: Locale): Change[] {
  const l = L[locale];
  const changes: Change[] = [];
  const arrow = ' → ';
  const oldSets = new Map((before?.ruleSets ?? []).map((s) => [s.id, s]));
  const newIds = new Set(after.ruleSets.map((s) => s.id));
  for (const set of after.ruleSets) {
    const scope = set.label?.[locale] ?? set.id;
    const old = oldSets.get(set.id);
    if (!old) {
      changes.push({ kind: 'added', scope, text: `${l.setAdded}${l.colon}${scope}` });
      continue;
    }
    if (old.hitPolicy !== set.hitPolicy) changes.push({ kind: 'changed', scope, text: `${l.hitPolicy}${l.colon}${old.hitPolicy}${arrow}${set.hitPolicy}` });
    const oldTiers = new Map(old.tiers.map((t) => [t.id, t]));
    for (const t of set.tiers) {
      const o = oldTiers.get(t.id);
      if (!o) changes.push({ kind: 'added', scope, text: `${l.tierAdded}${l.colon}${t[locale]}` });
      else if (o.zh !== t.zh || o.en !== t.en) changes.push({ kind: 'changed', scope, text: `${l.tierRenamed}${l.colon}${o[locale]}${arrow}${t[locale]}` });
    }
    for (const o of old.tiers) if (!set.tiers.some((t) => t.id === o.id)) changes.push({ kind: 'removed', scope, text: `${l.tierRemoved}${l.colon}${o[locale]}` });
    if (old.default?.tier !== set.default?.tier) {
      changes.push({ kind: 'changed', scope, text: `${l.default}${l.colon}${tierName(old, old.default?.tier, locale)}${arrow}${tierName(set, set.default?.tier, locale)}` });
    }
    const zeroBefore = [...(old.missingAsZero ?? [])].sort().join(',');
    const zeroAfter = [...(set.missingAsZero ?? [])].sort().join(',');
    if (zeroBefore !== zeroAfter) changes.push({ kind: 'changed', scope, text: `${l.missingAsZero}${l.colon}${factList(old.missingAsZero, locale)}${arrow}${factList(set.missingAsZero, locale)}` });

    const oldRules = new Map(old.rules.map((r) => [r.name, r]));
    for (const rule of set.rules) {
      const o = oldRules.get(rule.name);
      if (!o) {
        changes.push({ kind: 'added', scope, rule: rule.name, text: `${l.ruleAdded}${l.colon}${rule.name} → ${tierName(set, String(rule.event?.params?.tier), locale)}${locale === 'zh' ? `（${describeCondition(rule.conditions, locale)}）` : ` (${describeCondition(rule.conditions, locale)})`}` });
        continue;
      }
      if (o.priority !== rule.priority) changes.push({ kind: 'changed', scope, rule: rule.name, text: `${l.priority}${l.colon}${o.priority}${arrow}${rule.priority}` });
      const ot = String(o.event?.params?.tier);
      const nt = String(rule.event?.params?.tier);
      if (ot !== nt) changes.push({ kind: 'changed', scope, rule: rule.name, text: `${l.target}${l.colon}${tierName(old, ot, locale)}${arrow}${tierName(set, nt, locale)}` });
      diffConditions(o.conditions, rule.conditions, locale, (kind, text) => changes.push({ kind, scope, rule: rule.name, text }));
    }
    for (const o of old.rules) if (!set.rules.some((r) => r.name === o.name)) changes.push({ kind: 'removed', scope, rule: o.name, text: `${l.ruleRemoved}${l.colon}${o.name}` });
  }
  for (const [id, old] of oldSets) if (!newIds.has(id)) changes.push({ kind: 'removed', scope: old.label?.[locale] ?? id, text: `${l.setRemoved}${l.colon}${old.label?.[locale] ?? id}` });

  const bs = before?.settings ?? {};
  const as = after.settings ?? {};
  if ((bs.timeZone ?? '') !== (as.timeZone ?? '')) {
    changes.push({ kind: 'changed', scope: l.settings, text: `${l.timeZone}${l.colon}${bs.timeZone ?? l.unset}${arrow}${as.timeZone ?? l.unset}` });
  }
  const headers = new Set([...Object.keys(bs.headerOverrides ?? {}), ...Object.keys(as.headerOverrides ?? {})]);
  for (const h of headers) {
    const b = bs.headerOverrides?.[h];
    const a = as.headerOverrides?.[h];
    if (b === a) continue;
    const show = (f: SheetFactId | null | undefined) => (f === undefined ? l.auto : f === null ? l.ignored : SHEET_FACTS[f]?.[locale] ?? f);
    changes.push({ kind: 'changed', scope: l.settings, text: `${l.column}${locale === 'zh' ? `「${h}」` : ` "${h}"`}${l.colon}${show(b)}${arrow}${show(a)}` });
  }
  // The version's own choice for the members its change demotes (never carried over, so not compared with `before`).
  for (const id of after.keepForGrace ?? []) {
    const set = after.ruleSets.find((s) => s.id === id);
    const text = locale === 'zh' ? '因本次修改降级的成员在宽限期内保留现在的层级' : 'Members this change moves down keep their tier for the grace period';
    changes.push({ kind: 'changed', scope: set?.label?.[locale] ?? id, text });
  }
  return changes;
}

function factList(list: string[] | undefined, locale: Locale): string {
  if (!list?.length) return '—';
  return list.map((f) => (isFactId(f) ? ALL_FACTS[f][locale] : f)).join(locale === 'zh' ? '、' : ', ');
}

type Emit = (kind: Change['kind'], text: string) => void;

function isLeaf(c: Condition): c is Extract<Condition, { fact: string }> {
  return !('all' in c || 'any' in c || 'not' in c);
}

function diffConditions(a: Condition, b: Condition, locale: Locale, emit: Emit): void {
  const l = L[locale];
  if (isLeaf(a) && isLeaf(b)) {
    if (a.fact === b.fact && a.operator === b.operator) {
      if (JSON.stringify(a.value) !== JSON.stringify(b.value)) emit('changed', `${l.cond}${l.colon}${describeCondition(a, locale)} → ${describeCondition(b, locale)}`);
    } else {
      emit('changed', `${l.cond}${l.colon}${describeCondition(a, locale)} → ${describeCondition(b, locale)}`);
    }
    return;
  }
  if (isLeaf(a) || isLeaf(b)) {
    emit('changed', `${l.cond}${l.colon}${describeCondition(a, locale)} → ${describeCondition(b, locale)}`);
    return;
  }
  const kindOf = (c: Condition) => ('all' in c ? 'all' : 'any' in c ? 'any' : 'not');
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) emit('changed', `${l.group}${l.colon}${l[ka]} → ${l[kb]}`);
  const kids = (c: Condition): Condition[] => ('all' in c ? c.all : 'any' in c ? c.any : [(c as { not: Condition }).not]);
  const ca = kids(a);
  const cb = kids(b);
  // Align children: equal ones match; an item found later on the other side means the ones before it were added/removed.
  const same = (x: Condition, y: Condition) => JSON.stringify(x) === JSON.stringify(y);
  let i = 0;
  let j = 0;
  while (i < ca.length || j < cb.length) {
    if (i >= ca.length) emit('added', `${l.condAdded}${l.colon}${describeCondition(cb[j++], locale)}`);
    else if (j >= cb.length) emit('removed', `${l.condRemoved}${l.colon}${describeCondition(ca[i++], locale)}`);
    else if (same(ca[i], cb[j])) (i++, j++);
    else if (cb.slice(j + 1).some((y) => same(ca[i], y))) emit('added', `${l.condAdded}${l.colon}${describeCondition(cb[j++], locale)}`);
    else if (ca.slice(i + 1).some((x) => same(x, cb[j]))) emit('removed', `${l.condRemoved}${l.colon}${describeCondition(ca[i++], locale)}`);
    else diffConditions(ca[i++], cb[j++], locale, emit);
  }
}
