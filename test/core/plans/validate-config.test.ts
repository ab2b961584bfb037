import { describe, expect, it } from 'vitest';
import { DEFAULT_HONORS_RULES, DEFAULT_OPS_CONFIG, DEFAULT_POINTS_RULES } from '../../../src/app/default-operations.js';
import { validateOpsConfig } from '../../../src/core/plans/validate-config.js';
import { validateRuleSets } from '../../../src/core/rules/load.js';
import { config } from './fixtures.js';

const TIERS = { activity: ['core', 'potential', 'silent'], contribution: ['creator', 'interactor', 'observer'] };

describe('plan and incentive data (rules/plans/)', () => {
  it('the shipped files are valid, as are the points and honors rule sets', () => {
    expect(validateOpsConfig(DEFAULT_OPS_CONFIG, TIERS)).toEqual([]);
    expect(validateRuleSets([DEFAULT_POINTS_RULES, DEFAULT_HONORS_RULES].map((s) => ({ source: s.id, json: s })))).toEqual([]);
  });

  it('ships the seed mapping and cadence', () => {
    const types = Object.fromEntries(DEFAULT_OPS_CONFIG.content.types.map((t) => [t.zh, t.tiers]));
    expect(types).toEqual({
      '深度/专业内容': ['core'],
      行业趋势: ['core'],
      独家福利: ['core'],
      产品试用: ['core'],
      短视频教程: ['potential'],
      活动预告: ['potential'],
      轻松趣味内容: ['silent'],
      互动活动: ['silent'],
    });
    expect(DEFAULT_OPS_CONFIG.content.perWeek).toEqual({ core: 5, potential: 3, silent: 1 });
    expect(DEFAULT_OPS_CONFIG.calendar.weeks).toBe(4);
  });

  it('names each problem by file and path, in both languages', () => {
    const bad = config();
    bad.content.perWeek = { core: 9, vip: 1 };
    bad.content.types[0].tiers = ['gold'];
    bad.interactions.conversion[0].everyWeeks = 0;
    bad.interactions.conversion[0].audience = { contribution: ['core'] };
    bad.festivals.festivals[0].dates.push('2026-02-30');
    bad.calendar = { weeks: 0 };
    bad.incentives.contributionWeights = { nickname: 1 };
    const problems = validateOpsConfig(bad, TIERS);
    const at = problems.map((p) => `${p.ruleSet} @ ${p.path}`);
    expect(at).toEqual([
      'plans/content.json @ types[0].tiers[0]',
      'plans/content.json @ perWeek.core',
      'plans/content.json @ perWeek.vip',
      'plans/interactions.json @ conversion[0].everyWeeks',
      'plans/interactions.json @ conversion[0].audience.contribution[0]',
      'plans/festivals.json @ festivals[0].dates[4]',
      'plans/calendar.json @ weeks',
      'plans/incentives.json @ contributionWeights.nickname',
    ]);
    expect(problems.every((p) => / \/ /.test(p.message))).toBe(true);
    expect(problems[1].message).toContain('0 到 7');
  });
});
