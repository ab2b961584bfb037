import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../../src/app/default-rules.js';
import { analyzeRuleSet, exampleFacts } from '../../../../src/core/rules/analyze/analyze.js';
import { createEvaluator } from '../../../../src/core/rules/evaluate.js';
import type { RuleSet } from '../../../../src/core/rules/types.js';
import { validateRuleSet } from '../../../../src/core/rules/validate.js';

const DIR = 'test/fixtures/rule-analysis';
const fixture = (name: string) => JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as RuleSet;
const kinds = (set: RuleSet) => analyzeRuleSet(set).findings.map((f) => `${f.severity}:${f.kind}:${f.path}`);
const TODAY = 20_400;

describe('rule analysis on rule sets built to contain each finding', () => {
  it('every fixture is a valid rule set', () => {
    for (const f of readdirSync(DIR)) expect(validateRuleSet(JSON.parse(readFileSync(join(DIR, f), 'utf8')), f)).toEqual([]);
  });

  it('unsatisfiable: names the clashing conditions, including the sum behind interactions', () => {
    const a = analyzeRuleSet(fixture('unsatisfiable'));
    const [r0, r1] = a.findings.filter((f) => f.kind === 'unsatisfiable');
    expect(r0.conditions).toEqual(['rules[0].conditions.all[0]', 'rules[0].conditions.all[2]']);
    expect(r0.message).toBe('规则「核心：评论多又少」永远不会命中：近30天评论 ≥ 20 与 近30天评论 < 10 不能同时成立 / Rule "核心：评论多又少" can never match: Comments (30d) ≥ 20 and Comments (30d) < 10 cannot both hold');
    expect(r1.conditions).toEqual(['rules[1].conditions.all[0]', 'rules[1].conditions.all[1]']);
    expect(r1.message).toContain('近30天互动 = 评论 + 点赞 + 转发');
    expect(kinds(fixture('unsatisfiable'))).toContain('warning:unreachable-tier:tiers[0]');
  });

  it('shadowed: the rule, the higher rule that takes its members, and an example that lands there', async () => {
    const set = fixture('shadowed');
    const f = analyzeRuleSet(set).findings.find((x) => x.kind === 'shadowed')!;
    expect(f).toMatchObject({ severity: 'error', path: 'rules[1]', rules: ['潜力：近3天活跃且评论≥10', '核心：近7天活跃且评论≥5'], placedBy: '核心：近7天活跃且评论≥5' });
    expect(f.message).toContain('例：最近活跃 0 天前、近30天评论 10 → 「核心：近7天活跃且评论≥5」先命中');
    expect(f.message).toContain('E.g. Last active 0 days ago, Comments (30d) 10 → "核心：近7天活跃且评论≥5" matches first');
    const ev = await createEvaluator(set, TODAY).evaluate(exampleFacts(f.example!, TODAY));
    expect(ev.placedBy?.rule.name).toBe('核心：近7天活跃且评论≥5');
  });

  it('duplicate: the same conditions written another way (not x < 20 is x ≥ 20)', () => {
    expect(kinds(fixture('duplicate'))).toEqual(['error:duplicate:rules[1]', 'info:overlap:rules[2]']);
  });

  it('overlap: shown as information, with a member who meets both', () => {
    const f = analyzeRuleSet(fixture('overlap')).findings;
    expect(f.map((x) => x.severity)).toEqual(['info']);
    expect(f[0].message).toContain('两者都满足的成员按先后进入「核心成员」，而不是「潜力成员」');
    expect(f[0].example).toEqual({ daysSinceActive: 0, comments30d: 20 });
  });

  it('unreachable tiers: one only a shadowed rule leads to, one nothing leads to', () => {
    expect(kinds(fixture('unreachable'))).toEqual(['error:shadowed:rules[1]', 'warning:unreachable-tier:tiers[1]', 'warning:unreachable-tier:tiers[3]']);
  });

  it('default never used when the rules cover everyone', () => {
    expect(kinds(fixture('default-unused'))).toEqual(['warning:unreachable-tier:tiers[2]', 'info:default-unused:default']);
  });

  it('collect: never fires, always fires, counted twice', () => {
    expect(kinds(fixture('points-always-never'))).toEqual(['error:unsatisfiable:rules[1]', 'warning:always-fires:rules[0]', 'warning:duplicate:rules[3]']);
  });

  it('the bundled rules have nothing worse than notes', () => {
    for (const set of DEFAULT_RULE_SETS) {
      expect(analyzeRuleSet(set).findings.filter((f) => f.severity !== 'info'), set.id).toEqual([]);
    }
    // Core inside potential is a ladder, not news; creators who also interact are.
    expect(analyzeRuleSet(DEFAULT_RULE_SETS.find((s) => s.id === 'activity')!).findings).toEqual([]);
    expect(analyzeRuleSet(DEFAULT_RULE_SETS.find((s) => s.id === 'contribution')!).findings.map((f) => `${f.kind}:${f.path}`)).toEqual(['overlap:rules[2]']);
  });

  it('missing values: without missingAsZero an empty count fails ≥ but passes notEqual', () => {
    const set: RuleSet = {
      ...fixture('overlap'),
      missingAsZero: [],
      rules: [
        { name: 'A', priority: 20, conditions: { all: [{ fact: 'comments30d', operator: 'notEqual', value: 3 }] }, event: { type: 'tier', params: { tier: 'core' } } },
        { name: 'B', priority: 10, conditions: { all: [{ fact: 'comments30d', operator: 'lessThan', value: 1 }] }, event: { type: 'tier', params: { tier: 'potential' } } },
      ],
    };
    // B (0 ≤ x < 1) is inside A (anything but 3, blank included): shadowed; the default needs comments = 3.
    const a = analyzeRuleSet(set);
    expect(a.findings.map((f) => f.kind)).toEqual(['shadowed', 'unreachable-tier']);
    expect(a.defaultExample).toEqual({ comments30d: 3 });
  });

  it('text facts: in / notIn over names, blank names included', () => {
    const set: RuleSet = {
      ...fixture('overlap'),
      rules: [
        { name: 'A', priority: 20, conditions: { all: [{ fact: 'nickname', operator: 'notIn', value: ['甲', '乙'] }] }, event: { type: 'tier', params: { tier: 'core' } } },
        { name: 'B', priority: 10, conditions: { all: [{ fact: 'nickname', operator: 'equal', value: '丙' }] }, event: { type: 'tier', params: { tier: 'potential' } } },
      ],
    };
    expect(analyzeRuleSet(set).findings.map((f) => f.kind)).toEqual(['shadowed', 'unreachable-tier']);
    expect(['甲', '乙']).toContain(analyzeRuleSet(set).defaultExample?.nickname);
  });

  it('conditions it cannot reason about are said so, not guessed', () => {
    const set: RuleSet = { ...fixture('overlap'), rules: [{ name: 'A', priority: 20, conditions: { all: [{ fact: 'comments30d', operator: 'greaterThan', value: 1, path: '$.x' }] }, event: { type: 'tier', params: { tier: 'core' } } }] };
    const a = analyzeRuleSet(set);
    expect(a.analyzed).toBe(false);
    expect(a.findings.map((f) => `${f.severity}:${f.kind}`)).toEqual(['info:not-analyzed']);
  });

  it('a rule set with too many combinations is reported as not analyzed instead of taking minutes', () => {
    const facts = ['comments30d', 'likes30d', 'shares30d', 'posts30d', 'liveMinutes30d', 'likesReceived30d'];
    const set = structuredClone(DEFAULT_RULE_SETS[0]);
    for (let i = 0; i < 60; i++) {
      set.rules.push({
        name: `x${i}`,
        priority: 10_000 + i,
        conditions: { any: [{ fact: facts[i % 6], operator: 'greaterThan', value: i }, { all: [{ fact: facts[(i + 1) % 6], operator: 'lessThan', value: 50 - i }, { fact: 'daysSinceActive', operator: 'lessThanInclusive', value: i % 9 }] }] },
        event: { type: 'tier', params: { tier: set.tiers[i % 3].id } },
      });
    }
    const a = analyzeRuleSet(set);
    expect(a.analyzed).toBe(false);
    expect(a.findings.map((f) => `${f.severity}:${f.kind}`)).toEqual(['info:not-analyzed']);
    expect(a.findings[0].message).toContain('条件组合过多，未做完整分析');
  });
});

