import { describe, expect, it } from 'vitest';
import { DEFAULT_HONORS_RULES } from '../../../src/app/default-operations.js';
import { awardedRows, awardHonors, honorRows, honorSpecs, readHonorHistory, type MemberMetrics } from '../../../src/core/points/honors.js';
import { TODAY } from '../plans/fixtures.js';

const m = (memberId: string, over: Partial<MemberMetrics>): MemberMetrics => ({ memberId, nickname: memberId, tier: 'core', facts: {}, points: 0, contentPoints: 0, interactionPoints: 0, contribution: 0, ...over });

describe('honors', () => {
  it('ranks the eligible by the honor metric; ties share the place', async () => {
    const members = [
      m('a', { facts: { posts30d: 3, joinedAt: TODAY - 400 }, contentPoints: 60, points: 80 }),
      m('b', { facts: { posts30d: 1, joinedAt: TODAY - 400 }, contentPoints: 60, points: 60 }),
      m('c', { facts: { posts30d: 0, joinedAt: TODAY - 10 }, contentPoints: 90, points: 30 }),
      m('d', { facts: { posts30d: 2, joinedAt: TODAY - 400, comments30d: 50 }, contentPoints: 10, interactionPoints: 100, points: 110 }),
    ];
    const won = await awardHonors(DEFAULT_HONORS_RULES, '2026-10', members, TODAY);
    const by = (zh: string) => won.filter((a) => a.honor.zh === zh).map((a) => [a.rank, a.memberId, a.value]);
    // c has the most content points but no post: not eligible for 内容之星.
    expect(by('内容之星')).toEqual([
      [1, 'a', 60],
      [1, 'b', 60],
      [3, 'd', 10],
    ]);
    expect(by('互动之星')).toEqual([[1, 'd', 100]]);
    expect(by('最佳新人')).toEqual([[1, 'c', 30]]);
  });

  it('keeps awarded history verbatim and knows which periods are done (either language)', () => {
    const specs = honorSpecs(DEFAULT_HONORS_RULES);
    const award = { period: '2026-10', honor: specs[0], rank: 1, memberId: 'a', nickname: 'A', value: 60 };
    const rows = honorRows({ provisional: [{ ...award, period: '2026-11' }], newlyAwarded: awardedRows([award], 't', 'en'), history: { rows: [], awarded: new Set() }, computedAt: 't', locale: 'en' });
    const table = { sheet: 'Honors', header: rows[0] as string[], rows: rows.slice(1) };
    const history = readHonorHistory(table, specs);
    expect([...history.awarded]).toEqual(['2026-10|内容之星']);
    expect(history.rows).toEqual([rows[2]]);
  });
});

describe('honors, against a brute-force ranking', () => {
  it('stopping early gives the same winners as ranking every eligible member', async () => {
    const fc = (await import('fast-check')).default;
    const { topN } = await import('../../../src/core/points/leaderboard.js');
    const specs = honorSpecs(DEFAULT_HONORS_RULES);
    const member = fc.record({
      posts: fc.integer({ min: 0, max: 3 }),
      comments: fc.integer({ min: 0, max: 30 }),
      newcomer: fc.boolean(),
      points: fc.integer({ min: 0, max: 6 }).map((n) => n * 50),
      content: fc.integer({ min: 0, max: 4 }).map((n) => n * 50),
      interaction: fc.integer({ min: 0, max: 4 }).map((n) => n * 50),
      contribution: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(member, { maxLength: 130 }), async (list) => {
        const members = list.map((x, i) =>
          m(`u${String(i).padStart(3, '0')}`, {
            facts: { posts30d: x.posts, comments30d: x.comments, likes30d: 0, shares30d: 0, joinedAt: TODAY - (x.newcomer ? 10 : 400) },
            points: x.points,
            contentPoints: x.content,
            interactionPoints: x.interaction,
            contribution: x.contribution,
          }),
        );
        const got = await awardHonors(DEFAULT_HONORS_RULES, '2026-10', members, TODAY);
        const eligible: Record<string, (x: (typeof list)[number]) => boolean> = {
          内容之星: (x) => x.posts >= 1,
          互动之星: (x) => x.comments >= 10,
          最佳新人: (x) => x.newcomer,
        };
        const metric: Record<string, (x: (typeof list)[number]) => number> = { 内容之星: (x) => x.content, 互动之星: (x) => x.interaction, 最佳新人: (x) => x.points };
        for (const s of specs) {
          const pool = list.map((x, i) => ({ memberId: members[i].memberId, value: metric[s.zh](x), c: x.contribution, ok: eligible[s.zh](x) })).filter((e) => e.ok && e.value >= s.minimum);
          const want = topN(pool, s.winners, (e) => e.c).map((r) => [r.rank, r.entry.memberId]);
          expect(got.filter((a) => a.honor.zh === s.zh).map((a) => [a.rank, a.memberId]), s.zh).toEqual(want);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
