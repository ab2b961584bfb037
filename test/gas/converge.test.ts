/**
 * Writes that converge: stop a whole sample run at any call — a thrown
 * service error or the 6-minute kill — run again, and the spreadsheet must
 * be cell for cell what one uninterrupted run leaves (tabs, order, grid
 * sizes, visibility, protection, charts, layout: widths, frozen rows,
 * formats, filters, conditional formats). The run again finishes the first
 * run's journal (src/ports/gas/journal.ts) or, when the first run was
 * stopped before its journal was complete, plans afresh.
 * FENCENG_CONVERGE_MEMBERS=200 for a bigger sample (slower).
 */
import { describe, expect, it } from 'vitest';
import { useBuiltBundle } from './built-bundle.js';
import { FakeEnv, snapshot } from './fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from './sample-env.js';

const bundle = useBuiltBundle();
const NOW = new Date('2026-11-26T04:00:00Z');
const MEMBERS = Number(process.env.FENCENG_CONVERGE_MEMBERS ?? 30);
/** Calls that change the spreadsheet; before the first of them an interruption leaves it as it was. */
/**
 * Calls that change nothing that outlives an execution (reads, and chart or rule builders, which only build a value):
 * a kill right after one leaves what a kill right before it does, so only kills after a change are tried.
 */
const PURE = /^(ConditionalFormatRuleBuilder|EmbeddedChartBuilder|Utilities|Session)\.|\.(get|is|can|has)[A-Z]|^(SpreadsheetApp\.newConditionalFormatRule|Sheet\.newChart)$/;
const WRITES = /^(Range\.(setValues|clearContent|createFilter|set)|Sheet\.(clearContents|insert|delete|hideSheet|protect|removeChart|insertChart|set)|RangeList\.set|Filter\.remove|Spreadsheet\.insertSheet|Protection\.(set|add|remove))/;

// Generated once: FakeEnv copies its initial cells, so every run starts from the same sample.
const SAMPLE = sampleSheets({ members: MEMBERS, today: '2026-11-26' });
const fresh = () => new FakeEnv({ sheets: SAMPLE, timeZone: SAMPLE_TZ, owner: 'owner@example.com' });
const run = async (env: FakeEnv, arm?: () => void) => {
  env.newExecution();
  arm?.();
  await bundle.load(env, { Date: fixedClock(NOW) }).recomputeTiers();
};

describe('an interrupted run, run again', () => {
  it('converges to one uninterrupted run, whichever call it stopped at', async () => {
    const reference = fresh();
    reference.calls.trace = [];
    await run(reference);
    expect(reference.alerts).toEqual([]);
    const want = snapshot(reference);
    const trace = reference.calls.trace;
    const first = trace.findIndex((k) => WRITES.test(k));
    expect(first).toBeGreaterThan(0);

    // Once an execution has recorded its run as finished (every sheet written, the progress cleared), the next click is a new run.
    const twice = fresh();
    await run(twice);
    await run(twice);
    const wantAfterNewRun = snapshot(twice);
    const finishedRun = (env: FakeEnv) => !env.properties.document.has('fenceng.run') && env.properties.document.has('fenceng.lastRun');

    const diverged: string[] = [];
    for (let k = first + 1; k <= trace.length; k++) {
      // Killed at every call after one that changed something; a thrown error at every call that changes something (a thrown read before it is the same as a kill).
      const afterChange = k === first + 1 || !PURE.test(trace[k - 2]);
      const modes = [...(afterChange ? (['kill'] as const) : []), ...(WRITES.test(trace[k - 1]) ? (['fail'] as const) : [])];
      for (const mode of modes) {
        const env = fresh();
        await run(env, () => (mode === 'kill' ? env.calls.stopAfter(k - 1) : env.calls.failAt('*', k))).catch(() => undefined);
        const expected = finishedRun(env) ? wantAfterNewRun : want;
        await run(env);
        if (JSON.stringify(snapshot(env)) !== JSON.stringify(expected)) diverged.push(`${mode}@${k} ${trace[k - 1]}`);
      }
      if (diverged.length >= 10) break;
    }
    expect(diverged).toEqual([]);
  }, 1_200_000); // ~80 s of CPU; minutes of wall time on a shared machine
});
