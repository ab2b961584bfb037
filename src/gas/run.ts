/**
 * One recompute, in as many executions as it takes. The first execution
 * plans the run and writes the whole patch into the spreadsheet's journal
 * (src/ports/gas/journal.ts) before writing any sheet; it then writes sheets
 * until its time budget is spent. Every later execution finishes that
 * journal instead of planning anew, so the spreadsheet ends exactly as one
 * uninterrupted run leaves it, whether the last execution stopped on its
 * own, threw, or was killed by Google at 6 minutes — and whichever kind of
 * execution goes on with it:
 *  - `sidebar`: an open sidebar calls again (each google.script.run call is
 *    an execution of its own, with its own 6 minutes) — the quick way;
 *  - `trigger`: the time-driven fallback left by every execution that stops
 *    short, for when nobody keeps the sidebar open (an add-on's clock trigger
 *    may fire only once an hour);
 *  - `menu`: the operator clicking again.
 * One run at a time: the document lock serializes executions, and the run
 * record (run-progress.ts) makes every click while a run is in progress
 * continue that run rather than start another.
 */
import { recompute, type RecomputeResult } from '../app/recompute.js';
import type { Locale } from '../core/base/locale.js';
import type { WorkbookPatch } from '../core/base/patch.js';
import type { Table } from '../core/base/table.js';
import type { RunSummary } from '../core/run/summary.js';
import { FencengError } from '../app/errors.js';
import { GasWorkbook } from '../ports/gas.js';
import { WriteRefused } from '../ports/gas/refused.js';
import type { WorkbookPort } from '../ports/port.js';
import { cancelContinuations, scheduleContinuation } from './continuation.js';
import { settledNow } from '../app/maybe-async.js';
import { BUSY_MESSAGE, withDocumentLock } from './lock.js';
import { finishProgress, readLastResult, readProgress, saveProgress, type LastResult, type RunProgress } from './run-progress.js';
import { messageOf, tell } from './ui.js';

export const DONE_TITLE = '分层完成 / Tiers updated';
export const FAILED_TITLE = '分层失败 / Recompute failed';
export const RUNNING_TITLE = '分层计算进行中 / Recompute in progress';

/** Apps Script stops an execution at 6 minutes; stop starting new writes after this much, leaving room for the last one. */
export const SAFE_EXECUTION_MS = 270_000;
/** A run whose writes keep failing stops being continued after this many executions. */
export const MAX_EXECUTIONS = 12;

export type RunOutcome = 'finished' | 'continuing' | 'busy' | 'failed' | 'idle';
export type RunHow = 'menu' | 'trigger' | 'sidebar';

/** What one execution did to the run, for whoever asked (menu, trigger, sidebar). */
export type RunStep =
  | { outcome: 'finished'; text: string; summary?: RunSummary; executions: number }
  /** `resumed`: a run already in progress was continued (not the one this click would have started). */
  | { outcome: 'continuing'; progress: RunProgress; resumed: boolean }
  /** Another execution holds the lock (a trigger, another operator's sidebar): the run record as it stands. */
  | { outcome: 'busy'; progress?: RunProgress }
  /** Nothing in progress (a continuation that came after the end): the last run's result. */
  | { outcome: 'idle'; last?: LastResult }
  | { outcome: 'failed'; message: string };

/** Collects the patch instead of writing it: the run writes it itself, in steps. */
class PlanOnly implements WorkbookPort {
  patch: WorkbookPatch | undefined;
  constructor(private readonly inner: GasWorkbook) {}
  sheetNames(): string[] {
    return this.inner.sheetNames();
  }
  read(sheet: string): Table | undefined {
    return this.inner.read(sheet);
  }
  apply(patch: WorkbookPatch): void {
    this.patch = patch;
  }
}

/**
 * The menu and the trigger: what the step did, said in toasts and alerts.
 * `menu`: the operator asked (a run in progress is continued, not restarted).
 * `trigger`: the continuation; does nothing when no run is in progress.
 */
export function runRecompute(how: 'menu' | 'trigger', locale: Locale): RunOutcome {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const step = runStep(how, locale);
  if (step.outcome === 'busy' && how === 'menu') tell('分层管理 / Fenceng', busyMessage(step.progress), ss);
  if (step.outcome === 'failed') tell(FAILED_TITLE, step.message, ss);
  return step.outcome;
}

/** The run in progress, if any, in one line (both languages) for a second click. */
export function busyMessage(progress: RunProgress | undefined): string {
  if (!progress) return BUSY_MESSAGE;
  return `${BUSY_MESSAGE}\n${progressLine(progress)}`;
}

/** Stage and counts: 正在写入工作表 3/19 · 100,000 名成员 · 第 2 次执行 / Writing sheets: 3 of 19 · … */
export function progressLine(p: RunProgress): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const members = p.members !== undefined ? { zh: ` · ${n(p.members)} 名成员`, en: ` · ${n(p.members)} members` } : { zh: '', en: '' };
  if ((p.stage ?? (p.total > 0 ? 'writing' : 'planning')) === 'planning') {
    return `正在读取和规划（尚未写入）· 第 ${p.executions} 次执行 / Reading and planning (nothing written yet) · execution ${p.executions}`;
  }
  return `正在写入工作表 ${p.done}/${p.total}${members.zh} · 第 ${p.executions} 次执行 / Writing sheets: ${p.done} of ${p.total}${members.en} · execution ${p.executions}`;
}

