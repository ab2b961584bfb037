import { SHEET_FACTS, type SheetFactId } from '../facts/facts.js';
import type { RuleSet } from '../rules/types.js';
import { factsUsedBy } from '../tiering/tiering.js';
import { asWrittenSql, civilDaySql, datePartSql, missingSql, normalizeSql, numberSql, scaledNumberSql, textSql } from './clean.js';
import { todaySql, type Dialect, type Today } from './dialect.js';
import { awardSql, conditionSql, factSql, pointsRules, tierCase, type CutColumn, type FactColumns } from './rules.js';
import type { FactId } from '../facts/facts.js';

/**
 * The whole members query: raw text cells → parsed facts → row status →
 * every `first` rule set's tier and placing rule, and points from the
 * `collect` points set, with per-row issue counts for the overview. One
 * statement, so DuckDB streams it and BigQuery runs it as it is.
 */
export interface SqlSource {
  /** What follows FROM: a table name or a table function. */
  from: string;
  /** Every column of the input (SQL expressions), in order: the blank-row test reads all of them. */
  columns: string[];
  /** Column index of each fact (from the header mapping); absent facts are missing for everyone. */
  factColumn: Partial<Record<SheetFactId, number>>;
  /** SQL giving the input's row order (first of a repeated ID wins); absent: the engine's choice. */
  order?: string;
  /** A boolean column: true when the input's columns not listed in `columns` are all blank (a loader that keeps only the mapped ones). */
  otherColumnsBlank?: string;
}

export interface MembersQueryInput {
  dialect: Dialect;
  ruleSets: RuleSet[];
  /** Civil day of today. */
  today: Today;
  source: SqlSource;
}

/** Output columns, for readers of the result. */
export const tierColumn = (set: RuleSet) => `${set.id}_tier`;
export const ruleColumn = (set: RuleSet) => `${set.id}_rule`;
export const POINTS_COLUMNS = { total: 'points', content: 'points_content', interaction: 'points_interaction', other: 'points_other', awards: 'points_rules' } as const;
/** Separates the names of the rules that awarded points in `points_rules`. */
export const AWARDS_SEPARATOR = ' | ';

const FACT_IDS = Object.keys(SHEET_FACTS) as SheetFactId[];
export const MIX_FACTS = ['comments30d', 'likes30d', 'shares30d', 'posts30d'] as const;

/** The `collect` set whose rules award points (id `points`, else the first with points events). */
export function pointsSetOf(ruleSets: RuleSet[]): RuleSet | undefined {
  const collect = ruleSets.filter((s) => s.hitPolicy === 'collect' && pointsRules(s).length > 0);
  return collect.find((s) => s.id === 'points') ?? collect[0];
}

/** The whole query as one statement. */
export function membersQuery(input: MembersQueryInput): string {
  return membersQueryStages(input).whole;
}

/**
 * The same query in two steps for an engine that stores the parsed facts
 * first (a scan it can report progress on), then judges them: `facts`, then
 * `results(<table holding facts' rows>)`.
 */
export interface MembersQueryStages {
  whole: string;
  facts: string;
  results(factsTable: string): string;
}

