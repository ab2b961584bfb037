/**
 * What a recompute costs in Google Sheets, modelled: the built dist/Code.js
 * runs in a bare node:vm against the counting fakes (test/gas/fakes.ts) on
 * the `fenceng sample` workbook, and the counts are priced with the stated
 * per-call and per-cell costs below. A benchmark: it prints, asserts nothing.
 *   node --import tsx scripts/bench/gas-cost.ts            (10k, 50k, 100k)
 *   node --import tsx scripts/bench/gas-cost.ts 20000      (custom sizes)
 * Each size runs in its own process.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { FakeEnv } from '../../test/gas/fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from '../../test/gas/sample-env.js';
import { generateAdminsTable } from '../../src/sample/generate.js';
import { MAX_CELLS } from '../../src/core/budget/limits.js';

/**
 * The assumptions. Nothing here was measured against Google (we cannot reach
 * it); they are round figures of the order reported for SpreadsheetApp, on
 * the side of caution. Change them here and the verdicts follow.
 */
export const COST = {
  /** Every service call is a round trip to Sheets (getName and getRange counted like setValues). */
  msPerCall: 30,
  /** setValues: about 1 s per 100,000 cells. */
  msPerCellWritten: 0.01,
  /** getValues: about 0.3 s per 100,000 cells. */
  msPerCellRead: 0.003,
  /** Text sent by setValues, on top of the per-cell cost: 0.5 s per million characters (the journal is few cells of 40,000 characters). */
  msPerCharWritten: 0.0005,
  /** Apps Script's V8 runs our JavaScript this many times slower than Node on this machine. */
  jsSlowdown: 3,
  /** One execution's limit. */
  executionMs: 360_000,
};
/** What each execution must stay under (4.5 minutes): the run stops starting new writes at 270 s (src/gas/run.ts SAFE_EXECUTION_MS), and its last write must still fit. */
const SAFE_MS = 270_000;

const NOW = new Date('2026-11-26T04:00:00Z');
/** The operator's tabs in the sample (Fenceng writes columns into some, but they are not its own). */
const OPERATOR_SHEETS = ['成员', '管理员', '内容库', '积分兑换'];
const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
/** The team the issue measured at 50k: 470 admins, 400 of them regular. */
const TEAM_FOR = (members: number) => Math.min(members, 50_000);

