/**
 * One recompute, in as many executions as it takes. The first execution
 * plans the run and writes the whole patch into the spreadsheet's journal
 * (src/ports/gas/journal.ts) before writing any sheet; it then writes sheets
 * until its time budget is spent and leaves a trigger to go on. Every later
 * execution — the trigger, or the operator clicking again — finishes that
 * journal instead of planning anew, so the spreadsheet ends exactly as one
 * uninterrupted run leaves it, whether the last execution stopped on its
 * own, threw, or was killed by Google at 6 minutes.
 */
import { recompute, type RecomputeResult } from '../app/recompute.js';
import type { Locale } from '../core/base/locale.js';
import type { WorkbookPatch } from '../core/base/patch.js';
import type { Table } from '../core/base/table.js';
import { FencengError } from '../app/errors.js';
import { GasWorkbook } from '../ports/gas.js';
import { WriteRefused } from '../ports/gas/refused.js';
import type { WorkbookPort } from '../ports/port.js';
import { cancelContinuations, scheduleContinuation } from './continuation.js';
import { settledNow } from '../app/maybe-async.js';
import { BUSY_MESSAGE, withDocumentLock } from './lock.js';
import { finishProgress, readProgress, saveProgress, type RunProgress } from './run-progress.js';
import { messageOf, tell } from './ui.js';

export const DONE_TITLE = '分层完成 / Tiers updated';
export const FAILED_TITLE = '分层失败 / Recompute failed';
export const RUNNING_TITLE = '分层计算进行中 / Recompute in progress';

/** Apps Script stops an execution at 6 minutes; stop starting new writes after this much, leaving room for the last one. */
export const SAFE_EXECUTION_MS = 270_000;
/** A run whose writes keep failing stops being continued after this many executions. */
export const MAX_EXECUTIONS = 12;

export type RunOutcome = 'finished' | 'continuing' | 'busy' | 'failed' | 'idle';

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
 * `menu`: the operator asked (a run in progress is continued, not restarted).
 * `trigger`: the continuation; does nothing when no run is in progress.
 */
export function runRecompute(how: 'menu' | 'trigger', locale: Locale): RunOutcome {
  const started = Date.now();
  const stop = () => Date.now() - started > SAFE_EXECUTION_MS;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  try {
    const locked = withDocumentLock((): RunOutcome => {
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
        const meta = pending.meta as { text?: string } | undefined;
        if (how === 'menu' && before) ss.toast(`继续上一轮计算（已写入 ${before.done}/${before.total}）/ Continuing the run in progress (${before.done} of ${before.total} sheets written)`, RUNNING_TITLE, 10);
        return pending.finished ? finished(ss, meta?.text ?? '', executions) : continuing(ss, pending, before?.now ?? new Date(started).toISOString(), executions);
      }
      // Its journal was complete and is gone: every sheet was written, only the ending was cut off.
      if (before?.journaled) return finished(ss, before.journaled.text, executions);
      if (how === 'trigger') {
        finishProgress(undefined);
        cancelContinuations();
        return 'idle';
      }
      const now = new Date();
      // A safety net before the first write: if Google kills this execution, the trigger finishes the run.
      const progress: RunProgress = { now: now.toISOString(), locale, done: 0, total: 0, executions, updatedAt: now.toISOString() };
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
      try {
        const text = result.text;
        step = port.applyJournaled(plan.patch!, { stop, meta: { text }, onJournaled: () => saveProgress({ ...progress, journaled: { text: text.slice(0, 4000) } }) });
      } catch (err) {
        if (err instanceof WriteRefused) giveUp();
        else keepTrying(before, executions);
        throw err;
      }
      return step.finished ? finished(ss, result.text, executions) : continuing(ss, step, now.toISOString(), executions);
    });
    if (!locked.ran) {
      if (how === 'menu') tell('分层管理 / Fenceng', BUSY_MESSAGE, ss);
      return 'busy';
    }
    return locked.value;
  } catch (err) {
    if (typeof console !== 'undefined') console.error(err);
    tell(FAILED_TITLE, messageOf(err), ss);
    return 'failed';
  }
}

function finished(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, text: string, executions: number): RunOutcome {
  finishProgress({ finishedAt: new Date().toISOString(), text, executions });
  cancelContinuations();
  ss.toast(text, DONE_TITLE, 20);
  return 'finished';
}

function continuing(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, step: { done: number; total: number }, now: string, executions: number): RunOutcome {
  const current = readProgress();
  saveProgress({ ...current, now, locale: current?.locale ?? 'zh', done: step.done, total: step.total, executions, updatedAt: new Date().toISOString() });
  scheduleContinuation();
  ss.toast(
    `已写入 ${step.done}/${step.total} 个工作表，剩余部分将在后台继续（约一分钟后，最迟一小时）。\nWrote ${step.done} of ${step.total} sheets; the rest continues in the background (in about a minute, at most an hour).`,
    RUNNING_TITLE,
    30,
  );
  return 'continuing';
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