export function membersQueryStages({ dialect: d, ruleSets, today, source }: MembersQueryInput): MembersQueryStages {
  const tierSets = ruleSets.filter((s) => s.hitPolicy === 'first');
  const points = pointsSetOf(ruleSets);
  const used = factsUsedBy(tierSets);
  const t = (i: number) => `t${i}`;
  const col = (f: SheetFactId) => source.factColumn[f];
  const nullOf = (f: SheetFactId) => (SHEET_FACTS[f].type === 'text' ? `CAST(NULL AS ${d.name === 'duckdb' ? 'VARCHAR' : 'STRING'})` : d.toDouble('NULL'));

  const order = source.order ?? '0';
  const normalized = source.columns.map((c, i) => `${normalizeSql(d, d.toText(c))} AS ${t(i)}`);
  // Text facts are kept as written (parseMembers): the ID only for showing it, names also as their value.
  const w = (i: number) => `w${i}`;
  const textColumns = [...new Set(FACT_IDS.filter((f) => SHEET_FACTS[f].type === 'text' && col(f) !== undefined).map((f) => col(f)!))];
  for (const i of textColumns) normalized.push(`${asWrittenSql(d, d.toText(source.columns[i]))} AS ${w(i)}`);
  const blank = source.columns.map((_, i) => `${t(i)} IS NULL OR ${t(i)} = ''`);
  if (source.otherColumnsBlank) blank.push(`${source.otherColumnsBlank}`);
  const passed = source.otherColumnsBlank ? `, ${source.otherColumnsBlank}` : '';

  const parts: string[] = [];
  for (const f of FACT_IDS) {
    const i = col(f);
    if (i === undefined) continue;
    if (SHEET_FACTS[f].type === 'number') parts.push(`${scaledNumberSql(d, t(i))} AS x_${f}`);
    if (SHEET_FACTS[f].type === 'date') ([0, 1, 2] as const).forEach((k) => parts.push(`${datePartSql(d, t(i), k)} AS ${'ymd'[k]}_${f}`));
  }

  const facts: string[] = [];
  for (const f of FACT_IDS) {
    const i = col(f);
    if (i === undefined) {
      facts.push(`${nullOf(f)} AS f_${f}`, `FALSE AS miss_${f}`, `FALSE AS bad_${f}`);
      continue;
    }
    const value =
      SHEET_FACTS[f].type === 'number' ? numberSql(d, t(i), `x_${f}`)
      : SHEET_FACTS[f].type === 'date' ? civilDaySql(d, t(i), `y_${f}`, `m_${f}`, `d_${f}`, today)
      : textSql(d, t(i), f === 'memberId' ? undefined : w(i));
    facts.push(`${value} AS f_${f}`, `${missingSql(d, t(i))} AS miss_${f}`);
  }
  const idColumn = col('memberId');
  facts.push(`${idColumn === undefined ? nullOf('memberId') : textSql(d, t(idColumn), w(idColumn))} AS memberIdText`);

  const cols: FactColumns = { sheet: (f) => `f_${f}` };
  const ok = (e: string) => `CASE WHEN status = 'ok' THEN ${e} END`;
  // Each rule's condition and award is computed once, in its own column; the tier CASE and the sums read those.
  const conditions: string[] = [];
  const cuts: string[] = [];
  const out: string[] = ['src_order AS row_order', 'f_memberId AS memberId', 'memberIdText', 'f_nickname AS nickname', 'status'];
  tierSets.forEach((s, k) => {
    // "Top N%" cuts: one small CTE per (fact, top) of this rule set, over the ok rows (percentile.ts).
    const names = new Map<string, string>();
    const cut: CutColumn = (fact, top) => {
      const key = `${fact}\u0000${top}`;
      if (!names.has(key)) {
        const name = `pct${k}_${names.size}`;
        names.set(key, name);
        cuts.push(cutSql(d, name, factSql(d, s, fact as FactId, cols, today), top));
      }
      return `(SELECT cut FROM ${names.get(key)})`;
    };
    const held = s.rules.map((r, i) => {
      conditions.push(`${conditionSql(d, s, r.conditions, cols, today, cut)} AS c${k}_${i}`);
      return { rule: r, held: `c${k}_${i}` };
    });
    const { tier, rule } = tierCase(d, s, held);
    out.push(`${ok(tier)} AS ${d.ident(tierColumn(s))}`, `${ok(rule)} AS ${d.ident(ruleColumn(s))}`);
  });
  const awards: string[] = [];
  if (points) {
    const rules = pointsRules(points);
    rules.forEach((r, i) => awards.push(`${awardSql(d, points, r, cols, today)} AS a${i}`));
    const sum = (keep: (i: number) => boolean) => {
      const terms = rules.map((_, i) => `a${i}`).filter((_, i) => keep(i));
      return ok(terms.length ? `${d.num(0)} + ${terms.join(' + ')}` : d.num(0));
    };
    const category = (i: number) => (rules[i].event.params?.category as string | undefined) ?? 'other';
    out.push(`${sum(() => true)} AS ${POINTS_COLUMNS.total}`);
    for (const c of ['content', 'interaction', 'other'] as const) out.push(`${sum((i) => category(i) === c)} AS ${POINTS_COLUMNS[c]}`);
    const names = rules.map((r, i) => `CASE WHEN a${i} > ${d.num(0)} THEN ${d.str(r.name)} END`);
    out.push(`${ok(`NULLIF(ARRAY_TO_STRING([${names.join(', ')}], ${d.str(AWARDS_SEPARATOR)}), '')`)} AS ${POINTS_COLUMNS.awards}`);
  }
  // The dashboard's interaction mix sums these over tiered members (missing = 0).
  for (const f of MIX_FACTS) out.push(`${ok(`COALESCE(f_${f}, ${d.num(0)})`)} AS ${f}`);
  // Per-row issue counts, as parseMembers reports them (members.ts).
  const present = FACT_IDS.filter((f) => col(f) !== undefined);
  const count = (terms: string[]) => (terms.length ? terms.map((x) => `CASE WHEN ${x} THEN 1 ELSE 0 END`).join(' + ') : '0');
  out.push(`${count(present.map((f) => `NOT miss_${f} AND f_${f} IS NULL`))} AS unreadable_cells`);
  out.push(`CASE WHEN status = 'ok' THEN ${count(present.filter((f) => f !== 'memberId' && used.has(f)).map((f) => `miss_${f}`))} ELSE 0 END AS missing_values`);
  out.push(`${count(present.filter((f) => SHEET_FACTS[f].type === 'date').map((f) => `f_${f} > ${todaySql(d, today)}`))} AS future_dates`);

  const srcCte = `src AS (
  SELECT ${order} AS src_order${passed}, ${normalized.join(',\n    ')}
  FROM ${source.from}
)`;
  const partsCte = `parts AS (
  SELECT *,
    ${blank.length ? blank.map((b) => `(${b})`).join(' AND ') : 'TRUE'} AS blank_row${parts.length ? `,\n    ${parts.join(',\n    ')}` : ''}
  FROM src
)`;
  const factsSelect = `  SELECT src_order, blank_row,
    ${facts.join(',\n    ')}
  FROM parts`;
  const rest = (from: string) => `ranked AS (
  SELECT *,
    CASE WHEN blank_row THEN 'blank'
      WHEN f_memberId IS NULL THEN 'missing-id'
      WHEN ROW_NUMBER() OVER (PARTITION BY f_memberId ORDER BY src_order) > 1 THEN 'duplicate-id'
      ELSE 'ok' END AS status
  FROM ${from}
),${cuts.map((c) => `\n${c},`).join('')}
judged AS (
  SELECT *${[...conditions, ...awards].map((c) => `,\n    ${c}`).join('')}
  FROM ranked
)
SELECT ${out.join(',\n  ')}
FROM judged
-- Blank rows are dropped last: a filter further up would make the engine compute the cleaned cells twice.
WHERE status <> 'blank'`;
  return {
    whole: `WITH ${srcCte},\n${partsCte},\nfacts AS (\n${factsSelect}\n),\n${rest('facts')}`,
    facts: `WITH ${srcCte},\n${partsCte}\n${factsSelect}`,
    results: (factsTable) => `WITH ${rest(factsTable)}`,
  };
}

/**
 * The cut of the top `top`% by `value` over the ok rows, exactly as
 * percentile.ts defines it: among the n rows with a value, the value at rank
 * k = max(1, ⌈n·top/100⌉) from the largest (the smallest of the k largest;
 * ties do not change it). n·top/100 is computed in doubles in the same
 * order as JavaScript, so k is the same. NULL when no row has a value.
 */
function cutSql(d: Dialect, name: string, value: string, top: number): string {
  const k = `CEIL(${d.toDouble('n')} * ${d.num(top)} / ${d.num(100)})`;
  return `${name} AS (
  SELECT MIN(v) AS cut FROM (
    SELECT v, ROW_NUMBER() OVER (ORDER BY v DESC) AS rn, COUNT(*) OVER () AS n
    FROM (SELECT ${value} AS v FROM ranked WHERE status = 'ok') AS vals
    WHERE v IS NOT NULL
  ) AS ordered
  WHERE rn <= GREATEST(1, ${k})
)`;
}
