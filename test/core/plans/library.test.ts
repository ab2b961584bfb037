import { describe, expect, it } from 'vitest';
import { parseContentLibrary } from '../../../src/core/plans/library.js';
import { ACTIVITY, config } from './fixtures.js';

const TYPES = config().content.types;
const table = (header: string[], rows: unknown[][]) => ({ sheet: '内容库', header, rows: rows as never });

describe('parseContentLibrary', () => {
  it('maps types to their default tiers, and explicit target tiers win (Chinese or English, short names)', () => {
    const lib = parseContentLibrary(
      table(['标题', '类型', '目标层级', '渠道', '链接', '负责人'], [
        ['行业报告解读', '行业趋势', null, '粉丝群', 'https://v.douyin.com/a/', '小王'],
        ['入门教程', 'Tutorial', '', '群公告', null, null],
        ['周末段子', '轻松趣味内容', '沉默、潜力', null, null, null],
        ['全员福利', '独家福利', '全部', null, null, null],
        ['新品预告', 'Event preview', 'core member, Potential', null, null, null],
      ]),
      TYPES,
      ACTIVITY.tiers,
    );
    expect(lib.problems).toEqual([]);
    expect(lib.items.map((i) => [i.title, i.tiers])).toEqual([
      ['行业报告解读', ['core']],
      ['入门教程', ['potential']],
      ['周末段子', ['potential', 'silent']],
      ['全员福利', ['core', 'potential', 'silent']],
      ['新品预告', ['core', 'potential']],
    ]);
    expect(lib.items[0]).toMatchObject({ channel: '粉丝群', link: 'https://v.douyin.com/a/', owner: '小王', row: 2 });
  });

  it('reads English headers and skips inactive rows', () => {
    const lib = parseContentLibrary(table(['Title', 'Type', 'Status'], [['A', 'Industry trends', 'active'], ['B', 'Industry trends', '停用']]), TYPES, ACTIVITY.tiers);
    expect(lib.items.map((i) => i.title)).toEqual(['A']);
  });

  it('reports rows it cannot use, with row numbers, and never drops them silently', () => {
    const lib = parseContentLibrary(
      table(['标题', '类型', '目标层级'], [
        ['A', '神秘类型', null],
        ['B', '神秘类型', '核心'],
        ['A', '行业趋势', null],
        [null, '行业趋势', null],
        ['C', '行业趋势', '黄金会员'],
        [],
      ]),
      TYPES,
      ACTIVITY.tiers,
    );
    expect(lib.items.map((i) => [i.title, i.tiers])).toEqual([
      ['B', ['core']],
      ['C', ['core']],
    ]);
    expect(lib.problems.map((p) => p.row)).toEqual([2, 3, 4, 5, 6]);
    expect(lib.problems[0].message).toContain('未知类型「神秘类型」且未写目标层级');
    expect(lib.problems[2].message).toContain('与第 2 行重复');
    expect(lib.problems[4].message).toContain('Unknown tier "黄金会员"');
  });
});