/**
 * One execution's share of the run: continue the run in progress, or (when
 * `start` and none is) plan a new one; write until the time budget is
 * spent. Never alerts: the caller says what happened.
 */
export function runStep(how: RunHow, locale: Locale, opts: { start?: boolean } = {}): RunStep {
  const start = opts.start ?? how !== 'trigger';
  const started = Date.now();
  const stop = () => Date.now() - started > SAFE_EXECUTION_MS;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const locked = withDocumentLock((): RunStep => {
      const before = readProgress();
      const executions = (before?.executions ?? 0) + 1;
      const timeZone = ss.getSpreadsheetTimeZone();
      const port = new GasWorkbook(ss, timeZone);
      // A run in progress (stopped on its own, thrown, or killed) is finished first, from its journal: not planned again.
      let pending;
      try {
        pending = port.recover({ stop });
      } catch (err) {
        keepTrying(before, executions);
        throw err;
      }
      if (pending) {
        const meta = pending.meta as { text?: string; summary?: RunSummary } | undefined;
        if (how === 'menu' && before) ss.toast(`继续上一轮计算（已写入 ${before.done}/${before.total}）/ Continuing the run in progress (${before.done} of ${before.total} sheets written)`, RUNNING_TITLE, 10);
        if (pending.finished) return finished(ss, meta?.text ?? '', meta?.summary, executions);
        return continuing(ss, how, pending, before?.now ?? new Date(started).toISOString(), executions, true);
      }
      // Its journal was complete and is gone: every sheet was written, only the ending was cut off.
      if (before?.journaled) return finished(ss, before.journaled.text, before.journaled.summary, executions);
      if (!start && how === 'trigger') {
        // Nothing to continue (or planning was killed before its journal was complete): the next click plans anew.
        finishProgress(undefined);
        cancelContinuations();
        return { outcome: 'idle', last: readLastResult() };
      }
      // A sidebar going on with a run that is over: its result. (A record without a journal, planning cut off, is planned again.)
      if (!start && !before) return { outcome: 'idle', last: readLastResult() };
      const now = new Date();
      // A safety net before the first write: if Google kills this execution, the trigger (or the sidebar) finishes the run.
      const progress: RunProgress = { now: now.toISOString(), locale, stage: 'planning', done: 0, total: 0, executions, updatedAt: now.toISOString() };
      saveProgress(progress);
      scheduleContinuation();
      const plan = new PlanOnly(port);
      let result: RecomputeResult;
      try {
        result = settledNow(recompute(plan, { now, timeZone, locale }));
      } catch (err) {
        // Bad rules or sheets: the operator must fix them; trying again changes nothing. Anything else (a failed read) is retried.
        if (err instanceof FencengError) giveUp();
        else keepTrying(before, executions);
        throw err;
      }
      let step;
      const { text, summary } = result;
      const total = plan.patch!.sheets.length;
      try {
        step = port.applyJournaled(plan.patch!, {
          stop,
          meta: { text, summary },
          onJournaled: () => saveProgress({ ...progress, stage: 'writing', total, members: summary.members, journaled: { text, summary } }),
        });
      } catch (err) {
        if (err instanceof WriteRefused) giveUp();
        else keepTrying(before, executions);
        throw err;
      }
      return step.finished ? finished(ss, text, summary, executions) : continuing(ss, how, step, now.toISOString(), executions, false);
    });
    if (!locked.ran) return { outcome: 'busy', progress: readProgress() };
    return locked.value;
  } catch (err) {
    if (typeof console !== 'undefined') console.error(err);
    return { outcome: 'failed', message: messageOf(err) };
  }
}

function finished(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, text: string, summary: RunSummary | undefined, executions: number): RunStep {
  finishProgress({ finishedAt: new Date().toISOString(), text, ...(summary ? { summary } : {}), executions });
  cancelContinuations();
  ss.toast(text, DONE_TITLE, 20);
  return { outcome: 'finished', text, ...(summary ? { summary } : {}), executions };
}

function continuing(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, how: RunHow, step: { done: number; total: number }, now: string, executions: number, resumed: boolean): RunStep {
  const current = readProgress();
  const progress: RunProgress = { ...current, now, locale: current?.locale ?? 'zh', stage: 'writing', done: step.done, total: step.total, executions, updatedAt: new Date().toISOString() };
  saveProgress(progress);
  // The fallback, also when a sidebar drives the run: it may be closed before the next call.
  scheduleContinuation();
  if (how !== 'sidebar') {
    ss.toast(
      `已写入 ${step.done}/${step.total} 个工作表，剩余部分将在后台继续（约一分钟后，最迟一小时）。\nWrote ${step.done} of ${step.total} sheets; the rest continues in the background (in about a minute, at most an hour).`,
      RUNNING_TITLE,
      30,
    );
  }
  return { outcome: 'continuing', progress, resumed };
}

/** A failure that may pass (a service error): the trigger tries again, up to MAX_EXECUTIONS. */
function keepTrying(before: RunProgress | undefined, executions: number): void {
  if (executions >= MAX_EXECUTIONS) return giveUp();
  const now = new Date().toISOString();
  saveProgress({ ...(before ?? { now, locale: 'zh', done: 0, total: 0 }), executions, updatedAt: now });
  scheduleContinuation();
}

/** The run cannot succeed by trying again: forget it and its trigger. */
function giveUp(): void {
  finishProgress(undefined);
  cancelContinuations();
}
