/** What the buttons do that needs the server: preview, save and recompute, roll back, reload. */
import type { Bootstrap, SaveResult } from '../api/contract.js';
import type { AppState, Ctx, Step } from './app.js';
import { call, CallError } from './client.js';
import { localize, normalize } from './draft.js';
import { t } from './i18n/index.js';
import { followRun } from './run-follow.js';

function fail(ctx: Ctx, err: unknown): void {
  const s = ctx.state;
  s.error = localize(err instanceof CallError || err instanceof Error ? err.message : String(err), s.locale);
  s.busy = false;
  s.previewing = false;
  for (const step of s.steps) if (step.state === 'running') step.state = 'failed';
  ctx.render();
}

/** Runs steps one after another, showing each as running → done. */
async function steps(ctx: Ctx, list: Array<[string, () => Promise<void>]>): Promise<void> {
  const s = ctx.state;
  s.busy = true;
  s.error = '';
  s.result = {};
  s.steps = list.map(([label]): Step => ({ label, state: 'pending' }));
  try {
    for (let i = 0; i < list.length; i++) {
      s.steps[i].state = 'running';
      ctx.render();
      await list[i][1]();
      s.steps[i].state = 'done';
    }
    s.busy = false;
    ctx.render();
  } catch (err) {
    fail(ctx, err);
  }
}

export async function previewDraft(ctx: Ctx): Promise<void> {
  const s = ctx.state;
  s.view = 'preview';
  s.steps = [];
  s.result = {};
  await runPreview(ctx, s.draft, JSON.stringify(s.draft));
}

export async function previewSaved(ctx: Ctx): Promise<void> {
  const s = ctx.state;
  s.view = 'preview';
  s.steps = [];
  s.result = {};
  await runPreview(ctx, s.base, null);
}

async function runPreview(ctx: Ctx, doc: AppState['draft'], key: string | null): Promise<void> {
  const s = ctx.state;
  s.previewing = true;
  s.preview = undefined;
  s.error = '';
  ctx.render();
  try {
    const result = await call('preview', { locale: s.locale, ruleSets: doc.ruleSets, settings: doc.settings });
    s.preview = { result, draft: key };
    s.keepForGrace = [];
    s.previewing = false;
    ctx.render();
  } catch (err) {
    fail(ctx, err);
  }
}

function adopt(s: AppState, saved: SaveResult): void {
  s.base = normalize(saved.doc);
  s.draft = normalize(saved.doc);
  s.baseVersion = saved.activeVersion;
  s.boot = { ...s.boot, versions: saved.versions, activeVersion: saved.activeVersion, doc: saved.doc };
  s.problems = [];
}

async function recomputeStep(ctx: Ctx): Promise<void> {
  const s = ctx.state;
  // Sheets answers "continuing" when the run needs more executions: drive it to its end.
  const run = await followRun(ctx, await call('recompute', { locale: s.locale }));
  s.result = { ...s.result, summary: run.summary, storeProblems: run.storeProblems };
}

/** 确认保存并重新计算: only after a preview of exactly this draft. */
export async function saveAndRecompute(ctx: Ctx): Promise<void> {
  const s = ctx.state;
  if (!s.preview || s.preview.draft !== JSON.stringify(s.draft)) {
    s.error = t('preview.stale');
    ctx.render();
    return;
  }
  const note = s.note;
  // Only rule sets this preview showed demotions for (and that have a grace period) can keep them.
  const offered = new Set(s.preview.result.ruleSets.filter((p) => p.demoted > 0 && p.graceDays > 0).map((p) => p.id));
  const keepForGrace = s.keepForGrace.filter((id) => offered.has(id));
  await steps(ctx, [
    [
      t('progress.saving'),
      async () => {
        const saved = await call('save', { locale: s.locale, ruleSets: s.draft.ruleSets, settings: s.draft.settings, note, baseVersion: s.baseVersion, ...(keepForGrace.length ? { keepForGrace } : {}) });
        adopt(s, saved);
        s.keepForGrace = [];
        s.note = '';
        s.result = { saved: saved.saved.version };
      },
    ],
    [t('progress.recomputing'), () => recomputeStep(ctx)],
  ]);
  s.preview = undefined;
  ctx.render();
}

export async function recomputeSaved(ctx: Ctx): Promise<void> {
  await steps(ctx, [[t('progress.recomputing'), () => recomputeStep(ctx)]]);
  ctx.state.preview = undefined;
  ctx.render();
}

export async function rollbackTo(ctx: Ctx, version: number): Promise<void> {
  const s = ctx.state;
  s.view = 'versions';
  s.confirmRollback = undefined;
  await steps(ctx, [
    [
      t('progress.rollingBack'),
      async () => {
        const saved = await call('rollback', { locale: s.locale, version, note: '', baseVersion: s.baseVersion });
        adopt(s, saved);
        s.result = { saved: saved.saved.version };
        s.openVersion = undefined;
        s.versionDetails = undefined;
      },
    ],
    [t('progress.recomputing'), () => recomputeStep(ctx)],
  ]);
}

export async function openVersion(ctx: Ctx, version: number): Promise<void> {
  const s = ctx.state;
  if (s.openVersion === version) {
    s.openVersion = undefined;
    s.versionDetails = undefined;
    ctx.render();
    return;
  }
  s.openVersion = version;
  s.versionDetails = undefined;
  ctx.render();
  try {
    s.versionDetails = await call('version', { locale: s.locale, version });
    ctx.render();
  } catch (err) {
    fail(ctx, err);
  }
}

export async function bootstrap(locale: AppState['locale'] | null): Promise<Bootstrap> {
  return call('bootstrap', locale ? { locale } : {});
}
