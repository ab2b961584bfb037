import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { Table } from '../../core/base/table.js';
import { XlsxWorkbook } from '../../ports/xlsx.js';
import { recompute, rulesError, type RecomputeResult } from '../../app/recompute.js';
import { engineFrom, localeFrom, nowFrom, parse } from '../args.js';
import { requireRules } from '../load-rules.js';
import { activeRules } from '../../app/rule-store.js';
import { WORKBOOK_EXTENSIONS, defaultOutput, openWorkbook } from '../open-workbook.js';
import { progress } from '../progress.js';
import { reportPathFor, shownPath } from '../show-path.js';
import { count } from '../../core/base/locale.js';
import type { Io } from '../io.js';
import { FencengError } from '../../app/errors.js';
import { checkReplaceable, writeFileAtomic } from '../../ports/atomic-write.js';
import { currentStamp } from '../../ports/file-stamp.js';
import { readPlans } from '../load-plans.js';
import { renderReportHtml, type ReportExtras } from '../../report/report-html.js';
import { CsvWorkbook } from '../../ports/csv.js';
import { writeCsvFile, type CsvWriteOptions } from '../../ports/csv/write.js';
import { oversizedSheets } from '../../app/oversized-sheets.js';
import { csvRunLines, writeCsvRunOutput } from '../csv-results.js';

export const RECOMPUTE_HELP = `fenceng recompute <workbook.xlsx|members.csv> [--rules DIR] [--out FILE | --in-place] [--sheet NAME] [--split-admins DIR] [--dry-run] [--json] [--tz Asia/Shanghai] [--now 2026-11-26] [--lang zh|en] [--encoding gb18030]
  重新计算分层并写入新文件（默认 out/<文件名>.xlsx）。/ Recompute tiers into a new file (default out/<name>.xlsx).
  CSV 输入的结果若有工作表放不进 .xlsx（超过 1,048,576 行、16,384 列或约 256 MB），该表另写为 <out 文件名>.<表名>.csv，--out 的 .xlsx 放其余工作表，首页「文件说明」。/ When a sheet of a CSV input's result does not fit an .xlsx (over 1,048,576 rows, 16,384 columns or about 256 MB), it is written as <out name>.<sheet>.csv; the --out .xlsx holds every other sheet, led by a "Files" sheet.
  输入可以是 .xlsx、.csv 或制表符分隔的 .txt/.tsv（含 UTF-16「Unicode 文本」）。/ Input: .xlsx, .csv or tab-separated .txt/.tsv (UTF-16 "Unicode text" too).
  --sheet NAME 成员表的名称（默认按表头识别）。/ The members sheet (default: found by its headers).
  --split-admins DIR 另为每位普通管理员写一个 .xlsx（其负责的成员）。/ Also write one .xlsx per regular admin (their members).
  --engine json-rules-engine 用参考引擎 json-rules-engine 计算（较慢，结果相同；默认 compiled，即编译后的规则）。/ Evaluate with the reference engine json-rules-engine (slower, same result; the default, compiled, runs the compiled rules).
fenceng recompute <members.csv|members.parquet|FOLDER> --engine duckdb [--out results.csv|results.parquet] [--summary summary.xlsx] [--memory-limit 1GB] [--rules DIR] [--now …] [--tz …]
  超出电子表格的大文件用 DuckDB 计算，结果写成 CSV/Parquet 加一个汇总 .xlsx。/ Exports past a spreadsheet's size run on DuckDB: results as CSV/Parquet plus a summary .xlsx.`;