async function one(members: number): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'fenceng-gas-cost-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', out], { cwd: ROOT, stdio: 'pipe' });
    const code = readFileSync(join(out, 'Code.js'), 'utf8');
    const sheets = sampleSheets({ members, today: '2026-11-26', noAdmins: true });
    const admins = generateAdminsTable({ members: TEAM_FOR(members), seed: 20251126 });
    sheets[admins.sheet] = [admins.header, ...admins.rows];
    const env = new FakeEnv({ sheets, timeZone: SAMPLE_TZ });
    // The modelled clock the bundle reads: every call and cell written (the fakes add those), every cell read and
    // character written, and our JavaScript's CPU time × jsSlowdown. The run's own budget (SAFE_EXECUTION_MS) stops on it.
    env.msPerCall = COST.msPerCall;
    env.msPerCellWritten = COST.msPerCellWritten;
    const t0 = env.timeMs;
    const cpuStart = process.cpuUsage();
    const cpuMs = () => {
      const u = process.cpuUsage(cpuStart);
      return (u.user + u.system) / 1000;
    };
    const modelledNow = () => env.timeMs + env.cellsRead * COST.msPerCellRead + env.charsWritten * COST.msPerCharWritten + cpuMs() * COST.jsSlowdown;
    class ModelDate extends Date {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(modelledNow());
        else super(...(args as [string | number | Date]));
      }
      static override now(): number {
        return modelledNow();
      }
    }
    // Execution 1: the menu; then the open sidebar goes on (each google.script.run call is an execution of its own).
    const executions: Array<{ ms: number; cpu: number; calls: number }> = [];
    const execute = (work: (ctx: any) => unknown) => {
      env.newExecution();
      const ctx = vm.createContext({ console: { ...console, log() {}, warn() {}, error: console.error }, ...env.globals(), Date: ModelDate });
      vm.runInContext(code, ctx, { filename: 'Code.js' });
      const [at, cpu, calls] = [modelledNow(), cpuMs(), env.calls.total()];
      work(ctx);
      executions.push({ ms: modelledNow() - at, cpu: cpuMs() - cpu, calls: env.calls.total() - calls });
    };
    execute((ctx) => ctx.recomputeTiers());
    while (env.properties.document.has('fenceng.run') && executions.length < 20) execute((ctx) => ctx.fencengContinueRun({ locale: 'zh' }));
    const nodeMs = executions.reduce((x, e) => x + e.cpu, 0);
    const failed = env.alerts.map((a) => a.message.split('\n')[0]);

    const calls = env.calls.total();
    const callMs = calls * COST.msPerCall;
    const ioMs = env.cellsWritten * COST.msPerCellWritten + env.cellsRead * COST.msPerCellRead + env.charsWritten * COST.msPerCharWritten;
    const jsMs = nodeMs * COST.jsSlowdown;
    const total = modelledNow() - t0;
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    console.log(`\n${n(members)} 名成员 / members, ${n(admins.rows.length)} 名管理员 / admins`);
    if (failed.length) console.log(`  运行被拒绝 / the run was refused: ${failed.join(' | ')}`);
    console.log(`  服务调用 / service calls: ${n(calls)}   写入单元格 / cells written: ${n(env.cellsWritten)} (${n(env.charsWritten / 1e6)} M characters)   读取 / read: ${n(env.cellsRead)}`);
    console.log(`  表格单元格（网格）/ grid cells held: ${n(env.gridCells())} of ${n(MAX_CELLS)} (${((env.gridCells() / MAX_CELLS) * 100).toFixed(1)} %), ${env.sheets.length} tabs`);
    const tabs = [...env.sheets].sort((a, b) => b.gridCells() - a.gridCells());
    const own = env.sheets.filter((t) => !OPERATOR_SHEETS.includes(t.name)).reduce((x, t) => x + t.gridCells(), 0);
    console.log(`  其中分层管理自己的工作表 / of which Fenceng's own tabs: ${n(own)}; largest: ${tabs.slice(0, 6).map((t) => `${t.name} ${t.maxRows}×${t.maxCols}`).join(', ')}`);
    console.log(
      `  估算 Apps Script 时间 / modelled Apps Script time: ${s(total)} = calls ${s(callMs)} (${COST.msPerCall} ms each) + cells ${s(ioMs)} (${COST.msPerCellWritten * 1e5 / 1000} s per 100k written, ${COST.msPerCellRead * 1e5 / 1000} s per 100k read, ${COST.msPerCharWritten * 1e6 / 1000} s per M characters) + JavaScript ${s(jsMs)} (Node CPU ${s(nodeMs)} × ${COST.jsSlowdown})`,
    );
    const longest = Math.max(...executions.map((e) => e.ms));
    const unfinished = env.properties.document.has('fenceng.run');
    console.log(
      `  ${executions.length} 次执行 / execution(s) (the menu, then the open sidebar): ${executions.map((e, i) => `#${i + 1} ${s(e.ms)} (JS ${s(e.cpu * COST.jsSlowdown)}, ${n(e.calls)} calls)`).join(', ')}`,
    );
    console.log(
      unfinished
        ? `  未完成 / NOT finished after ${executions.length} executions`
        : `  最长一次执行 / longest execution: ${s(longest)} of ${s(COST.executionMs)} — ${longest <= SAFE_MS ? `within the ${s(SAFE_MS)} safe budget` : `OVER the ${s(SAFE_MS)} safe budget`} (${((longest / COST.executionMs) * 100).toFixed(0)} % of one execution)`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--one') {
  await one(Number(args[1]));
} else {
  const sizes = args.map(Number).filter((x) => x > 0);
  console.log('\nApps Script 成本模型 / cost model (dist/Code.js in node:vm with the fakes; assumptions in scripts/bench/gas-cost.ts)');
  for (const size of sizes.length ? sizes : [10_000, 50_000, 100_000]) {
    execFileSync(process.execPath, ['--max-old-space-size=3072', '--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(size)], { stdio: 'inherit' });
  }
}
