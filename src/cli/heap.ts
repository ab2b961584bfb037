import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

/** Inputs from this size on (a CSV of ~400,000 members) may need more than Node's default heap (about 4 GB). */
const LARGE_INPUT_BYTES = 32 * 1024 * 1024;
/** At most this share of the machine's memory, so two runs at once still fit. */
const SHARE_OF_MEMORY = 0.35;
const MAX_HEAP_MB = 16_384;
const MIB = 1024 * 1024;

/**
 * A run on a large input in a child Node with a larger heap: Node stops at
 * about 4 GB whatever the machine has, and a million-row CSV needs more than
 * that. Only `recompute` and `explain` on an input of 32 MB or more, only
 * when the heap would grow, and never twice. Returns the child's exit code,
 * or undefined when this process should run the command itself.
 */
export async function inLargerHeap(argv: string[], script: string): Promise<number | undefined> {
  const heapMb = targetHeapMb(argv);
  if (heapMb === undefined) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMb}`, script, ...argv], {
    stdio: 'inherit',
    env: { ...process.env, FENCENG_HEAP_MB: String(heapMb) },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', () => resolve(undefined));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

/** The heap to relaunch with, or undefined to stay. */
export function targetHeapMb(argv: string[], env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (env.FENCENG_HEAP_MB || /max-old-space-size/.test(`${env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)) return undefined;
  if (!['recompute', 'explain'].includes(argv[0] ?? '')) return undefined;
  const input = argv.slice(1).find((a) => !a.startsWith('-'));
  if (!input || !existsSync(input) || !statSync(input).isFile() || statSync(input).size < LARGE_INPUT_BYTES) return undefined;
  const want = Math.min(MAX_HEAP_MB, Math.floor((totalmem() * SHARE_OF_MEMORY) / MIB));
  return want > getHeapStatistics().heap_size_limit / MIB ? want : undefined;
}

/**
 * How far V8 may let the heap grow past what was live after a full
 * collection before it collects again. Left to itself, a process that
 * allocates as fast as a 100k-member recompute gets up to ~2.5× its live
 * heap; 50% keeps the peak near 800 MB instead of ~1 GB for a few seconds
 * more CPU (README, benchmark). V8 reads it at every full collection, so it
 * can be set once the process runs.
 */
export const HEAP_GROWING_PERCENT = 50;

/** The V8 flag to set, or undefined when the operator gave V8 their own (`node --heap-growing-percent=… bin/fenceng.js`). */
export function heapFlag(execArgv: readonly string[]): string | undefined {
  if (execArgv.some((a) => /heap[-_]growing[-_]percent/.test(a))) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/** Applies `heapFlag` to this process. */
export function keepHeapTight(): void {
  const flag = heapFlag(process.execArgv);
  if (flag) setFlagsFromString(flag);
}
