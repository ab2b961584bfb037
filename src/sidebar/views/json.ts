/** The advanced JSON view, and the toolbar above the rules: table/JSON, import, export, defaults. */
import type { RulesDocument } from '../../core/rule-store/types.js';
import type { RuleSet } from '../../core/rules/types.js';
import type { Ctx } from '../app.js';
import { h } from '../dom.js';
import { normalize } from '../draft.js';
import { t } from '../i18n/index.js';

export function renderRulesToolbar(ctx: Ctx): HTMLElement {
  const s = ctx.state;
  const file = h('input', { type: 'file', accept: '.json,application/json', hidden: true, onchange: (e: Event) => importFile(ctx, (e.target as HTMLInputElement).files?.[0]) });
  return h(
    'div',
    { class: 'toolbar' },
    h(
      'div',
      { class: 'segmented', role: 'tablist' },
      h('button', { class: s.jsonMode ? '' : 'on', 'aria-pressed': String(!s.jsonMode), onclick: () => leaveJson(ctx) }, t('rules.table')),
      h('button', { class: s.jsonMode ? 'on' : '', 'aria-pressed': String(s.jsonMode), onclick: () => enterJson(ctx) }, t('rules.json')),
    ),
    h('span', { class: 'spacer' }),
    file,
    h('button', { class: 'link', onclick: () => file.click() }, t('rules.import')),
    h('button', { class: 'link', onclick: () => downloadJson(s.draft.ruleSets, 'fenceng-rules.json') }, t('rules.export')),
    h('button', { class: 'link', onclick: () => resetDefaults(ctx) }, t('rules.reset')),
  );
}

export function enterJson(ctx: Ctx): void {
  const s = ctx.state;
  if (s.jsonMode) return;
  s.jsonMode = true;
  s.jsonText = JSON.stringify(s.draft.ruleSets, null, 2);
  s.jsonError = '';
  ctx.render();
}

function leaveJson(ctx: Ctx): void {
  const s = ctx.state;
  if (!s.jsonMode || s.jsonError) return;
  s.jsonMode = false;
  ctx.render();
}

export function renderJson(ctx: Ctx): HTMLElement {
  const s = ctx.state;
  const copied = h('span', { class: 'muted' });
  const area = h('textarea', {
    class: 'json',
    spellcheck: 'false',
    'aria-label': 'JSON',
    value: s.jsonText,
    oninput: (e: Event) => {
      s.jsonText = (e.target as HTMLTextAreaElement).value;
      applyJsonText(s);
      ctx.changed();
    },
  });
  return h(
    'div',
    { class: 'json-view' },
    h('p', { class: 'hint' }, t('json.hint')),
    area,
    h('div', { class: 'err', 'data-for': 'json:', hidden: true }),
    h(
      'div',
      { class: 'row' },
      h('button', { class: 'link', onclick: () => leaveJson(ctx), disabled: !!s.jsonError }, t('json.apply')),
      h('span', { class: 'spacer' }),
      h('button', {
        class: 'link',
        onclick: () => {
          area.select();
          void navigator.clipboard?.writeText(area.value).then(() => (copied.textContent = t('json.copied')), () => undefined);
        },
      }, t('json.copy')),
      copied,
      h('button', { class: 'link', onclick: () => downloadJson(s.draft.ruleSets, 'fenceng-rules.json') }, t('json.download')),
    ),
  );
}

/** The JSON text becomes the draft when it parses as an array of rule sets; the validator judges the rest. */
export function applyJsonText(s: Ctx['state']): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s.jsonText);
  } catch (e) {
    s.jsonError = t('json.invalid', { message: (e as Error).message });
    return;
  }
  if (!Array.isArray(parsed)) {
    s.jsonError = t('json.notArray');
    return;
  }
  s.jsonError = '';
  s.draft = normalize({ ruleSets: parsed as RuleSet[], settings: s.draft.settings });
}

/** Accepts a rules document { ruleSets, settings }, an array of rule sets, or one rule set (replacing the one with its id). */
export function importedDocument(current: RulesDocument, json: unknown): RulesDocument {
  if (Array.isArray(json)) return normalize({ ruleSets: json as RuleSet[], settings: current.settings });
  const o = json as Partial<RulesDocument> & Partial<RuleSet>;
  if (o && Array.isArray(o.ruleSets)) return normalize({ ruleSets: o.ruleSets, settings: o.settings ?? current.settings });
  if (o && typeof o.id === 'string') {
    const sets = current.ruleSets.some((x) => x.id === o.id) ? current.ruleSets.map((x) => (x.id === o.id ? (o as RuleSet) : x)) : [...current.ruleSets, o as RuleSet];
    return normalize({ ruleSets: sets, settings: current.settings });
  }
  throw new Error(t('json.notArray'));
}

function importFile(ctx: Ctx, file: File | undefined): void {
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    try {
      ctx.state.draft = importedDocument(ctx.state.draft, JSON.parse(String(reader.result)));
      ctx.state.jsonMode = false;
      ctx.state.jsonError = '';
      ctx.state.notice = t('rules.importDone', { file: file.name });
      ctx.state.error = '';
    } catch (e) {
      ctx.state.error = t('rules.importFailed', { message: (e as Error).message });
    }
    ctx.render();
  };
  reader.readAsText(file);
}

function resetDefaults(ctx: Ctx): void {
  ctx.state.draft = normalize({ ruleSets: structuredClone(ctx.state.boot.defaults), settings: ctx.state.draft.settings });
  ctx.state.jsonMode = false;
  ctx.state.jsonError = '';
  ctx.state.notice = t('rules.resetDone');
  ctx.render();
}

export function downloadJson(value: unknown, name: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(url);
    a.remove();
  }, 1000);
}
