import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { addRule, addTier, formatValue, leafFor, localize, moveRule, normalize, offersTopPercent, operatorsFor, parseValue, sameDocument, tierInUse, validateDraft } from '../../src/sidebar/draft.js';

const sets = (): RuleSet[] => structuredClone(DEFAULT_RULE_SETS);

describe('sidebar draft edits', () => {
  it('reads typed values as the condition needs them; unreadable text stays for the validator to name', () => {
    expect(parseValue(' 15 ', 'comments30d', 'greaterThanInclusive')).toBe(15);
    expect(parseValue('7', 'lastActiveAt', 'withinDays')).toBe(7);
    expect(parseValue('abc', 'comments30d', 'greaterThanInclusive')).toBe('abc');
    expect(parseValue('1,000', 'likesReceived30d', 'greaterThanInclusive')).toBe(1000);
    expect(parseValue('a, b，c', 'nickname', 'in')).toEqual(['a', 'b', 'c']);
    expect(parseValue('1, 2', 'posts30d', 'in')).toEqual([1, 2]);
    const doc = { ruleSets: sets(), settings: {} };
    (doc.ruleSets[0].rules[0].conditions as { all: Array<{ value: unknown }> }).all[1].value = parseValue('abc', 'daysSinceActive', 'lessThanInclusive');
    const problems = validateDraft(doc);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ key: 'activity:rules[0].conditions.all[1].value', setId: 'activity' });
  });

  it('offers only operators that fit the field and keeps what it can when the field changes', () => {
    expect(operatorsFor('lastActiveAt')).toEqual(['withinDays', 'olderThanDays']);
    expect(operatorsFor('nickname')).toEqual(['equal', 'notEqual', 'in', 'notIn']);
    expect(leafFor('lastActiveAt', { fact: 'comments30d', operator: 'greaterThanInclusive', value: 20 })).toEqual({ fact: 'lastActiveAt', operator: 'withinDays', value: 20 });
    expect(leafFor('likes30d', { fact: 'comments30d', operator: 'greaterThanInclusive', value: 20 })).toEqual({ fact: 'likes30d', operator: 'greaterThanInclusive', value: 20 });
    expect(leafFor('nickname')).toEqual({ fact: 'nickname', operator: 'equal', value: '' });
  });

  it('reorders by swapping priorities, adds below the lowest, keeps priorities valid', () => {
    const set = sets()[1]; // priorities 30, 25, 20
    moveRule(set, 2, -1);
    expect(set.rules.map((r) => [r.name, r.priority])).toEqual([['内容创造者：持续发布', 30], ['互动者：积极互动', 25], ['内容创造者：作品受欢迎', 20]]);
    const added = addRule(set, 'interactor', '新规则');
    expect(added.priority).toBe(10);
    addRule(set, 'interactor', '新规则');
    expect(set.rules.map((r) => r.name)).toContain('新规则 2');
    for (let i = 0; i < 5; i++) addRule(set, 'interactor', '新规则');
    const priorities = set.rules.map((r) => r.priority);
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(priorities.every((p) => Number.isInteger(p) && p >= 1)).toBe(true);
    expect([...priorities].sort((a, b) => b - a)).toEqual(priorities);
    expect(validateDraft({ ruleSets: [set], settings: {} })).toEqual([]);
  });

  it('adds a tier above the default one and knows which tiers are in use', () => {
    const set = sets()[0];
    const id = addTier(set, '新层级', 'New tier');
    expect(set.tiers.map((t) => t.id)).toEqual(['core', 'potential', id, 'silent']);
    expect(tierInUse(set, id)).toBe(false);
    expect(tierInUse(set, 'silent')).toBe(true);
  });

  it('compares documents by rule order of priority, not array order', () => {
    const a = { ruleSets: sets(), settings: {} };
    const b = { ruleSets: sets(), settings: {} };
    b.ruleSets[0].rules.reverse();
    expect(sameDocument(a, b)).toBe(true);
    expect(normalize(b).ruleSets[0].rules[0].priority).toBe(30);
  });

  it('shows one language of a bilingual message', () => {
    const m = '[activity / 核心 @ rules[0].priority] 优先级必须是正整数 / priority must be a positive integer\nplain line';
    expect(localize(m, 'zh')).toBe('[activity / 核心 @ rules[0].priority] 优先级必须是正整数\nplain line');
    expect(localize(m, 'en')).toBe('[activity / 核心 @ rules[0].priority] priority must be a positive integer\nplain line');
    expect(localize('「近30天评论」需要与数字比较，现为 "abc" / "Comments (30d)" must be compared with a number, got "abc"', 'en')).toBe('"Comments (30d)" must be compared with a number, got "abc"');
  });
});

describe('the table editor\'s "前 N%" threshold', () => {
  const top = (fact: string, n: unknown) => ({ fact: 'percentile', params: { fact, top: n } });
  it('is offered for numeric comparisons in tier rule sets only, shows N, and follows a change of fact', () => {
    const tiers = { hitPolicy: 'first' } as RuleSet;
    const points = { hitPolicy: 'collect' } as RuleSet;
    expect(offersTopPercent(tiers, { fact: 'interactions30d', operator: 'greaterThanInclusive', value: 1 })).toBe(true);
    expect(offersTopPercent(tiers, { fact: 'interactions30d', operator: 'equal', value: 1 })).toBe(false);
    expect(offersTopPercent(tiers, { fact: 'lastActiveAt', operator: 'withinDays', value: 7 })).toBe(false);
    expect(offersTopPercent(points, { fact: 'comments30d', operator: 'greaterThan', value: 1 })).toBe(false);
    expect(formatValue(top('comments30d', 10))).toBe('10');
    expect(leafFor('likes30d', { fact: 'comments30d', operator: 'greaterThanInclusive', value: top('comments30d', 10) })).toEqual({ fact: 'likes30d', operator: 'greaterThanInclusive', value: top('likes30d', 10) });
    // A fact or comparison that cannot take it gets a plain value back.
    expect(leafFor('nickname', { fact: 'comments30d', operator: 'greaterThanInclusive', value: top('comments30d', 10) }).value).toBe('');
    expect(leafFor('comments30d', { fact: 'comments30d', operator: 'equal', value: top('comments30d', 10) })).toEqual({ fact: 'comments30d', operator: 'equal', value: 1 });
  });
});
