import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Table } from '../../core/base/table.js';
import { XlsxWorkbook } from '../../ports/xlsx.js';
import { recompute, rulesError, type RecomputeResult } from '../../app/recompute.js';
import { localeFrom, nowFrom, parse } from '../args.js';
import { requireRules } from '../load-rules.js';
import { activeRules } from '../../app/rule-store.js';
import { defaultOutput, openWorkbook } from '../open-workbook.js';
import { progress } from '../progress.js';
import { reportPathFor, shownPath } from '../show-path.js';
import { count } from '../../core/base/locale.js';
import type { Io } from '../io.js';
import { FencengError } from '../../app/errors.js';
import { checkReplaceable, writeFileAtomic } from '../../ports/atomic-write.js';
import { currentStamp } from '../../ports/file-stamp.js';
import { readPlans } from '../load-plans.js';
import { renderReportHtml, type ReportExtras } from '../../report/report-html.js';

export const RECOMPUTE_HELP = `fenceng recompute <workbook.xlsx|members.csv> [--rules DIR] [--out FILE | --in-place] [--split-admins DIR] [--dry-run] [--json] [--tz Asia/Shanghai] [--now 2026-11-26] [--lang zh|en] [--encoding gb18030]
  重新计算分层并写入新文件（默认 out/<文件名>.xlsx）。/ Recompute tiers into a new file (default out/<name>.xlsx).
  --split-admins DIR 另为每位普通管理员写一个 .xlsx（其负责的成员）。/ Also write one .xlsx per regular admin (their members).`;

export async function recomputeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' as const }, 'in-place': { type: 'boolean' as const }, 'dry-run': { type: 'boolean' as const }, 'split-admins': { type: 'string' as const } });
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
  const status = progress(io.status);
  status.stage('读取 / Reading', shownPath(input));
  const { workbook, format } = await openWorkbook(input, values.encoding);
  if (values['in-place'] && format !== 'xlsx') throw new FencengError('usage', 'CSV 不能原地更新，结果会写成 .xlsx / A CSV cannot be updated in place; results are written as .xlsx');
  // Without --rules: the rules saved in the workbook (its hidden _fenceng_rules sheet), else the defaults.
  const saved = values.rules ? undefined : activeRules(workbook);
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
    onStage: (s) => (s.stage === 'plan' ? status.stage('分层与计划 / Tiering and planning', `${count(s.rows)} 行 / rows`) : status.stage('写入 / Writing', `${count(s.sheets)} 个工作表 / sheets`)),
    onProgress: (d, t) => status.update(d, t),
  });
  if (output) {
    status.stage('保存 / Saving', shownPath(output));
    await writeFileAtomic(output, workbook.toBuffer(), { expected: readStamp, makeParents: true });
  }
  // The dashboard as a page next to the output, named after it (two outputs in one folder keep two reports).
  const report = output ? reportPathFor(output) : undefined;
  if (report) await writeFileAtomic(report, Buffer.from(renderReportHtml(result.operations.dashboard, reportExtras(result)), 'utf8'));
  if (output && values['split-admins']) status.stage('管理员文件 / Admin files', `${count(result.adminFiles.length)}`);
  const split = output && values['split-admins'] ? await writeAdminFiles(values['split-admins'], result.adminFiles) : [];
  status.done();
  if (values.json) {
    io.out(JSON.stringify({ input, format, output: output ? resolve(output) : null, adminFiles: split.map((f) => resolve(f)), report: report ?? null, summary: result.summary, operations: result.operations.summary, issues: result.issues.length }, null, 2));
  } else {
    io.out(result.text);
    if (saved?.version) io.out(`使用工作簿中保存的规则版本 ${saved.version.version} / Using rules version ${saved.version.version} saved in the workbook`);
    io.out(output ? `已写入 / Written: ${shownPath(output)}` : '预演：未写入任何文件 / Dry run: no file written');
    if (report) io.out(`运营报告 / Report: ${shownPath(report)}`);
    if (values['split-admins']) {
      io.out(split.length ? `管理员文件 ${count(split.length)} 个 / ${count(split.length)} admin files → ${shownPath(values['split-admins'])}` : '没有可拆分的管理员（需要「管理员」表） / No admin files (needs an Admins sheet)');
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
