/**
 * Checks of a `first` rule set (the highest-priority matching rule places the
 * member): rules that never match, never win (shadowed, duplicates), pairs
 * whose order decides, tiers nobody reaches, a default nobody needs.
 */
import type { Locale } from './describe.js';
import { exampleText, placedBy, type PreparedRule, type SetContext } from './context.js';
import { clashes } from './culprit.js';
import type { Finding, RuleSetAnalysis, RuleVerdict } from './finding.js';
import { say } from './messages.js';
import { and, isEmpty, memberOf, type Region } from './region.js';

export function analyzeFirst(ctx: SetContext): RuleSetAnalysis {
  const set = ctx.ruleSet;
  const findings: Finding[] = [];
  const verdicts: RuleVerdict[] = [];
  const tierName = (id: string) => (l: Locale) => set.tiers.find((t) => t.id === id)?.[l] || id;
  const tierOf = (p: PreparedRule) => String(p.rule.event.params?.tier);
  const live: PreparedRule[] = []; // rules that match someone, in priority order
  const wins = new Map<PreparedRule, Region>(); // where each rule is the one that places
  let untaken: Region = [{}]; // members no rule so far matches

  for (const p of ctx.rules) {
    const name = p.rule.name;
    const path = `rules[${p.index}]`;
    if (!memberOf(p.region, ctx)) {
      const reasons = clashes(p.rule.conditions, `${path}.conditions`, ctx);
      findings.push({ kind: 'unsatisfiable', severity: 'error', ruleSet: set.id, rules: [name], path, conditions: reasons.flat().map((c) => c.path), message: say.unsatisfiable(name, reasons, false) });
      verdicts.push({ name, index: p.index, status: 'unsatisfiable' });
      continue;
    }
    const region = and(ctx, p.region, untaken);
    const example = memberOf(region, ctx);
    if (example) {
      wins.set(p, region);
      verdicts.push({ name, index: p.index, status: 'wins', example });
    } else {
      const some = memberOf(p.region, ctx)!;
      const same = live.find((h) => equivalent(h, p, ctx));
      if (same) {
        const winner = placedBy(ctx, some)!;
        findings.push({ kind: 'duplicate', severity: 'error', ruleSet: set.id, rules: [name, same.rule.name], path, example: some, placedBy: winner.name, message: say.duplicateFirst(name, same.rule.name, exampleText(ctx, some, [p.rule, same.rule], true)) });
      } else {
        // Members matched by any higher rule are placed by a winning one: those are enough to cover.
        const by = cover(p, live.filter((h) => wins.has(h)), ctx);
        // Prefer an example that lands on one of the rules the message names.
        const shown = by.map((b) => memberOf(and(ctx, p.region, wins.get(b)!), ctx)).find((m) => m) ?? some;
        const placed = placedBy(ctx, shown)!;
        findings.push({ kind: 'shadowed', severity: 'error', ruleSet: set.id, rules: [name, ...by.map((b) => b.rule.name)], path, example: shown, placedBy: placed.name, message: say.shadowed(name, by.map((b) => b.rule.name), exampleText(ctx, shown, [p.rule, ...by.map((b) => b.rule)], true)) });
      }
      verdicts.push({ name, index: p.index, status: 'shadowed' });
    }
    live.push(p);
    untaken = and(ctx, untaken, p.complement());
  }

  // Overlaps: a member the earlier rule places, that the later one (another tier) matches too. A
  // narrower rule first is a ladder (core inside potential) and plainly meant: only partial overlaps are news.
  // One note per later rule (the first earlier rule it partly overlaps): a list of every pair helps nobody.
  const winning = ctx.rules.filter((p) => wins.has(p));
  for (const [j, b] of winning.entries()) {
    for (const a of winning.slice(0, j)) {
      if (tierOf(a) === tierOf(b)) continue;
      const both = memberOf(and(ctx, wins.get(a)!, b.region), ctx);
      if (!both || isEmpty(and(ctx, a.region, b.complement()), ctx)) continue;
      findings.push({
        kind: 'overlap',
        severity: 'info',
        ruleSet: set.id,
        rules: [b.rule.name, a.rule.name],
        path: `rules[${b.index}]`,
        example: both,
        placedBy: a.rule.name,
        message: say.overlap(a.rule.name, b.rule.name, tierName(tierOf(a)), tierName(tierOf(b)), exampleText(ctx, both, [a.rule, b.rule], true)),
      });
      break;
    }
  }

  const defaultTier = set.default?.tier ?? '';
  const defaultExample = memberOf(untaken, ctx) ?? undefined;
  if (!defaultExample) findings.push({ kind: 'default-unused', severity: 'info', ruleSet: set.id, rules: [], path: 'default', tier: defaultTier, message: say.defaultUnused(tierName(defaultTier)) });
  set.tiers.forEach((t, k) => {
    if (winning.some((p) => tierOf(p) === t.id) || (defaultExample && t.id === defaultTier)) return;
    const leading = ctx.rules.filter((p) => tierOf(p) === t.id).map((p) => p.rule.name);
    findings.push({ kind: 'unreachable-tier', severity: 'warning', ruleSet: set.id, rules: leading, path: `tiers[${k}]`, tier: t.id, message: say.unreachableTier(tierName(t.id), leading) });
  });
  return { ruleSet: set.id, findings, rules: verdicts.sort((a, b) => a.index - b.index), defaultExample, analyzed: true };
}

export function equivalent(a: PreparedRule, b: PreparedRule, ctx: SetContext): boolean {
  return isEmpty(and(ctx, a.region, b.complement()), ctx) && isEmpty(and(ctx, b.region, a.complement()), ctx);
}

/** The fewest higher rules (found greedily, lowest first) that together take every member `p` matches. */
function cover(p: PreparedRule, higher: PreparedRule[], ctx: SetContext): PreparedRule[] {
  let keep = higher.filter((h) => !isEmpty(and(ctx, p.region, h.region), ctx));
  for (const h of [...keep].reverse()) {
    const without = keep.filter((x) => x !== h);
    if (isEmpty(and(ctx, p.region, ...without.map((x) => x.complement())), ctx)) keep = without;
  }
  return keep;
}
