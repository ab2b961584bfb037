/** One rule's row, the same frame in the tier table and the incentives table. */
import type { RuleSet } from '../../core/rules/types.js';
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { renderCondition } from './conditions.js';
import { ruleButtons } from './rule-buttons.js';
import { ruleCountSlot } from './tier-sizes.js';

export interface RuleRowParts {
  /** The row's class: 'rule', or 'rule collect-rule' for an incentive. */
  className: string;
  /** What the head shows after the rank: the tier it gives, or what it awards. */
  head: HTMLElement[];
  /** Below the name, above the conditions (an incentive's award parameters). */
  body?: HTMLElement[];
}

/**
 * Rank, head, live count, ↑ ↓ ×; the name; the body; the rule's error and
 * findings slots; its conditions.
 */
export function ruleRow(ctx: Ctx, set: RuleSet, i: number, findingsSlot: (key: string) => HTMLElement, parts: RuleRowParts): HTMLElement {
  const rule = set.rules[i];
  const path = `rules[${i}]`;
  return h(
    'div',
    { class: parts.className, 'data-rule': rule.name, 'data-path': path },
    h('div', { class: 'rule-head' }, h('span', { class: 'rank' }, String(i + 1)), ...parts.head, ruleCountSlot(set.id, path), h('span', { class: 'spacer' }), ...ruleButtons(ctx, set, i)),
    h('input', {
      class: 'rule-name',
      type: 'text',
      value: rule.name,
      'aria-label': t('rules.name'),
      'data-key': `${set.id}:${path}.name`,
      oninput: (e: Event) => {
        rule.name = (e.target as HTMLInputElement).value;
        ctx.changed();
      },
    }),
    ...(parts.body ?? []),
    h('div', { class: 'err', 'data-for': `${set.id}:${path}`, hidden: true }),
    findingsSlot(`${set.id}:${path}`),
    renderCondition(ctx, set.id, rule.conditions, `${path}.conditions`, null),
  );
}
