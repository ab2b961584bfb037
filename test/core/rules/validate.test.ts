import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS, DEFAULT_RULE_SOURCES } from '../../../src/app/default-rules.js';
import { loadRuleSet, rulesVersion, validateRuleSets } from '../../../src/core/rules/load.js';
import type { RuleProblem, RuleSet } from '../../../src/core/rules/types.js';
import { validateRuleSet } from '../../../src/core/rules/validate.js';

/** A small valid `first` rule set; tests break one thing at a time. */
function base(): RuleSet {
  return {
    id: 'activity',
    label: { zh: '活跃层级', en: 'Activity tier' },
    hitPolicy: 'first',
    tiers: [
      { id: 'core', zh: '核心成员', en: 'Core member' },
      { id: 'silent', zh: '沉默成员', en: 'Silent member' },
    ],
    default: { tier: 'silent' },
    rules: [
      {
        name: '核心',
        priority: 30,
        conditions: {
          all: [
            { fact: 'comments30d', operator: 'greaterThanInclusive', value: 20 },
            { fact: 'daysSinceActive', operator: 'lessThanInclusive', value: 7 },
          ],
        },
        event: { type: 'tier', params: { tier: 'core' } },
      },
    ],
  };
}

const only = (problems: RuleProblem[]) => {
  expect(problems).toHaveLength(1);
  return problems[0];
};

