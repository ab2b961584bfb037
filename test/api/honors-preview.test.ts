import { describe, expect, it } from 'vitest';
import { createServerApi } from '../../src/api/server.js';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { DEFAULT_HONORS_RULES, DEFAULT_POINTS_RULES } from '../../src/app/default-operations.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { generateMembersTable } from '../../src/sample/generate.js';

function server() {
  const t = generateMembersTable({ members: 200, seed: 5, today: '2026-11-26' });
  const port = new MemoryWorkbook({ [t.sheet]: [t.header, ...t.rows] });
  return { port, api: createServerApi({ port, now: () => new Date('2026-11-26T04:00:00Z'), uiLocale: 'zh', writeLocale: 'zh', user: () => 't', host: 'local', timeZone: { kind: 'store', fallback: 'Asia/Shanghai' } }) };
}

function honors(edit: (set: RuleSet) => void): RuleSet[] {
  const set = structuredClone(DEFAULT_HONORS_RULES);
  edit(set);
  return [...DEFAULT_RULE_SETS, DEFAULT_POINTS_RULES, set];
}

/** The provisional honors a real run writes into 排行榜: honor name → member IDs. */
function leaderboardHonors(port: MemoryWorkbook): Map<string, string[]> {
  const grid = port.grid('排行榜')!;
  const start = grid.findIndex((r) => String(r[0] ?? '').startsWith('本期荣誉'));
  const out = new Map<string, string[]>();
  for (const r of grid.slice(start + 1)) if (r[0]) out.set(String(r[0]), [...(out.get(String(r[0])) ?? []), String(r[2])]);
  return out;
}

describe('server: preview of an honors rule change, winners before → after', () => {
  it('more places: the old winners stay, the new ones are gained; the draft winners are those a real run then shows', async () => {
    const { port, api } = server();
    const draft = honors((s) => (s.rules.find((r) => r.name === '互动之星')!.event.params!.winners = 6));
    const r = await api.preview({ locale: 'zh', ruleSets: draft, settings: {} });
    const star = r.honors!.honors.find((h) => h.key === '互动之星')!;
    expect(star.before.length).toBeGreaterThanOrEqual(3);
    expect(star.after.length).toBeGreaterThanOrEqual(6);
    expect(star.lost).toEqual([]);
    expect(star.after.map((w) => w.memberId)).toEqual(expect.arrayContaining(star.before.map((w) => w.memberId)));
    expect(star.gained.map((w) => w.memberId).sort()).toEqual(star.after.map((w) => w.memberId).filter((id) => !star.before.some((b) => b.memberId === id)).sort());
    expect(star.gained.length).toBe(star.after.length - star.before.length);
    // Other honors do not move.
    for (const h of r.honors!.honors.filter((h) => h.key !== '互动之星')) expect([h.gained, h.lost]).toEqual([[], []]);
    expect(r.honors!.gainedMembers).toBe(star.gained.length);

    // Before = what a run under the rules in force shows; after = what a run under the draft shows.
    await api.recompute({ locale: 'zh' });
    expect(leaderboardHonors(port).get('互动之星')).toEqual(star.before.map((w) => w.memberId));
    await api.save({ locale: 'zh', ruleSets: draft, settings: {}, note: '', baseVersion: null });
    await api.recompute({ locale: 'zh' });
    expect(leaderboardHonors(port).get('互动之星')).toEqual(star.after.map((w) => w.memberId));
  });

  it('an honor nobody can win any more: every winner is lost; unchanged incentive rules give no honors preview', async () => {
    const { api } = server();
    const r = await api.preview({ locale: 'en', ruleSets: honors((s) => ((s.rules.find((r) => r.name === '内容之星')!.conditions as { all: Array<{ value: number }> }).all[0].value = 10_000)), settings: {} });
    const star = r.honors!.honors.find((h) => h.key === '内容之星')!;
    expect(star.honor).toBe('Content star');
    expect(star.before.length).toBeGreaterThan(0);
    expect(star.after).toEqual([]);
    expect(star.lost).toEqual(star.before);
    expect(r.honors!.lostMembers).toBe(new Set(star.before.map((w) => w.memberId)).size);
    expect((await api.preview({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} })).honors).toBeUndefined();
  });
});
