#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx, so there is no build step
// between editing a rule helper and using it locally.
import { register } from 'tsx/esm/api';

register();
const { keepHeapTight } = await import('../src/cli/heap.ts');
keepHeapTight();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
