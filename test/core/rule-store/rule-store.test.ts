import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import { appendVersion, checksum, CHUNK, decodeStore, splitText, STORE_HEADER, validateDocument } from '../../../src/core/rule-store/codec.js';
import { describeCondition, diffDocuments } from '../../../src/core/rule-store/diff.js';
import { describeColumns, withHeaderOverrides } from '../../../src/core/rule-store/mapping.js';
import type { RulesDocument } from '../../../src/core/rule-store/types.js';
import { mapHeaders } from '../../../src/core/facts/headers.js';
import type { RuleSet } from '../../../src/core/rules/types.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { DEFAULT_HEADER_MAPPING } from '../../../src/app/default-rules.js';

const doc = (ruleSets: RuleSet[] = DEFAULT_RULE_SETS, settings: RulesDocument['settings'] = {}): RulesDocument => ({ ruleSets: structuredClone(ruleSets), settings });
const entry = (d: RulesDocument, note = '') => ({ savedAt: '2026-11-26T04:00:00.000Z', user: 'a@b.c', note, doc: d });
const table = (rows: CellValue[][]): Table => ({ sheet: '_fenceng_rules', header: rows[0].map(String), rows: rows.slice(1) });

/** Stores versions one after another, as the server does. */
function storeOf(...docs: RulesDocument[]): CellValue[][] {
  let rows: CellValue[][] | undefined;
  for (const d of docs) rows = appendVersion(decodeStore(rows && table(rows)), entry(d, `note ${docs.indexOf(d) + 1}`)).rows;
  return rows!;
}

function lowered(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

describe('rule store codec', () => {
  it('reads back what it wrote: versions in order, the last one active', () => {
    const rows = storeOf(doc(), doc(lowered(5), { timeZone: 'Asia/Tokyo', maxTierShare: 0.6 }));
    expect(rows[0]).toEqual(STORE_HEADER);
    const s = decodeStore(table(rows));
    expect(s.problems).toEqual([]);
    expect(s.versions.map((v) => [v.version, v.note, v.row])).toEqual([[1, 'note 1', 2], [2, 'note 2', 3]]);
    expect(s.active?.doc).toEqual(doc(lowered(5), { timeZone: 'Asia/Tokyo', maxTierShare: 0.6 }));
    expect(s.nextVersion).toBe(3);
  });

  it('has nothing and no problems when the sheet does not exist', () => {
    expect(decodeStore(undefined)).toMatchObject({ exists: false, versions: [], problems: [], nextVersion: 1 });
  });

  it('splits long JSON into cells under the limit, never cutting at whitespace or inside a surrogate pair', () => {
    const text = JSON.stringify({ words: Array.from({ length: 5000 }, (_, i) => `成员 ${i} 😀 ok`) });
    const parts = splitText(text, 1000);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p).toBe(p.trim());
      expect(/^[\uDC00-\uDFFF]/.test(p)).toBe(false);
    }
    // No clean cut anywhere (space, emoji, space…): pairs still stay whole.
    const hostile = '😀 '.repeat(3000);
    const pieces = splitText(hostile, 1000);
    expect(pieces.join('')).toBe(hostile);
    for (const p of pieces) expect(/^[\uDC00-\uDFFF]/.test(p)).toBe(false);
    const big = structuredClone(DEFAULT_RULE_SETS);
    big[0].description = 'x '.repeat(40_000);
    const row = storeOf(doc(big))[1];
    expect(row[5]).toBe(Math.ceil(JSON.stringify(doc(big)).length / CHUNK));
    expect(decodeStore(table(storeOf(doc(big)))).active?.doc.ruleSets[0].description).toBe(big[0].description);
  });

  it('reports damaged rows, keeps the last valid version active and numbers past every row', () => {
    const rows = storeOf(doc(), doc(lowered(5)), doc(lowered(7)), doc(lowered(9)), doc(lowered(11)));
    rows[2][6] = String(rows[2][6]).replace('"value":5', '"value":6'); // v2 hand-edited
    rows[3][5] = 2; // v3 claims a part that is not there
    const bad = '{"ruleSets":[{"id":"activity"}]}'; // v4: well-formed JSON, invalid rules, checksum recomputed
    rows[4] = [4, 'x', '', '', checksum(bad), 1, bad];
    rows[5][0] = 'five'; // v5 has no usable number
    rows.push([...rows[1]]); // a second "version 1"
    const s = decodeStore(table(rows));
    expect(s.versions.map((v) => v.version)).toEqual([1]);
    expect(s.active?.version).toBe(1);
    expect(s.problems.map((p) => [p.row, p.version])).toEqual([[3, 2], [4, 3], [5, 4], [6, undefined], [7, 1]]);
    expect(s.problems[0].message).toMatch(/校验不符.*Checksum mismatch/);
    expect(s.problems[1].message).toMatch(/JSON 不完整/);
    expect(s.problems[2].message).toMatch(/规则无效/);
    expect(s.problems[3].message).toMatch(/版本号缺失或无效/);
    expect(s.problems[4].message).toMatch(/重复/);
    expect(s.nextVersion).toBe(5);
    // The next save keeps every row as it was and appends.
    const next = appendVersion(s, entry(doc(lowered(3))));
    expect(next.rows.slice(0, rows.length)).toEqual([STORE_HEADER, ...rows.slice(1)]);
    expect(next.version.version).toBe(5);
  });

  it('notices a changed header but still reads the rows', () => {
    const rows = storeOf(doc());
    rows[0] = ['my notes', ...rows[0].slice(1)];
    const s = decodeStore(table(rows));
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0].row).toBe(1);
    expect(s.active?.version).toBe(1);
  });

  it('refuses to store an invalid document', () => {
    expect(() => appendVersion(decodeStore(undefined), entry({ ruleSets: [], settings: {} }))).toThrow(/ruleSets/);
    expect(validateDocument({ ruleSets: DEFAULT_RULE_SETS, settings: { timeZone: 'Nowhere/Else' } })[0]).toMatch(/未知时区/);
    expect(validateDocument({ ruleSets: DEFAULT_RULE_SETS, settings: { maxTierShare: 80 } })[0]).toMatch(/maxTierShare must be between 0 and 1/);
    expect(validateDocument({ ruleSets: DEFAULT_RULE_SETS, settings: { headerOverrides: { X: 'shoeSize' } } })[0]).toMatch(/shoeSize/);
    expect(validateDocument({ ruleSets: DEFAULT_RULE_SETS, settings: { headerOverrides: { X: 'interactions30d' } } })).toHaveLength(1); // derived facts are not columns
  });
});

