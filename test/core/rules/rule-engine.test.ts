import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import type { FactValues } from '../../../src/core/facts/facts.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import { COMPILED_ENGINE, runWithReferenceEngine } from '../../../src/core/rules/rule-engine.js';
import { civilDay } from '../../../src/core/base/time.js';

const TODAY = civilDay(2026, 11, 26)!;
const [ACTIVITY] = DEFAULT_RULE_SETS;
const members: FactValues[] = [
  { comments30d: 25, lastActiveAt: TODAY - 2 },
  { comments30d: 4, lastActiveAt: TODAY - 20 },
  { comments30d: null, lastActiveAt: null },
];

describe('rule engines', () => {
  it('the compiled engine answers synchronously what json-rules-engine answers', async () => {
    const compiled = COMPILED_ENGINE.evaluator(ACTIVITY, TODAY);
    const reference = createEvaluator(ACTIVITY, TODAY);
    for (const facts of members) expect(compiled.evaluate(facts)).toEqual(await reference.evaluate(facts));
  });

  it('runWithReferenceEngine repeats a pure run until every answer is json-rules-engine’s', async () => {
    const runs: string[] = [];
    const tiers = await runWithReferenceEngine((engine) => {
      runs.push(engine.name);
      const ev = engine.evaluator(ACTIVITY, TODAY);
      // The second member is only asked about when the first is core: the run's path depends on answers.
      const first = ev.evaluate(members[0]);
      return first.tier === 'core' ? [first.tier, ev.evaluate(members[1]).tier, ev.evaluate(members[2]).tier] : [first.tier];
    });
    expect(tiers).toEqual(['core', 'potential', 'silent']);
    expect(runs).toEqual(['json-rules-engine', 'json-rules-engine']);
  });

  it('a run that asks nothing runs once', async () => {
    let runs = 0;
    expect(await runWithReferenceEngine(() => ++runs)).toBe(1);
    expect(runs).toBe(1);
  });
});
