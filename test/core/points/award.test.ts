import { describe, expect, it } from 'vitest';
import { DEFAULT_POINTS_RULES } from '../../../src/app/default-operations.js';
import { computeAwards } from '../../../src/core/points/award.js';
import { validateRuleSet } from '../../../src/core/rules/validate.js';
import { TODAY } from '../plans/fixtures.js';

describe('points rules (collect)', () => {
  it('awards every matching rule, per unit, rounded down, capped per period', async () => {
    const awards = await computeAwards(
      DEFAULT_POINTS_RULES,
      [
        { memberId: 'u1', facts: { comments30d: 80, posts30d: 2, likesReceived30d: 1234, shares30d: 0, liveMinutes30d: 45, lastActiveAt: TODAY - 1 } },
        { memberId: 'u2', facts: { comments30d: null, lastActiveAt: TODAY - 40 } },
      ],
      TODAY,
      'zh',
    );
    expect(awards.get('u1')!.map((a) => [a.rule, a.points, a.category])).toEqual([
      ['发布作品', 40, 'content'],
      ['作品获赞', 12, 'content'],
      ['评论', 100, 'interaction'],
      ['直播观看', 4, 'interaction'],
      ['本周活跃', 10, 'other'],
    ]);
    expect(awards.get('u1')![2].reason).toBe('评论：近30天评论 80 × 2 = 160，本期上限 100');
    expect(awards.has('u2')).toBe(false);
  });

  it('the validator checks points and honor params of collect rule sets', () => {
    const bad = structuredClone(DEFAULT_POINTS_RULES);
    bad.rules[0].event.params = { points: -1, per: 'nickname', cap: 0, category: 'fun' };
    const problems = validateRuleSet(bad).map((p) => p.path);
    expect(problems).toEqual(['rules[0].event.params.points', 'rules[0].event.params.per', 'rules[0].event.params.cap', 'rules[0].event.params.category']);
    const honor = { ...structuredClone(DEFAULT_POINTS_RULES), id: 'honors', rules: [{ name: 'x', priority: 1, conditions: { all: [{ fact: 'posts30d', operator: 'greaterThan', value: 0 }] }, event: { type: 'honor', params: { metric: 'fame', winners: 0 } } }] };
    expect(validateRuleSet(honor).map((p) => p.path)).toEqual(['rules[0].event.params.metric', 'rules[0].event.params.winners']);
  });
});
