/**
 * The .xlsx I/O floor against the adapter, measured in one run:
 *   bare    SheetJS reads the workbook and writes it back (the floor);
 *   adapter XlsxWorkbook opens it and reads the members sheet, then applies
 *           and saves the patch a real recompute produces;
 *   e2e     open + recompute + save, as the CLI does;
 *   bare-output  SheetJS reads and writes the adapter's output (bigger than
 *           the input: the recompute adds ~800 sheets), a like-for-like
 *           floor for the write.
 * Each runs in its own process so its peak RSS is its own. Prints figures and
 * ratios; asserts nothing.
 *   node --import tsx scripts/bench/io.ts [members=100000] [file.xlsx]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as SheetJS from '@e965/xlsx';
import { recompute } from '../../src/app/recompute.js';
import type { WorkbookPatch } from '../../src/core/base/patch.js';
import type { WorkbookPort } from '../../src/ports/port.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';

const NOW = new Date('2026-11-26T04:00:00Z');
const OPTIONS = { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' as const };
const peakMb = () => Math.round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024);
/** Wall and CPU (user + system) milliseconds since `start()`: on a shared machine CPU time is the steadier figure. */
const start = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const since = (t: ReturnType<typeof start>) => {
  const c = process.cpuUsage(t.cpu);
  return { wall: Math.round(performance.now() - t.wall), cpu: Math.round((c.user + c.system) / 1000) };
};

type Span = { wall: number; cpu: number };
type Figures = Record<string, number | Span>;

async function phase(name: string, file: string, dir: string): Promise<Figures> {
  const out = join(dir, `${name}.xlsx`);
  if (name === 'bare' || name === 'bare-output') {
    const XLSX: typeof SheetJS = createRequire(import.meta.url)('@e965/xlsx');
    let t = start();
    const book = XLSX.read(readFileSync(file), { type: 'buffer' });
    const readMs = since(t);
    t = start();
    writeFileSync(out, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));
    return { readMs, writeMs: since(t), rssMb: peakMb() };
  }
  let t = start();
  const wb = await XlsxWorkbook.open(file);
  if (name === 'e2e') {
    await recompute(wb, OPTIONS);
    await wb.save(out);
    return { totalMs: since(t), rssMb: peakMb() };
  }
  // The patch a recompute would apply, caught on its way to the port.
  let patch: WorkbookPatch | undefined;
  const catcher: WorkbookPort = { sheetNames: () => wb.sheetNames(), read: (s) => wb.read(s), apply: (p) => void (patch = p) };
  const readStart = start();
  wb.read(wb.sheetNames()[0]);
  const readMs = since(t);
  const tableMs = since(readStart);
  await recompute(catcher, OPTIONS);
  const cells = patch!.sheets.reduce((n, p) => n + (p.kind === 'columns' ? p.columns.reduce((m, c) => m + c.values.length, 0) : p.rows.reduce((m, r) => m + r.length, 0)), 0);
  t = start();
  await wb.apply(patch!);
  await wb.save(out);
  return { readMs, tableMs, writeMs: since(t), rssMb: peakMb(), patchSheets: patch!.sheets.length, patchCells: cells };
}

const here = fileURLToPath(import.meta.url);
const [flag, ...rest] = process.argv.slice(2);
if (flag === '--phase') {
  const [name, file, dir] = rest;
  process.stdout.write(JSON.stringify(await phase(name, file, dir)));
} else {
  const members = Number(flag ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'fenceng-io-'));
  try {
    const file = rest[0] && existsSync(rest[0]) ? rest[0] : join(dir, 'members.xlsx');
    if (file !== rest[0]) {
      execFileSync(process.execPath, [join(here, '../../../bin/fenceng.js'), 'sample', '--members', String(members), '--out', file, '--today', '2026-11-26'], { stdio: 'ignore' });
    }
    const run = (name: string): any =>
      JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', here, '--phase', name, file, dir], { encoding: 'utf8', maxBuffer: 1 << 24 }));
    console.log(`xlsx I/O — ${members.toLocaleString('en')} members, ${(readFileSync(file).length / 1024 / 1024).toFixed(1)} MB; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
    const bare = run('bare');
    const adapter = run('adapter');
    const bareOut = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', here, '--phase', 'bare-output', join(dir, 'adapter.xlsx'), dir], { encoding: 'utf8' }));
    const e2e = run('e2e');
    const s = (x: Span) => `${(x.cpu / 1000).toFixed(1)} s cpu (${(x.wall / 1000).toFixed(1)} s wall)`;
    const floor = { cpu: bare.readMs.cpu + bare.writeMs.cpu, wall: bare.readMs.wall + bare.writeMs.wall };
    const ratio = (a: Span, b: Span) => `${(a.cpu / b.cpu).toFixed(2)}× cpu, ${(a.wall / b.wall).toFixed(2)}× wall`;
    console.log(`  bare SheetJS  read  ${s(bare.readMs)}`);
    console.log(`                write ${s(bare.writeMs)}   floor ${s(floor)}   peak RSS ${bare.rssMb} MB`);
    console.log(`  adapter       read  ${s(adapter.readMs)}   (members table ${s(adapter.tableMs)})`);
    console.log(`                write ${s(adapter.writeMs)}   (patch: ${adapter.patchSheets} sheets, ${adapter.patchCells.toLocaleString('en')} cells)   peak RSS ${adapter.rssMb} MB`);
    console.log(`  bare SheetJS on the output  read ${s(bareOut.readMs)}   write ${s(bareOut.writeMs)}   peak RSS ${bareOut.rssMb} MB`);
    console.log(`  end to end    ${s(e2e.totalMs)}   peak RSS ${e2e.rssMb} MB`);
    console.log(`  ratios        read ${ratio(adapter.readMs, bare.readMs)};  write ${ratio(adapter.writeMs, bare.writeMs)};  write vs bare write of the output ${ratio(adapter.writeMs, bareOut.writeMs)};  end to end / floor ${ratio(e2e.totalMs, floor)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
