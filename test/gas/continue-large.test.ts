/**
 * A large run through continuations: a budget-stopped first execution, a
 * continuation killed by Google mid-write, then the open sidebar's calls —
 * the spreadsheet must end as one uninterrupted run at the same instant
 * leaves it, tab by tab, cell for cell. 2,000 members with a full admin
 * team by default; FENCENG_LARGE_MEMBERS=100000 runs it at the size
 * (minutes; compared by digest to keep memory in bounds).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sidebarCall } from './executions.js';
import { useBuiltBundle } from './built-bundle.js';
import { clockDate, FakeEnv, snapshot } from './fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from './sample-env.js';

const MEMBERS = Number(process.env.FENCENG_LARGE_MEMBERS ?? 2000);
const bundle = useBuiltBundle();
const sheets = sampleSheets({ members: MEMBERS, today: '2026-11-26' });
const fresh = () => new FakeEnv({ sheets: structuredClone(sheets), timeZone: SAMPLE_TZ });

/** One digest per tab: equal digests, equal tabs (name, grid, visibility, cells, protection, charts). */
const digests = (env: FakeEnv) => snapshot(env).map((tab) => createHash('sha256').update(JSON.stringify(tab)).digest('hex'));

describe(`${MEMBERS.toLocaleString('en-US')} members through continuations`, () => {
  it('budget stop, a killed continuation, then the sidebar: the same spreadsheet as one uninterrupted run', async () => {
    const env = fresh();
    // Each call "takes" 1 s: the 270 s budget lets about 270 calls through per
    // execution, a few tabs' writes and layout (each tab costs dozens of calls).
    env.msPerCall = 1000;
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    const record = JSON.parse(env.properties.document.get('fenceng.run')!);
    expect(record.stage).toBe('writing');
    expect(record.done).toBeLessThan(record.total);

    // The next execution is killed a few calls into its writes.
    env.newExecution();
    env.calls.stopAfter(40);
    await Promise.resolve()
      .then(() => bundle.load(env, { Date: clockDate(env) }).continueRecompute())
      .catch(() => undefined);
    expect(env.calls.killed).toBe(true);

    let executions = 2;
    const written = () => JSON.parse(env.properties.document.get('fenceng.run') ?? '{"done":Infinity}').done as number;
    let before = written();
    let answer = sidebarCall(bundle, env, 'fencengContinueRun');
    while (answer.ok && answer.value.state === 'continuing') {
      // Every execution moves the run on: no continuation is spent without progress.
      expect(written()).toBeGreaterThan(before);
      before = written();
      answer = sidebarCall(bundle, env, 'fencengContinueRun');
      expect(++executions).toBeLessThan(30);
    }
    expect(answer).toMatchObject({ ok: true, value: { state: 'finished' } });
    expect(answer.value.summary.members).toBeGreaterThan(0);
    expect(env.triggers).toEqual([]);
    expect(env.properties.document.has('fenceng.run')).toBe(false);

    const reference = fresh();
    await bundle.load(reference, { Date: fixedClock(new Date(record.now)) }).recomputeTiers();
    expect(reference.properties.document.has('fenceng.run')).toBe(false);
    expect(env.sheets.map((s) => s.name)).toEqual(reference.sheets.map((s) => s.name));
    expect(digests(env)).toEqual(digests(reference));
  }, 1_800_000);
});
