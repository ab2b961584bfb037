/**
 * Where a run stands, for the operator: the run driver the sidebar's server
 * functions use (recompute / continueRun / runStatus: each call one
 * execution, so an open sidebar drives a long run chunk by chunk), and the
 * small status sidebar the menu opens when a run goes on. Plain JSON, no
 * async work.
 */
import type { RunProgressView, RunStatusView } from '../api/contract.js';
import type { RunDriver, RunStepAnswer } from '../api/server.js';
import { FencengError } from '../app/errors.js';
import type { Locale } from '../core/base/locale.js';
import { readLastResult, readProgress, type RunProgress } from './run-progress.js';
import { busyMessage, progressLine, runStep } from './run.js';
import { RUN_STATUS_HTML } from './run-status-page.js';

export type RunStatus = RunStatusView;

export function progressView(p: RunProgress): RunProgressView {
  return {
    stage: p.stage ?? (p.total > 0 ? 'writing' : 'planning'),
    done: p.done,
    total: p.total,
    ...(p.members !== undefined ? { members: p.members } : {}),
    executions: p.executions,
    startedFor: p.now,
    updatedAt: p.updatedAt,
  };
}

export function runStatus(): RunStatusView {
  const p = readProgress();
  const last = readLastResult();
  const lastView = last ? { last: { finishedAt: last.finishedAt, text: last.text, ...(last.summary ? { summary: last.summary } : {}), executions: last.executions } } : {};
  if (p) return { running: true, progress: progressView(p), message: progressLine(p), ...lastView };
  return { running: false, ...lastView };
}

/** The sidebar's runs: `locale` is the language the run writes in. */
export function gasRunDriver(locale: Locale): RunDriver {
  return { start: () => step(locale, true), continue: () => step(locale, false), status: runStatus };
}

function step(locale: Locale, start: boolean): RunStepAnswer {
  const s = runStep('sidebar', locale, { start });
  switch (s.outcome) {
    case 'finished':
      return { state: 'finished', text: s.text, ...(s.summary ? { summary: s.summary } : {}), executions: s.executions };
    case 'continuing':
      return { state: 'continuing', progress: progressView(s.progress), message: progressLine(s.progress), busy: false, resumed: s.resumed };
    case 'busy':
      // The lock is held but no run is recorded: someone is saving rules.
      if (!s.progress) throw new FencengError('busy', busyMessage(undefined));
      return { state: 'continuing', progress: progressView(s.progress), message: busyMessage(s.progress), busy: true, resumed: true };
    case 'idle':
      return { state: 'idle', status: runStatus() };
    case 'failed':
      throw new FencengError('run-failed', s.message);
  }
}

export const STATUS_TITLE = '分层计算进度 / Recompute progress';

/** Drives the run while open (one call per execution); shows the summary when it ends. */
export function showRunStatus(): void {
  const html = HtmlService.createHtmlOutput(RUN_STATUS_HTML).setTitle(STATUS_TITLE);
  SpreadsheetApp.getUi().showSidebar(html);
}
