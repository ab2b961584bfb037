import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Table } from '../../core/base/table.js';
import { XlsxWorkbook } from '../../ports/xlsx.js';
import { recompute, rulesError, type RecomputeResult } from '../../app/recompute.js';
import { engineFrom, localeFrom, nowFrom, parse } from '../args.js';
import { requireRules } from '../load-rules.js';
import { activeRules } from '../../app/rule-store.js';
import { defaultOutput, openWorkbook } from '../open-workbook.js';
import { progressBar } from '../progress.js';
import type { Io } from '../io.js';
import { FencengError } from '../../app/errors.js';
import { checkReplaceable, writeFileAtomic } from '../../ports/atomic-write.js';
import { currentStamp } from '../../ports/file-stamp.js';
import { readPlans } from '../load-plans.js';
import { renderReportHtml, type ReportExtras } from '../../report/report-html.js';

export const RECOMPUTE_HELP = `fenceng recompute <workbook.xlsx|members.csv> [--rules DIR] [--out FILE | --in-place] [--split-admins DIR] [--dry-run] [--json] [--tz Asia/Shanghai] [--now 2026-11-26] [--lang zh|en] [--encoding gb18030] [--engine compiled|json-rules-engine]
  重新计算分层并写入新文件（默认 out/<文件名>.xlsx）。/ Recompute tiers into a new file (default out/<name>.xlsx).
  --split-admins DIR 另为每位普通管理员写一个 .xlsx（其负责的成员）。/ Also write one .xlsx per regular admin (their members).
  --engine json-rules-engine 用参考引擎 json-rules-engine 计算（较慢，结果相同）。/ Evaluate with the reference engine json-rules-engine (slower, same result).`;

export async function recomputeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' as const }, 'in-place': { type: 'boolean' as const }, 'dry-run': { type: 'boolean' as const }, 'split-admins': { type: 'string' as const }, engine: { type: 'string' as const } });
  if (values.help || positionals.length !== 1) {
    io.out(RECOMPUTE_HELP);
    return values.help ? 0 : 2;
  }
  const input = positionals[0];
  if (values['in-place'] && values.out) throw new FencengError('usage', '--in-place 与 --out 不能同时使用 / --in-place and --out cannot be used together');
  const rules = requireRules(values.rules);
  const plans = readPlans(values.rules, rules.ruleSets);
  if (plans.problems.length) throw rulesError(plans.problems);
  const output = values['dry-run'] ? undefined : values['in-place'] ? input : (values.out ?? defaultOutput(input));
  // Refuse a folder or read-only file before working; when replacing the input, note what was read so a save made meanwhile (Excel, the preview) is not overwritten.
  if (output) await checkReplaceable(output);
  const replacesInput = output !== undefined && existsSync(input) && existsSync(output) && realpathSync(output) === realpathSync(input);
  const readStamp = replacesInput ? await currentStamp(input) : undefined;
  const { workbook, format } = await openWorkbook(input, values.encoding);
  if (values['in-place'] && format !== 'xlsx') throw new FencengError('usage', 'CSV 不能原地更新，结果会写成 .xlsx / A CSV cannot be updated in place; results are written as .xlsx');
  // Without --rules: the rules saved in the workbook (its hidden _fenceng_rules sheet), else the defaults.
  const saved = values.rules ? undefined : activeRules(workbook);
  const bar = progressBar('分层 / Tiering');
  const result = await recompute(workbook, {
    now: nowFrom(values.now),
    timeZone: values.tz ?? saved?.doc.settings.timeZone ?? 'Asia/Shanghai',
    locale: localeFrom(values.lang),
    dryRun: values['dry-run'],
    ruleSets: saved ? undefined : rules.ruleSets,
    mapping: saved ? undefined : rules.mapping,
    saved,
    adminsConfig: rules.adminsConfig,
    operations: plans.config,
    onProgress: (d, t) => bar.update(d, t),
    engine: engineFrom(values.engine),
  });
  bar.done();
  if (output) await writeFileAtomic(output, workbook.toBuffer(), { expected: readStamp, makeParents: true });
  // The dashboard as a page next to the output: charts that need no spreadsheet.
  const report = output ? join(dirname(resolve(output)), 'report.html') : undefined;
  if (report) await writeFileAtomic(report, Buffer.from(renderReportHtml(result.operations.dashboard, reportExtras(result)), 'utf8'));
  const split = output && values['split-admins'] ? await writeAdminFiles(values['split-admins'], result.adminFiles) : [];
  if (values.json) {
    io.out(JSON.stringify({ input, format, output: output ? resolve(output) : null, adminFiles: split.map((f) => resolve(f)), report: report ?? null, summary: result.summary, operations: result.operations.summary, issues: result.issues.length }, null, 2));
  } else {
    io.out(result.text);
    if (saved?.version) io.out(`使用工作簿中保存的规则版本 ${saved.version.version} / Using rules version ${saved.version.version} saved in the workbook`);
    io.out(output ? `已写入 / Written: ${output}` : '预演：未写入任何文件 / Dry run: no file written');
    if (report) io.out(`运营报告 / Report: ${report}`);
    if (values['split-admins']) {
      io.out(split.length ? `管理员文件 ${split.length} 个 / ${split.length} admin files → ${values['split-admins']}` : '没有可拆分的管理员（需要「管理员」表） / No admin files (needs an Admins sheet)');
    }
  }
  return 0;
}

/** One workbook per admin, named like their sheet; each written atomically. */
async function writeAdminFiles(dir: string, files: Array<{ admin: string; table: Table }>): Promise<string[]> {
  mkdirSync(resolve(dir), { recursive: true });
  const written: string[] = [];
  for (const f of files) {
    const path = join(dir, `${f.table.sheet}.xlsx`);
    await (await XlsxWorkbook.create([f.table])).save(path);
    written.push(path);
  }
  return written;
}

function reportExtras(result: RecomputeResult): ReportExtras {
  const o = result.operations.summary;
  return {
    summaryText: result.text,
    plan: { from: o.window.from, to: o.window.to, content: o.content.planned, missing: o.content.missing, interactions: o.interaction.planned },
    points: { issued: o.points.issued, redeemed: o.points.redeemed, ...o.redemptions },
  };
}
