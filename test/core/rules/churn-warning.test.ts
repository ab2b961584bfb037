import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { CHURN_DEFAULTS, churnWarningOf } from '../../../src/core/rules/churn-warning.js';
import { validateRuleSet } from '../../../src/core/rules/validate.js';
import type { RuleSet } from '../../../src/core/rules/types.js';

const activity = () => structuredClone(DEFAULT_RULE_SETS.find((s) => s.id === 'activity')!) as RuleSet;
const withWarning = (w: unknown) => ({ ...activity(), churnWarning: w }) as RuleSet;

describe('churnWarning (rule-set field)', () => {
  it('the bundled activity rules ask for interactions down 50% against the last 3 runs, from an average of 10', () => {
    expect(validateRuleSet(activity())).toEqual([]);
    expect(churnWarningOf(activity())).toEqual({ ...CHURN_DEFAULTS, tiers: ['core', 'potential'] });
  });

  it('absent: no fall is watched; every field defaults on its own', () => {
    const { churnWarning: _, ...bare } = activity();
    expect(churnWarningOf(bare as RuleSet)).toBeUndefined();
    expect(churnWarningOf(withWarning({ dropShare: 0.3, tiers: ['core'] }))).toEqual({ fact: 'interactions30d', dropShare: 0.3, baselineRuns: 3, minBaseline: 10, tiers: ['core'] });
  });

  it('each bad value is named by its field, in Chinese then English', () => {
    const cases: Array<[unknown, string]> = [
      [[1], 'churnWarning'],
      [{ fact: 'nickname' }, 'churnWarning.fact'],
      [{ fact: 'nope' }, 'churnWarning.fact'],
      [{ dropShare: 0 }, 'churnWarning.dropShare'],
      [{ dropShare: 1.5 }, 'churnWarning.dropShare'],
      [{ baselineRuns: 0 }, 'churnWarning.baselineRuns'],
      [{ baselineRuns: 2.5 }, 'churnWarning.baselineRuns'],
      [{ baselineRuns: 9 }, 'churnWarning.baselineRuns'],
      [{ minBaseline: -1 }, 'churnWarning.minBaseline'],
      [{ tiers: [] }, 'churnWarning.tiers'],
      [{ tiers: ['core', 'gold'] }, 'churnWarning.tiers[1]'],
      [{ dropshare: 0.5 }, 'churnWarning.dropshare'],
    ];
    for (const [w, path] of cases) {
      const problems = validateRuleSet(withWarning(w));
      expect(problems.map((p) => p.path), JSON.stringify(w)).toEqual([path]);
      expect(problems[0].message).toMatch(/^流失预警 churnWarning.*：.* \/ churnWarning.*: /);
    }
  });

  it('only on tier ("first") rule sets', () => {
    const points = { id: 'points', label: { zh: '积分', en: 'Points' }, hitPolicy: 'collect', tiers: [], rules: [], churnWarning: {} };
    expect(validateRuleSet(points).map((p) => p.path)).toContain('churnWarning');
  });
});
