/**
 * A million-row CSV export end to end through the JavaScript path
 * (`fenceng recompute big.csv --out …`, compiled rules): wall time, CPU time
 * and peak RSS of that one process, and what it wrote. The CSV is generated
 * under the temp folder first (streamed, never held in memory) and removed
 * after. A benchmark, not a test: it prints figures and asserts nothing.
 *   npm run bench:csv              (1,000,000 rows)
 *   npm run bench:csv -- 200000    (another size)
 *   KEEP=1 npm run bench:csv       (keep the CSV and the results)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeMembersCsv } from './csv-members.js';
import { targetHeapMb } from '../../src/cli/heap.js';

/** CPU, peak RSS and exit code from `/usr/bin/time -v`'s report. */
function fromTime(report: string, code: number): { code: number; cpuS: number; peakMb: number } {
  const field = (name: string) => Number(new RegExp(`${name}[^:]*: ([\\d.]+)`).exec(report)?.[1] ?? NaN);
  return { code, cpuS: field('User time') + field('System time'), peakMb: field('Maximum resident set size') / 1024 };
}

const rows = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'fenceng-csv1m-'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
try {
  const csv = join(dir, 'members.csv');
  let t = performance.now();
  await writeMembersCsv(csv, rows);
  console.log(`generated ${rows.toLocaleString('en-US')} members → ${csv} (${mb(statSync(csv).size)}, ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  const out = join(dir, 'out', 'result.xlsx');
  const args = ['recompute', csv, '--out', out, '--now', '2026-11-26'];
  t = performance.now();
  // The operator's command (bin/fenceng.js, which moves a large input to a child with a larger heap) under
  // /usr/bin/time, whose peak RSS is the largest process's; `nice`: the machine is shared.
  const timed = existsSync('/usr/bin/time');
  const child = timed
    ? spawnSync('/usr/bin/time', ['-v', 'nice', process.execPath, join(import.meta.dirname, '../../bin/fenceng.js'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
    : spawnSync('nice', [process.execPath, `--max-old-space-size=${targetHeapMb(args, {}) ?? 4096}`, '--import', 'tsx', join(import.meta.dirname, 'csv-1m-run.ts'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - t) / 1000;
  const lines = child.stdout.trim().split('\n');
  const figures = timed ? fromTime(child.stderr, child.status ?? 1) : (JSON.parse(lines.pop() ?? '{}') as { code: number; cpuS: number; peakMb: number });
  // Progress went to stderr: the stage lines show where the time went.
  console.log(child.stderr.split('\n').filter((l) => l.startsWith('[fenceng]') && !/\(\d+%\)$/.test(l)).join('\n'));
  console.log(lines.filter((l) => /Written|written in parts|\.csv|\.xlsx/.test(l)).join('\n'));
  console.log(`\nfiles in ${join(dir, 'out')}:`);
  for (const f of readdirSync(join(dir, 'out'))) console.log(`  ${f}  ${mb(statSync(join(dir, 'out', f)).size)}`);
  console.log(`\n| CSV end to end | ${rows.toLocaleString('en-US')} rows |`);
  console.log('| --- | --- |');
  console.log(`| wall time | ${wall.toFixed(0)} s |`);
  console.log(`| CPU time (user + system) | ${figures.cpuS.toFixed(0)} s |`);
  console.log(`| peak RSS | ${(figures.peakMb / 1024).toFixed(2)} GB |`);
  console.log(`| exit code | ${figures.code} |`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${mb(totalmem())} RAM, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
