import { describe, expect, it } from 'vitest';
import { leaderboards, topN } from '../../../src/core/points/leaderboard.js';

describe('topN', () => {
  it('ranks 1, 2, 2, 4 and lists everyone tied at the cut', () => {
    const e = (memberId: string, value: number) => ({ memberId, value });
    const got = topN([e('a', 5), e('b', 9), e('c', 7), e('d', 7), e('e', 0), e('f', 5), e('g', 4)], 3);
    expect(got.map((r) => [r.rank, r.entry.memberId])).toEqual([
      [1, 'b'],
      [2, 'c'],
      [2, 'd'],
    ]);
    expect(topN([e('a', 5), e('b', 9), e('c', 7), e('d', 7), e('f', 5)], 4).map((r) => [r.rank, r.entry.memberId])).toEqual([
      [1, 'b'],
      [2, 'c'],
      [2, 'd'],
      [4, 'a'],
      [4, 'f'],
    ]);
    expect(topN([e('a', 0)], 3)).toEqual([]);
  });

  it('builds boards overall and per tier, for points and contribution', () => {
    const m = (memberId: string, tier: string, value: number) => ({ memberId, nickname: memberId, tier, value });
    const boards = leaderboards({
      period: '2026-11',
      size: 2,
      tiers: [{ id: 'core', label: '核心成员' }, { id: 'silent', label: '沉默成员' }],
      points: [m('a', 'core', 10), m('b', 'silent', 20), m('c', 'core', 30)],
      contribution: [m('a', 'core', 1)],
      locale: 'zh',
    });
    expect(boards.map((b) => [b.title, b.ranked.map((r) => r.entry.memberId)])).toEqual([
      ['积分榜 · 全部', ['c', 'b']],
      ['积分榜 · 核心成员', ['c', 'a']],
      ['积分榜 · 沉默成员', ['b']],
      ['贡献榜 · 全部', ['a']],
      ['贡献榜 · 核心成员', ['a']],
      ['贡献榜 · 沉默成员', []],
    ]);
  });
});
