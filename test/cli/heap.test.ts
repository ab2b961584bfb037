import { describe, expect, it } from 'vitest';
import { closeSync, ftruncateSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { HEAP_GROWING_PERCENT, heapFlag, targetHeapMb } from '../../src/cli/heap.js';
import { tempDir } from './helpers.js';

/** A file of `bytes` that takes no disk (sparse). */
function fileOf(bytes: number): string {
  const path = join(tempDir(), 'big.csv');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

describe('a larger heap for a large input', () => {
  it('is asked for a large CSV, more than the default heap, within a share of the machine', () => {
    const big = fileOf(80 * 1024 * 1024);
    const mb = targetHeapMb(['recompute', big, '--out', 'x.xlsx'], {});
    if (mb === undefined) {
      // Only when this Node's heap is already as large as the share would be.
      expect(getHeapStatistics().heap_size_limit / 2 ** 20).toBeGreaterThanOrEqual(8192);
      return;
    }
    expect(mb).toBeGreaterThan(getHeapStatistics().heap_size_limit / 2 ** 20);
    expect(mb).toBeLessThanOrEqual(16_384);
    expect(targetHeapMb(['explain', big, 'M1'], {})).toBe(mb);
  });

  it('is not asked for a small input, another command, a second time, or when the heap was set by hand', () => {
    const small = join(tempDir(), 'small.csv');
    writeFileSync(small, 'ID\nM1\n');
    const big = fileOf(80 * 1024 * 1024);
    expect(targetHeapMb(['recompute', small], {})).toBeUndefined();
    expect(targetHeapMb(['recompute', join(tempDir(), 'missing.csv')], {})).toBeUndefined();
    expect(targetHeapMb(['sample', '--members', '10'], {})).toBeUndefined();
    expect(targetHeapMb(['recompute', big], { FENCENG_HEAP_MB: '8192' })).toBeUndefined();
    expect(targetHeapMb(['recompute', big], { NODE_OPTIONS: '--max-old-space-size=2048' })).toBeUndefined();
  });
});

describe('heapFlag', () => {
  it('limits heap growth by default', () => {
    expect(heapFlag([])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapFlag(['--enable-source-maps', '--max-old-space-size=4096'])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves the operator's own setting on node's command line alone", () => {
    expect(heapFlag(['--heap-growing-percent=20'])).toBeUndefined();
    expect(heapFlag(['--heap_growing_percent', '20'])).toBeUndefined();
  });
});
