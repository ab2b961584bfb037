/**
 * DuckDB engine benchmark: streams a generated members CSV of N rows to disk
 * (never held in memory), then recomputes it with `--engine duckdb` in a
 * child process and prints time and that process's peak RSS. A benchmark,
 * not a test: it prints figures and asserts nothing.
 *   nice node --import tsx scripts/bench/duckdb.ts 1000000 10000000
 *   node --import tsx scripts/bench/duckdb.ts --csv members.csv 100000   (only the CSV)
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countCell } from '../../src/sample/messy-cells.js';
import { createRng, type Rng } from '../../src/sample/random.js';
import { formatCivilDay, civilDay } from '../../src/core/base/time.js';

const TODAY = civilDay(2026, 11, 26)!;
const HEADER = ['成员ID', '昵称', '抖音号', '入群日期', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

function dateCell(rng: Rng, day: number): string {
  const iso = formatCivilDay(day);
  const r = rng.next();
  if (r < 0.9) return iso;
  if (r < 0.93) return iso.replace(/-0?/g, '/');
  if (r < 0.95) return `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
  if (r < 0.97) return String(day + 25569);
  if (r < 0.99) return `${TODAY - day}天前`;
  return rng.pick(['', '—', '昨天']);
}

function row(rng: Rng, i: number): string {
  // A few repeated and missing IDs, as real exports have.
  const id = rng.chance(0.001) ? '' : rng.chance(0.002) ? `m${rng.int(0, Math.max(0, i - 1))}` : `m${i}`;
  const active = rng.chance(0.3) ? rng.int(0, 7) : rng.chance(0.5) ? rng.int(8, 30) : rng.int(31, 400);
  const heavy = rng.chance(0.1);
  const count = (max: number) => countCell(rng, rng.int(0, heavy ? max * 20 : max));
  const cells = [id, `粉丝${i}`, `dy${i}`, dateCell(rng, TODAY - active - rng.int(0, 900)), dateCell(rng, TODAY - active), count(30), count(300), count(20), count(3), count(2000), count(200)];
  return cells.map(csvCell).join(',');
}

async function writeCsv(path: string, members: number): Promise<void> {
  const out = createWriteStream(path);
  const rng = createRng(13);
  out.write(`${HEADER.join(',')}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < members; i++) {
    chunk.push(row(rng, i));
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

// `--csv FILE N`: only write the CSV (for profiling by hand).
if (process.argv[2] === '--csv') {
  await writeCsv(process.argv[3], Number(process.argv[4]));
  process.exit(0);
}
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const members of sizes.length ? sizes : [1_000_000]) {
  const dir = mkdtempSync(join(tmpdir(), 'fenceng-duckbench-'));
  try {
    const csv = join(dir, 'members.csv');
    let t = performance.now();
    await writeCsv(csv, members);
    const genMs = performance.now() - t;
    t = performance.now();
    // /usr/bin/time is not everywhere: the child reports its own peak RSS.
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'duckdb-run.ts'), csv, join(dir, 'results.parquet')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const runMs = performance.now() - t;
    if (child.status !== 0) throw new Error(`run failed: ${child.stdout}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!);
    console.log(
      `${members.toLocaleString('en-US')} members: CSV ${(statSync(csv).size / 1e6).toFixed(0)} MB written in ${(genMs / 1000).toFixed(1)} s; ` +
        `DuckDB recompute ${(runMs / 1000).toFixed(1)} s (load ${r.load} s, tiers+points ${r.compute} s, write ${r.write} s; CPU ${r.cpu} s), peak RSS ${r.peakMb} MB, ` +
        `${r.members.toLocaleString('en-US')} tiered, ${Math.round(members / (runMs / 1000)).toLocaleString('en-US')} rows/s`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
