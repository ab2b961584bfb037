/** The dry run: rule changes, a from→to matrix per rule set with examples, then confirm. Nothing is written before confirm. */
import type { PreviewResult } from '../../api/contract.js';
import type { RuleSetPreview } from '../../core/run/rule-preview.js';
import { previewSaved, recomputeSaved, saveAndRecompute } from '../actions.js';
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { renderProgress } from './progress.js';
import { renderSummary } from './summary.js';

export function renderPreview(ctx: Ctx): HTMLElement {
  const s = ctx.state;
  const body: Array<HTMLElement | null> = [];
  if (s.steps.length) body.push(renderProgress(ctx));
  if (s.previewing) body.push(h('div', { class: 'card busy', role: 'status' }, h('div', { class: 'spinner' }), t('preview.running')));
  else if (s.preview) body.push(renderResult(ctx, s.preview.result, s.preview.draft !== null));
  else if (!s.steps.length) {
    body.push(h('div', { class: 'card' }, h('p', { class: 'hint' }, t('preview.nothingYet')), h('button', { class: 'secondary', onclick: () => void previewSaved(ctx) }, t('preview.previewSaved'))));
  }
  return h('div', { class: 'preview-view' }, body);
}

function renderResult(ctx: Ctx, r: PreviewResult, isDraft: boolean): HTMLElement {
  const s = ctx.state;
  const stale = isDraft && s.preview?.draft !== JSON.stringify(s.draft);
  return h(
    'div',
    { class: 'preview-result' },
    h('p', { class: 'hint' }, isDraft ? t('preview.intro') : t('preview.savedIntro')),
    isDraft &&
      h(
        'section',
        { class: 'card changes' },
        h('h2', null, t('preview.changes')),
        r.changes.length ? h('ul', null, r.changes.map((c) => h('li', { class: `change ${c.kind}` }, h('span', { class: 'scope' }, c.rule ? `${c.scope} · ${c.rule}` : c.scope), h('br'), c.text))) : h('p', { class: 'muted' }, t('preview.noChanges')),
      ),
    r.ruleSets.map((set) => renderSet(set, isDraft ? ctx : undefined)),
    r.points && renderPoints(r.points),
    r.honors && renderHonors(r.honors),
    renderSummary(r.summary),
    stale && h('div', { class: 'banner warn' }, t('preview.stale')),
    isDraft
      ? h(
          'div',
          { class: 'card confirm' },
          h('label', { for: 'note' }, t('preview.note')),
          h('input', { id: 'note', type: 'text', value: s.note, placeholder: t('preview.notePlaceholder'), oninput: (e: Event) => (s.note = (e.target as HTMLInputElement).value) }),
          h(
            'div',
            { class: 'row' },
            h('button', { class: 'primary', id: 'confirm-save', disabled: s.busy || stale || s.problems.length > 0, onclick: () => void saveAndRecompute(ctx) }, t('preview.confirm')),
            h('button', { class: 'secondary', disabled: s.busy, onclick: () => ((s.view = 'rules'), ctx.render()) }, t('preview.back')),
          ),
        )
      : h('div', { class: 'row' }, h('button', { class: 'primary', id: 'confirm-recompute', disabled: s.busy, onclick: () => void recomputeSaved(ctx) }, t('preview.recompute'))),
  );
}

/** Points per member this period under the rules in force → under the draft. */
function renderPoints(p: NonNullable<PreviewResult['points']>): HTMLElement {
  return h(
    'section',
    { class: 'card points-preview', 'data-total-before': String(p.totalBefore), 'data-total-after': String(p.totalAfter), 'data-changed': String(p.changed) },
    h('h2', null, t('preview.points')),
    h('p', { class: 'stats' }, t('preview.pointsStats', { before: p.totalBefore.toLocaleString(), after: p.totalAfter.toLocaleString(), n: p.changed.toLocaleString() })),
    h('p', { class: 'muted small' }, t('preview.pointsMembers', { before: p.membersBefore.toLocaleString(), after: p.membersAfter.toLocaleString() })),
    p.examples.length > 0 &&
      h('ul', { class: 'examples' }, p.examples.map((e) => h('li', { 'data-member': e.memberId }, h('span', { class: 'who' }, [e.memberId, e.nickname].filter(Boolean).join(' ')), ` ${e.before} → ${e.after}`, e.reasons.length > 0 && h('div', { class: 'reason' }, e.reasons.join('; '))))),
  );
}

/**
 * Members the change drops to a lower tier, and — for a draft about to be
 * saved, in a rule set with a grace period — the choice of letting them keep
 * their tier for it.
 */
