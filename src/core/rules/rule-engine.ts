import type { FactValues } from '../facts/facts.js';
import { createCompiledEvaluator } from './compile.js';
import { createEvaluator, type Evaluation } from './evaluate.js';
import type { RuleSet } from './types.js';
import type { PercentileCuts } from './percentile.js';

/**
 * Which engine evaluates the rules of a run. Evaluation is synchronous for
 * every caller: the compiled rules are (compile.ts); json-rules-engine, the
 * reference, is asynchronous, so `runWithReferenceEngine` answers from
 * results it has worked out ahead, repeating the (pure) run until every
 * evaluation the run asked for was json-rules-engine's own.
 */
export type EngineName = 'compiled' | 'json-rules-engine';

export interface SyncEvaluator {
  ruleSet: RuleSet;
  evaluate(sheetFacts: FactValues): Evaluation;
}

export interface RuleEngine {
  readonly name: EngineName;
  /** `cuts`: the run's percentile cuts (compile.ts percentileCuts), for a rule set with "top N%" conditions. */
  evaluator(ruleSet: RuleSet, today: number, cuts?: PercentileCuts): SyncEvaluator;
}

export const COMPILED_ENGINE: RuleEngine = { name: 'compiled', evaluator: createCompiledEvaluator };

/** A key for a member's facts that tells NaN, null and missing apart. */
function factsKey(facts: FactValues): string {
  let key = '';
  for (const id of Object.keys(facts).sort()) {
    const v = facts[id as keyof FactValues];
    if (v !== undefined) key += `${id}\u0001${typeof v}\u0001${String(v)}\u0002`;
  }
  return key;
}

class ReferenceEngine implements RuleEngine {
  readonly name = 'json-rules-engine' as const;
  private readonly answers = new Map<string, Map<string, Evaluation>>();
  private readonly pending: Array<{ ruleSet: RuleSet; today: number; cuts?: PercentileCuts; facts: FactValues; key: string }> = [];

  evaluator(ruleSet: RuleSet, today: number, cuts?: PercentileCuts): SyncEvaluator {
    const id = `${today}\u0000${JSON.stringify(ruleSet)}\u0000${cuts ? JSON.stringify([...cuts]) : ''}`;
    const known = this.answers.get(id) ?? new Map<string, Evaluation>();
    this.answers.set(id, known);
    // Until json-rules-engine has answered, the run goes on with the compiled answer; that run's result is thrown away.
    const stand = createCompiledEvaluator(ruleSet, today, cuts);
    return {
      ruleSet,
      evaluate: (facts) => {
        const key = factsKey(facts);
        const hit = known.get(key);
        if (hit) return hit;
        this.pending.push({ ruleSet, today, cuts, facts, key: `${id}\u0003${key}` });
        return stand.evaluate(facts);
      },
    };
  }

  /** Asks json-rules-engine for everything the last run needed; false when nothing was missing. */
  async settle(): Promise<boolean> {
    if (this.pending.length === 0) return false;
    const work = this.pending.splice(0);
    const engines = new Map<string, ReturnType<typeof createEvaluator>>();
    const one = async (w: (typeof work)[number]) => {
      const [id, key] = w.key.split('\u0003');
      let engine = engines.get(id);
      if (!engine) engines.set(id, (engine = createEvaluator(w.ruleSet, w.today, w.cuts)));
      this.answers.get(id)!.set(key, await engine.evaluate(w.facts));
    };
    // In small batches: json-rules-engine's promise chains interleave, a quarter faster than one at a time.
    for (let start = 0; start < work.length; start += 50) await Promise.all(work.slice(start, start + 50).map(one));
    return true;
  }
}

/**
 * Runs `run` with json-rules-engine as the engine. `run` must be pure (plan,
 * not apply): it may run more than once, and only the last run, in which
 * every evaluation came from json-rules-engine, is returned.
 */
export async function runWithReferenceEngine<T>(run: (engine: RuleEngine) => T): Promise<T> {
  const engine = new ReferenceEngine();
  for (;;) {
    const result = run(engine);
    if (!(await engine.settle())) return result;
  }
}
