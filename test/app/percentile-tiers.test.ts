/**
 * Percentile tiers through whole runs, in both engines: core = the top 10%
 * of the community by interactions (the cut worked out again each run), with
 * a low-water mark of 90% of that cut. The compiled rules and
 * json-rules-engine (the run-time fact `percentile`) write the same sheet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { recompute } from '../../src/app/recompute.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { validateRuleSet } from '../../src/core/rules/validate.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';

const TZ = 'Asia/Shanghai';
const day = (k: number) => new Date(Date.UTC(2026, 10, 1 + k, 2)).toISOString().slice(0, 10);
const EXAMPLE = JSON.parse(readFileSync(new URL('../../examples/rules-top-percent/activity.json', import.meta.url), 'utf8')) as RuleSet;
const RULES: RuleSet[] = [{ ...EXAMPLE, demotionGraceDays: 0 }, DEFAULT_RULE_SETS[1]];
const OTHERS = Array.from({ length: 19 }, (_, i) => i + 2); // u2…u20 with 2…20 comments

async function runs(u1: number[], engine: 'compiled' | 'json-rules-engine'): Promise<{ sheets: unknown[][][]; tiers: string[]; why: string[] }> {
  const rows = (k: number, c: number) => [['成员ID', '昵称', '最近活跃', '近30天评论'], ['u1', '小明', day(k), c], ...OTHERS.map((n) => [`u${n}`, `m${n}`, day(k), n])];
  const wb = new MemoryWorkbook({ 成员: rows(0, 30) });
  await recompute(wb, { now: new Date(`${day(0)}T02:00:00Z`), timeZone: TZ, locale: 'zh', ruleSets: RULES, engine });
  const out = { sheets: [] as unknown[][][], tiers: [] as string[], why: [] as string[] };
  for (const [k, c] of u1.entries()) {
    const grid = wb.grid('成员')!;
    for (const [r, n] of [c, ...OTHERS].entries()) {
      grid[r + 1][2] = day(k + 1);
      grid[r + 1][3] = n;
    }
    await recompute(wb, { now: new Date(`${day(k + 1)}T02:00:00Z`), timeZone: TZ, locale: 'zh', ruleSets: RULES, engine });
    const g = wb.grid('成员')!;
    out.sheets.push(structuredClone(g));
    out.tiers.push(String(g[1][g[0].indexOf('活跃层级')]));
    out.why.push(String(g[1][g[0].indexOf('分层依据')]));
  }
  return out;
}

describe('percentile tiers over runs', () => {
  it('the example rule set is valid', () => {
    expect(validateRuleSet(EXAMPLE)).toEqual([]);
  });

  it('core is the top 10% (2 of 20), quoted with its cut; both engines write the same sheet', async () => {
    const compiled = await runs([25], 'compiled');
    const reference = await runs([25], 'json-rules-engine');
    expect(reference.sheets).toEqual(compiled.sheets);
    const g = compiled.sheets[0];
    const col = g[0].indexOf('活跃层级');
    expect(g.slice(1).filter((r) => r[col] === '核心成员').map((r) => r[0])).toEqual(['u1', 'u20']);
    // Interactions = comments here: the 2nd largest of 25, 20, 19, … is 20.
    expect(compiled.why[0]).toContain('近30天互动（评论+点赞+转发） 25 ≥ 20（前 10%）');
  }, 60_000);

  it('a core member whose interactions move within 90% of the cut never moves; below it they drop, and come back only at the full cut — in both engines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 30, max: 44 }).map((n) => n / 2), { minLength: 1, maxLength: 4 }), async (values) => {
        const compiled = await runs(values, 'compiled');
        const reference = await runs(values, 'json-rules-engine');
        expect(reference.sheets).toEqual(compiled.sheets);
        // The model, by brute force: the cut is the 2nd largest value of the run; core stays at ≥ 90% of it (2 decimals down).
        let core = true;
        const want = values.map((v) => {
          const cut = [v, ...OTHERS].sort((a, b) => b - a)[1];
          core = v >= (core ? Math.floor(cut * 0.9 * 100) / 100 : cut);
          return core ? '核心成员' : '潜力成员';
        });
        expect(compiled.tiers).toEqual(want);
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});
