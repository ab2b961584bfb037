#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step
// between editing a rule helper and using it locally.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const argv = process.argv.slice(2);
// V8's heap growth kept tight, and a large input run in a child with a larger heap (src/cli/heap.ts).
const { inLargerHeap, keepHeapTight } = await import('../src/cli/heap.ts');
keepHeapTight();
const relaunched = await inLargerHeap(argv, fileURLToPath(import.meta.url));
if (relaunched !== undefined) process.exitCode = relaunched;
else {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(argv);
}
