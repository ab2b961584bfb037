/**
 * Points and honors (`collect` rule sets) in the same table as the tiers:
 * one row per rule with its conditions and what it awards. Every matching
 * rule fires, so order does not decide; validation, analysis and live
 * counts work as for tiers.
 */
import { ALL_FACTS, type FactId } from '../../core/facts/facts.js';
import { HONOR_METRIC_IDS } from '../../core/rules/collect-params.js';
import type { Rule, RuleSet } from '../../core/rules/types.js';
import type { Ctx } from '../app.js';
import { numberBox } from './number-box.js';
import { ruleRow } from './rule-row.js';
import { h, select } from '../dom.js';
import { leafFor } from '../draft.js';
import { getLocale, t } from '../i18n/index.js';
import { tierSizesSlot } from './tier-sizes.js';

const numericFacts = () => (Object.keys(ALL_FACTS) as FactId[]).filter((f) => ALL_FACTS[f].type === 'number').map((f): [string, string] => [f, ALL_FACTS[f][getLocale()]]);

export function renderCollectSet(ctx: Ctx, set: RuleSet, findingsSlot: (key: string) => HTMLElement): HTMLElement {
  const locale = getLocale();
  const rows = set.rules.map((rule, i) => {
    const path = `rules[${i}]`;
    const honor = rule.event?.type === 'honor';
    return ruleRow(ctx, set, i, findingsSlot, {
      className: 'rule collect-rule',
      head: [h('span', { class: 'award' }, honor ? t('incentive.honor') : t('incentive.pointsRule'))],
      body: [h('div', { class: 'award-params' }, honor ? honorParams(ctx, set, rule, path) : pointsParams(ctx, set, rule, path))],
    });
  });
  const kind = set.rules[0]?.event?.type === 'honor' || set.id === 'honors' ? 'honor' : 'points';
  return h(
    'section',
    { class: 'card set collect', 'data-set': set.id },
    h('h2', null, set.label?.[locale] ?? set.id),
    h('p', { class: 'hint' }, t('incentive.hint')),
    h('div', { class: 'err', 'data-for': `${set.id}:`, hidden: true }),
    findingsSlot(`${set.id}:`),
    tierSizesSlot(set.id),
    rows,
    h('button', { class: 'link add-rule', onclick: () => (addAward(set, kind), ctx.render()) }, t('rules.add')),
  );
}

/** A text box for one number param; blank removes an optional one. Unreadable input stays as text for the validator to name. */
function numberParam(ctx: Ctx, set: RuleSet, rule: Rule, path: string, key: string, label: string, optional: boolean): HTMLElement {
  const params = (rule.event.params ??= {});
  const shown = params[key] === undefined ? '' : String(params[key]);
  return numberBox(ctx, label, shown, `${set.id}:${path}.event.params.${key}`, (v) => {
    if (v === undefined && optional) delete params[key];
    else params[key] = v ?? '';
  });
}

function selectParam(ctx: Ctx, set: RuleSet, rule: Rule, path: string, key: string, label: string, options: Array<[string, string]>, optional: boolean): HTMLElement {
  const params = (rule.event.params ??= {});
  const value = params[key] === undefined ? '' : String(params[key]);
  return h(
    'label',
    { class: 'param' },
    h('span', null, label),
    select(optional ? [['', t('incentive.none')], ...options] : options, value, {
      'data-key': `${set.id}:${path}.event.params.${key}`,
      onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        if (v === '' && optional) delete params[key];
        else params[key] = v;
        ctx.changed();
      },
    }),
  );
}

function pointsParams(ctx: Ctx, set: RuleSet, rule: Rule, path: string): HTMLElement[] {
  return [
    numberParam(ctx, set, rule, path, 'points', t('incentive.points'), false),
    selectParam(ctx, set, rule, path, 'per', t('incentive.per'), numericFacts(), true),
    numberParam(ctx, set, rule, path, 'cap', t('incentive.cap'), true),
    selectParam(ctx, set, rule, path, 'category', t('incentive.category'), [['content', t('incentive.catContent')], ['interaction', t('incentive.catInteraction')], ['other', t('incentive.catOther')]], true),
  ];
}

function honorParams(ctx: Ctx, set: RuleSet, rule: Rule, path: string): HTMLElement[] {
  const params = (rule.event.params ??= {});
  const label: Record<(typeof HONOR_METRIC_IDS)[number], string> = {
    points: t('incentive.metricPoints'),
    contentPoints: t('incentive.metricContent'),
    interactionPoints: t('incentive.metricInteraction'),
    contribution: t('incentive.metricContribution'),
  };
  const metrics: Array<[string, string]> = [...HONOR_METRIC_IDS.map((id): [string, string] => [id, label[id]]), ...numericFacts()];
  return [
    h('label', { class: 'param' }, h('span', null, t('incentive.en')), h('input', { type: 'text', value: String(params.en ?? ''), 'data-key': `${set.id}:${path}.event.params.en`, oninput: (e: Event) => ((params.en = (e.target as HTMLInputElement).value), ctx.changed()) })),
    selectParam(ctx, set, rule, path, 'metric', t('incentive.metric'), metrics, false),
    numberParam(ctx, set, rule, path, 'winners', t('incentive.winners'), true),
    numberParam(ctx, set, rule, path, 'minimum', t('incentive.minimum'), true),
  ];
}

/** A new award at the bottom: a few points per comment, or an honor ranked by points. */
function addAward(set: RuleSet, kind: 'points' | 'honor'): void {
  const min = set.rules.reduce((m, r) => Math.min(m, r.priority), Infinity);
  const names = new Set(set.rules.map((r) => r.name));
  const base = kind === 'honor' ? t('incentive.newHonor') : t('incentive.newPoints');
  let name = base;
  for (let k = 2; names.has(name); k++) name = `${base} ${k}`;
  set.rules.push({
    name,
    priority: min === Infinity ? 10 : Math.max(1, Math.floor(min / 2)),
    conditions: { all: [leafFor('comments30d')] },
    event: kind === 'honor' ? { type: 'honor', params: { en: 'New honor', metric: 'points', winners: 1, minimum: 1 } } : { type: 'points', params: { points: 1, category: 'interaction' } },
  });
}
