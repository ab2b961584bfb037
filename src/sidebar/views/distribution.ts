/**
 * Beside each numeric condition: the fact's distribution over the current
 * members (a small histogram, the threshold marked) and how many members
 * fall on each side. Redrawn on every keystroke from columns the browser
 * already holds.
 */
import { isFactId } from '../../core/facts/facts.js';
import { KIND_OF, VARIABLE_OF } from '../../core/rules/analyze/variables.js';
import type { Condition, RuleSet } from '../../core/rules/types.js';
import type { AppState } from '../app.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/index.js';
import { viewOf } from '../live/columns.js';
import { meets } from '../live/meets.js';
import { countConditions, type ConditionCount } from '../live/tier-counts.js';
import { percentileOf } from '../../core/rules/percentile.js';
import { conditionAt } from '../live/condition-at.js';
import { BINS, histogramOf } from '../live/histogram.js';

const COMPARE = new Set(['greaterThanInclusive', 'greaterThan', 'lessThanInclusive', 'lessThan', 'withinDays', 'olderThanDays']);
const SVG = 'http://www.w3.org/2000/svg';
const BAR = 10;

export function distributionSlot(setId: string, path: string): HTMLElement {
  return h('div', { class: 'dist', 'data-set': setId, 'data-at': path, hidden: true });
}

export function refreshDistributions(root: ParentNode, s: AppState): void {
  const slots = [...root.querySelectorAll<HTMLElement>('.dist[data-set]')];
  const valid = (set: RuleSet, path: string) => !s.problems.some((p) => p.setId === set.id && p.path.startsWith(path));
  // Every shown condition of a rule set is counted in one pass of the compiled evaluator, the first time one of them is drawn.
  const bySet = new Map<string, Map<string, ConditionCount | null>>();
  const count = (set: RuleSet, path: string): ConditionCount | null => {
    let counts = bySet.get(set.id);
    if (!counts) {
      const leaves = slots
        .filter((el) => el.dataset.set === set.id && valid(set, el.dataset.at!))
        .map((el) => ({ path: el.dataset.at!, leaf: conditionAt(set, el.dataset.at!) }))
        .filter((x): x is { path: string; leaf: Condition } => !!x.leaf && 'fact' in x.leaf);
      const got = countConditions(set, leaves.map((x) => x.leaf), s.members!);
      bySet.set(set.id, (counts = new Map(leaves.map((x, i) => [x.path, got[i]]))));
    }
    return counts.get(path) ?? null;
  };
  slots.forEach((el) => {
    const set = s.draft.ruleSets.find((x) => x.id === el.dataset.set);
    const ok = s.members && set && valid(set, el.dataset.at!) && drawDistribution(el, set, el.dataset.at!, s, count);
    if (!ok) {
      clear(el);
      el.hidden = true;
    }
  });
}

function drawDistribution(el: HTMLElement, set: RuleSet, path: string, s: AppState, count: (set: RuleSet, path: string) => ConditionCount | null): boolean {
  const leaf = conditionAt(set, path);
  if (!leaf || !('fact' in leaf) || !isFactId(leaf.fact)) return false;
  const top = percentileOf(leaf.value);
  if (typeof leaf.value !== 'number' && !top) return false;
  const v = VARIABLE_OF[leaf.fact];
  if (KIND_OF[v] === 'text') return false;
  const view = viewOf(s.members!, set.missingAsZero);
  const col = view.column(v);
  // Counted by the run's compiled evaluator; "top N%" marked at the cut these members give (NaN: nobody has a value).
  const counted = count(set, path);
  if (!col || !counted) return false;
  const hist = histogramOf(col, KIND_OF[v] === 'days');
  const threshold = top ? (counted.cut ?? NaN) : (leaf.value as number);
  const yes = counted.yes;
  let missing = 0;
  for (let i = 0; i < view.count; i++) if (col[i] === null) missing++;
  const no = view.count - yes;
  // A bar is coloured by whether its middle value meets the condition.
  const passes = (x: number) => meets(leaf.operator, x, threshold, leaf.value);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${(BINS + 1) * BAR} 36`);
  svg.setAttribute('class', 'hist');
  svg.setAttribute('preserveAspectRatio', 'none');
  const bars = [...hist.bins, hist.tail];
  bars.forEach((n, k) => {
    const mid = k < BINS ? hist.lo + hist.width * (k + 0.5) : hist.hi + hist.width / 2;
    // Square-root heights: counts are skewed (most members near 0), and the tail should still show.
    const height = n === 0 ? 0 : Math.max(1.5, Math.sqrt(n / hist.peak) * 32);
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', String(k * BAR + 0.5));
    r.setAttribute('width', String(BAR - 1));
    r.setAttribute('y', String(34 - height));
    r.setAttribute('height', String(height));
    r.setAttribute('class', `bar ${passes(mid) ? 'pass' : 'fail'}${k === BINS ? ' tail' : ''}`);
    r.setAttribute('data-count', String(n));
    svg.appendChild(r);
  });
  if (COMPARE.has(leaf.operator) && !Number.isNaN(threshold)) {
    const x = Math.max(0, Math.min((BINS + 1) * BAR, ((threshold - hist.lo) / hist.width) * BAR));
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x));
    line.setAttribute('y1', '0');
    line.setAttribute('y2', '36');
    line.setAttribute('class', 'marker');
    line.setAttribute('data-x', x.toFixed(2));
    svg.appendChild(line);
  }
  const share = (n: number) => (view.count ? `${Math.round((n / view.count) * 1000) / 10}%` : '–');
  clear(el);
  el.dataset.yes = String(yes);
  el.dataset.no = String(no);
  el.dataset.missing = String(missing);
  if (top) el.dataset.cut = String(threshold);
  el.append(
    svg,
    h('div', { class: 'dist-axis muted small' }, h('span', null, fmt(hist.lo)), h('span', null, `${fmt(hist.hi)}+`)),
    h('div', { class: 'dist-counts small' }, t('dist.counts', { yes, no, share: share(yes) }), missing ? ` · ${t('dist.missing', { n: missing })}` : '', top && !Number.isNaN(threshold) ? ` · ${t('dist.cut', { top: top.params.top, cut: fmt(threshold) })}` : ''),
  );
  el.hidden = false;
  return true;
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
