/** Settings: time zone, header → field mapping, language. Changes join the draft and are saved with the rules. */
import { SHEET_FACTS, type SheetFactId } from '../../core/facts/facts.js';
import type { Ctx } from '../app.js';
import { h, select } from '../dom.js';
import { getLocale, t } from '../i18n/index.js';

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'UTC'];

export function renderSettings(ctx: Ctx, switchLanguage: () => void): HTMLElement {
  const s = ctx.state;
  const b = s.boot;
  const locale = getLocale();
  const overrides = (s.draft.settings.headerOverrides ??= {});
  const zone = s.draft.settings.timeZone ?? b.timeZone;
  const factName = (id: SheetFactId | null) => (id ? SHEET_FACTS[id][locale] : '');
  const rows = b.columns.map((c) => {
    const has = Object.prototype.hasOwnProperty.call(overrides, c.header);
    const current = has ? (overrides[c.header] === null ? '__none' : String(overrides[c.header])) : '__auto';
    return h(
      'tr',
      { 'data-column': c.header },
      h('td', { class: 'col-name' }, c.header),
      h(
        'td',
        null,
        select(
          [
            ['__auto', c.detected ? t('settings.auto', { fact: factName(c.detected) }) : t('settings.autoNone')],
            ...(Object.keys(SHEET_FACTS) as SheetFactId[]).map((id): [string, string] => [id, SHEET_FACTS[id][locale]]),
            ['__none', t('settings.ignore')],
          ],
          current,
          {
            'aria-label': c.header,
            onchange: (e: Event) => {
              const v = (e.target as HTMLSelectElement).value;
              if (v === '__auto' || v === c.detected) delete overrides[c.header];
              else overrides[c.header] = v === '__none' ? null : (v as SheetFactId);
              if (Object.keys(overrides).length === 0) delete s.draft.settings.headerOverrides;
              ctx.changed();
            },
          },
        ),
        c.duplicate && h('div', { class: 'muted small' }, t('settings.duplicate')),
      ),
    );
  });
  if (Object.keys(overrides).length === 0) delete s.draft.settings.headerOverrides;
  return h(
    'div',
    { class: 'settings-view' },
    h(
      'section',
      { class: 'card' },
      h('h2', null, t('settings.language')),
      h('div', { class: 'segmented' }, h('button', { class: locale === 'zh' ? 'on' : '', onclick: () => locale !== 'zh' && switchLanguage() }, t('lang.zh')), h('button', { class: locale === 'en' ? 'on' : '', onclick: () => locale !== 'en' && switchLanguage() }, t('lang.en'))),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', null, h('label', { for: 'tz' }, t('settings.timeZone'))),
      h('input', {
        id: 'tz',
        type: 'text',
        list: 'zones',
        value: zone,
        'data-key': 'settings:timeZone',
        oninput: (e: Event) => {
          const v = (e.target as HTMLInputElement).value.trim();
          if (v === b.timeZone || v === '') delete s.draft.settings.timeZone;
          else s.draft.settings.timeZone = v;
          ctx.changed();
        },
      }),
      h('datalist', { id: 'zones' }, ZONES.map((z) => h('option', { value: z }))),
      h('p', { class: 'hint' }, b.timeZoneSource === 'spreadsheet' ? t('settings.timeZoneSheet') : t('settings.timeZoneStore')),
      h('div', { class: 'err', 'data-for': 'settings:', hidden: true }),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', null, t('settings.mapping')),
      b.membersSheet ? h('p', { class: 'hint' }, t('settings.sheet', { sheet: b.membersSheet, n: b.memberRows }), h('br'), t('settings.mappingHint')) : h('p', { class: 'muted' }, t('settings.noSheet')),
      rows.length > 0 && h('table', { class: 'mapping' }, h('thead', null, h('tr', null, h('th', null, t('settings.column')), h('th', null, t('settings.fact')))), h('tbody', null, rows)),
    ),
  );
}

