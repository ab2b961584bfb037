/**
 * The sidebar: plain DOM and TypeScript, built by esbuild into one HTML file
 * with its script and styles inline (src/preview/sidebar-html.ts).
 */
import { bootstrap, previewDraft, previewSaved } from './actions.js';
import { canSave, initialState, isDirty, type AppState, type Ctx, type View } from './app.js';
import { h, clear } from './dom.js';
import { localize, validateDraft } from './draft.js';
import { showProblems } from './errors.js';
import { analyzeDraft, blocking, findingLine, showFindings } from './findings.js';
import { getLocale, setLocale, t, type Locale } from './i18n/index.js';
import { applyJsonText } from './views/json.js';
import { refreshDistributions } from './views/distribution.js';
import { refreshTierSizes } from './views/tier-sizes.js';
import { call } from './client.js';
import { renderPreview } from './views/preview.js';
import { renderRules } from './views/rules.js';
import { renderSettings } from './views/settings.js';
import { renderVersions } from './views/versions.js';
import { renderRunStatus } from './views/run-status.js';
import { watchRun } from './run-follow.js';

const TABS: View[] = ['rules', 'preview', 'versions', 'settings'];
const LOCALE_KEY = 'fenceng.locale';

function root(): HTMLElement {
  return document.getElementById('app')!;
}

function storedLocale(): Locale | null {
  try {
    const v = window.localStorage?.getItem(LOCALE_KEY);
    return v === 'zh' || v === 'en' ? v : null;
  } catch {
    return null; // storage may be off in Sheets' sandboxed frame
  }
}

function rememberLocale(locale: Locale): void {
  try {
    window.localStorage?.setItem(LOCALE_KEY, locale);
  } catch {
    // not fatal
  }
}

function startView(): View {
  const v = window.FENCENG_START?.view ?? new URLSearchParams(location.search).get('view');
  return v === 'preview' ? 'preview' : 'rules';
}

function createCtx(state: AppState): Ctx {
  const ctx: Ctx = {
    state,
    render: () => render(ctx),
    changed: () => {
      if (state.jsonMode) applyJsonText(state);
      state.problems = validateDraft(state.draft);
      state.findings = analyzeDraft(state.draft, state.problems);
      refreshProblems(ctx);
    },
  };
  return ctx;
}

function render(ctx: Ctx): void {
  const s = ctx.state;
  setLocale(s.locale);
  s.problems = validateDraft(s.draft);
  s.findings = analyzeDraft(s.draft, s.problems);
  const app = root();
  const scroll = document.scrollingElement?.scrollTop ?? 0;
  clear(app);
  const switchLanguage = () => {
    s.locale = s.locale === 'zh' ? 'en' : 'zh';
    rememberLocale(s.locale);
    s.preview = undefined;
    s.versionDetails = undefined;
    s.openVersion = undefined;
    render(ctx);
  };
  const parts = [
    h(
      'header',
      { class: 'top' },
      h(
        'nav',
        { class: 'tabs', role: 'tablist' },
        TABS.map((v) => h('button', { role: 'tab', class: s.view === v ? 'tab on' : 'tab', 'aria-selected': String(s.view === v), 'data-view': v, onclick: () => ((s.view = v), (s.notice = ''), render(ctx)) }, t(`tab.${v}`))),
      ),
      h('button', { class: 'lang', title: t('lang.switchTitle'), onclick: switchLanguage }, t('lang.switch')),
    ),
    s.error ? h('div', { class: 'banner error', role: 'alert' }, h('b', null, t('error.title')), h('div', { class: 'msg' }, localize(s.error, s.locale)), h('div', { class: 'row' }, h('button', { class: 'link', onclick: () => ((s.error = ''), render(ctx)) }, t('error.dismiss')), h('button', { class: 'link', onclick: () => void start(s.locale) }, t('app.reload')))) : null,
    s.notice ? h('div', { class: 'banner info' }, s.notice) : null,
    renderRunStatus(ctx),
    s.boot.storeProblems.length && s.view !== 'versions'
      ? h('div', { class: 'banner warn', id: 'store-damaged' }, t('store.damaged', { n: s.boot.storeProblems.length }), ' ', h('button', { class: 'link', onclick: () => ((s.view = 'versions'), render(ctx)) }, t('store.show')))
      : null,
    h('main', { class: `view view-${s.view}` }, viewOf(ctx, switchLanguage)),
    s.view === 'rules' || s.view === 'settings' ? saveBar(ctx) : null,
    h('footer', { class: 'foot' }, `${s.boot.host === 'sheets' ? t('footer.sheets') : t('footer.local')} · ${s.baseVersion === null ? t('footer.default') : t('footer.version', { v: s.baseVersion })}`),
  ];
  for (const part of parts) if (part) app.appendChild(part);
  refreshProblems(ctx);
  if (document.scrollingElement) document.scrollingElement.scrollTop = scroll;
}

function viewOf(ctx: Ctx, switchLanguage: () => void): HTMLElement {
  switch (ctx.state.view) {
    case 'preview':
      return renderPreview(ctx);
    case 'versions':
      return renderVersions(ctx);
    case 'settings':
      return renderSettings(ctx, switchLanguage);
    default:
      return renderRules(ctx);
  }
}

function saveBar(ctx: Ctx): HTMLElement {
  return h(
    'div',
    { class: 'save-bar' },
    h('span', { class: 'status', id: 'save-status' }),
    h('button', { class: 'link', id: 'discard', onclick: () => discard(ctx) }, t('rules.discard')),
    h('button', { class: 'primary', id: 'preview-save', onclick: () => canSave(ctx.state) && void previewDraft(ctx) }, t('rules.previewSave')),
  );
}

