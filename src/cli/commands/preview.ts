import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { FencengError } from '../../app/errors.js';
import { startPreviewServer } from '../../preview/server.js';
import { checkReplaceable, writeFileAtomic } from '../../ports/atomic-write.js';
import { localeFrom, nowFrom, parse } from '../args.js';
import type { Io } from '../io.js';
import { shownPath } from '../show-path.js';

export const PREVIEW_HELP = `fenceng preview <workbook.xlsx> [--out FILE] [--port 5178] [--lang zh|en] [--tz Asia/Shanghai] [--now 2026-11-26]
  在本机浏览器中打开与 Google 表格相同的规则侧边栏，直接读写这个 .xlsx（--out：先复制到 FILE 再改副本）。
  Serve the same rules sidebar as in Google Sheets on localhost, reading and writing this .xlsx (--out: work on a copy at FILE).`;

export async function previewCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' as const }, port: { type: 'string' as const }, host: { type: 'string' as const } });
  if (values.help || positionals.length !== 1) {
    io.out(PREVIEW_HELP);
    return values.help ? 0 : 2;
  }
  const input = positionals[0];
  if (!existsSync(input)) throw new FencengError('no-file', `找不到文件：${shownPath(input)} / File not found: ${shownPath(input)}`);
  if (!['.xlsx', '.xlsm'].includes(extname(input).toLowerCase())) {
    throw new FencengError('usage', '预览只支持 .xlsx（CSV 请先用 recompute 转成 .xlsx） / Preview needs an .xlsx (turn a CSV into one with recompute first)');
  }
  const file = values.out ?? input;
  // Every save replaces the file: a read-only one (or a folder as --out) is refused now, not at the first save.
  await checkReplaceable(file);
  if (values.out) await writeFileAtomic(values.out, await readFile(input), { makeParents: true });
  const port = values.port === undefined ? 5178 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new FencengError('usage', `--port 无效：${values.port} / Bad --port: ${values.port}`);
  const fixedNow = values.now ? nowFrom(values.now) : undefined;
  // Ctrl+C / SIGTERM. While idle: close the server and return. While a call runs, rule evaluation
  // keeps the event loop busy and a JS handler would only run after it; so then no handler is
  // installed and the signal ends the process at once (every save is a temp file renamed into
  // place: the workbook is the old file or the new one, and a leftover temp is cleaned next time).
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((done) => {
    stop = () => void server.close().then(done);
  });
  const listen = (on: boolean) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.off(signal, stop);
      if (on) process.once(signal, stop);
    }
  };
  const server = await startPreviewServer({
    onBusy: (busy) => listen(!busy),
    file,
    locale: localeFrom(values.lang),
    timeZone: values.tz ?? 'Asia/Shanghai',
    now: fixedNow ? () => fixedNow : undefined,
    port,
    host: values.host,
  });
  io.out(`分层管理侧边栏 / Fenceng sidebar: ${server.url}`);
  io.out(`工作簿 / Workbook: ${shownPath(file)}（保存时直接写入 / written on save）`);
  io.out('按 Ctrl+C 结束 / Press Ctrl+C to stop');
  listen(true);
  await stopped;
  listen(false);
  return 0;
}
