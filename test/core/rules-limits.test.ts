/**
 * Rule documents are bounded in core validation, so the CLI, the sidebar,
 * the preview server and Apps Script all refuse a runaway document, with a
 * message naming the rule set — and real documents (hundreds of rules) pass.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { validateDocument } from '../../src/core/rule-store/codec.js';
import { RULE_LIMITS } from '../../src/core/rules/limits.js';
import { loadRuleSet, validateRuleSets } from '../../src/core/rules/load.js';
import type { Condition, RuleSet } from '../../src/core/rules/types.js';
import { validateRuleSet } from '../../src/core/rules/validate.js';

const leaf = (j: number): Condition => ({ fact: 'comments30d', operator: 'greaterThan', value: j });

/** The default activity set plus `rules` generated rules of `leaves` conditions each. */
function activityWith(rules: number, leaves: number, conditions: (i: number) => Condition = (i) => ({ all: Array.from({ length: leaves }, (_, j) => leaf(i + j)) })): RuleSet {
  const set = structuredClone(DEFAULT_RULE_SETS[0]);
  for (let i = 0; i < rules; i++) {
    set.rules.push({ name: `extra${i}`, priority: 10_000 + i, conditions: conditions(i), event: { type: 'tier', params: { tier: set.tiers[0].id } } });
  }
  return set;
}

describe('rule document limits', () => {
  it('a real document with a few hundred rules passes', () => {
    const set = activityWith(300, 4);
    expect(validateRuleSet(set)).toEqual([]);
    expect(validateRuleSets([{ source: 'a', json: set }, { source: 'b', json: DEFAULT_RULE_SETS[1] }])).toEqual([]);
  });

  it('too many rules: one problem naming the rule set', () => {
    const problems = validateRuleSet(activityWith(RULE_LIMITS.rulesPerSet, 1));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleSet: 'activity', message: expect.stringMatching(/规则集「activity」有 \d+ 条规则，最多 500 条.*Rule set "activity" has \d+ rules, at most 500/s) });
  });

  it('the issue’s 60,000 conditions (3.7 MB) are refused by size, without reading them all', () => {
    const problems = validateRuleSet(activityWith(10, 6000));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/规则集「activity」过大.*Rule set "activity" is too large/s);
  });

  it('too many conditions in a rule set of modest size', () => {
    const problems = validateRuleSet(activityWith(250, 9));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/规则集「activity」有 \d+ 个条件，最多 2000 个.*Rule set "activity" has \d+ conditions, at most 2000/s);
  });

  it('too many conditions in all rule sets together', () => {
    const sets = [0, 1, 2].map((i) => ({ ...activityWith(100, 14), id: `a${i}` }));
    expect(sets.every((s) => validateRuleSet(s).length === 0)).toBe(true);
    const problems = validateRuleSets(sets.map((s) => ({ source: s.id, json: s })));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/所有规则集共有 \d+ 个条件，最多 4000.*at most 4000/s);
  });

  it('conditions nested too deep, even far deeper than the stack', () => {
    let deep: Condition = leaf(1);
    for (let i = 0; i < 200_000; i++) deep = { not: deep };
    const problems = validateRuleSet(activityWith(1, 0, () => ({ all: [deep] })));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/规则集「activity」嵌套超过 64 层.*nested more than 64 levels/s);
    let groups: Condition = leaf(1);
    for (let i = 0; i < RULE_LIMITS.conditionDepth; i++) groups = { any: [groups] };
    expect(validateRuleSet(activityWith(1, 0, () => groups))).toEqual([]);
    expect(validateRuleSet(activityWith(1, 0, () => ({ all: [groups] })))[0].message).toMatch(/条件嵌套 21 层，最多 20 层.*nests conditions 21 levels deep, at most 20/s);
  });

  it('too large in characters: one huge description is enough', () => {
    const set = { ...activityWith(0, 0), description: 'x'.repeat(RULE_LIMITS.setChars) };
    expect(validateRuleSet(set)[0].message).toMatch(/过大.*too large: more than 1000000 characters/s);
  });

  it('too many rule sets', () => {
    const sets = Array.from({ length: RULE_LIMITS.ruleSets + 1 }, (_, i) => ({ source: `s${i}`, json: { ...DEFAULT_RULE_SETS[1], id: `s${i}` } }));
    expect(validateRuleSets(sets)[0].message).toMatch(/规则集太多：51 个，最多 50.*Too many rule sets: 51/s);
  });

  it('a rules file that is too large is refused before it is parsed', () => {
    const text = JSON.stringify(activityWith(10, 6000));
    expect(text.length).toBeGreaterThan(RULE_LIMITS.setChars);
    const loaded = loadRuleSet(`${text.slice(0, -1)}`, 'activity.json'); // not even valid JSON: the size is what is reported
    expect(loaded.ruleSet).toBeUndefined();
    expect(loaded.problems).toEqual([{ ruleSet: 'activity.json', rule: '', path: '', message: expect.stringMatching(/规则集文件过大.*Rule set file too large/s) }]);
  });

  it('the rules document of the sidebar and Apps Script gets the same bound', () => {
    const errors = validateDocument({ ruleSets: [activityWith(250, 9), DEFAULT_RULE_SETS[1]], settings: {} });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[activity\] 规则集「activity」有 \d+ 个条件/);
  });
});
