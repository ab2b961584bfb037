/** Version history: list, what changed, roll back, load into the editor, export. */
import { openVersion, rollbackTo } from '../actions.js';
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { localize, normalize } from '../draft.js';
import { t } from '../i18n/index.js';
import { downloadJson } from './json.js';
import { renderProgress } from './progress.js';

export function formatTime(iso: string, timeZone: string, locale: 'zh' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  } catch {
    return iso;
  }
}

export function renderVersions(ctx: Ctx): HTMLElement {
  const s = ctx.state;
  const b = s.boot;
  const damaged = b.storeProblems.length
    ? h('div', { class: 'banner warn' }, t('versions.damaged', { n: b.storeProblems.length }), h('ul', null, b.storeProblems.map((p) => h('li', null, `${t('versions.row', { row: p.row })}: ${localize(p.message, s.locale)}`))))
    : null;
  const list = [...b.versions].reverse().map((v) => {
    const active = v.version === s.baseVersion;
    const open = s.openVersion === v.version;
    const details = open ? s.versionDetails : undefined;
    return h(
      'li',
      { class: `version${active ? ' active' : ''}${open ? ' open' : ''}`, 'data-version': String(v.version) },
      h(
        'button',
        { class: 'version-head', 'aria-expanded': String(open), onclick: () => void openVersion(ctx, v.version) },
        h('b', null, t('versions.version', { v: v.version })),
        active && h('span', { class: 'badge' }, t('versions.active')),
        h('span', { class: 'muted' }, ` ${formatTime(v.savedAt, b.timeZone, s.locale)} · ${v.user || t('versions.unknownUser')}`),
        h('div', { class: 'note' }, v.note ? localize(v.note, s.locale) : t('versions.noNote')),
      ),
      open &&
        h(
          'div',
          { class: 'version-body' },
          details
            ? [
                h('h3', null, t('versions.changes')),
                details.changes.length ? h('ul', { class: 'changes' }, details.changes.map((c) => h('li', { class: `change ${c.kind}` }, c.rule ? `${c.scope} · ${c.rule}: ${c.text}` : `${c.scope}: ${c.text}`))) : h('p', { class: 'muted' }, t('versions.noChangesListed')),
                h(
                  'div',
                  { class: 'row wrap' },
                  !active &&
                    (s.confirmRollback === v.version
                      ? [
                          h('span', { class: 'confirm-text' }, t('versions.rollbackConfirm', { v: v.version })),
                          h('button', { class: 'primary', id: 'confirm-rollback', disabled: s.busy, onclick: () => void rollbackTo(ctx, v.version) }, t('versions.rollback')),
                        ]
                      : h('button', { class: 'secondary rollback', disabled: s.busy, onclick: () => ((s.confirmRollback = v.version), ctx.render()) }, t('versions.rollback'))),
                  h('button', {
                    class: 'link',
                    onclick: () => {
                      s.draft = normalize(details.doc);
                      s.view = 'rules';
                      s.notice = t('versions.loaded', { v: v.version });
                      ctx.render();
                    },
                  }, t('versions.load')),
                  h('button', { class: 'link', onclick: () => downloadJson(details.doc, `fenceng-rules-v${v.version}.json`) }, t('versions.export')),
                ),
              ]
            : h('div', { class: 'spinner small' }),
        ),
    );
  });
  return h(
    'div',
    { class: 'versions-view' },
    s.steps.length ? renderProgress(ctx) : null,
    damaged,
    h('h2', null, t('versions.title')),
    b.versions.length ? h('ul', { class: 'versions' }, list) : h('p', { class: 'muted' }, t('versions.empty')),
  );
}
