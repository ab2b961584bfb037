/**
 * Expected tier sizes under the draft rules, over the current members: per
 * tier (with a warning when empty or above the configured share), per rule,
 * and for the default row. The rules as written: grace periods and locks
 * are the preview's job.
 */
import type { RuleSet } from '../../core/rules/types.js';
import type { AppState } from '../app.js';
import { clear, h } from '../dom.js';
import { getLocale, t } from '../i18n/index.js';
import { countSet, type SetCounts } from '../live/tier-counts.js';

/** Warn when one tier would hold more than this share, unless the settings say otherwise. */
export const DEFAULT_MAX_TIER_SHARE = 0.8;

export function maxTierShare(s: AppState): number {
  const v = s.draft.settings.maxTierShare;
  return typeof v === 'number' && v > 0 && v <= 1 ? v : DEFAULT_MAX_TIER_SHARE;
}

export function tierSizesSlot(setId: string): HTMLElement {
  return h('div', { class: 'tier-sizes', 'data-set': setId, hidden: true });
}

export function ruleCountSlot(setId: string, path: string): HTMLElement {
  return h('span', { class: 'rule-count muted small', 'data-set': setId, 'data-at': path });
}

/** Recounts every rule set shown; returns the milliseconds the counting took (all sets). */
export function refreshTierSizes(root: ParentNode, s: AppState): number {
  let ms = 0;
  root.querySelectorAll<HTMLElement>('.tier-sizes[data-set]').forEach((el) => {
    const set = s.draft.ruleSets.find((x) => x.id === el.dataset.set);
    const valid = set && !s.problems.some((p) => p.setId === set.id);
    const started = performance.now();
    const counts = s.members && valid ? countSet(set!, s.members) : null;
    ms += performance.now() - started;
    clear(el);
    el.hidden = !counts;
    root.querySelectorAll<HTMLElement>(`.rule-count[data-set="${el.dataset.set}"]`).forEach((c) => {
      const index = Number(/^rules\[(\d+)\]$/.exec(c.dataset.at ?? '')?.[1] ?? -1);
      const n = counts && index >= 0 ? counts.byRule[index] : undefined;
      c.textContent = n === undefined ? '' : t(set!.hitPolicy === 'collect' ? 'sizes.fires' : 'sizes.places', { n });
      if (n !== undefined) c.dataset.count = String(n);
    });
    const fallback = root.querySelector<HTMLElement>(`.default-count[data-set="${el.dataset.set}"]`);
    if (fallback) fallback.textContent = counts && set!.hitPolicy === 'first' ? t('sizes.places', { n: counts.members - counts.byRule.reduce((a, b) => a + b, 0) }) : '';
    if (counts && set) drawSizes(el, set, counts, s);
  });
  return ms;
}

function drawSizes(el: HTMLElement, set: RuleSet, counts: SetCounts, s: AppState): void {
  const locale = getLocale();
  const max = maxTierShare(s);
  const scale = s.members!.total / Math.max(1, s.members!.count);
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (set.hitPolicy === 'collect') {
    el.append(h('div', { class: 'muted small' }, t('sizes.collectHead', { n: s.members!.total })));
    return;
  }
  el.append(
    h('div', { class: 'muted small' }, t('sizes.head', { n: s.members!.total }), scale > 1 ? ` ${t('sizes.sampled', { n: s.members!.count })}` : ''),
    ...set.tiers.map((tier) => {
      const n = counts.byTier[tier.id] ?? 0;
      const share = counts.members ? n / counts.members : 0;
      const warn = n === 0 ? t('sizes.empty') : share > max ? t('sizes.tooBig', { max: pct(max) }) : '';
      return h(
        'div',
        { class: `tier-size${warn ? ' warn' : ''}`, 'data-tier': tier.id, 'data-count': String(Math.round(n * scale)), 'data-share': share.toFixed(4) },
        h('span', { class: 'name' }, tier[locale] || tier.id),
        h('span', { class: 'bar' }, h('span', { class: 'fill', style: `width:${Math.round(share * 100)}%` })),
        h('span', { class: 'num' }, `${Math.round(n * scale)} · ${pct(share)}`),
        warn && h('div', { class: 'warn-text small' }, warn),
      );
    }),
  );
}
