/**
 * Runs that resume: a run that passes its time budget saves its place and
 * leaves a time-driven trigger; the trigger's executions finish it, and the
 * spreadsheet ends exactly as one uninterrupted run at the same instant
 * leaves it. The clock is the fakes' modelled one (each call costs time).
 */
import { describe, expect, it } from 'vitest';
import { fireTriggers } from './executions.js';
import { useBuiltBundle } from './built-bundle.js';
import { clockDate, FakeEnv, snapshot } from './fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from './sample-env.js';

const bundle = useBuiltBundle();
const fresh = () => new FakeEnv({ sheets: sampleSheets({ members: 30, today: '2026-11-26' }), timeZone: SAMPLE_TZ });
const progressOf = (env: FakeEnv) => JSON.parse(env.properties.document.get('fenceng.run') ?? 'null');

describe('a run longer than one execution', () => {
  it('stops writing at its time budget, continues through the trigger and ends as one uninterrupted run', async () => {
    const env = fresh();
    // Each service call "takes" 3 s: the run passes its 270 s budget part-way through its writes.
    env.msPerCall = 3000;
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    const progress = progressOf(env);
    expect(progress.done).toBeGreaterThan(0);
    expect(progress.done).toBeLessThan(progress.total);
    expect(env.triggers.map((t) => t.handler)).toEqual(['continueRecompute']);
    expect(env.toasts.at(-1)?.message).toMatch(/^已写入 \d+\/\d+ 个工作表，剩余部分将在后台继续.*\nWrote \d+ of \d+ sheets; the rest continues in the background/s);
    expect(env.sidebars.at(-1)?.getTitle()).toBe('分层计算进度 / Recompute progress');

    const executions = await fireTriggers(bundle, env);
    expect(executions).toBeGreaterThan(0);
    expect(env.triggers).toEqual([]);
    expect(env.properties.document.has('fenceng.run')).toBe(false);
    expect(JSON.parse(env.properties.document.get('fenceng.lastRun')!).executions).toBe(executions + 1);
    expect(env.toasts.at(-1)?.title).toBe('分层完成 / Tiers updated');

    const reference = fresh();
    await bundle.load(reference, { Date: fixedClock(new Date(progress.now)) }).recomputeTiers();
    expect(snapshot(env)).toEqual(snapshot(reference));
  }, 120_000);

  it('is finished by the trigger after Google kills an execution mid-write', async () => {
    const reference = fresh();
    reference.calls.trace = [];
    await bundle.load(reference, { Date: clockDate(reference) }).recomputeTiers();
    const firstWrite = reference.calls.trace.indexOf('Range.setValues');

    const env = fresh();
    env.calls.stopAfter(firstWrite + 40);
    // The kill surfaces as a throw from the (synchronous) run.
    await Promise.resolve()
      .then(() => bundle.load(env, { Date: clockDate(env) }).recomputeTiers())
      .catch(() => undefined);
    expect(env.calls.killed).toBe(true);
    expect(env.triggers).toHaveLength(1);
    await fireTriggers(bundle, env);
    expect(snapshot(env)).toEqual(snapshot(reference));
  }, 120_000);

  it('a click while a continuation is pending continues the same run instead of starting another', async () => {
    const env = fresh();
    env.msPerCall = 3000;
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    const { now, done } = progressOf(env);
    env.newExecution();
    env.msPerCall = 0;
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    expect(env.toasts.some((t) => t.message.startsWith(`继续上一轮计算（已写入 ${done}/`))).toBe(true);
    expect(env.triggers).toEqual([]);
    const reference = fresh();
    await bundle.load(reference, { Date: fixedClock(new Date(now)) }).recomputeTiers();
    expect(snapshot(env)).toEqual(snapshot(reference));
  }, 120_000);

  it('says a run is in progress while another execution holds the lock, and writes nothing', async () => {
    const env = fresh();
    env.lockBusy = true;
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    expect(env.alerts.map((a) => a.message)).toEqual([expect.stringMatching(/另一次分层计算正在进行.*\nAnother recompute is running/s)]);
    expect(env.calls.get('Range.setValues')).toBe(0);
    expect(env.triggers).toEqual([]);
  });
});