describe('validateRuleSet', () => {
  it('accepts a valid rule set', () => {
    expect(validateRuleSet(base())).toEqual([]);
  });

  it('the bundled default rule sets validate clean, alone and together', () => {
    for (const s of DEFAULT_RULE_SOURCES) expect(validateRuleSet(s.json, s.source)).toEqual([]);
    expect(validateRuleSets(DEFAULT_RULE_SOURCES)).toEqual([]);
    expect(DEFAULT_RULE_SETS.map((s) => s.id)).toEqual(['activity', 'contribution']);
  });

  it('a node that is two of all/any/not at once is rejected: json-rules-engine would read it as the other', () => {
    const s = base();
    const all = (s.rules[0].conditions as { all: unknown[] }).all;
    (s.rules[0].conditions as Record<string, unknown>).any = [{ fact: 'nope', operator: 'equal', value: 1 }];
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ rule: '核心', path: 'rules[0].conditions' });
    expect(p.message).toContain('all, any');
    expect(all).toHaveLength(2);
  });

  it('a reference to a named condition and a condition priority that is not a positive integer are rejected', () => {
    const s = base();
    const [first, second] = (s.rules[0].conditions as { all: Array<Record<string, unknown>> }).all;
    first.condition = 'somewhere';
    second.priority = 0;
    const problems = validateRuleSet(s);
    expect(problems.map((p) => p.path)).toEqual(['rules[0].conditions.all[0].condition', 'rules[0].conditions.all[1].priority']);
    second.priority = 2;
    delete first.condition;
    expect(validateRuleSet(s)).toEqual([]);
  });

  it('unknown fact: names rule set, rule and path', () => {
    const s = base();
    (s.rules[0].conditions as { all: Array<{ fact: string }> }).all[1].fact = 'daysSinceActiv';
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', rule: '核心', path: 'rules[0].conditions.all[1].fact' });
    expect(p.message).toContain('daysSinceActiv');
  });

  it('unknown operator', () => {
    const s = base();
    (s.rules[0].conditions as { all: Array<{ operator: string }> }).all[0].operator = 'atLeast';
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', rule: '核心', path: 'rules[0].conditions.all[0].operator' });
    expect(p.message).toContain('atLeast');
  });

  it('a number fact compared with a string', () => {
    const s = base();
    (s.rules[0].conditions as { all: Array<{ value: unknown }> }).all[1].value = '7';
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', rule: '核心', path: 'rules[0].conditions.all[1].value' });
    expect(p.message).toContain('"7"');
  });

  it('a text fact compared with a number', () => {
    const s = base();
    s.rules[0].conditions = { any: [{ fact: 'comments30d', operator: 'greaterThan', value: 1 }, { fact: 'memberId', operator: 'equal', value: 123 }] };
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ rule: '核心', path: 'rules[0].conditions.any[1].value' });
  });

  it('in/notIn need a non-empty array of the right type', () => {
    const s = base();
    s.rules[0].conditions = { all: [{ fact: 'nickname', operator: 'in', value: 'abc' }] };
    expect(only(validateRuleSet(s)).path).toBe('rules[0].conditions.all[0].value');
    s.rules[0].conditions = { all: [{ fact: 'nickname', operator: 'in', value: ['a', 2] }] };
    expect(only(validateRuleSet(s)).path).toBe('rules[0].conditions.all[0].value');
    s.rules[0].conditions = { all: [{ fact: 'nickname', operator: 'notIn', value: ['a', 'b'] }] };
    expect(validateRuleSet(s)).toEqual([]);
  });

  it('an operator that does not fit the fact type (date fact with greaterThan)', () => {
    const s = base();
    s.rules[0].conditions = { all: [{ fact: 'lastActiveAt', operator: 'greaterThan', value: 3 }] };
    expect(only(validateRuleSet(s)).path).toBe('rules[0].conditions.all[0].operator');
    s.rules[0].conditions = { all: [{ fact: 'lastActiveAt', operator: 'withinDays', value: 3 }] };
    expect(validateRuleSet(s)).toEqual([]);
  });

  it('problems nested in not/any groups carry the full path', () => {
    const s = base();
    s.rules[0].conditions = { all: [{ not: { any: [{ fact: 'posts30d', operator: 'equal', value: 0 }, { fact: 'nope', operator: 'equal', value: 0 }] } }] };
    expect(only(validateRuleSet(s)).path).toBe('rules[0].conditions.all[0].not.any[1].fact');
  });

  it('empty groups and non-group top-level conditions are rejected', () => {
    const s = base();
    s.rules[0].conditions = { all: [] };
    expect(only(validateRuleSet(s)).path).toBe('rules[0].conditions.all');
    s.rules[0].conditions = { fact: 'comments30d', operator: 'greaterThan', value: 1 };
    expect(only(validateRuleSet(s)).path).toBe('rules[0].conditions');
  });

  it('missing default', () => {
    const s = base();
    delete s.default;
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', rule: '', path: 'default' });
  });

  it('default not among tiers', () => {
    const s = base();
    s.default = { tier: 'lurker' };
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', path: 'default.tier' });
    expect(p.message).toContain('lurker');
  });

  it('duplicate priorities in a first set name both rules', () => {
    const s = base();
    s.rules.push({ ...structuredClone(s.rules[0]), name: '核心2' });
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', rule: '核心2', path: 'rules[1].priority' });
    expect(p.message).toContain('核心');
    expect(p.message).toContain('30');
  });

  it('duplicate priorities are fine in a collect set', () => {
    const s = base();
    s.hitPolicy = 'collect';
    s.rules.push({ ...structuredClone(s.rules[0]), name: '核心2' });
    expect(validateRuleSet(s)).toEqual([]);
  });

  it('an event tier not among the tiers', () => {
    const s = base();
    s.rules[0].event = { type: 'tier', params: { tier: 'vip' } };
    const p = only(validateRuleSet(s));
    expect(p).toMatchObject({ ruleSet: 'activity', rule: '核心', path: 'rules[0].event.params.tier' });
    expect(p.message).toContain('vip');
  });

  it('bad priorities, names, hit policy, id and missingAsZero are reported', () => {
    const s = base() as unknown as Record<string, unknown>;
    s.hitPolicy = 'best';
    expect(validateRuleSet(s).some((p) => p.path === 'hitPolicy')).toBe(true);
    const t = base();
    t.rules[0].priority = 0;
    expect(only(validateRuleSet(t)).path).toBe('rules[0].priority');
    const u = base();
    u.rules.push({ ...structuredClone(u.rules[0]), priority: 10 });
    expect(only(validateRuleSet(u))).toMatchObject({ path: 'rules[1].name' });
    const v = base();
    v.id = '1st';
    expect(only(validateRuleSet(v)).path).toBe('id');
    const w = base();
    w.missingAsZero = ['comments30d', 'lastActiveAt'];
    expect(only(validateRuleSet(w)).path).toBe('missingAsZero[1]');
  });

  // Regression: found by these tests and fixed.
  it('a rule set without a label { zh, en } is reported', () => {
    const s = base() as Partial<RuleSet>;
    delete s.label;
    const problems = validateRuleSet(s, 'activity.json');
    expect(problems.some((p) => p.ruleSet === 'activity' && p.path.startsWith('label'))).toBe(true);
  });

  it('a rule set that is not an object is one problem, named by its source', () => {
    expect(validateRuleSet([], 'x.json')).toEqual([expect.objectContaining({ ruleSet: 'x.json', path: '' })]);
    expect(validateRuleSet(null, 'x.json')).toHaveLength(1);
  });

  it('every problem names the rule set even when the id is missing (falls back to the source)', () => {
    const s = base() as Partial<RuleSet>;
    delete s.id;
    expect(validateRuleSet(s, 'mine.json').every((p) => p.ruleSet === 'mine.json')).toBe(true);
  });
});

