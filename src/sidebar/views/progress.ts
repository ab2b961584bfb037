/** Save-and-recompute progress: one line per step, then the run's summary. */
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { renderSummary } from './summary.js';

export function renderProgress(ctx: Ctx): HTMLElement {
  const s = ctx.state;
  const done = s.steps.filter((x) => x.state === 'done').length;
  const failed = s.steps.some((x) => x.state === 'failed');
  return h(
    'section',
    { class: 'card progress', role: 'status', 'aria-live': 'polite' },
    h('div', { class: `bar${s.busy ? ' running' : ''}${failed ? ' failed' : ''}` }, h('div', { class: 'fill', style: `width:${Math.round((done / Math.max(1, s.steps.length)) * 100)}%` })),
    h(
      'ol',
      { class: 'steps' },
      s.steps.map((x) => h('li', { class: `step ${x.state}` }, h('span', { class: 'mark' }, x.state === 'done' ? '✓' : x.state === 'failed' ? '✕' : x.state === 'running' ? '…' : '·'), x.label)),
    ),
    !s.busy &&
      !failed &&
      s.steps.length > 0 &&
      h(
        'div',
        { class: 'result', id: 'result-text' },
        h('h3', null, t('result.title')),
        s.result.saved !== undefined && h('p', { class: 'saved' }, t('result.savedVersion', { v: s.result.saved })),
        s.result.summary && renderSummary(s.result.summary),
        s.result.storeProblems ? h('div', { class: 'banner warn' }, t('result.storeDamaged', { n: s.result.storeProblems })) : null,
      ),
  );
}
