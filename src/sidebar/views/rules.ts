/** The decision table: one block per rule set, one row per rule in priority order, then 否则 → default. */
import type { RuleSet } from '../../core/rules/types.js';
import type { Ctx } from '../app.js';
import { numberBox } from './number-box.js';
import { ruleRow } from './rule-row.js';
import { h, select } from '../dom.js';
import { addRule, addTier, removeTier, tierInUse } from '../draft.js';
import { getLocale, t } from '../i18n/index.js';
import { renderJson, renderRulesToolbar } from './json.js';
import { tierSizesSlot } from './tier-sizes.js';
import { renderCollectSet } from './incentives.js';
import { normalize } from '../draft.js';

export function renderRules(ctx: Ctx): HTMLElement {
  const s = ctx.state;
  return h(
    'div',
    { class: 'rules-view' },
    renderRulesToolbar(ctx),
    s.jsonMode ? renderJson(ctx) : [h('p', { class: 'hint' }, t('rules.priorityHint')), s.draft.ruleSets.map((set) => renderSet(ctx, set)), addIncentives(ctx)],
  );
}

/** Points and honors run on the shipped rules until the document has its own: this copies them in to edit. */
function addIncentives(ctx: Ctx): HTMLElement | null {
  const s = ctx.state;
  const missing = (s.boot.incentiveDefaults ?? []).filter((d) => !s.draft.ruleSets.some((x) => x.id === d.id));
  if (missing.length === 0) return null;
  return h('button', {
    class: 'link add-incentives',
    onclick: () => {
      s.draft.ruleSets.push(...normalize({ ruleSets: structuredClone(missing), settings: {} }).ruleSets);
      ctx.render();
    },
  }, t('incentive.add'));
}

function tierOptions(set: RuleSet): Array<[string, string]> {
  const locale = getLocale();
  return set.tiers.map((tier): [string, string] => [tier.id, tier[locale] || tier.id]);
}

function renderSet(ctx: Ctx, set: RuleSet): HTMLElement {
  const locale = getLocale();
  const title = h('h2', null, set.label?.[locale] ?? set.id);
  if (set.hitPolicy !== 'first') return renderCollectSet(ctx, set, findingsSlot);
  const rows = set.rules.map((rule, i) => {
    const path = `rules[${i}]`;
    const given = String(rule.event?.params?.tier ?? '');
    const tierSelect = select(tierOptions(set).concat(set.tiers.some((x) => x.id === rule.event?.params?.tier) ? [] : [[String(rule.event?.params?.tier), String(rule.event?.params?.tier)]]), given, {
      class: 'tier',
      'aria-label': t('rules.then'),
      'data-key': `${set.id}:${path}.event.params.tier`,
      onchange: (e: Event) => {
        rule.event = { ...rule.event, params: { ...rule.event.params, tier: (e.target as HTMLSelectElement).value } };
        ctx.changed();
      },
    });
    return ruleRow(ctx, set, i, findingsSlot, { className: 'rule', head: [tierSelect] });
  });
  const lowest = set.tiers[set.tiers.length - 2] ?? set.tiers[0];
  return h(
    'section',
    { class: 'card set', 'data-set': set.id },
    title,
    h('div', { class: 'err', 'data-for': `${set.id}:`, hidden: true }),
    findingsSlot(`${set.id}:`),
    tierSizesSlot(set.id),
    renderTiers(ctx, set),
    rows,
    h('button', { class: 'link add-rule', onclick: () => (addRule(set, lowest?.id ?? '', t('rules.newName')), ctx.render()) }, t('rules.add')),
    h(
      'div',
      { class: 'rule default-row' },
      h('span', { class: 'otherwise' }, t('rules.otherwise')),
      h('span', { class: 'arrow' }, '→'),
      select(tierOptions(set), set.default?.tier ?? '', {
        class: 'tier',
        'aria-label': t('rules.otherwise'),
        'data-key': `${set.id}:default.tier`,
        onchange: (e: Event) => {
          set.default = { tier: (e.target as HTMLSelectElement).value };
          ctx.changed();
        },
      }),
      h('span', { class: 'default-count muted small', 'data-set': set.id }),
      h('div', { class: 'err', 'data-for': `${set.id}:default`, hidden: true }),
      findingsSlot(`${set.id}:default`),
    ),
  );
}

/**
 * A rule-set number shown scaled (low-water 0.9 as 90); blank removes it.
 * Unreadable input stays as text, for the validator to name beside it.
 */
function numberField(ctx: Ctx, set: RuleSet, key: 'demotionGraceDays' | 'lowWaterMark', label: string, scale: number): HTMLElement {
  const v = set[key];
  const shown = typeof v === 'number' ? String(Math.round(v * scale * 100) / 100) : '';
  return numberBox(ctx, label, shown, `${set.id}:${key}`, (value) => {
    const target = set as unknown as Record<string, unknown>;
    if (value === undefined) delete target[key];
    else target[key] = typeof value === 'number' ? value / scale : value;
  });
}

/** Where the rule analysis writes what it found about this part of the table (see findings.ts). */
function findingsSlot(key: string): HTMLElement {
  return h('div', { class: 'findings', 'data-for': key, hidden: true });
}

function renderTiers(ctx: Ctx, set: RuleSet): HTMLElement {
  const items = set.tiers.map((tier, i) =>
    h(
      'div',
      { class: 'tier-row', 'data-tier': tier.id },
      h('input', { type: 'text', value: tier.zh, 'aria-label': t('rules.tierZh'), placeholder: t('rules.tierZh'), 'data-key': `${set.id}:tiers[${i}]`, oninput: (e: Event) => ((tier.zh = (e.target as HTMLInputElement).value), ctx.changed()) }),
      h('input', { type: 'text', value: tier.en, 'aria-label': t('rules.tierEn'), placeholder: t('rules.tierEn'), oninput: (e: Event) => ((tier.en = (e.target as HTMLInputElement).value), ctx.changed()) }),
      h('button', {
        class: 'icon',
        title: tierInUse(set, tier.id) ? t('rules.tierInUse') : t('rules.removeTier'),
        'aria-label': t('rules.removeTier'),
        disabled: tierInUse(set, tier.id),
        onclick: () => (removeTier(set, tier.id), ctx.render()),
      }, '×'),
    ),
  );
  return h(
    'details',
    { class: 'tiers' },
    h('summary', null, t('rules.tiers'), ' ', h('span', { class: 'muted' }, set.tiers.map((x) => x[getLocale()] || x.id).join(' › '))),
    items,
    h('button', { class: 'link', onclick: () => (addTier(set, t('rules.newTierZh'), t('rules.newTierEn')), ctx.render()) }, t('rules.addTier')),
    h('div', { class: 'err', 'data-for': `${set.id}:tiers`, hidden: true }),
    h(
      'div',
      { class: 'award-params dynamics' },
      numberField(ctx, set, 'demotionGraceDays', t('rules.grace'), 1),
      numberField(ctx, set, 'lowWaterMark', t('rules.lowWater'), 100),
    ),
  );
}
