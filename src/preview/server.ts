/**
 * `fenceng preview`: the sidebar's very HTML on localhost, with a
 * google.script.run stand-in that calls the same server API against an
 * .xlsx file. Every write is saved to the file (atomically) before answering.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { userInfo } from 'node:os';
import { buildSidebarHtml } from '../../scripts/build-sidebar.mjs';
import { API_METHODS, serverFunctionName, type ApiMethod, type Locale } from '../api/contract.js';
import { answer } from '../api/envelope.js';
import { createServerApi } from '../api/server.js';
import type { XlsxWorkbook } from '../ports/xlsx.js';
import { standInScript } from './stand-in.js';

export interface PreviewOptions {
  workbook: XlsxWorkbook;
  /** Where writes are saved: the workbook's own file. */
  file: string;
  locale: Locale;
  /** Used when the workbook's rule store names none. */
  timeZone: string;
  now?: () => Date;
  port?: number;
  host?: string;
  user?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const html = await buildSidebarHtml();
  const byFunction = new Map<string, ApiMethod>(API_METHODS.map((m) => [serverFunctionName(m), m]));
  const page = html.replace('<head>', () => `<head>\n<script>${standInScript([...byFunction.keys()])}</script>`);
  let queue: Promise<unknown> = Promise.resolve();
  // One call at a time, like the document lock in Sheets.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  const api = createServerApi({
    port: options.workbook,
    now: options.now ?? (() => new Date()),
    uiLocale: options.locale,
    writeLocale: options.locale,
    user: () => options.user ?? safeUserName(),
    host: 'local',
    timeZone: { kind: 'store', fallback: options.timeZone },
    withLock: (work) => work(),
    afterWrite: () => options.workbook.save(options.file),
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => send(res, 500, 'text/plain; charset=utf-8', String((err as Error)?.message ?? err)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/index.html')) {
      const view = url.searchParams.get('view') === 'preview' ? 'preview' : 'rules';
      // As HtmlOutput.append does in Sheets (src/gas/sidebar.ts).
      return send(res, 200, 'text/html; charset=utf-8', `${page}<script>window.FENCENG_START=${JSON.stringify({ view })};</script>`);
    }
    const m = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
    if (req.method === 'POST' && m) {
      const method = byFunction.get(m[1]);
      if (!method) return send(res, 404, 'text/plain; charset=utf-8', `no server function ${m[1]}`);
      const body = await readBody(req);
      let request: unknown;
      try {
        request = body ? JSON.parse(body) : null;
      } catch {
        return send(res, 400, 'text/plain; charset=utf-8', 'request body is not JSON');
      }
      const result = await serial(async () => answer(api, method, request));
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    }
    if (url.pathname === '/favicon.ico') return send(res, 204, 'text/plain', '');
    return send(res, 404, 'text/plain; charset=utf-8', 'not found');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}/`,
    port,
    server,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