function renderDemotions(p: RuleSetPreview, ctx: Ctx | undefined): HTMLElement | null {
  if (p.demoted === 0) return null;
  const head = h('p', { class: 'demoted-count' }, t('preview.demoted', { n: p.demoted.toLocaleString() }));
  if (!ctx || p.graceDays === 0) return h('div', { class: 'demotions', 'data-demoted': String(p.demoted) }, head);
  const s = ctx.state;
  const keep = s.keepForGrace.includes(p.id);
  const choose = (yes: boolean) => {
    s.keepForGrace = yes ? [...new Set([...s.keepForGrace, p.id])] : s.keepForGrace.filter((id) => id !== p.id);
    ctx.render();
  };
  const option = (yes: boolean, text: string) =>
    h('label', { class: 'choice' }, h('input', { type: 'radio', name: `demote-${p.id}`, value: yes ? 'grace' : 'now', checked: keep === yes, disabled: s.busy, onchange: () => choose(yes) }), ' ', text);
  return h(
    'fieldset',
    { class: 'demotions', 'data-demoted': String(p.demoted) },
    h('legend', null, head),
    option(false, t('preview.demoteNow')),
    option(true, t('preview.keepForGrace', { days: p.graceDays })),
    keep && h('p', { class: 'muted small' }, t('preview.keepForGraceHint', { days: p.graceDays })),
  );
}

/** Each honor's provisional winners this period under the rules in force → under the draft: who gains it, who loses it. */
function renderHonors(p: NonNullable<PreviewResult['honors']>): HTMLElement {
  const who = (w: { memberId: string; nickname: string }) => [w.memberId, w.nickname].filter(Boolean).join(' ');
  const names = (list: Array<{ memberId: string; nickname: string }>) => (list.length ? list.map(who).join(' · ') : t('preview.honorsNobody'));
  return h(
    'section',
    { class: 'card honors-preview', 'data-gained': String(p.gainedMembers), 'data-lost': String(p.lostMembers) },
    h('h2', null, t('preview.honors')),
    h('p', { class: 'stats' }, t('preview.honorsStats', { gained: p.gainedMembers.toLocaleString(), lost: p.lostMembers.toLocaleString() })),
    h(
      'ul',
      { class: 'honors' },
      p.honors.map((x) =>
        h(
          'li',
          { class: 'honor', 'data-honor': x.key, 'data-before': String(x.before.length), 'data-after': String(x.after.length) },
          h('div', { class: 'move-head' }, h('b', null, x.honor), h('span', { class: 'count' }, `${x.before.length} → ${x.after.length}`)),
          x.gained.length > 0 && h('div', { class: 'gained' }, t('preview.honorsGained'), x.gained.map((w) => h('span', { class: 'who', 'data-member': w.memberId }, who(w), ' '))),
          x.lost.length > 0 && h('div', { class: 'lost' }, t('preview.honorsLost'), x.lost.map((w) => h('span', { class: 'who', 'data-member': w.memberId }, who(w), ' '))),
          x.gained.length === 0 && x.lost.length === 0 && h('div', { class: 'muted small' }, t('preview.honorsSame', { names: names(x.after) })),
        ),
      ),
    ),
  );
}

function renderSet(p: RuleSetPreview, ctx?: Ctx): HTMLElement {
  const label = (id: string | null) => (id === null ? t('preview.none') : (p.tiers.find((x) => x.id === id)?.label ?? id));
  const froms: Array<string | null> = [...p.tiers.map((x) => x.id)];
  if (p.cells.some((c) => c.from === null)) froms.push(null);
  const count = (from: string | null, to: string) => p.cells.find((c) => c.from === from && c.to === to)?.count ?? 0;
  const stats = [t('preview.moved', { n: p.moved }), p.fresh ? t('preview.fresh', { n: p.fresh }) : '', t('preview.unchanged', { n: p.unchanged })].filter(Boolean).join(' · ');
  return h(
    'section',
    { class: 'card set-preview', 'data-set': p.id },
    h('h2', null, p.label),
    h('p', { class: 'stats' }, stats),
    renderDemotions(p, ctx),
    h(
      'table',
      { class: 'matrix' },
      h('thead', null, h('tr', null, h('th', { class: 'corner' }, t('preview.matrixCorner')), p.tiers.map((x) => h('th', null, x.label)))),
      h(
        'tbody',
        null,
        froms
          .filter((from) => from === null || p.tiers.some((x) => x.id === from))
          .map((from) =>
            h(
              'tr',
              null,
              h('th', null, label(from)),
              p.tiers.map((to) => {
                const n = count(from, to.id);
                return h('td', { class: from === to.id ? 'same' : n ? 'moved' : 'zero', 'data-from': from ?? '', 'data-to': to.id }, n ? n.toLocaleString() : '·');
              }),
            ),
          ),
      ),
    ),
    h('h3', null, t('preview.moves')),
    p.moves.length
      ? h(
          'ul',
          { class: 'moves' },
          p.moves.map((m) =>
            h(
              'li',
              { class: 'move', 'data-from': m.from ?? '', 'data-to': m.to },
              h('div', { class: 'move-head' }, h('b', null, `${label(m.from)} → ${label(m.to)}`), h('span', { class: 'count' }, m.count.toLocaleString())),
              h('ul', { class: 'examples' }, m.examples.map((e) => h('li', null, h('span', { class: 'who' }, [e.memberId, e.nickname].filter(Boolean).join(' '), h('span', { class: 'muted' }, ` · ${t('preview.row', { n: e.row })}`)), h('div', { class: 'reason' }, e.reason)))),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('preview.noMoves')),
  );
}
