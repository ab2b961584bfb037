/**
 * A run longer than one execution, driven three ways through the built
 * bundle: by the open sidebar (each google.script.run call one execution),
 * by the time-driven trigger alone, and in one uninterrupted execution. All
 * three must leave the same spreadsheet, cell for cell. And one run at a
 * time: a second start, from the sidebar or the menu, says a run is in
 * progress and shows its progress, and continues that same run.
 */
import { describe, expect, it } from 'vitest';
import { fireTriggers, sidebarCall } from './executions.js';
import { useBuiltBundle } from './built-bundle.js';
import { clockDate, FakeEnv, snapshot } from './fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from './sample-env.js';

const bundle = useBuiltBundle();
const fresh = () => new FakeEnv({ sheets: sampleSheets({ members: 30, today: '2026-11-26' }), timeZone: SAMPLE_TZ });
const progressOf = (env: FakeEnv) => JSON.parse(env.properties.document.get('fenceng.run') ?? 'null');

/** Each call "takes" 3 s, so the run passes its 270 s budget after a few sheets. */
const slow = () => {
  const env = fresh();
  env.msPerCall = 3000;
  return env;
};

describe('a long run driven by the open sidebar', () => {
  it('goes on chunk by chunk through continueRun and ends as the trigger-driven run and the uninterrupted one', async () => {
    const bySidebar = slow();
    const first = sidebarCall(bundle, bySidebar, 'fencengRecompute');
    expect(first.ok).toBe(true);
    expect(first.value).toMatchObject({ state: 'continuing', busy: false, resumed: false, progress: { stage: 'writing', members: 30, executions: 1 } });
    expect(first.value.progress.done).toBeGreaterThan(0);
    expect(first.value.progress.done).toBeLessThan(first.value.progress.total);
    expect(first.value.message).toMatch(/^正在写入工作表 \d+\/\d+ · 30 名成员 · 第 1 次执行 \/ Writing sheets: \d+ of \d+ · 30 members · execution 1$/);
    // The fallback is left even while a sidebar drives: it may be closed before its next call.
    expect(bySidebar.triggers.map((t) => t.handler)).toEqual(['continueRecompute']);
    const now = progressOf(bySidebar).now;

    let answer = first;
    const seen: number[] = [first.value.progress.done];
    while (answer.value.state === 'continuing') {
      answer = sidebarCall(bundle, bySidebar, 'fencengContinueRun');
      expect(answer.ok).toBe(true);
      if (answer.value.state === 'continuing') seen.push(answer.value.progress.done);
      expect(seen.length).toBeLessThan(20);
    }
    // Every call wrote more; no toast told the sidebar's user to wait an hour.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(bySidebar.toasts.filter((t) => /后台继续/.test(t.message))).toEqual([]);
    expect(answer.value).toMatchObject({ state: 'finished', version: null, storeProblems: 0, executions: seen.length + 1 });
    expect(answer.value.summary.members).toBe(30);
    expect(answer.value.text).toMatch(/^分层完成：30 名成员 \/ Tiers computed: 30 members/);
    expect(bySidebar.triggers).toEqual([]);
    expect(bySidebar.properties.document.has('fenceng.run')).toBe(false);

    // The same run (the same instant: the menu makes fewer calls before it reads the clock), left to the trigger.
    const probe = slow();
    await bundle.load(probe, { Date: clockDate(probe) }).recomputeTiers();
    const byTrigger = slow();
    byTrigger.timeMs += Date.parse(now) - Date.parse(progressOf(probe).now);
    await bundle.load(byTrigger, { Date: clockDate(byTrigger) }).recomputeTiers();
    expect(progressOf(byTrigger).now).toBe(now);
    await fireTriggers(bundle, byTrigger);

    const uninterrupted = fresh();
    await bundle.load(uninterrupted, { Date: fixedClock(new Date(now)) }).recomputeTiers();

    const want = snapshot(uninterrupted);
    expect(snapshot(bySidebar)).toEqual(want);
    expect(snapshot(byTrigger)).toEqual(want);

    // A continuation that comes after the end (a second sidebar, a late call) answers with the last result and writes nothing.
    const writes = bySidebar.calls.get('Range.setValues');
    const late = sidebarCall(bundle, bySidebar, 'fencengContinueRun', { locale: 'en' });
    expect(late.value).toMatchObject({ state: 'finished', executions: seen.length + 1 });
    expect(late.value.text).toMatch(/^Tiers computed: 30 members/);
    expect(bySidebar.calls.get('Range.setValues')).toBe(writes);
    expect(snapshot(bySidebar)).toEqual(want);
  }, 180_000);

  it('a sidebar and the trigger taking turns on the same run end as one uninterrupted run', async () => {
    const env = slow();
    expect(sidebarCall(bundle, env, 'fencengRecompute').value.state).toBe('continuing');
    const now = progressOf(env).now;
    // The sidebar is closed; the trigger does one execution; the sidebar is opened again and finishes.
    const t = env.triggers[0];
    env.timeMs = Math.max(env.timeMs, t.dueMs);
    env.newExecution();
    env.uiAvailable = false;
    await bundle.load(env, { Date: clockDate(env) }).continueRecompute();
    env.uiAvailable = true;
    const boot = sidebarCall(bundle, env, 'fencengBootstrap');
    const running = progressOf(env);
    if (running) expect(boot.value.run).toMatchObject({ running: true, progress: { done: running.done, total: running.total } });
    let answer = sidebarCall(bundle, env, 'fencengContinueRun');
    while (answer.value.state === 'continuing') answer = sidebarCall(bundle, env, 'fencengContinueRun');
    expect(answer.value.state).toBe('finished');
    const reference = fresh();
    await bundle.load(reference, { Date: fixedClock(new Date(now)) }).recomputeTiers();
    expect(snapshot(env)).toEqual(snapshot(reference));
  }, 180_000);
});

