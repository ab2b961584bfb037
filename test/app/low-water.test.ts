/**
 * The low-water mark over a sequence of runs: promoted at 20 comments, kept
 * in core down to 90% of it (18), demoted below; json-rules-engine decides
 * both the rules' tier and the relaxed one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { recompute } from '../../src/app/recompute.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { validateRuleSet } from '../../src/core/rules/validate.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';

const TZ = 'Asia/Shanghai';
const day = (k: number) => new Date(Date.UTC(2026, 10, 1 + k, 2)).toISOString().slice(0, 10);
const RULES: RuleSet[] = [{ ...structuredClone(DEFAULT_RULE_SETS[0]), lowWaterMark: 0.9, demotionGraceDays: 0 }, DEFAULT_RULE_SETS[1]];

async function runs(comments: number[]): Promise<Array<{ tier: string; why: string }>> {
  const wb = new MemoryWorkbook({ 成员: [['成员ID', '昵称', '最近活跃', '近30天评论'], ['u1', '小明', day(0), 25]] });
  await recompute(wb, { now: new Date(`${day(0)}T02:00:00Z`), timeZone: TZ, locale: 'zh', ruleSets: RULES });
  const out: Array<{ tier: string; why: string }> = [];
  for (const [k, c] of comments.entries()) {
    const grid = wb.grid('成员')!;
    grid[1][2] = day(k + 1);
    grid[1][3] = c;
    await recompute(wb, { now: new Date(`${day(k + 1)}T02:00:00Z`), timeZone: TZ, locale: 'zh', ruleSets: RULES });
    const g = wb.grid('成员')!;
    out.push({ tier: String(g[1][g[0].indexOf('活跃层级')]), why: String(g[1][g[0].indexOf('分层依据')]) });
  }
  return out;
}

describe('low-water mark', () => {
  it('is validated: a share between 0 and 1, first rule sets only', () => {
    expect(validateRuleSet(RULES[0])).toEqual([]);
    expect(validateRuleSet({ ...RULES[0], lowWaterMark: 90 }).map((p) => p.path)).toEqual(['lowWaterMark']);
  });

  it('keeps core at 19 comments, says so, and demotes at 17', async () => {
    const [kept, dropped] = await runs([19, 17]);
    expect(kept.tier).toBe('核心成员');
    expect(kept.why).toMatch(/^核心成员（低水位：仍达到门槛的 90%：近30天评论 19 ≥ 18/);
    expect(kept.why).toContain('规则结果 潜力成员');
    expect(dropped.tier).toBe('潜力成员');
  }, 30_000);

  it('a member whose comments move within the band never moves; outside it, promotion needs the full threshold', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 30, max: 44 }).map((n) => n / 2), { minLength: 1, maxLength: 5 }), async (values) => {
        const got = await runs(values);
        // The model: core stays core at ≥ 18; potential goes up only at ≥ 20.
        let tier = 'core';
        const want = values.map((v) => (tier = tier === 'core' ? (v >= 18 ? 'core' : 'potential') : v >= 20 ? 'core' : 'potential'));
        expect(got.map((g) => g.tier)).toEqual(want.map((t) => (t === 'core' ? '核心成员' : '潜力成员')));
        if (values.every((v) => v >= 18)) expect(new Set(got.map((g) => g.tier))).toEqual(new Set(['核心成员']));
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
