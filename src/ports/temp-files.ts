import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Fenceng's temp files, written next to a file before it is renamed over it:
 * `.<name>.fenceng-<pid>-<8 hex>.tmp`. The pid lets a later run tell a
 * killed run's leftover from a live run's file in progress.
 */
export function tempNameFor(name: string): string {
  return `.${name}.fenceng-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

// Also the older `.<name>.<pid>.<8 hex>.tmp` that earlier versions wrote.
const TEMP = /^\..+(?:\.fenceng-(\d+)-|\.(\d+)\.)[0-9a-f]{8}\.tmp$/;
/** A temp older than this is stale even if its pid is alive again (pids are reused). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Removes Fenceng temp files in `dir` left by runs that were killed; never anything else. Best effort. */
export async function removeStaleTemps(dir: string, now = Date.now()): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    const path = join(dir, name);
    try {
      const s = await stat(path);
      if (!s.isFile()) continue;
      const old = now - s.mtimeMs > STALE_AFTER_MS;
      if (!old && (pid === process.pid || isAlive(pid))) continue;
      await rm(path, { force: true });
      removed.push(name);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
