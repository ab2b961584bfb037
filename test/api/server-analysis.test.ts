import { describe, expect, it } from 'vitest';
import { answer } from '../../src/api/envelope.js';
import { createServerApi } from '../../src/api/server.js';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { DEFAULT_POINTS_RULES } from '../../src/app/default-operations.js';
import { readRuleStore } from '../../src/app/rule-store.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { generateMembersTable } from '../../src/sample/generate.js';

function server() {
  const t = generateMembersTable({ members: 40, seed: 3, today: '2026-11-26' });
  const port = new MemoryWorkbook({ [t.sheet]: [t.header, ...t.rows] });
  return { port, api: createServerApi({ port, now: () => new Date('2026-11-26T04:00:00Z'), uiLocale: 'zh', writeLocale: 'zh', user: () => 'tester', host: 'local', timeZone: { kind: 'store', fallback: 'Asia/Shanghai' } }) };
}

/** The default activity rules plus a rule no member can win: core already takes everyone it matches. */
function withShadowedRule(): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  sets[0].rules.push({
    name: '潜力：近3天活跃且评论≥30',
    priority: 25,
    conditions: { all: [{ fact: 'comments30d', operator: 'greaterThanInclusive', value: 30 }, { fact: 'daysSinceActive', operator: 'lessThanInclusive', value: 3 }] },
    event: { type: 'tier', params: { tier: 'potential' } },
  });
  return sets;
}

describe('server: the rule analysis on preview and save', () => {
  it('an analysis error refuses the save, names rule and example, and stores nothing', async () => {
    const { port, api } = server();
    const r = await answer(api, 'save', { locale: 'zh', ruleSets: withShadowedRule(), settings: {}, note: '', baseVersion: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-rules');
    expect(r.error.message).toContain('[activity / 潜力：近3天活跃且评论≥30 @ rules[2]] 规则「潜力：近3天活跃且评论≥30」永远不会生效');
    expect(r.error.message).toContain('→ 「核心成员：近期高频互动」先命中');
    expect((r.error.details as { findings: Array<{ kind: string }> }).findings.map((f) => f.kind)).toEqual(['shadowed']);
    expect(readRuleStore(port).versions).toEqual([]);
    const preview = await answer(api, 'preview', { locale: 'zh', ruleSets: withShadowedRule(), settings: {} });
    expect(preview).toMatchObject({ ok: false, error: { code: 'invalid-rules' } });
  });

  it('notes come back with a successful save and preview', async () => {
    const { api } = server();
    const preview = await api.preview({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} });
    expect(preview.findings.map((f) => `${f.ruleSet}:${f.kind}`)).toEqual(['contribution:overlap']);
    const saved = await api.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '', baseVersion: null });
    expect(saved.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(saved.findings.length).toBe(1);
  });
});

describe('server: preview of a points rule change', () => {
  it('points per member this period, before → after, with the biggest changes', async () => {
    const { port, api } = server();
    const points = structuredClone(DEFAULT_POINTS_RULES);
    const rule = points.rules.find((r) => r.name === '评论')!;
    rule.event.params!.points = 4; // was 2 per comment, cap 100
    const r = await api.preview({ locale: 'zh', ruleSets: [...DEFAULT_RULE_SETS, points], settings: {} });
    expect(r.points).toBeDefined();
    const p = r.points!;
    expect(p.totalAfter).toBeGreaterThan(p.totalBefore);
    expect(p.changed).toBeGreaterThan(0);
    // Each example's change is exactly the comments rule's: min(100, 4c) − min(100, 2c).
    const table = port.read('成员')!;
    const col = table.header.indexOf('近30天评论');
    const idCol = table.header.indexOf('成员ID');
    for (const e of p.examples) {
      const row = table.rows.find((x) => String(x[idCol]) === e.memberId)!;
      const c = Number(row[col] ?? 0);
      expect(e.after - e.before, e.memberId).toBe(Math.min(100, Math.floor(4 * c)) - Math.min(100, Math.floor(2 * c)));
      expect(e.reasons.some((x) => x.startsWith('评论'))).toBe(true);
    }
    // Unchanged points rules: no points preview.
    expect((await api.preview({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} })).points).toBeUndefined();
  });
});