describe('diffDocuments', () => {
  it('says a threshold changed, in either language', () => {
    expect(diffDocuments(doc(), doc(lowered(15)), 'zh')).toEqual([
      { kind: 'changed', scope: '活跃层级', rule: '核心成员：近期高频互动', text: '条件：近30天评论 大于等于 20 → 近30天评论 大于等于 15' },
    ]);
    expect(diffDocuments(doc(), doc(lowered(15)), 'en')[0].text).toBe('Condition: Comments (30d) at least 20 → Comments (30d) at least 15');
    expect(diffDocuments(doc(), doc(), 'zh')).toEqual([]);
  });

  it('lists rules, tiers, defaults, groups and settings that changed', () => {
    const after = structuredClone(DEFAULT_RULE_SETS);
    const act = after[0];
    act.tiers[1].zh = '成长成员';
    act.default = { tier: 'potential' };
    const core = act.rules[0].conditions as { all: Array<{ any?: unknown[] }> };
    core.all[0].any!.splice(1, 1); // interactions ≥ 150 removed
    (act.rules[1].conditions as Record<string, unknown>).any = (act.rules[1].conditions as { all: unknown[] }).all;
    delete (act.rules[1].conditions as Record<string, unknown>).all;
    act.rules.push({ name: '新人', priority: 5, conditions: { all: [{ fact: 'daysInCommunity', operator: 'lessThan', value: 7 }] }, event: { type: 'tier', params: { tier: 'potential' } } });
    after[1].rules.pop();
    const texts = diffDocuments(doc(), doc(after, { timeZone: 'Asia/Tokyo', headerOverrides: { 留言数: 'comments30d' } }), 'zh').map((c) => c.text);
    expect(texts).toEqual([
      '层级改名：潜力成员 → 成长成员',
      '否则（默认层级）：沉默成员 → 成长成员',
      '删除条件：近30天互动（评论+点赞+转发） 大于等于 150',
      '条件组：全部满足 → 任一满足',
      '新增规则：新人 → 成长成员（全部满足（入群天数 小于 7））',
      '删除规则：互动者：积极互动',
      '时区：（未设置） → Asia/Tokyo',
      '列「留言数」：（自动识别） → 近30天评论',
    ]);
  });

  it('describes date conditions with the number in the operator', () => {
    expect(describeCondition({ fact: 'lastActiveAt', operator: 'withinDays', value: 7 }, 'zh')).toBe('最近活跃 在7天内');
    expect(describeCondition({ fact: 'lastActiveAt', operator: 'withinDays', value: 7 }, 'en')).toBe('Last active within 7 days');
    const top = { fact: 'interactions30d', operator: 'greaterThanInclusive', value: { fact: 'percentile', params: { fact: 'interactions30d', top: 10 } } };
    expect(describeCondition(top, 'zh')).toBe('近30天互动（评论+点赞+转发） 大于等于 前 10%');
    expect(describeCondition(top, 'en')).toBe('Interactions (30d: comments+likes+shares) at least top 10%');
    expect(describeCondition({ fact: 'nickname', operator: 'in', value: ['a', 'b'] }, 'zh')).toBe('昵称 属于 a、b');
  });
});

describe('header corrections', () => {
  const header = ['成员ID', '留言数', '近30天评论', '备注'];

  it('moves a header to the chosen fact, or to none', () => {
    const m = withHeaderOverrides(DEFAULT_HEADER_MAPPING, { 留言数: 'comments30d', 近30天评论: null });
    expect(mapHeaders(header, m).columns).toEqual({ memberId: 0, comments30d: 1 });
    expect(withHeaderOverrides(DEFAULT_HEADER_MAPPING, undefined)).toBe(DEFAULT_HEADER_MAPPING);
  });

  it('describes each column: what was detected and what is used', () => {
    const cols = describeColumns(header, DEFAULT_HEADER_MAPPING, { 留言数: 'comments30d' });
    expect(cols).toEqual([
      { index: 0, header: '成员ID', detected: 'memberId', fact: 'memberId', duplicate: false },
      { index: 1, header: '留言数', detected: null, fact: 'comments30d', duplicate: false },
      { index: 2, header: '近30天评论', detected: 'comments30d', fact: 'comments30d', duplicate: true },
      { index: 3, header: '备注', detected: null, fact: null, duplicate: false },
    ]);
  });
});
