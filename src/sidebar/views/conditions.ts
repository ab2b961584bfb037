/** One rule's conditions: leaves (field · comparison · value) inside all/any groups, nested as deep as the rule is. */
import { ALL_FACTS, DERIVED_FACTS, SHEET_FACTS, type FactId } from '../../core/facts/facts.js';
import { OPERATORS } from '../../core/rules/operator-catalog.js';
import type { Condition } from '../../core/rules/types.js';
import type { Ctx } from '../app.js';
import { h, select } from '../dom.js';
import { children, factType, formatValue, groupKind, isLeaf, leafFor, offersTopPercent, operatorsFor, parseValue, setGroupKind, topPercent, type Leaf } from '../draft.js';
import { percentileOf } from '../../core/rules/percentile.js';
import { getLocale, t } from '../i18n/index.js';
import { distributionSlot } from './distribution.js';

function factLabel(id: FactId): string {
  const f = ALL_FACTS[id];
  const locale = getLocale();
  const unit = 'unit' in f && f.unit ? f.unit[locale].trim() : f.type === 'date' ? t('cond.dateHint') : '';
  return unit ? (locale === 'zh' ? `${f[locale]}（${unit}）` : `${f[locale]} (${unit})`) : f[locale];
}

function factOptions() {
  const entries = (facts: object) => (Object.keys(facts) as FactId[]).map((id): [string, string] => [id, factLabel(id)]);
  return [
    { group: t('cond.sheetFacts'), options: entries(SHEET_FACTS).filter(([id]) => id !== 'memberId') },
    { group: t('cond.derivedFacts'), options: entries(DERIVED_FACTS) },
  ];
}

/**
 * `path` is the validator's path of this condition inside its rule set
 * (rules[0].conditions.all[1]); `remove` drops it from its parent.
 */
export function renderCondition(ctx: Ctx, setId: string, c: Condition, path: string, remove: (() => void) | null): HTMLElement {
  return isLeaf(c) ? renderLeaf(ctx, setId, c as Leaf, path, remove) : renderGroup(ctx, setId, c, path, remove);
}

function renderGroup(ctx: Ctx, setId: string, c: Condition, path: string, remove: (() => void) | null): HTMLElement {
  const kind = groupKind(c);
  const list = children(c);
  const kindBox =
    kind === 'not'
      ? h('span', { class: 'kind' }, t('cond.not'))
      : select([['all', t('cond.all')], ['any', t('cond.any')]], kind, {
          class: 'kind',
          'aria-label': t('cond.all'),
          onchange: (e: Event) => {
            setGroupKind(c, (e.target as HTMLSelectElement).value as 'all' | 'any');
            ctx.render();
          },
        });
  const items = list.map((child, i) => {
    const childPath = kind === 'not' ? `${path}.not` : `${path}.${kind}[${i}]`;
    const drop = kind === 'not' ? null : () => {
      list.splice(i, 1);
      ctx.render();
    };
    return renderCondition(ctx, setId, child, childPath, drop);
  });
  const add = (what: 'leaf' | 'group') => () => {
    const first = list.find(isLeaf) as Leaf | undefined;
    const leaf = leafFor(first?.fact ?? 'comments30d', first);
    list.push(what === 'leaf' ? leaf : { any: [leaf] });
    ctx.render();
  };
  return h(
    'div',
    { class: `group group-${kind}`, 'data-path': path },
    h('div', { class: 'group-head' }, kindBox, remove && h('button', { class: 'icon', title: t('cond.remove'), 'aria-label': t('cond.remove'), onclick: () => (remove(), undefined) }, '×')),
    h('div', { class: 'group-body' }, items),
    kind !== 'not' && h('div', { class: 'group-add' }, h('button', { class: 'link', onclick: add('leaf') }, t('cond.add')), h('button', { class: 'link', onclick: add('group') }, t('cond.addGroup'))),
    h('div', { class: 'err', 'data-for': `${setId}:${path}`, hidden: true }),
  );
}

function renderLeaf(ctx: Ctx, setId: string, leaf: Leaf, path: string, remove: (() => void) | null): HTMLElement {
  const locale = getLocale();
  const ops = operatorsFor(leaf.fact);
  const fact = select(factOptions(), leaf.fact, {
    class: 'fact',
    'data-key': `${setId}:${path}.fact`,
    'aria-label': t('cond.fact'),
    onchange: (e: Event) => {
      const next = leafFor((e.target as HTMLSelectElement).value, leaf);
      Object.assign(leaf, next);
      ctx.render();
    },
  });
  const operator = select(
    (ops.includes(leaf.operator) ? ops : [leaf.operator, ...ops]).map((id): [string, string] => [id, OPERATORS[id]?.label[locale] ?? id]),
    leaf.operator,
    {
      class: 'op',
      'data-key': `${setId}:${path}.operator`,
      'aria-label': t('cond.operator'),
      onchange: (e: Event) => {
        Object.assign(leaf, leafFor(leaf.fact, { ...leaf, operator: (e.target as HTMLSelectElement).value }));
        ctx.render();
      },
    },
  );
  const op = OPERATORS[leaf.operator];
  const numeric = op?.value === 'number' || factType(leaf.fact) === 'number';
  // A threshold is a number, or "前 N%": the cut worked out from the members on every run.
  const top = percentileOf(leaf.value);
  const offer = offersTopPercent(ctx.state.draft.ruleSets.find((x) => x.id === setId), leaf);
  const kind =
    (offer || top) &&
    select([['value', t('cond.byValue')], ['top', t('cond.topPercent')]], top ? 'top' : 'value', {
      class: 'value-kind',
      'data-key': `${setId}:${path}.valueKind`,
      'aria-label': t('cond.valueKind'),
      onchange: (e: Event) => {
        leaf.value = (e.target as HTMLSelectElement).value === 'top' ? topPercent(leaf.fact, 10) : 1;
        ctx.render();
      },
    });
  // Date operators count days, and so do the derived facts that carry a day unit (最近活跃（天前）, 入群天数).
  const days = leaf.operator === 'withinDays' || leaf.operator === 'olderThanDays' || 'unit' in (ALL_FACTS[leaf.fact as FactId] ?? {});
  const value = h('input', {
    class: 'value',
    type: 'text',
    inputmode: numeric && op?.value !== 'array' ? 'decimal' : undefined,
    value: formatValue(leaf.value),
    title: op?.value === 'array' ? t('cond.listHint') : undefined,
    'data-key': `${setId}:${path}.value`,
    'aria-label': t('cond.value'),
    oninput: (e: Event) => {
      const raw = (e.target as HTMLInputElement).value;
      leaf.value = top ? topPercent(leaf.fact, parseValue(raw, leaf.fact, leaf.operator)) : parseValue(raw, leaf.fact, leaf.operator);
      ctx.changed();
    },
  });
  return h(
    'div',
    { class: 'leaf', 'data-path': path },
    h('div', { class: 'leaf-row' }, fact, remove && h('button', { class: 'icon', title: t('cond.remove'), 'aria-label': t('cond.remove'), onclick: () => (remove(), undefined) }, '×')),
    h('div', { class: 'leaf-row' }, operator, kind, value, top ? h('span', { class: 'unit' }, '%') : days && h('span', { class: 'unit' }, t('cond.days'))),
    distributionSlot(setId, path),
    h('div', { class: 'err', 'data-for': `${setId}:${path}`, hidden: true }),
  );
}