export async function recomputeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' as const }, 'in-place': { type: 'boolean' as const }, 'dry-run': { type: 'boolean' as const }, 'split-admins': { type: 'string' as const }, sheet: { type: 'string' as const }, engine: { type: 'string' as const }, summary: { type: 'string' as const }, 'memory-limit': { type: 'string' as const } });
  if (values.help || positionals.length !== 1) {
    io.out(RECOMPUTE_HELP);
    return values.help ? 0 : 2;
  }
  const input = positionals[0];
  // Loaded on demand: the JavaScript path never pays for DuckDB's native module.
  if (values.engine === 'duckdb') return (await import('./recompute-duckdb.js')).recomputeDuckDbCommand(input, values, io);
  const engine = engineFrom(values.engine);
  if (values['in-place'] && values.out) throw new FencengError('usage', '--in-place 与 --out 不能同时使用 / --in-place and --out cannot be used together');
  if (values.out !== undefined) checkOutput(input, values.out);
  const locale = localeFrom(values.lang);
  const rules = requireRules(values.rules);
  const plans = readPlans(values.rules, rules.ruleSets);
  if (plans.problems.length) throw rulesError(plans.problems);
  const output = values['dry-run'] ? undefined : values['in-place'] ? input : (values.out ?? defaultOutput(input));
  // Refuse a folder or read-only file before working; when replacing the input, note what was read so a save made meanwhile (Excel, the preview) is not overwritten.
  if (output) await checkReplaceable(output);
  const replacesInput = output !== undefined && existsSync(input) && existsSync(output) && realpathSync(output) === realpathSync(input);
  const readStamp = replacesInput ? await currentStamp(input) : undefined;
  const status = progress(io.status);
  status.stage('读取 / Reading', shownPath(input));
  // A CSV is read in one streaming pass; its progress is in megabytes.
  const { workbook, format } = await openWorkbook(input, values.encoding, (d, t) => status.update(Math.round(d / 2 ** 20), Math.round(t / 2 ** 20)));
  if (values['in-place'] && format !== 'xlsx') throw new FencengError('usage', 'CSV 不能原地更新，结果会写成 .xlsx / A CSV cannot be updated in place; results are written as .xlsx');
  // Without --rules: the rules saved in the workbook (its hidden _fenceng_rules sheet), else the defaults.
  const saved = values.rules ? undefined : activeRules(workbook);
  const result = await recompute(workbook, {
    now: nowFrom(values.now),
    timeZone: values.tz ?? saved?.doc.settings.timeZone ?? 'Asia/Shanghai',
    locale,
    dryRun: values['dry-run'],
    sheet: values.sheet,
    ruleSets: saved ? undefined : rules.ruleSets,
    mapping: saved ? undefined : rules.mapping,
    saved,
    adminsConfig: rules.adminsConfig,
    operations: plans.config,
    onStage: (s) => (s.stage === 'plan' ? status.stage('分层与计划 / Tiering and planning', `${count(s.rows)} 行 / rows`) : status.stage('写入 / Writing', `${count(s.sheets)} 个工作表 / sheets`)),
    onProgress: (d, t) => status.update(d, t),
    engine,
    // A CSV's result may hold sheets beyond Excel's grid: csv-results.ts writes those as CSV.
    largeSheetsElsewhere: workbook instanceof CsvWorkbook,
  });
  // A CSV's result: one .xlsx, or, when a sheet is too large for one, that sheet as CSV beside the .xlsx of the rest.
  const csvOutput = output && workbook instanceof CsvWorkbook ? await writeCsvRunOutput(workbook, output, { locale, status }) : undefined;
  if (output && workbook instanceof XlsxWorkbook) {
    status.stage('保存 / Saving', shownPath(output));
    await writeFileAtomic(output, workbook.toBuffer(), { expected: readStamp, makeParents: true });
  }
  const written = output ? [...(csvOutput?.parts.map((p) => p.path) ?? []), output] : [];
  // The dashboard as a page next to the output, named after it (two outputs in one folder keep two reports).
  const report = output ? reportPathFor(output) : undefined;
  // From here the workbook is written: a failure must say so, not "nothing written".
  if (report && output) {
    try {
      await writeFileAtomic(report, Buffer.from(renderReportHtml(result.operations.dashboard, reportExtras(result)), 'utf8'));
    } catch (e) {
      throw afterWrite(written, `运营报告 ${report} 写入失败`, `writing the report ${report} failed`, e);
    }
  }
  if (output && values['split-admins']) status.stage('管理员文件 / Admin files', `${count(result.adminFiles.length)}`);
  const split = output && values['split-admins'] ? await writeAdminFiles(values['split-admins'], result.adminFiles, [...written, ...(report ? [report] : [])], csvOptions(workbook)) : [];
  status.done();
  if (values.json) {
    io.out(JSON.stringify({ input, format, output: output ? resolve(output) : null, csvParts: (csvOutput?.parts ?? []).map((p) => ({ sheet: p.sheet, rows: p.rows, path: resolve(p.path) })), adminFiles: split.map((f) => resolve(f)), report: report ?? null, summary: result.summary, operations: result.operations.summary, issues: result.issues.length }, null, 2));
  } else {
    io.out(result.text);
    if (saved?.version) io.out(`使用工作簿中保存的规则版本 ${saved.version.version} / Using rules version ${saved.version.version} saved in the workbook`);
    if (csvOutput) for (const line of csvRunLines(csvOutput)) io.out(line);
    else io.out(output ? `已写入 / Written: ${shownPath(output)}` : '预演：未写入任何文件 / Dry run: no file written');
    if (report) io.out(`运营报告 / Report: ${shownPath(report)}`);
    if (values['split-admins']) {
      io.out(split.length ? `管理员文件 ${count(split.length)} 个 / ${count(split.length)} admin files → ${shownPath(values['split-admins'])}` : '没有可拆分的管理员（需要「管理员」表） / No admin files (needs an Admins sheet)');
    }
  }
  return 0;
}