function discard(ctx: Ctx): void {
  const s = ctx.state;
  s.draft = structuredClone(s.base);
  s.jsonMode = false;
  s.jsonError = '';
  s.notice = '';
  render(ctx);
}

/** Errors next to fields, the save bar's state; no re-render, so the field being typed in keeps focus. */
function refreshProblems(ctx: Ctx): void {
  const s = ctx.state;
  const app = root();
  const homeless = showProblems(app, s.problems, s.locale);
  const jsonSlot = app.querySelector<HTMLElement>('.err[data-for="json:"]');
  if (jsonSlot) {
    const lines = [s.jsonError, ...(s.jsonError ? [] : s.problems.map((p) => `[${p.setId}${p.path ? ` @ ${p.path}` : ''}] ${localize(p.message, s.locale)}`))].filter(Boolean);
    jsonSlot.textContent = lines.join('\n');
    jsonSlot.hidden = lines.length === 0;
  } else if (homeless.length) {
    // A problem with no field to sit next to (e.g. a rule set only JSON can fix): show it on top of the view.
    const view = app.querySelector('main');
    view?.prepend(h('div', { class: 'err', 'data-for': 'homeless' }, homeless.map((p) => h('div', null, `[${p.setId}${p.path ? ` @ ${p.path}` : ''}] ${localize(p.message, s.locale)}`))));
  }
  // The analysis: beside each rule; what has no place (JSON view) above the view.
  app.querySelector('[data-for="findings-homeless"]')?.remove();
  const unplaced = showFindings(app, s.findings, s.locale);
  if (unplaced.length && s.view === 'rules') {
    const severity = { error: t('analysis.error'), warning: t('analysis.warning'), info: t('analysis.info') };
    app.querySelector('main')?.prepend(h('div', { class: 'findings', 'data-for': 'findings-homeless' }, unplaced.map((f) => findingLine(f, `${severity[f.severity]} [${f.ruleSet}]`, s.locale))));
  }
  refreshLive(ctx);
  const button = app.querySelector<HTMLButtonElement>('#preview-save');
  const discardButton = app.querySelector<HTMLButtonElement>('#discard');
  const status = app.querySelector<HTMLElement>('#save-status');
  const dirty = isDirty(s);
  const errors = s.problems.length + blocking(s.findings).length + (s.jsonError ? 1 : 0);
  if (button) button.disabled = !canSave(s);
  if (discardButton) discardButton.hidden = !dirty;
  if (status) {
    status.className = `status${errors ? ' bad' : dirty ? ' dirty' : ''}`;
    status.textContent = errors ? t('rules.errors', { n: errors }) : dirty ? t('rules.unsaved') : s.baseVersion === null ? t('rules.savedDefault') : t('rules.saved', { v: s.baseVersion });
  }
}

/** Histograms and tier sizes against the members, from the draft as it is now. */
function refreshLive(ctx: Ctx): void {
  const s = ctx.state;
  // The header mapping or time zone changed since the numbers came: fetch them again.
  if (s.members && membersKey !== keyOf(s) && !loading) void loadMembers(ctx);
  if (!s.members || s.view !== 'rules') return;
  const app = root();
  const started = performance.now();
  refreshDistributions(app, s);
  const counting = refreshTierSizes(app, s);
  s.liveMs = performance.now() - started;
  app.querySelector('.rules-view')?.setAttribute('data-live-ms', s.liveMs.toFixed(2));
  app.querySelector('.rules-view')?.setAttribute('data-count-ms', counting.toFixed(2));
}

/** The members' numbers, once per load; the editor works without them. */
let membersKey = '';
let loading = false;
const keyOf = (s: AppState) => JSON.stringify([s.draft.settings.headerOverrides ?? {}, s.draft.settings.timeZone ?? '']);

async function loadMembers(ctx: Ctx): Promise<void> {
  loading = true;
  const key = keyOf(ctx.state);
  try {
    ctx.state.members = await call('memberFacts', { locale: ctx.state.locale, settings: ctx.state.draft.settings });
    membersKey = key;
  } catch {
    // No histograms then; every other part of the editor still works.
  } finally {
    loading = false;
  }
  if (ctx.state.members) refreshLive(ctx);
}

let current: Ctx | null = null;

async function start(locale: Locale | null): Promise<void> {
  const app = root();
  setLocale(locale ?? getLocale());
  clear(app);
  app.append(h('div', { class: 'loading', role: 'status' }, h('div', { class: 'spinner' }), t('app.loading')));
  try {
    const boot = await bootstrap(locale);
    const chosen = locale ?? boot.locale;
    const view = current?.state.view ?? startView();
    current = createCtx(initialState(boot, chosen, view));
    render(current);
    void loadMembers(current);
    // Opened on a run in progress: show it and drive it on.
    void watchRun(current);
    if (view === 'preview' && !current.state.preview) {
      void previewSaved(current);
    }
  } catch (err) {
    clear(app);
    app.append(
      h('div', { class: 'banner error', role: 'alert' }, h('b', null, t('error.title')), h('div', { class: 'msg' }, localize((err as Error).message ?? String(err), getLocale()))),
      h('button', { class: 'secondary', onclick: () => void start(locale) }, t('app.retry')),
    );
  }
}

function boot(): void {
  void start(storedLocale());
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
