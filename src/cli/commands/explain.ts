import { FencengError } from '../../app/errors.js';
import { ALL_FACTS, type FactId } from '../../core/facts/facts.js';
import { formatCivilDay } from '../../core/base/time.js';
import { sheetRowOf } from '../../core/base/table.js';
import { engineFrom, localeFrom, nowFrom, parse } from '../args.js';
import type { Io } from '../io.js';
import { requireRules } from '../load-rules.js';
import { openWorkbook } from '../open-workbook.js';
import { activeRules } from '../../app/rule-store.js';
import { displayWidth } from '../../core/base/text-width.js';
import { count, type Locale } from '../../core/base/locale.js';
import { withUnit } from '../../core/rules/words.js';
import { recompute } from '../../app/recompute.js';

export const EXPLAIN_HELP = `fenceng explain <workbook> <memberId> [--json] [--rules DIR] [--sheet NAME] [--tz …] [--now …] [--lang zh|en] [--engine compiled|json-rules-engine]
  显示一名成员的解析值、命中规则、分层依据和距下一层级。/ Show one member's facts, matching rules, explanation and progress.`;

export async function explainCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { sheet: { type: 'string' as const }, engine: { type: 'string' as const } });
  if (values.help || positionals.length !== 2) {
    io.out(EXPLAIN_HELP);
    return values.help ? 0 : 2;
  }
  const [path, memberId] = positionals;
  const rules = values.rules ? requireRules(values.rules) : undefined;
  const { workbook } = await openWorkbook(path, values.encoding);
  // Without --rules: the rules saved in the workbook, as recompute uses them.
  const saved = rules ? undefined : activeRules(workbook);
  const wanted = memberId.trim();
  // A dry run of the real pipeline, so the answer includes grace periods and
  // locks exactly as the sheet would show them.
  const result = await recompute(workbook, {
    now: nowFrom(values.now),
    timeZone: values.tz ?? saved?.doc.settings.timeZone ?? 'Asia/Shanghai',
    locale: localeFrom(values.lang),
    dryRun: true,
    sheet: values.sheet,
    ruleSets: rules?.ruleSets,
    mapping: rules?.mapping,
    saved,
    engine: engineFrom(values.engine),
  });
  const tiered = result.effective!;
  const locale = localeFrom(values.lang);
  const row = tiered.parsed.rows.find((r) => r.memberId === wanted && r.status === 'ok');
  if (!row) throw new FencengError('no-member', `找不到成员「${wanted}」 / No member "${wanted}"`);
  const placements = tiered.placements.get(row.index)!;

  // Facts with dates shown as calendar dates; derived facts as the first rule set computed them.
  const evaluations = Object.fromEntries(Object.keys(placements).map((id) => [id, tiered.evaluation(row, id)!]));
  const firstEval = Object.values(evaluations)[0]?.facts ?? row.facts;
  const facts: Record<string, unknown> = {};
  for (const id of Object.keys(ALL_FACTS) as FactId[]) {
    const v = id in row.facts ? row.facts[id] : firstEval[id];
    facts[id] = ALL_FACTS[id].type === 'date' && typeof v === 'number' ? formatCivilDay(v) : (v ?? null);
  }
  const out: Record<string, unknown> = { memberId: wanted, row: sheetRowOf(row.index), facts };
  for (const [setId, p] of Object.entries(placements)) {
    out[setId] = { tier: p.tier ?? null, rule: evaluations[setId].placedBy?.rule.name ?? null, explanation: p.explanation, progress: p.progress, matchedRules: evaluations[setId].matches.map((m) => m.rule.name) };
  }
  if (values.json) {
    io.out(JSON.stringify(out, null, 2));
    return 0;
  }
  io.out(`成员 / Member ${wanted}（第 ${out.row} 行 / row ${out.row}）`);
  for (const line of factLines(facts, locale)) io.out(line);
  for (const [setId, p] of Object.entries(placements)) {
    io.out('');
    io.out(`[${setId}] ${p.explanation}`);
    if (p.progress) io.out(`  ${p.progress}`);
  }
  return 0;
}

/**
 * Each fact once: a value and what is derived from it under the same name
 * share a line (最近活跃 2026-11-26（今天）); counts in the summary's format
 * (1,500); names aligned by shown width.
 */
function factLines(facts: Record<string, unknown>, locale: Locale): string[] {
  const byLabel = new Map<string, string[]>();
  for (const [id, v] of Object.entries(facts)) {
    const info = ALL_FACTS[id as FactId];
    const label = info[locale];
    const shown = v === null ? '—' : typeof v === 'number' && info.type === 'number' ? withUnit(id, v, count(v), locale) : `${String(v)}${info.unit ? info.unit[locale] : ''}`;
    const list = byLabel.get(label) ?? [];
    if (v !== null || list.length === 0) list.push(shown);
    byLabel.set(label, list.filter((x, i, all) => x !== '—' || all.length === 1));
  }
  const width = Math.max(0, ...[...byLabel.keys()].map(displayWidth)) + 2;
  return [...byLabel].map(([label, [first, ...more]]) => {
    const pad = ' '.repeat(Math.max(1, width - displayWidth(label)));
    const extra = more.length ? (locale === 'zh' ? `（${more.join('，').trim()}）` : ` (${more.join(', ').trim()})`) : '';
    return `  ${label}${pad}${first}${extra}`;
  });
}