/**
 * One workbook per admin, named like their sheet; each written atomically.
 * An admin's list too large for an .xlsx is written as CSV instead.
 * `before`: files already written, for the message if one fails.
 */
async function writeAdminFiles(dir: string, files: Array<{ admin: string; table: Table }>, before: string[], csv: CsvWriteOptions): Promise<string[]> {
  const written: string[] = [];
  try {
    mkdirSync(resolve(dir), { recursive: true });
    for (const f of files) {
      const grid = [f.table.header, ...f.table.rows];
      const tooLarge = oversizedSheets([{ sheet: f.table.sheet, grid }]).length > 0;
      const path = join(dir, `${f.table.sheet}.${tooLarge ? 'csv' : 'xlsx'}`);
      if (tooLarge) await writeCsvFile(path, grid, csv);
      else await (await XlsxWorkbook.create([f.table])).save(path);
      written.push(path);
    }
  } catch (e) {
    throw afterWrite([...before, ...written], `管理员文件写入失败（已写 ${written.length}/${files.length} 个）`, `writing the admin files failed (${written.length} of ${files.length} written)`, e);
  }
  return written;
}

/** A failure after some files were written: which ones, and what failed. */
function afterWrite(written: string[], zh: string, en: string, e: unknown): FencengError {
  const why = e instanceof Error ? e.message : String(e);
  return new FencengError('partly-written', `已写入：${written.join('、')}；但${zh}：${why} / Written: ${written.join(', ')}; but ${en}: ${why}`);
}

/**
 * Refuse an output that would lose something before any work is done: the
 * input itself (that is what --in-place is for) or a name that is not a
 * workbook — results are many sheets, which a .csv cannot hold.
 */
function checkOutput(input: string, out: string): void {
  if (!WORKBOOK_EXTENSIONS.includes(extname(out).toLowerCase())) {
    throw new FencengError('usage', `结果是多个工作表的工作簿，--out 只能是 .xlsx 文件：${shownPath(out)} / The results are a workbook of several sheets; --out must be an .xlsx file: ${shownPath(out)}`);
  }
  if (sameFile(input, out)) {
    throw new FencengError('usage', `--out 就是输入文件 ${shownPath(input)}；要更新原文件请用 --in-place / --out is the input file ${shownPath(input)}; use --in-place to update it`);
  }
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b) || (process.platform !== 'linux' && real(a).toLowerCase() === real(b).toLowerCase());
}

/** Admin lists as CSV use the input's separators (comma for an .xlsx input). */
function csvOptions(workbook: XlsxWorkbook | CsvWorkbook): CsvWriteOptions {
  return workbook instanceof CsvWorkbook ? { delimiter: workbook.delimiter, lineBreak: workbook.lineBreak } : { delimiter: ',', lineBreak: '\r\n' };
}

function reportExtras(result: RecomputeResult): ReportExtras {
  const o = result.operations.summary;
  return {
    summaryText: result.text,
    plan: { from: o.window.from, to: o.window.to, content: o.content.planned, missing: o.content.missing, interactions: o.interaction.planned },
    points: { issued: o.points.issued, redeemed: o.points.redeemed, ...o.redemptions },
  };
}
