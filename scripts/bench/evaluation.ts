/**
 * Evaluation speed of both tier rule sets (rules/activity.json and
 * rules/contribution.json) on the same parsed facts, json-rules-engine
 * against the compiled rules, in one run so the ratios hold on a noisy
 * machine. Prints figures, asserts nothing.
 *   node --import tsx scripts/bench/evaluation.ts [members=100000]
 */
import { cpus } from 'node:os';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import type { FactValues } from '../../src/core/facts.js';
import { compileRuleSets } from '../../src/core/rules/compile.js';
import { compileExplainer } from '../../src/core/rules/compile-explain.js';
import { createEvaluator } from '../../src/core/rules/evaluate.js';
import { explainPlacement, progressToNextTier } from '../../src/core/rules/explain.js';
import { tierMembers } from '../../src/core/tiering.js';
import { civilDay } from '../../src/core/time.js';
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
let sink = 0;

async function engine(withTexts: boolean): Promise<number> {
  const evaluators = sets.map((s) => createEvaluator(s, TODAY));
  const t = performance.now();
  for (const f of facts) {
    for (const ev of evaluators) {
      const e = await ev.evaluate(f);
      sink += e.tier!.length;
      if (withTexts) sink += explainPlacement(ev.ruleSet, e, TODAY, LOCALE).length + progressToNextTier(ev.ruleSet, e, TODAY, LOCALE).length;
    }
  }
  return performance.now() - t;
}

const compiled = compileRuleSets(sets, TODAY);
const explainers = compiled.sets.map((s) => compileExplainer(s, LOCALE));

// One MemberFacts reused for every member: nothing here keeps it.
const m = compiled.load({});

function tiersOnly(): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    compiled.loadInto(facts[i], m);
    for (const s of compiled.sets) sink += s.placingRule(m);
  }
  return performance.now() - t;
}

function withTexts(): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    compiled.loadInto(facts[i], m);
    for (let k = 0; k < compiled.sets.length; k++) {
      const rule = compiled.sets[k].placingRule(m);
      sink += explainers[k].explanation(rule, m).length + explainers[k].progress(rule, m, facts[i]).length;
    }
  }
  return performance.now() - t;
}

/** The median of several passes: one pass of the compiled rules is a few tens of milliseconds. */
function median(pass: () => number, passes = 9): number {
  pass(); // warm up
  const times = Array.from({ length: passes }, pass).sort((a, b) => a - b);
  return times[Math.floor(passes / 2)];
}

console.log(`评估基准 / evaluation benchmark — ${n.toLocaleString('en-US')} members, ${sets.map((s) => s.id).join(' + ')}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
const engineBare = rate(await engine(false));
const engineTexts = rate(await engine(true));
const fast = rate(median(tiersOnly));
const texts = rate(median(withTexts));
console.log(`  json-rules-engine, tiers only:                 ${fmt(engineBare)}`);
console.log(`  json-rules-engine + explain.ts (today's path): ${fmt(engineTexts)}`);
console.log(`  compiled, tiers only:                          ${fmt(fast)}   (${(fast / engineBare).toFixed(0)}× json-rules-engine)`);
console.log(`  compiled + explanations + progress:            ${fmt(texts)}   (${(texts / engineTexts).toFixed(0)}× today's path)`);
if (sink === 0.5) console.log(''); // keeps the work observable