describe('rule analysis with "top N%" conditions (the cut unknown until the run)', () => {
  const top = (fact: string, n: number, operator = 'greaterThanInclusive') => ({ fact, operator, value: { fact: 'percentile', params: { fact, top: n } } });
  const set = (rules: Array<{ conditions: unknown; tier: string }>): RuleSet =>
    ({
      id: 'pct',
      label: { zh: '百分位', en: 'Percentile' },
      hitPolicy: 'first',
      missingAsZero: ['comments30d'],
      tiers: [
        { id: 'core', zh: '核心', en: 'Core' },
        { id: 'rest', zh: '其他', en: 'Rest' },
      ],
      default: { tier: 'rest' },
      rules: rules.map((r, i) => ({ name: `R${i + 1}`, priority: 10 - i, conditions: r.conditions, event: { type: 'tier', params: { tier: r.tier } } })),
    }) as RuleSet;

  it('claims what holds whatever the cut: a top-10% rule under a rule that takes everyone is shadowed', () => {
    const a = analyzeRuleSet(set([{ conditions: { all: [{ fact: 'comments30d', operator: 'greaterThanInclusive', value: 0 }] }, tier: 'rest' }, { conditions: { all: [top('comments30d', 10)] }, tier: 'core' }]));
    expect(a.analyzed).toBe(true);
    expect(a.findings.map((f) => `${f.kind}:${f.path}`)).toContain('shadowed:rules[1]');
    expect(a.findings.find((f) => f.kind === 'shadowed')!.message).toMatch(/举例时前 N% 门槛取 .* \/ example taking the top-N% cut as /);
  });

  it('claims nothing that depends on the cut: ≥ cut and < 5 can both hold (a cut below 5)', () => {
    const a = analyzeRuleSet(set([{ conditions: { all: [top('comments30d', 10), { fact: 'comments30d', operator: 'lessThan', value: 5 }] }, tier: 'core' }]));
    expect(a.analyzed).toBe(true);
    expect(a.findings.map((f) => f.kind)).not.toContain('unsatisfiable');
    expect(a.rules[0].status).toBe('unknown');
    const never = analyzeRuleSet(set([{ conditions: { all: [top('comments30d', 10), { not: top('comments30d', 10) }] }, tier: 'core' }]));
    expect(never.findings.map((f) => f.kind)).toContain('unsatisfiable');
    // Conditions are quoted as written, not at a scenario's cut.
    expect(never.findings.find((f) => f.kind === 'unsatisfiable')!.message).toContain('近30天评论 ≥ 前 10%');
  });

  it('two cuts on related quantities are not guessed at: not analyzed, and says why', () => {
    const a = analyzeRuleSet(set([{ conditions: { all: [top('comments30d', 10), top('interactions30d', 50)] }, tier: 'core' }]));
    expect(a.analyzed).toBe(false);
    expect(a.findings[0].message).toContain('前 N% / top N%');
  });
});
