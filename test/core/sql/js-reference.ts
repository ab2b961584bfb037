import { DEFAULT_HEADER_MAPPING } from '../../../src/app/default-rules.js';
import { parseMembers } from '../../../src/core/facts/members.js';
import { computeAwards, type Award } from '../../../src/core/points/award.js';
import { createEvaluator } from '../../../src/core/rules/evaluate.js';
import { percentileCuts } from '../../../src/core/rules/compile.js';
import type { RuleSet } from '../../../src/core/rules/types.js';
import { pointsSetOf } from '../../../src/core/sql/query.js';
import { factsUsedBy } from '../../../src/core/tiering/tiering.js';

/** What the JavaScript path decides for one non-blank row, in the shape the SQL result is compared with. */
export interface RowVerdict {
  row: number;
  memberId: string | null;
  /** The ID and the nickname as written (copies show them so). */
  memberIdText: string | null;
  nickname: string | null;
  status: string;
  tiers: Record<string, { tier: string | null; rule: string | null }>;
  points: { total: number; content: number; interaction: number; other: number; rules: string[] } | null;
  unreadable: number;
  missingValues: number;
  futureDates: number;
}

/** The JavaScript pipeline on a header and rows of cells: parseMembers, json-rules-engine, awards. */
export async function jsVerdicts(header: string[], rows: Array<Array<string | null>>, ruleSets: RuleSet[], today: number): Promise<RowVerdict[]> {
  const tierSets = ruleSets.filter((s) => s.hitPolicy === 'first');
  const parsed = parseMembers({ sheet: '成员', header, rows }, { mapping: DEFAULT_HEADER_MAPPING, today, usedFacts: factsUsedBy(tierSets) });
  const ok = parsed.rows.filter((r) => r.status === 'ok');
  // "Top N%" cuts over the ok rows, as a run works them out (tiering.ts).
  const cuts = percentileCuts(tierSets, today, ok.map((r) => r.facts));
  const evaluators = tierSets.map((s, i) => createEvaluator(s, today, cuts[i]));
  const pointsSet = pointsSetOf(ruleSets);
  const awards = pointsSet ? await computeAwards(pointsSet, ok.map((r) => ({ memberId: r.memberId!, facts: r.facts })), today, 'zh') : new Map<string, Award[]>();
  const categories = new Map((pointsSet?.rules ?? []).map((r) => [r.name, (r.event.params?.category as string | undefined) ?? 'other']));
  const issuesAt = (code: string, index: number) => parsed.issues.filter((i) => i.code === code && i.row === index + 2).length;
  const out: RowVerdict[] = [];
  for (const r of parsed.rows) {
    if (r.status === 'blank') continue;
    const tiers: RowVerdict['tiers'] = {};
    for (const ev of evaluators) {
      if (r.status !== 'ok') tiers[ev.ruleSet.id] = { tier: null, rule: null };
      else {
        const e = await ev.evaluate(r.facts);
        tiers[ev.ruleSet.id] = { tier: e.tier ?? null, rule: e.placedBy?.rule.name ?? null };
      }
    }
    let points: RowVerdict['points'] = null;
    if (pointsSet && r.status === 'ok') {
      const list = awards.get(r.memberId!) ?? [];
      const by = (c: string) => list.filter((a) => categories.get(a.rule) === c).reduce((s, a) => s + a.points, 0);
      points = { total: list.reduce((s, a) => s + a.points, 0), content: by('content'), interaction: by('interaction'), other: by('other'), rules: list.map((a) => a.rule) };
    }
    out.push({ row: r.index, memberId: r.memberId, memberIdText: r.memberIdText ?? null, nickname: (r.facts.nickname as string | null | undefined) ?? null, status: r.status, tiers, points, unreadable: r.unreadableCells, missingValues: issuesAt('missing-value', r.index), futureDates: issuesAt('future-date', r.index) });
  }
  return out;
}
