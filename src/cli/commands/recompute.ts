import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { recompute } from '../../app/recompute.js';
import { localeFrom, nowFrom, parse } from '../args.js';
import { requireRules } from '../load-rules.js';
import { defaultOutput, openWorkbook } from '../open-workbook.js';
import { progressBar } from '../progress.js';
import type { Io } from '../io.js';
import { FencengError } from '../../app/errors.js';

export const RECOMPUTE_HELP = `fenceng recompute <workbook.xlsx|members.csv> [--rules DIR] [--out FILE | --in-place] [--dry-run] [--json] [--tz Asia/Shanghai] [--now 2026-11-26] [--lang zh|en] [--encoding gb18030]
  重新计算分层并写入新文件（默认 out/<文件名>.xlsx）。/ Recompute tiers into a new file (default out/<name>.xlsx).`;

export async function recomputeCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' as const }, 'in-place': { type: 'boolean' as const }, 'dry-run': { type: 'boolean' as const } });
  if (values.help || positionals.length !== 1) {
    io.out(RECOMPUTE_HELP);
    return values.help ? 0 : 2;
  }
  const input = positionals[0];
  if (values['in-place'] && values.out) throw new FencengError('usage', '--in-place 与 --out 不能同时使用 / --in-place and --out cannot be used together');
  const rules = requireRules(values.rules);
  const { workbook, format } = await openWorkbook(input, values.encoding);
  if (values['in-place'] && format !== 'xlsx') throw new FencengError('usage', 'CSV 不能原地更新，结果会写成 .xlsx / A CSV cannot be updated in place; results are written as .xlsx');
  const bar = progressBar('分层 / Tiering');
  const result = await recompute(workbook, {
    now: nowFrom(values.now),
    timeZone: values.tz ?? 'Asia/Shanghai',
    locale: localeFrom(values.lang),
    dryRun: values['dry-run'],
    ruleSets: rules.ruleSets,
    mapping: rules.mapping,
    onProgress: (d, t) => bar.update(d, t),
  });
  bar.done();
  const output = values['dry-run'] ? undefined : values['in-place'] ? input : (values.out ?? defaultOutput(input));
  if (output) {
    mkdirSync(dirname(resolve(output)), { recursive: true });
    await workbook.save(output);
  };
  if (values.json) {
    io.out(JSON.stringify({ input, format, output: output ? resolve(output) : null, summary: result.summary, issues: result.issues.length }, null, 2));
  } else {
    io.out(result.text);
    io.out(output ? `已写入 / Written: ${output}` : '预演：未写入任何文件 / Dry run: no file written');
  }
  return 0;
}
