/** A run's summary (RunSummary from the server) in the sidebar's language. */
import type { RunSummary } from '../../core/run/summary.js';
import { h } from '../dom.js';
import { getLocale, t } from '../i18n/index.js';

const n = (x: number) => x.toLocaleString(getLocale() === 'zh' ? 'zh-CN' : 'en-US');

export function summaryLines(s: RunSummary): string[] {
  const sep = getLocale() === 'zh' ? '：' : ': ';
  const lines = [s.dryRun ? t('summary.dryRun', { n: n(s.members) }) : t('summary.members', { n: n(s.members) })];
  for (const set of Object.values(s.tiers)) lines.push(`${set.label}${sep}${set.counts.map((c) => `${c.label} ${n(c.count)}`).join(' · ')}`);
  const moves = s.moves.slice(0, 4).map((m) => `${m.from} → ${m.to} ${n(m.count)}`).join(getLocale() === 'zh' ? '，' : ', ');
  lines.push(t('summary.moved', { n: n(s.movedMembers), fresh: n(s.newMembers) }) + (moves ? ` (${moves})` : ''));
  lines.push(s.notTiered ? t('summary.issuesNotTiered', { n: n(s.issues), rows: n(s.notTiered) }) : t('summary.issues', { n: n(s.issues) }));
  lines.push(t('summary.computedAt', { at: s.computedAt, tz: s.timeZone, fingerprint: s.rulesVersion }));
  return lines;
}

export function renderSummary(s: RunSummary, id?: string): HTMLElement {
  return h('div', { class: 'summary-text', id }, summaryLines(s).map((line) => h('div', null, line)));
}
