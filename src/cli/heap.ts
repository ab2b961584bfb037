import { setFlagsFromString } from 'node:v8';

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
