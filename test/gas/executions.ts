import vm from 'node:vm';
import type { BuiltBundle } from './built-bundle.js';
import { clockDate, type FakeEnv } from './fakes.js';

/**
 * Executions as Google starts them, for the resume tests: each is a fresh
 * load of the bundle on the same spreadsheet, with the fake clock as `Date`.
 */

/** One `google.script.run` call from a sidebar: its own execution, answered as plain JSON. */
export function sidebarCall(bundle: BuiltBundle, env: FakeEnv, fn: string, request: unknown = { locale: 'zh' }): any {
  env.newExecution();
  const ctx = bundle.load(env, { Date: clockDate(env) });
  ctx.__request = request;
  const r = vm.runInContext(`${fn}(__request)`, ctx);
  return JSON.parse(JSON.stringify(r));
}

/** Fires due triggers one execution at a time (no UI, as in a trigger), until none is left; how many fired. */
export async function fireTriggers(bundle: BuiltBundle, env: FakeEnv, max = 20): Promise<number> {
  let fired = 0;
  const ui = env.uiAvailable;
  while (env.triggers.length > 0) {
    if (++fired > max) throw new Error('the run never finished');
    const t = env.triggers[0];
    env.timeMs = Math.max(env.timeMs, t.dueMs);
    env.newExecution();
    env.uiAvailable = false;
    await bundle.load(env, { Date: clockDate(env) })[t.getHandlerFunction()]();
  }
  env.uiAvailable = ui;
  return fired;
}
