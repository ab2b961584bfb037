import { DEFAULT_POINTS_RULES } from '../../app/default-operations.js';
import { FencengError } from '../../app/errors.js';
import { SHEET_FACTS, isFactId, type SheetFactId } from '../../core/facts/facts.js';
import type { RuleSet } from '../../core/rules/types.js';
import { dialectByName, type Today } from '../../core/sql/dialect.js';
import { membersQuery } from '../../core/sql/query.js';
import { SqlCompileError } from '../../core/sql/rules.js';
import { civilDayOfInstant } from '../../core/base/time.js';
import { nowFrom, parse } from '../args.js';
import type { Io } from '../io.js';
import { requireRules } from '../load-rules.js';

export const SQL_HELP = `fenceng sql [--dialect bigquery|duckdb] [--table project.dataset.members] [--rules DIR] [--columns memberId,comments30d,…] [--order-by COLUMN] [--now 2026-11-26 | --today current] [--tz Asia/Shanghai]
  打印同一套规则的 SQL 查询（BigQuery 或 DuckDB），表的列名为字段 ID（见 README）。/ Print the rules as one SQL query (BigQuery or DuckDB) over a table whose columns are named by fact ID (see README).
  --today current 让查询每次运行时取当天（定时查询）。/ --today current makes the query use the day it runs (scheduled queries).`;

/** The rule sets an engine run uses: DIR's, or the bundled tier sets plus the bundled points rules. */
export function engineRuleSets(dir: string | undefined): { ruleSets: RuleSet[]; mapping: ReturnType<typeof requireRules>['mapping'] } {
  const rules = requireRules(dir);
  return { ruleSets: dir ? rules.ruleSets : [...rules.ruleSets, DEFAULT_POINTS_RULES], mapping: rules.mapping };
}

export async function sqlCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    dialect: { type: 'string' as const },
    table: { type: 'string' as const },
    columns: { type: 'string' as const },
    'order-by': { type: 'string' as const },
    today: { type: 'string' as const },
  });
  if (values.help || positionals.length > 0) {
    io.out(SQL_HELP);
    return values.help ? 0 : 2;
  }
  const dialect = dialectByName(values.dialect ?? 'bigquery');
  if (!dialect) throw new FencengError('usage', `--dialect 只能是 bigquery 或 duckdb：${values.dialect} / --dialect must be bigquery or duckdb: ${values.dialect}`);
  const timeZone = values.tz ?? 'Asia/Shanghai';
  if (values.today !== undefined && values.today !== 'current') throw new FencengError('usage', `--today 只能是 current：${values.today} / --today can only be "current": ${values.today}`);
  const today: Today = values.today === 'current' ? { currentIn: timeZone } : civilDayOfInstant(nowFrom(values.now), timeZone);
  const facts = (values.columns ?? Object.keys(SHEET_FACTS).join(',')).split(',').map((c) => c.trim()).filter(Boolean);
  const unknown = facts.filter((f) => !isFactId(f) || !(f in SHEET_FACTS));
  if (unknown.length) throw new FencengError('usage', `--columns 里有未知字段：${unknown.join(', ')} / Unknown facts in --columns: ${unknown.join(', ')} (${Object.keys(SHEET_FACTS).join(', ')})`);
  const table = values.table ?? (dialect.name === 'bigquery' ? 'project.dataset.members' : 'members');
  const from = dialect.name === 'bigquery' ? dialect.ident(table) : table.split('.').map(dialect.ident).join('.');
  const { ruleSets } = engineRuleSets(values.rules);
  try {
    io.out(
      `${membersQuery({
        dialect,
        ruleSets,
        today,
        source: {
          from,
          columns: facts.map((f) => dialect.ident(f)),
          factColumn: Object.fromEntries(facts.map((f, i) => [f as SheetFactId, i])),
          order: values['order-by'] ? dialect.ident(values['order-by']) : undefined,
        },
      })};`,
    );
  } catch (e) {
    if (e instanceof SqlCompileError) throw new FencengError('sql', `规则无法写成 SQL：${e.message} / The rules cannot be written as SQL: ${e.message}`);
    throw e;
  }
  return 0;
}
