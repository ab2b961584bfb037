import { describe, expect, it } from 'vitest';
import headersJson from '../../../rules/headers.json' with { type: 'json' };
import { mapHeaders, type HeaderMapping } from '../../../src/core/facts/headers.js';
import { normalizeHeader } from '../../../src/core/base/bilingual.js';
import { SHEET_FACTS } from '../../../src/core/facts/facts.js';

const MAPPING = headersJson as unknown as HeaderMapping;

/** Both header tests list every sheet fact in catalog order: column i holds fact i. */
const EVERY_FACT_IN_ORDER = {
  memberId: 0,
  nickname: 1,
  douyinId: 2,
  joinedAt: 3,
  lastActiveAt: 4,
  comments30d: 5,
  likes30d: 6,
  shares30d: 7,
  posts30d: 8,
  likesReceived30d: 9,
  liveMinutes30d: 10,
};

describe('normalizeHeader', () => {
  it('ignores case, spaces, brackets, underscores and full-width forms', () => {
    expect(normalizeHeader(' Comments (30d) ')).toBe('comments30d');
    expect(normalizeHeader('COMMENTS_30D')).toBe('comments30d');
    expect(normalizeHeader('近30天评论（条）')).toBe('近30天评论条');
    expect(normalizeHeader('【成员 ID】')).toBe('成员id');
    expect(normalizeHeader('ＩＤ')).toBe('id');
    expect(normalizeHeader('成员\u3000ID')).toBe('成员id');
  });
});

describe('mapHeaders with rules/headers.json', () => {
  it('maps Chinese headers to fact ids', () => {
    const header = ['成员ID', '昵称', '抖音号', '入群日期', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];
    const { columns, duplicates } = mapHeaders(header, MAPPING);
    expect(columns).toEqual(EVERY_FACT_IN_ORDER);
    expect(duplicates).toEqual([]);
  });

  it('maps English headers and synonyms', () => {
    const header = ['Member ID', 'Name', 'Douyin', 'Join Date', 'Last Seen', 'Comments (30d)', 'Likes', 'Shares', 'Posts', 'Likes Received', 'Live Minutes'];
    expect(mapHeaders(header, MAPPING).columns).toEqual(EVERY_FACT_IN_ORDER);
  });

  it('is insensitive to case, spaces and brackets', () => {
    const header = ['  member id ', 'LAST ACTIVE', 'comments 30D', '（近30天获赞）', '直播观看时长 (分钟)', '用户 ID'];
    const { columns } = mapHeaders(header, MAPPING);
    expect(columns.memberId).toBe(0);
    expect(columns.lastActiveAt).toBe(1);
    expect(columns.comments30d).toBe(2);
    expect(columns.likesReceived30d).toBe(3);
    expect(columns.liveMinutes30d).toBe(4);
  });

  it('recognises the canonical fact id itself', () => {
    expect(mapHeaders(['memberId', 'comments30d'], MAPPING).columns).toEqual({ memberId: 0, comments30d: 1 });
  });

  it('reports a fact named twice: the first column wins, the later one is a duplicate', () => {
    const { columns, duplicates } = mapHeaders(['成员ID', '评论数', 'UID', '近30天评论'], MAPPING);
    expect(columns).toEqual({ memberId: 0, comments30d: 1 });
    expect(duplicates).toEqual([
      { fact: 'memberId', column: 2 },
      { fact: 'comments30d', column: 3 },
    ]);
  });

  it('ignores unknown and empty columns', () => {
    const { columns, duplicates } = mapHeaders(['备注', '成员ID', '', '跟进状态', '活跃层级', '分层依据'], MAPPING);
    expect(columns).toEqual({ memberId: 1 });
    expect(duplicates).toEqual([]);
  });

  it('no two facts share a synonym after normalisation (the mapping is unambiguous)', () => {
    const owner = new Map<string, string>();
    for (const [fact, names] of Object.entries(MAPPING.facts)) {
      expect(Object.keys(SHEET_FACTS)).toContain(fact);
      for (const n of [fact, ...(names ?? [])]) {
        const key = normalizeHeader(n);
        if (owner.has(key)) expect(owner.get(key), `"${n}"`).toBe(fact);
        owner.set(key, fact);
      }
    }
  });
});
