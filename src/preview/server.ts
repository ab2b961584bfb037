/**
 * `fenceng preview`: the sidebar's very HTML on localhost, with a
 * google.script.run stand-in that calls the same server API against an
 * .xlsx file. Every write is saved to the file (atomically, and only over the
 * file as it was read) before answering. Only the page this server printed
 * may call it: see request-guard.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { userInfo } from 'node:os';
import { FencengError } from '../app/errors.js';
import { API_METHODS, serverFunctionName, type ApiMethod, type ApiResult, type Locale } from '../api/contract.js';
import { answer } from '../api/envelope.js';
import { createServerApi } from '../api/server.js';
import { readBody } from './read-body.js';
import { checkApiCall, checkHost, isLoopback, newToken, ownHosts, refuse, type Refusal } from './request-guard.js';
import { buildSidebarHtml } from './sidebar-html.js';
import { standInScript } from './stand-in.js';
import { WorkbookFile } from './workbook-file.js';

export interface PreviewOptions {
  /** The .xlsx to read and to save writes to. */
  file: string;
  locale: Locale;
  /** Used when the workbook's rule store names none. */
  timeZone: string;
  now?: () => Date;
  port?: number;
  /** A loopback address (default 127.0.0.1): the preview shows members' data and is never served to the network. */
  host?: string;
  user?: string;
  /** Told when the server starts and finishes work on a call (see previewCommand's signal handling). */
  onBusy?: (busy: boolean) => void;
}

export interface PreviewServer {
  /** The page, with this launch's token: the only way in. */
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

/** Slow senders (one byte a minute) must not hold a connection open for ever. */
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 60_000;

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
};

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new FencengError('usage', `--host 只能是本机回环地址（如 127.0.0.1），预览不对网络开放：${host} / --host must be a loopback address (e.g. 127.0.0.1); the preview is never served to the network: ${host}`);
  }
  const file = await WorkbookFile.open(options.file);
  const token = newToken();
  const html = await buildSidebarHtml();
  const byFunction = new Map<string, ApiMethod>(API_METHODS.map((m) => [serverFunctionName(m), m]));
  const page = html.replace('<head>', () => `<head>\n<script>${standInScript([...byFunction.keys()])}</script>`);
  let queue: Promise<unknown> = Promise.resolve();
  // One call at a time, like the document lock in Sheets.
  let inFlight = 0;
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    if (inFlight++ === 0) options.onBusy?.(true);
    const run = queue.then(work);
    queue = run.catch(() => undefined).then(() => {
      if (--inFlight === 0) options.onBusy?.(false);
    });
    return run;
  };
  const api = createServerApi({
    port: file.port,
    now: options.now ?? (() => new Date()),
    uiLocale: options.locale,
    writeLocale: options.locale,
    user: () => options.user ?? safeUserName(),
    host: 'local',
    timeZone: { kind: 'store', fallback: options.timeZone },
    withLock: (work) => work(),
    afterWrite: () => file.save(),
  });
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      const message = String((err as Error)?.message ?? err);
      sendJson(res, 500, failure('internal', `出错了：${message} / Something went wrong: ${message}`));
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const badHost = checkHost(req, hosts);
    if (badHost) return refuseWith(req, res, badHost);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const view = url.searchParams.get('view') === 'preview' ? 'preview' : 'rules';
      // As HtmlOutput.append does in Sheets (src/gas/sidebar.ts).
      return send(res, 200, 'text/html; charset=utf-8', `${page}<script>window.FENCENG_START=${JSON.stringify({ view })};</script>`);
    }
    if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
    const m = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, failure('not-found', '没有这个页面 / Not found'));
    if (req.method !== 'POST') return refuseWith(req, res, refuse(405, 'bad-method', '只接受 POST / Only POST is accepted'));
    const refused = checkApiCall(req, hosts, token);
    if (refused) return refuseWith(req, res, refused);
    const method = byFunction.get(m[1]);
    if (!method) return refuseWith(req, res, refuse(404, 'unknown-method', `没有服务器函数 ${m[1]} / No server function ${m[1]}`));
    const body = await readBody(req);
    if (!body.ok) {
      return refuseWith(req, res, refuse(413, 'too-large', '请求过大，未处理（规则文档最多约 1 MB） / Request too large; not processed (a rules document is at most about 1 MB)'));
    }
    let request: unknown;
    try {
      request = body.text ? JSON.parse(body.text) : null;
    } catch {
      return sendJson(res, 400, failure('bad-json', '请求内容不是有效的 JSON / The request body is not valid JSON'));
    }
    const result = await serial(async () => {
      try {
        // The file may have been changed by someone else since the page loaded: a page load reads it again.
        await file.ensureCurrent(method === 'bootstrap');
      } catch (e) {
        const err = e as FencengError;
        return failure(String(err.code ?? 'file-changed'), err.message);
      }
      return answer(api, method, request);
    });
    return sendJson(res, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const bound = typeof address === 'object' && address ? address.address : host;
  hosts = ownHosts(bound, port);
  const shown = bound.includes(':') ? `[${bound}]` : bound;
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function failure(code: string, message: string): ApiResult<unknown> {
  return { ok: false, error: { code, message } };
}

/** A refusal as JSON; the connection is closed, so an unread body is never waited for. */
function refuseWith(req: IncomingMessage, res: ServerResponse, r: Refusal): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
  sendJson(res, r.status, failure(r.code, r.message));
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  res.end(body);
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