describe('one run at a time', () => {
  it('a second start from the sidebar continues the run in progress and says so', async () => {
    const env = slow();
    const first = sidebarCall(bundle, env, 'fencengRecompute');
    const { now } = progressOf(env);
    const second = sidebarCall(bundle, env, 'fencengRecompute');
    expect(second.value).toMatchObject({ state: 'continuing', resumed: true });
    expect(second.value.progress.done).toBeGreaterThan(first.value.progress.done);
    expect(progressOf(env).now).toBe(now);
  }, 120_000);

  it('while another execution holds the run: the sidebar is told it is in progress, with its progress, and nothing is written', async () => {
    const env = slow();
    const first = sidebarCall(bundle, env, 'fencengRecompute');
    env.lockBusy = true;
    const writes = env.calls.get('Range.setValues');
    const busy = sidebarCall(bundle, env, 'fencengRecompute');
    expect(busy.value).toMatchObject({ state: 'continuing', busy: true, progress: { done: first.value.progress.done, total: first.value.progress.total } });
    expect(busy.value.message).toMatch(/^另一次分层计算正在进行.*\nAnother recompute is running.*\n正在写入工作表 \d+\/\d+ .* \/ Writing sheets: \d+ of \d+/s);
    // And from the menu: the same words, in an alert.
    env.newExecution();
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    expect(env.alerts.at(-1)?.message).toMatch(/另一次分层计算正在进行.*\nAnother recompute is running.*\n正在写入工作表 \d+\/\d+/s);
    expect(env.calls.get('Range.setValues')).toBe(writes);
    const status = sidebarCall(bundle, env, 'fencengRunStatus');
    expect(status.value).toMatchObject({ running: true, progress: { stage: 'writing', done: first.value.progress.done } });
  }, 120_000);

  it('the lock held with no run recorded (someone saving rules) is a busy error, not a run', () => {
    const env = fresh();
    env.lockBusy = true;
    const r = sidebarCall(bundle, env, 'fencengRecompute');
    expect(r).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(r.error.message).toMatch(/另一次分层计算正在进行.*Another recompute is running/s);
  });
});
