/**
 * Evaluation speed of both tier rule sets (rules/activity.json and
 * rules/contribution.json) on the same parsed facts, json-rules-engine
 * against the compiled rules, in one run so the ratios hold on a noisy
 * machine. Prints figures, asserts nothing.
 *   node --import tsx scripts/bench/evaluation.ts [members=100000]
 */
import { cpus } from 'node:os';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import type { FactValues } from '../../src/core/facts/facts.js';
import { compileRuleSets } from '../../src/core/rules/compile.js';
import { compileExplainer } from '../../src/core/rules/compile-explain.js';
import { createEvaluator } from '../../src/core/rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../../src/core/rules/explain.js';
import { tierMembers } from '../../src/core/tiering/tiering.js';
import { civilDay } from '../../src/core/base/time.js';
import { generateMembersTable } from '../../src/sample/generate.js';

const members = Number(process.argv[2] ?? 100_000);
const TODAY = civilDay(2026, 11, 26)!;
const LOCALE = 'zh';
const sets = DEFAULT_RULE_SETS.filter((s) => s.hitPolicy === 'first');

// Facts parsed the normal way: the members sheet through parseMembers (no rows evaluated).
const table = generateMembersTable({ members, seed: 7, today: '2026-11-26' });
const { parsed } = await tierMembers({ table, ruleSets: DEFAULT_RULE_SETS, mapping: DEFAULT_HEADER_MAPPING, today: TODAY, locale: LOCALE, only: () => false });
const facts: FactValues[] = parsed.rows.filter((r) => r.status === 'ok').map((r) => r.facts);
const n = facts.length;

const rate = (ms: number) => n / (ms / 1000);
const fmt = (r: number) => `${Math.round(r).toLocaleString('en-US')} rows/s`;
/** Milliseconds of wall clock and of this process's CPU (the machine is shared: CPU time is what the work itself costs). */
interface Took {
  wall: number;
  cpu: number;
}
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const since = (start: ReturnType<typeof clock>): Took => {
  const u = process.cpuUsage(start.cpu);
  return { wall: performance.now() - start.wall, cpu: (u.user + u.system) / 1000 };
};
let sink = 0;

async function engine(withTexts: boolean): Promise<Took> {
  const evaluators = sets.map((s) => createEvaluator(s, TODAY));
  const t = clock();
  for (const f of facts) {
    for (const ev of evaluators) {
      const e = await ev.evaluate(f);
      sink += e.tier!.length;
      if (withTexts) sink += explainPlacement(ev.ruleSet, e, TODAY, LOCALE).length + progressToNextTier(ev.ruleSet, e, TODAY, LOCALE).length;
    }
  }
  return since(t);
}

const compiled = compileRuleSets(sets, TODAY);
const explainers = compiled.sets.map((s) => compileExplainer(s, LOCALE));

// One MemberFacts reused for every member: nothing here keeps it.
const m = compiled.load({});

function tiersOnly(): Took {
  const t = clock();
  for (let i = 0; i < n; i++) {
    compiled.loadInto(facts[i], m);
    for (const s of compiled.sets) sink += s.placingRule(m);
  }
  return since(t);
}

function withTexts(): Took {
  const t = clock();
  for (let i = 0; i < n; i++) {
    compiled.loadInto(facts[i], m);
    for (let k = 0; k < compiled.sets.length; k++) {
      const rule = compiled.sets[k].placingRule(m);
      sink += explainers[k].explanation(rule, m).length + explainers[k].progress(rule, m, facts[i]).length;
    }
  }
  return since(t);
}

/** The median of several passes (wall and CPU each): one pass of the compiled rules is a few tens of milliseconds. */
function median(pass: () => Took, passes = 9): Took {
  pass(); // warm up
  const runs = Array.from({ length: passes }, pass);
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(passes / 2)];
  return { wall: mid(runs.map((r) => r.wall)), cpu: mid(runs.map((r) => r.cpu)) };
}

console.log(`评估基准 / evaluation benchmark — ${n.toLocaleString('en-US')} members, ${sets.map((s) => s.id).join(' + ')}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
const rows: Array<[string, Took, string]> = [];
const engineBare = await engine(false);
const engineTexts = await engine(true);
const fast = median(tiersOnly);
const texts = median(withTexts);
const ratio = (a: Took, b: Took) => `${Math.round(b.wall / a.wall).toLocaleString('en-US')}×`;
rows.push(['json-rules-engine, tiers only', engineBare, '']);
rows.push(["json-rules-engine + explain.ts (today's path)", engineTexts, '']);
rows.push(['compiled, tiers only', fast, `${ratio(fast, engineBare)} json-rules-engine`]);
rows.push(['compiled + explanations + progress', texts, `${ratio(texts, engineTexts)} today's path`]);
for (const [name, took, note] of rows) {
  console.log(`  ${name.padEnd(46)} ${fmt(rate(took.wall)).padStart(20)}   ${`(${fmt(rate(took.cpu))} of CPU time)`.padEnd(32)} ${note}`);
}
if (sink === 0.5) console.log(''); // keeps the work observable
