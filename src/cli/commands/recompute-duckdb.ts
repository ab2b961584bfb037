import { basename, dirname, extname, join, resolve } from 'node:path';
import { FencengError } from '../../app/errors.js';
import { validateRuleSets } from '../../core/rules/load.js';
import { rulesError } from '../../app/recompute.js';
import { issueTotal } from '../../core/sql/summary.js';
import { SqlCompileError } from '../../core/sql/rules.js';
import { civilDayOfInstant, formatInstant } from '../../core/base/time.js';
import { recomputeWithDuckDb, type Stage } from '../../duckdb/recompute.js';
import { localeFrom, nowFrom } from '../args.js';
import type { Io } from '../io.js';
import { progress } from '../progress.js';
import { count } from '../../core/base/locale.js';
import { engineRuleSets } from './sql.js';
import { shownPath } from '../show-path.js';

/**
 * `recompute --engine duckdb`: for exports a spreadsheet cannot hold. Reads a
 * CSV, a Parquet file or a folder of them; writes the members' results (CSV
 * or Parquet, one row per non-blank input row) and a summary workbook.
 */
export interface DuckDbCommandValues {
  out?: string;
  summary?: string;
  rules?: string;
  tz?: string;
  now?: string;
  lang?: string;
  encoding?: string;
  json?: boolean;
  'memory-limit'?: string;
  'dry-run'?: boolean;
  'in-place'?: boolean;
}

const STAGE_LABEL: Record<Stage, string> = { load: '读取 / Loading', compute: '分层 / Tiering', write: '写出 / Writing' };

export async function recomputeDuckDbCommand(input: string, values: DuckDbCommandValues, io: Io): Promise<number> {
  if (values['in-place'] || values['dry-run']) throw new FencengError('usage', 'DuckDB 引擎不支持 --in-place 和 --dry-run / The DuckDB engine has no --in-place or --dry-run');
  const { ruleSets, mapping } = engineRuleSets(values.rules);
  const problems = validateRuleSets(ruleSets.map((s) => ({ source: s.id, json: s })));
  if (problems.length) throw rulesError(problems);
  const name = basename(input, extname(input));
  const results = values.out ?? join('out', `${name}-results.csv`);
  const summary = values.summary ?? join(dirname(results), `${basename(results, extname(results))}-summary.xlsx`);
  const now = nowFrom(values.now);
  const timeZone = values.tz ?? 'Asia/Shanghai';
  const bar = progress(io.status);
  try {
    const run = await recomputeWithDuckDb({
      input,
      encoding: values.encoding,
      ruleSets,
      mapping,
      today: civilDayOfInstant(now, timeZone),
      computedAt: formatInstant(now, timeZone),
      timeZone,
      locale: localeFrom(values.lang),
      results,
      summary,
      memoryLimit: values['memory-limit'],
      onStage: (stage) => bar.stage(STAGE_LABEL[stage]),
      onProgress: (p) => bar.update(Math.round(p), 100),
    });
    bar.done();
    const s = run.summary;
    if (values.json) {
      io.out(JSON.stringify({ input, engine: 'duckdb', results: resolve(run.results), summary: resolve(run.summaryFile), figures: s }, null, 2));
    } else {
      io.out(`分层完成：${count(s.members)} 名成员 / Tiers computed: ${count(s.members)} members (DuckDB)`);
      io.out(`未分层 ${count(s.notTiered)} 行 · 空行 ${count(s.blankRows)} · 问题 ${count(issueTotal(s))} / Not tiered ${count(s.notTiered)} · blank ${count(s.blankRows)} · issues ${count(issueTotal(s))}`);
      io.out(`已写入 / Written: ${shownPath(run.results)}`);
      io.out(`汇总 / Summary: ${shownPath(run.summaryFile)}`);
    }
    return 0;
  } catch (e) {
    bar.done();
    if (e instanceof SqlCompileError) throw new FencengError('sql', `规则无法写成 SQL：${e.message} / The rules cannot be written as SQL: ${e.message}`);
    if (e instanceof FencengError) throw e;
    throw new FencengError('duckdb', `DuckDB 运行失败，未写入结果：${(e as Error).message} / DuckDB failed, no results written: ${(e as Error).message}`);
  }
}
