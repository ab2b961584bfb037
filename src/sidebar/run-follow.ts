/**
 * Drives a run that spans executions (Sheets stops each at 6 minutes): as
 * long as the server answers "continuing", call continueRun again — each
 * google.script.run call is an execution of its own, so the run goes on at
 * once instead of when the hourly trigger fires. When another execution holds
 * the run (the trigger, another operator's sidebar), wait and ask again.
 * Closing the sidebar stops nothing: the trigger finishes the run.
 */
import type { RecomputeFinished, RecomputeResponse } from '../api/contract.js';
import type { Ctx } from './app.js';
import { call } from './client.js';

/** How long to wait before asking again while another execution holds the run. */
export const BUSY_RETRY_MS = 20_000;
/** A run that still goes on after this many calls is left to the trigger (and the message says so). */
const MAX_CALLS = 60;

export async function followRun(ctx: Ctx, first: RecomputeResponse, wait: (ms: number) => Promise<void> = sleep): Promise<RecomputeFinished> {
  const s = ctx.state;
  let answer = first;
  try {
    for (let calls = 0; answer.state === 'continuing'; calls++) {
      s.run = { progress: answer.progress, busy: answer.busy, resumed: answer.resumed || !!s.run?.resumed };
      ctx.render();
      if (calls >= MAX_CALLS) throw new Error(answer.message);
      if (answer.busy) await wait(BUSY_RETRY_MS);
      answer = await call('continueRun', { locale: s.locale });
    }
  } finally {
    s.run = undefined;
  }
  s.runFinished = answer;
  return answer;
}

/** The sidebar opened on a run in progress: follow it to its end, the editor's buttons held meanwhile. */
export async function watchRun(ctx: Ctx): Promise<void> {
  const s = ctx.state;
  const running = s.boot.run;
  if (!running?.running || !running.progress) return;
  s.busy = true;
  try {
    await followRun(ctx, { state: 'continuing', progress: running.progress, busy: false, resumed: true, message: running.message ?? '' });
  } catch (err) {
    s.error = err instanceof Error ? err.message : String(err);
    s.run = undefined;
  } finally {
    s.busy = false;
    ctx.render();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
