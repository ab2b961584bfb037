import { describe, expect, it } from 'vitest';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../../../src/app/default-rules.js';
import type { RuleSet } from '../../../src/core/rules/types.js';
import type { Table } from '../../../src/core/base/table.js';
import { civilDay } from '../../../src/core/base/time.js';
import { factsUsedBy, tierMembers } from '../../../src/core/tiering/tiering.js';

const TODAY = civilDay(2026, 11, 26)!;
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟'];

describe('factsUsedBy', () => {
  it('lists sheet facts used directly and through derived facts', () => {
    expect([...factsUsedBy(DEFAULT_RULE_SETS)].sort()).toEqual(
      ['comments30d', 'lastActiveAt', 'likes30d', 'likesReceived30d', 'liveMinutes30d', 'posts30d', 'shares30d'].sort(),
    );
  });

  it('walks not groups too', () => {
    const set = { ...DEFAULT_RULE_SETS[0], rules: [{ name: 'x', priority: 1, conditions: { not: { all: [{ fact: 'daysInCommunity', operator: 'lessThan', value: 3 }] } }, event: { type: 't', params: { tier: 'core' } } }] } as RuleSet;
    expect([...factsUsedBy([set])]).toEqual(['joinedAt']);
  });
});

describe('tierMembers', () => {
  const table: Table = {
    sheet: '成员',
    header: HEADER,
    rows: [
      ['u1', 'a', '2026-11-24', 45, 0, 0, 0, 0, 0],
      [],
      ['u2', 'b', '2026-11-21', 8, null, null, null, null, null],
      [null, 'c', '2026-11-21', 3],
      ['u1', 'd', '2026-11-21', 1],
    ],
  };

  it('places every ok row with every first rule set, and only those rows', async () => {
    const { placements, parsed } = await tierMembers({ table, ruleSets: DEFAULT_RULE_SETS, mapping: DEFAULT_HEADER_MAPPING, today: TODAY, locale: 'zh' });
    expect(parsed.rows.map((r) => r.status)).toEqual(['ok', 'blank', 'ok', 'missing-id', 'duplicate-id']);
    expect([...placements.keys()]).toEqual([0, 2]);
    expect(placements.get(0)!.activity.tier).toBe('core');
    expect(placements.get(0)!.contribution.tier).toBe('interactor');
    expect(placements.get(2)!.activity).toMatchObject({ tier: 'potential', progress: '距核心成员：近30天评论还差 12' });
    expect(placements.get(2)!.contribution.explanation).toContain('默认层级');
  });

  it('missing-value messages say 按 0 计算 only for facts every rule set counts as zero', async () => {
    const contributionWithoutZeroes = { ...DEFAULT_RULE_SETS[1], missingAsZero: ['posts30d'] };
    const { parsed } = await tierMembers({ table, ruleSets: [DEFAULT_RULE_SETS[0], contributionWithoutZeroes], mapping: DEFAULT_HEADER_MAPPING, today: TODAY, locale: 'zh' });
    const row4 = parsed.issues.filter((i) => i.row === 4 && i.code === 'missing-value');
    const msg = (col: string) => row4.find((i) => i.column === col)!.message;
    expect(msg('近30天发布')).toContain('按 0 计算');
    expect(msg('近30天点赞')).not.toContain('按 0 计算');
  });

  it('reports progress and honours only()', async () => {
    const seen: Array<[number, number]> = [];
    const { placements } = await tierMembers({
      table,
      ruleSets: DEFAULT_RULE_SETS,
      mapping: DEFAULT_HEADER_MAPPING,
      today: TODAY,
      locale: 'en',
      onProgress: (d, t) => seen.push([d, t]),
      only: (r) => r.memberId === 'u2',
    });
    expect([...placements.keys()]).toEqual([2]);
    expect(placements.get(2)!.activity.progress).toBe('To Core member: Comments (30d) 12 short');
    expect(seen.at(-1)).toEqual([1, 1]);
  });
});
