import type { RuleSet } from '../../core/rules/types.js';
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { moveRule, removeRule } from '../draft.js';
import { t } from '../i18n/index.js';

/** ↑ ↓ × at the end of a rule's row: the same in the tier table and the incentives table. */
export function ruleButtons(ctx: Ctx, set: RuleSet, i: number): HTMLElement[] {
  return [
    h('button', { class: 'icon', title: t('rules.moveUp'), 'aria-label': t('rules.moveUp'), disabled: i === 0, onclick: () => (moveRule(set, i, -1), ctx.render()) }, '↑'),
    h('button', { class: 'icon', title: t('rules.moveDown'), 'aria-label': t('rules.moveDown'), disabled: i === set.rules.length - 1, onclick: () => (moveRule(set, i, 1), ctx.render()) }, '↓'),
    h('button', { class: 'icon', title: t('rules.remove'), 'aria-label': t('rules.remove'), onclick: () => (removeRule(set, i), ctx.render()) }, '×'),
  ];
}
