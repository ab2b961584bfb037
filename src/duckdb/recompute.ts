import { mkdirSync, mkdtempSync, rmSync, renameSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { FencengError } from '../app/errors.js';
import { SHEET_FACTS, type SheetFactId } from '../core/facts/facts.js';
import { mapHeaders, type HeaderMapping } from '../core/facts/headers.js';
import { excerpt } from '../core/base/cells.js';
import type { IssueCode } from '../core/base/issues.js';
import type { Locale } from '../core/base/locale.js';
import { rulesVersion } from '../core/rules/load.js';
import type { RuleSet } from '../core/rules/types.js';
import { DUCKDB } from '../core/sql/dialect.js';
import { normalizeSql } from '../core/sql/clean.js';
import { membersQueryStages, pointsSetOf, POINTS_COLUMNS, ruleColumn, tierColumn, MIX_FACTS } from '../core/sql/query.js';
import { summaryTables, type EngineSummary } from '../core/sql/summary.js';
import { factsUsedBy } from '../core/tiering/tiering.js';
import { XlsxWorkbook } from '../ports/xlsx.js';
import { openDuckDb, type DuckDb } from './db.js';
import { csvHeader, listInputs, readCsvSql, readParquetSql, toUtf8, type InputFile } from './input.js';

/**
 * `fenceng recompute --engine duckdb`: the members' cells go into one DuckDB
 * table (only the mapped columns, plus whether the others are blank), the
 * compiled members query turns them into tiers and points inside DuckDB, the
 * results are copied out as CSV or Parquet and the summary figures become a
 * small workbook. Memory is bounded by DuckDB's memory_limit; it spills to a
 * temporary folder beyond that.
 */
export interface EngineRunOptions {
  input: string;
  encoding?: string;
  ruleSets: RuleSet[];
  mapping: HeaderMapping;
  today: number;
  computedAt: string;
  timeZone: string;
  locale: Locale;
  /** Results file: .csv or .parquet. */
  results: string;
  /** Summary workbook (.xlsx). */
  summary: string;
  memoryLimit?: string;
  threads?: number;
  onStage?: (stage: Stage) => void;
  onProgress?: (percent: number) => void;
}

export type Stage = 'load' | 'compute' | 'write';

export interface EngineRunResult {
  summary: EngineSummary;
  results: string;
  summaryFile: string;
}

const FACTS = Object.keys(SHEET_FACTS) as SheetFactId[];
const quoteId = DUCKDB.ident;

export async function recomputeWithDuckDb(o: EngineRunOptions): Promise<EngineRunResult> {
  const resultsFormat = extname(o.results).toLowerCase() === '.parquet' ? 'parquet' : extname(o.results).toLowerCase() === '.csv' ? 'csv' : undefined;
  if (!resultsFormat) throw new FencengError('usage', `结果文件须为 .csv 或 .parquet：${o.results} / The results file must be .csv or .parquet: ${o.results}`);
  const files = listInputs(o.input);
  const work = mkdtempSync(join(tmpdir(), 'fenceng-duckdb-'));
  let db: DuckDb | undefined;
  // The results are copied to a temporary file next to the target and renamed last: a failed run leaves the old results as they were.
  let tmpResults: string | undefined;
  try {
    db = await openDuckDb({ path: join(work, 'run.duckdb'), memoryLimit: o.memoryLimit ?? '1GB', threads: o.threads, tempDirectory: join(work, 'spill') });
    const used = factsUsedBy(o.ruleSets.filter((s) => s.hitPolicy === 'first'));
    const columnIssues: EngineSummary['columnIssues'] = [];
    o.onStage?.('load');
    await db.run(`CREATE TABLE raw (file INTEGER, others_blank BOOLEAN, ${FACTS.map((f) => `${quoteId(f)} VARCHAR`).join(', ')})`);
    const present = new Set<SheetFactId>();
    const offsets: number[] = [];
    for (const [i, file] of files.entries()) {
      const { reader, header } = await readerFor(db, file, o.encoding, work, i);
      const map = mapHeaders(header, o.mapping);
      for (const { fact, column } of map.duplicates) {
        columnIssues.push({ file: file.name, code: 'duplicate-column', message: `第 ${column + 1} 列与第 ${map.columns[fact]! + 1} 列同为「${SHEET_FACTS[fact].zh}」，本列被忽略 / Column ${column + 1} is the same fact as column ${map.columns[fact]! + 1} (${SHEET_FACTS[fact].en}); ignored` });
      }
      for (const fact of used) {
        if (map.columns[fact] === undefined) columnIssues.push({ file: file.name, code: 'missing-column', message: `找不到「${SHEET_FACTS[fact].zh}」列，所有成员按缺失处理 / No "${SHEET_FACTS[fact].en}" column; treated as missing for every member` });
      }
      const mapped = new Set(Object.values(map.columns));
      const cell = (k: number) => DUCKDB.toText(file.kind === 'csv' ? `c${k}` : quoteId(header[k]));
      const others = header.map((_, k) => k).filter((k) => !mapped.has(k)).map((k) => `coalesce(${normalizeSql(DUCKDB, cell(k))}, '') = ''`);
      const select = FACTS.map((f) => (map.columns[f] === undefined ? 'NULL' : cell(map.columns[f]!)));
      FACTS.forEach((f) => map.columns[f] !== undefined && present.add(f));
      offsets.push(Number((await db.rows('SELECT count(*) AS n FROM raw'))[0].n));
      await runStep(db, `INSERT INTO raw SELECT ${i}, ${others.length ? others.join(' AND ') : 'TRUE'}, ${select.join(', ')} FROM ${reader}`, o.onProgress);
    }

    o.onStage?.('compute');
    const stages = membersQueryStages({
      dialect: DUCKDB,
      ruleSets: o.ruleSets,
      today: o.today,
      source: { from: 'raw', columns: FACTS.map(quoteId), factColumn: Object.fromEntries(FACTS.map((f, k) => [f, k]).filter(([f]) => present.has(f as SheetFactId))), order: 'rowid', otherColumnsBlank: 'others_blank' },
    });
    const rowsRead = Number((await db.rows('SELECT count(*) AS n FROM raw'))[0].n);
    // Parsed facts first (a scan: progress shows), then the window and the rules over them.
    await runStep(db, `CREATE TABLE facts AS ${stages.facts}`, o.onProgress);
    await db.run('DROP TABLE raw');
    await runStep(db, `CREATE TABLE results AS ${stages.results('facts')}`, o.onProgress);
    await db.run('DROP TABLE facts');
    const summary = await summarize(db, o, files, columnIssues, rowsRead);
    const nobody = summary.members === 0 ? noMembersReason(files, present.has('memberId'), summary.blankRows === rowsRead) : undefined;
    if (nobody) throw new FencengError('no-members', `没有可分层的成员，未写入任何内容。${nobody.zh} / No members to tier, nothing written. ${nobody.en}`);

    o.onStage?.('write');
    mkdirSync(dirname(resolve(o.results)), { recursive: true });
    tmpResults = join(dirname(resolve(o.results)), `.${basename(o.results)}.${process.pid}.tmp`);
    const tierSets = o.ruleSets.filter((s) => s.hitPolicy === 'first');
    const points = pointsSetOf(o.ruleSets);
    // Rows of file i are rowids offsets[i]… (files were inserted in order): its sheet row is rowid − offset + 2.
    const fileOf = (pick: (i: number) => string) => `CASE ${files.map((_, i) => i).reverse().map((i) => `WHEN row_order >= ${offsets[i]} THEN ${pick(i)}`).join(' ')} END`;
    const fileName = files.length > 1 ? `${fileOf((i) => DUCKDB.str(files[i].name))} AS file, ` : '';
    const columns = [
      ...tierSets.flatMap((s) => [quoteId(tierColumn(s)), quoteId(ruleColumn(s))]),
      // Points are whole numbers; written as integers (a sum past 9.2e18 would be left empty).
      ...(points ? Object.values(POINTS_COLUMNS).map((c) => (c === POINTS_COLUMNS.awards ? c : `TRY_CAST(${c} AS BIGINT) AS ${c}`)) : []),
      'unreadable_cells', 'missing_values', 'future_dates',
    ];
    await runStep(db, `COPY (SELECT ${fileName}row_order - ${fileOf((i) => String(offsets[i]))} + 2 AS row, memberIdText AS memberId, nickname, status, ${columns.join(', ')} FROM results ORDER BY row_order) TO ${DUCKDB.str(tmpResults)} (FORMAT ${resultsFormat}${resultsFormat === 'csv' ? ', HEADER' : ''})`, o.onProgress);
    db.close();
    db = undefined;
    const book = await XlsxWorkbook.create(summaryTables(summary, o.ruleSets, o.locale));
    mkdirSync(dirname(resolve(o.summary)), { recursive: true });
    await book.save(o.summary);
    renameSync(tmpResults, o.results);
    tmpResults = undefined;
    return { summary, results: o.results, summaryFile: o.summary };
  } finally {
    db?.close();
    if (tmpResults) rmSync(tmpResults, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

/** Why the input yields nobody to tier, as the JavaScript path says it (members.ts noMembersReason), for files instead of a sheet. */
function noMembersReason(files: InputFile[], hasIdColumn: boolean, allBlank: boolean): { zh: string; en: string } {
  const names = files.map((f) => excerpt(f.name)).join('、');
  const namesEn = files.map((f) => excerpt(f.name)).join(', ');
  if (!hasIdColumn) {
    return {
      zh: `缺少列：${names} 里找不到「${SHEET_FACTS.memberId.zh}」列。请确认文件，或在表头映射（headers.json）里加上这一列`,
      en: `Missing column: ${namesEn} has no "${SHEET_FACTS.memberId.en}" column. Check the file, or map the header (headers.json)`,
    };
  }
  if (allBlank) return { zh: `${names} 只有表头，没有成员`, en: `${namesEn}: a header but no members` };
  return { zh: `${names} 没有一行有成员ID`, en: `No row of ${namesEn} has a member ID` };
}

async function runStep(db: DuckDb, sql: string, onProgress?: (p: number) => void): Promise<void> {
  if (onProgress) await db.runWithProgress(sql, onProgress);
  else await db.run(sql);
  onProgress?.(100);
}

/** The reader for one file, and its header. Non-UTF-8 CSVs are re-encoded first. */
async function readerFor(db: DuckDb, file: InputFile, encoding: string | undefined, work: string, i: number): Promise<{ reader: string; header: string[] }> {
  if (file.kind === 'parquet') {
    const cols = await db.rows(`DESCRIBE SELECT * FROM ${readParquetSql(file.path)}`);
    return { reader: readParquetSql(file.path), header: cols.map((c) => String(c.column_name)) };
  }
  const { header, encoding: found } = csvHeader(file.path, encoding);
  let path = file.path;
  if (found !== 'utf-8') {
    path = join(work, `input-${i}.csv`);
    await toUtf8(file.path, found, path);
  }
  return { reader: readCsvSql(path, header.length), header };
}

async function summarize(db: DuckDb, o: EngineRunOptions, files: InputFile[], columnIssues: EngineSummary['columnIssues'], rowsRead: number): Promise<EngineSummary> {
  const tierSets = o.ruleSets.filter((s) => s.hitPolicy === 'first');
  const points = pointsSetOf(o.ruleSets);
  const num = (v: unknown) => Number(v ?? 0);
  const [totals] = await db.rows(`SELECT
      count(*) FILTER (WHERE status = 'ok') AS members,
      count(*) FILTER (WHERE status = 'missing-id') AS missing_id,
      count(*) FILTER (WHERE status = 'duplicate-id') AS duplicate_id,
      sum(unreadable_cells) AS unreadable, sum(missing_values) AS missing_values, sum(future_dates) AS future_dates,
      ${MIX_FACTS.map((f) => `coalesce(sum(${f}), 0) AS ${f}`).join(', ')}
      ${points ? `, ${['total', 'content', 'interaction', 'other'].map((c) => `coalesce(sum(${POINTS_COLUMNS[c as 'total']}), 0) AS p_${c}`).join(', ')}` : ''}
    FROM results`);
  const tiers: EngineSummary['tiers'] = {};
  for (const s of tierSets) {
    tiers[s.id] = {};
    for (const r of await db.rows(`SELECT ${quoteId(tierColumn(s))} AS tier, count(*) AS n FROM results WHERE status = 'ok' GROUP BY 1`)) tiers[s.id][String(r.tier)] = num(r.n);
  }
  const matrix: EngineSummary['matrix'] = {};
  const act = tierSets.find((s) => s.id === 'activity');
  const con = tierSets.find((s) => s.id === 'contribution');
  if (act && con) {
    for (const r of await db.rows(`SELECT ${quoteId(tierColumn(act))} AS a, ${quoteId(tierColumn(con))} AS c, count(*) AS n FROM results WHERE status = 'ok' GROUP BY 1, 2`)) {
      (matrix[String(r.a)] ??= {})[String(r.c)] = num(r.n);
    }
  }
  const leaders = points
    ? (await db.rows(`SELECT memberIdText AS memberId, nickname, ${POINTS_COLUMNS.total} AS p FROM results WHERE status = 'ok' AND ${POINTS_COLUMNS.total} > 0 ORDER BY p DESC, row_order LIMIT 10`)).map((r, i) => ({ rank: i + 1, memberId: String(r.memberId), nickname: String(r.nickname ?? ''), points: num(r.p) }))
    : [];
  const issuesByCode: Partial<Record<IssueCode, number>> = {
    'missing-id': num(totals.missing_id),
    'duplicate-id': num(totals.duplicate_id),
    'unreadable-cell': num(totals.unreadable),
    'missing-value': num(totals.missing_values),
    'future-date': num(totals.future_dates),
    'missing-column': columnIssues.filter((c) => c.code === 'missing-column').length,
    'duplicate-column': columnIssues.filter((c) => c.code === 'duplicate-column').length,
  };
  const notTiered = num(totals.missing_id) + num(totals.duplicate_id);
  return {
    computedAt: o.computedAt,
    timeZone: o.timeZone,
    rulesVersion: rulesVersion(o.ruleSets),
    inputs: files.map((f) => f.name),
    rowsRead,
    blankRows: rowsRead - num(totals.members) - notTiered,
    members: num(totals.members),
    notTiered,
    tiers,
    matrix,
    issuesByCode,
    columnIssues,
    mix: Object.fromEntries(MIX_FACTS.map((f) => [f, num(totals[f])])) as EngineSummary['mix'],
    points: points ? { total: num(totals.p_total), content: num(totals.p_content), interaction: num(totals.p_interaction), other: num(totals.p_other) } : null,
    leaders,
  };
}
