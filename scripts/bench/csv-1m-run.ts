/** One `fenceng recompute` in its own process (so its peak RSS is its own); prints a JSON line of figures last. */
import { main } from '../../src/cli/main.js';

const start = performance.now();
const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
console.log(JSON.stringify({ code, wallS: (performance.now() - start) / 1000, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakMb: Math.round(usage.maxRSS / 1024) }));
process.exitCode = code;
