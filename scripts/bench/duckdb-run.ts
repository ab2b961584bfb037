/** One DuckDB recompute in its own process (so its peak RSS is its own); prints a JSON line of figures. */
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { DEFAULT_POINTS_RULES } from '../../src/app/default-operations.js';
import { civilDay } from '../../src/core/base/time.js';
import { recomputeWithDuckDb, type Stage } from '../../src/duckdb/recompute.js';

const [input, results] = process.argv.slice(2);
const marks: Partial<Record<Stage, number>> = {};
const start = performance.now();
const run = await recomputeWithDuckDb({
  input,
  ruleSets: [...DEFAULT_RULE_SETS, DEFAULT_POINTS_RULES],
  mapping: DEFAULT_HEADER_MAPPING,
  today: civilDay(2026, 11, 26)!,
  computedAt: '2026-11-26 12:00',
  timeZone: 'Asia/Shanghai',
  locale: 'zh',
  results,
  summary: results.replace(/\.\w+$/, '-summary.xlsx'),
  memoryLimit: process.env.FENCENG_MEMORY ?? '1GB',
  onStage: (s) => (marks[s] = performance.now()),
});
const end = performance.now();
const s = (a: number, b: number) => ((b - a) / 1000).toFixed(1);
console.log(JSON.stringify({ members: run.summary.members, load: s(marks.load!, marks.compute!), compute: s(marks.compute!, marks.write!), write: s(marks.write!, end), total: s(start, end), cpu: ((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(0), peakMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
