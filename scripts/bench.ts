/**
 * Prints how fast and how big: evaluation rows/s and end-to-end recompute
 * seconds and memory for 10k and 100k generated members. A benchmark, not a
 * test: it prints figures and asserts nothing.
 *   npm run bench            (10k and 100k)
 *   npm run bench -- 5000    (custom sizes)
 *   npm run bench -- --engine json-rules-engine   (the reference engine end to end)
 * First, in its own process, the evaluation comparison (scripts/bench/evaluation.ts).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../src/app/default-rules.js';
import { recompute } from '../src/app/recompute.js';
import { runWithReferenceEngine, type EngineName } from '../src/core/rules/rule-engine.js';
import { tierMembers } from '../src/core/tiering/tiering.js';
import { civilDayOfInstant } from '../src/core/base/time.js';
import { XlsxWorkbook } from '../src/ports/xlsx.js';
import { generateMembersTable } from '../src/sample/generate.js';

const NOW = new Date('2026-11-26T04:00:00Z');
const TZ = 'Asia/Shanghai';
const argv = process.argv.slice(2);
const at = argv.indexOf('--engine');
const engineArg = at >= 0 ? argv[at + 1] : 'compiled';
if (engineArg !== 'compiled' && engineArg !== 'json-rules-engine') throw new Error(`--engine compiled|json-rules-engine, got ${engineArg}`);
const engine: EngineName = engineArg;
const args = at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

// Each size runs in its own process so that its peak memory is its own.
const peakRss = () => process.resourceUsage().maxRSS * 1024;

async function bench(members: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'fenceng-bench-'));
  try {
    const table = generateMembersTable({ members, seed: 7, today: '2026-11-26' });

    let t = performance.now();
    const tiering = { table, ruleSets: DEFAULT_RULE_SETS, mapping: DEFAULT_HEADER_MAPPING, today: civilDayOfInstant(NOW, TZ), locale: 'zh' } as const;
    const tiered = engine === 'compiled' ? tierMembers(tiering) : await runWithReferenceEngine((e) => tierMembers({ ...tiering, engine: e }));
    const evalMs = performance.now() - t;

    const input = join(dir, 'members.xlsx');
    await (await XlsxWorkbook.create([table])).save(input);

    t = performance.now();
    const wb = await XlsxWorkbook.open(input);
    const openMs = performance.now() - t;
    t = performance.now();
    const result = await recompute(wb, { now: NOW, timeZone: TZ, locale: 'zh', engine });
    const recomputeMs = performance.now() - t;
    t = performance.now();
    await wb.save(join(dir, 'out.xlsx'));
    const saveMs = performance.now() - t;

    console.log(`\n${members.toLocaleString()} 名成员 / members  (${tiered.placements.size.toLocaleString()} tiered, ${(statSync(input).size / 1024 / 1024).toFixed(1)} MB xlsx)`);
    console.log(`  评估 / evaluation (${engine}, 2 rule sets, with explanations and progress): ${secs(evalMs)}  → ${Math.round(tiered.placements.size / (evalMs / 1000)).toLocaleString()} rows/s`);
    console.log(`  端到端 / end to end: open ${secs(openMs)} + recompute ${secs(recomputeMs)} + save ${secs(saveMs)} = ${secs(openMs + recomputeMs + saveMs)}`);
    console.log(`  内存峰值 / peak RSS of the process: ${mb(peakRss())}  (issues found: ${result.issues.length.toLocaleString()})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (args[0] === '--one') {
  await bench(Number(args[1]));
} else {
  const sizes = args.map(Number).filter((n) => n > 0);
  console.log(`Fenceng 基准 / benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bench/evaluation.ts', import.meta.url)), '100000'], { stdio: 'inherit' });
  for (const n of sizes.length ? sizes : [10_000, 100_000]) {
    execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(n), '--engine', engine], { stdio: 'inherit' });
  }
  // What the same runs cost in Google Sheets, modelled (scripts/bench/gas-cost.ts; npm run bench:gas alone).
  if (sizes.length === 0) execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bench/gas-cost.ts', import.meta.url))], { stdio: 'inherit' });
}