describe('loadRuleSet', () => {
  it('malformed JSON is a problem naming the source, not an exception', () => {
    const { ruleSet, problems } = loadRuleSet('{ "id": "activity", ', 'activity.json');
    expect(ruleSet).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0].ruleSet).toBe('activity.json');
    expect(problems[0].message).toMatch(/JSON/);
  });

  it('valid JSON with problems returns the problems and no rule set', () => {
    const s = base();
    s.default = { tier: 'nobody' };
    const { ruleSet, problems } = loadRuleSet(JSON.stringify(s), 'activity.json');
    expect(ruleSet).toBeUndefined();
    expect(problems[0]).toMatchObject({ ruleSet: 'activity', path: 'default.tier' });
  });

  it('a valid rule set loads', () => {
    const { ruleSet, problems } = loadRuleSet(JSON.stringify(base()), 'activity.json');
    expect(problems).toEqual([]);
    expect(ruleSet).toEqual(base());
  });
});

describe('validateRuleSets', () => {
  it('collects problems from every set, each named by its set', () => {
    const a = base();
    a.default = { tier: 'x' };
    const b = { ...base(), id: 'contribution' };
    (b.rules[0].conditions as { all: Array<{ value: unknown }> }).all[0].value = 'twenty';
    const problems = validateRuleSets([
      { source: 'a.json', json: a },
      { source: 'b.json', json: b },
    ]);
    expect(problems.map((p) => `${p.ruleSet}:${p.path}`)).toEqual(['activity:default.tier', 'contribution:rules[0].conditions.all[0].value']);
  });

  it('two sets with the same id are reported', () => {
    const problems = validateRuleSets([
      { source: 'a.json', json: base() },
      { source: 'b.json', json: base() },
    ]);
    expect(problems).toEqual([expect.objectContaining({ ruleSet: 'activity', path: 'id' })]);
  });
});

describe('rulesVersion', () => {
  it('is a stable 8-hex fingerprint that changes with the rules', () => {
    const v = rulesVersion(DEFAULT_RULE_SETS);
    expect(v).toMatch(/^[0-9a-f]{8}$/);
    expect(rulesVersion(structuredClone(DEFAULT_RULE_SETS))).toBe(v);
    const changed = structuredClone(DEFAULT_RULE_SETS);
    changed[0].rules[0].priority = 31;
    expect(rulesVersion(changed)).not.toBe(v);
  });
});
