/**
 * A run spanning executions, above every view: its stage and counts, that it
 * goes on in the background, and — once it ends — the summary at a glance.
 * (A run that ends within the first call shows only the usual result.)
 */
import type { RunProgressView } from '../../api/contract.js';
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { getLocale, t } from '../i18n/index.js';
import { renderSummary } from './summary.js';

const n = (x: number) => x.toLocaleString(getLocale() === 'zh' ? 'zh-CN' : 'en-US');

export function progressText(p: RunProgressView): string {
  if (p.stage === 'planning') return t('run.planning', { executions: p.executions });
  const vars = { done: p.done, total: p.total, executions: p.executions };
  return p.members === undefined ? t('run.writing', vars) : t('run.writingMembers', { ...vars, members: n(p.members) });
}

export function renderRunStatus(ctx: Ctx): HTMLElement | null {
  const s = ctx.state;
  if (s.run) {
    const p = s.run.progress;
    const share = p.total > 0 ? Math.round((p.done / p.total) * 100) : 0;
    return h(
      'section',
      { class: 'card run-status', id: 'run-status', role: 'status', 'aria-live': 'polite', 'data-stage': p.stage },
      h('div', { class: 'bar running' }, h('div', { class: 'fill', style: `width:${share}%` })),
      h('p', { class: 'run-line', id: 'run-line' }, progressText(p)),
      h('p', { class: 'run-background', id: 'run-background' }, t('run.background')),
      s.run.busy ? h('p', { class: 'run-busy' }, t('run.busy')) : null,
      s.run.resumed ? h('p', { class: 'run-resumed', id: 'run-resumed' }, t('run.resumed')) : null,
    );
  }
  const done = s.runFinished;
  // Spanned executions and not shown by a save/recompute's own result: the summary here.
  if (done && done.executions > 1 && !(s.steps.length && s.result.summary)) {
    return h(
      'section',
      { class: 'card run-status done', id: 'run-status', role: 'status' },
      h('h3', null, t('run.finished', { executions: done.executions })),
      done.summary ? renderSummary(done.summary, 'run-summary') : h('pre', { class: 'summary-text', id: 'run-summary' }, done.text),
    );
  }
  return null;
}
