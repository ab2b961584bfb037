/**
 * Prints how fast and how big, in one run, as ratios (the machine is shared
 * and noisy, so CPU time is compared, not wall time):
 *   - evaluation rows/s, compiled vs json-rules-engine (scripts/bench/evaluation.ts);
 *   - for each size: a bare SheetJS read + write of the workbook `fenceng
 *     sample` makes (the I/O floor), then `fenceng recompute` of the same
 *     file end to end, their CPU seconds, the ratio, and each one's peak RSS.
 * Every measurement runs in its own child process (under `nice`), so its peak
 * RSS is its own. A benchmark, not a test: it prints figures, asserts nothing.
 *   npm run bench                       (100k members)
 *   npm run bench -- 10000              (other sizes, quicker)
 *   npm run bench -- 20000 --engine json-rules-engine   (the reference engine end to end)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as SheetJS from '@e965/xlsx';

const here = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL('../bin/fenceng.js', import.meta.url));
const TODAY = '2026-11-26';
/** The child's figures, on its last stdout line after this mark. */
const MARK = 'FENCENG-BENCH ';

interface Figures {
  /** CPU (user + system) seconds of the whole child process, start-up included. */
  cpu: number;
  wall: number;
  peakMb: number;
  /** Bare SheetJS only: the read's and the write's CPU seconds. */
  readCpu?: number;
  writeCpu?: number;
}

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const peakMb = () => process.resourceUsage().maxRSS / 1024;

/** In the child: one measurement, its figures printed last. */
async function phase(name: string, file: string, engine: string): Promise<void> {
  const wallStart = performance.now();
  const figures: Partial<Figures> = {};
  if (name === 'bare') {
    const XLSX: typeof SheetJS = createRequire(import.meta.url)('@e965/xlsx');
    const t = process.cpuUsage();
    const book = XLSX.read(readFileSync(file), { type: 'buffer' });
    figures.readCpu = cpuSeconds(process.cpuUsage(t));
    const w = process.cpuUsage();
    writeFileSync(`${file}.bare.xlsx`, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));
    figures.writeCpu = cpuSeconds(process.cpuUsage(w));
  } else {
    // Loaded here, not at the top: the bare run must not pay for Fenceng's modules.
    // The heap limit bin/fenceng.js sets, so this measures what the operator runs.
    (await import('../src/cli/heap.js')).keepHeapTight();
    const { main } = await import('../src/cli/main.js');
    const quiet = { out: () => undefined, err: (t: string) => process.stderr.write(`${t}\n`) };
    const code = await main(['recompute', file, '--out', `${file}.out.xlsx`, '--now', TODAY, '--engine', engine], quiet);
    if (code !== 0) throw new Error(`fenceng recompute exited ${code}`);
  }
  const done: Figures = { cpu: cpuSeconds(process.cpuUsage()), wall: (performance.now() - wallStart) / 1000, peakMb: peakMb(), ...figures };
  process.stdout.write(`\n${MARK}${JSON.stringify(done)}\n`);
}

/** `nice` where there is one: the benchmark shares the machine. */
const niceArgs = (args: string[]): [string, string[]] => (existsSync('/usr/bin/nice') ? ['/usr/bin/nice', ['-n', '10', ...args]] : [args[0], args.slice(1)]);

function run(args: string[], inherit = false): string {
  const [cmd, rest] = niceArgs([process.execPath, ...args]);
  return execFileSync(cmd, rest, { encoding: 'utf8', maxBuffer: 1 << 26, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'inherit'] }) ?? '';
}

function measure(name: string, file: string, engine: string): Figures {
  const out = run(['--import', 'tsx', here, '--phase', name, file, engine]);
  const line = out.split('\n').find((l) => l.startsWith(MARK));
  if (!line) throw new Error(`no figures from the ${name} run`);
  return JSON.parse(line.slice(MARK.length)) as Figures;
}

const s = (x: number) => `${x.toFixed(1)} s`;
const mb = (x: number) => `${Math.round(x).toLocaleString('en')} MB`;

function bench(members: number, engine: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'fenceng-bench-'));
  try {
    const file = join(dir, 'members.xlsx');
    run([CLI, 'sample', '--members', String(members), '--seed', '1', '--today', TODAY, '--out', file]);
    const bare = measure('bare', file, engine);
    const e2e = measure('e2e', file, engine);
    console.log(`\n${members.toLocaleString('en')} 名成员 / members  (fenceng sample --seed 1: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB .xlsx; engine ${engine})`);
    console.log(`  裸 SheetJS 读+写 / bare SheetJS read + write: ${s(bare.cpu)} CPU (read ${s(bare.readCpu!)} + write ${s(bare.writeCpu!)}), ${s(bare.wall)} wall, peak RSS ${mb(bare.peakMb)}`);
    console.log(`  端到端 / end to end (fenceng recompute … --out):  ${s(e2e.cpu)} CPU, ${s(e2e.wall)} wall, peak RSS ${mb(e2e.peakMb)}`);
    console.log(`  比值 / ratio: ${(e2e.cpu / bare.cpu).toFixed(2)}× the bare CPU time (target ≤ 2×); peak RSS ${mb(e2e.peakMb)} (target ≤ 1,024 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--phase') {
  await phase(argv[1], argv[2], argv[3]);
} else {
  const at = argv.indexOf('--engine');
  const engine = at >= 0 ? argv[at + 1] : 'compiled';
  if (engine !== 'compiled' && engine !== 'json-rules-engine') throw new Error(`--engine compiled|json-rules-engine, got ${engine}`);
  const sizes = (at >= 0 ? [...argv.slice(0, at), ...argv.slice(at + 2)] : argv).map(Number).filter((n) => n > 0);
  console.log(`Fenceng 基准 / benchmark — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${new Date().toISOString().slice(0, 10)}`);
  run(['--import', 'tsx', fileURLToPath(new URL('./bench/evaluation.ts', import.meta.url)), String(Math.max(...(sizes.length ? sizes : [100_000])))], true);
  for (const n of sizes.length ? sizes : [100_000]) bench(n, engine);
  // What the same runs cost in Google Sheets, modelled (scripts/bench/gas-cost.ts; npm run bench:gas alone).
  if (sizes.length === 0) run(['--import', 'tsx', fileURLToPath(new URL('./bench/gas-cost.ts', import.meta.url))], true);
}
