import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, heapFlag } from '../../src/cli/heap.js';

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
