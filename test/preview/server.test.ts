/**
 * The preview server answers only the page it printed: token, Host, Origin
 * and content type are checked on every call, bodies and rule documents are
 * bounded, and a save never goes over a file someone else changed.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { recompute } from '../../src/app/recompute.js';
import { readRuleStore } from '../../src/app/rule-store.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import { MAX_BODY_BYTES } from '../../src/preview/read-body.js';
import { TOKEN_HEADER } from '../../src/preview/request-guard.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { generateMembersTable } from '../../src/sample/generate.js';

const NOW = new Date('2026-11-26T04:00:00Z');
let dir: string;
let file: string;
let server: PreviewServer;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: { ok: boolean; value?: any; error?: { code: string; message: string } };
}

/** A raw HTTP call, so Host, Origin and every other header are exactly as given (a browser or attacker may send anything). */
function call(path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[]; port?: number } = {}): Promise<Reply> {
  const port = options.port ?? server.port;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, setHost: options.headers?.host !== '', method: options.method ?? 'POST', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let json: Reply['json'];
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    if (options.headers?.host === '') req.removeHeader('host'); // no Host at all
    // The server may answer and close before a too-large body is sent: that is the point.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    if (options.chunks) {
      for (const c of options.chunks) req.write(c);
      req.end();
    } else req.end(options.body);
  });
}

const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
  call(`/api/${name}`, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, ...headers } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-preview-'));
  file = join(dir, '成员.xlsx');
  const wb = await XlsxWorkbook.create([generateMembersTable({ members: 80, seed: 3, today: '2026-11-26' })]);
  await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' });
  await wb.save(file);
  server = await startPreviewServer({ file, locale: 'zh', timeZone: 'Asia/Shanghai', now: () => NOW, user: 'test' });
}, 120_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the URL and the page', () => {
  it('the printed URL is the server’s loopback address with a long random token', () => {
    const url = new URL(server.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(server.token);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('the page works with the token, but does not contain it (only the URL does)', async () => {
    const page = await call('/?token=x', { method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.text).toContain(TOKEN_HEADER);
    expect(page.text).not.toContain(server.token);
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('each launch has its own token', async () => {
    const other = await startPreviewServer({ file, locale: 'zh', timeZone: 'Asia/Shanghai', now: () => NOW });
    try {
      expect(other.token).not.toBe(server.token);
      const json = { 'content-type': 'application/json' };
      const replay = await call('/api/fencengBootstrap', { port: other.port, body: '{}', headers: { ...json, [TOKEN_HEADER]: server.token } });
      expect(replay.status).toBe(403);
      const own = await call('/api/fencengBootstrap', { port: other.port, body: '{}', headers: { ...json, [TOKEN_HEADER]: other.token } });
      expect(own.json?.ok).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('token', () => {
  it('a call with the token is answered', async () => {
    const r = await api('fencengBootstrap', { locale: 'zh' });
    expect(r.status).toBe(200);
    expect(r.json?.ok).toBe(true);
    expect(r.json?.value.memberRows).toBe(80);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { [TOKEN_HEADER]: 'guess' }],
    ['the token with one character changed', {} as Record<string, string>],
    ['the token in the query string instead of the header', {}],
  ])('%s is refused with 403 and a bilingual message, and no data', async (name) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (name === 'a wrong token') headers[TOKEN_HEADER] = 'guess';
    if (name.startsWith('the token with one')) headers[TOKEN_HEADER] = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    const path = name.includes('query') ? `/api/fencengPreview?token=${server.token}` : '/api/fencengPreview';
    const r = await call(path, { body: JSON.stringify({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} }), headers });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ ok: false, error: { code: 'bad-token', message: expect.stringMatching(/令牌.*token/s) } });
    expect(r.text).not.toMatch(/memberId|昵称|members/);
  });
});

describe('Host and Origin', () => {
  it('a DNS-rebinding Host gets neither the page nor member data, even with the token', async () => {
    const host = `rebind.attacker.example:${server.port}`;
    const page = await call('/', { method: 'GET', headers: { host } });
    expect(page.status).toBe(403);
    const data = await api('fencengPreview', { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} }, { host });
    expect(data.status).toBe(403);
    expect(data.json?.error).toEqual({ code: 'bad-host', message: expect.stringMatching(/主机名.*rebind\.attacker\.example.*host/s) });
  });

  it.each([`127.0.0.1:${1}`, '127.0.0.1', 'localhost', '[::1]:1', ''])('Host %j (wrong port or none) is refused', async (host) => {
    const r = await api('fencengBootstrap', { locale: 'zh' }, { host });
    // No Host at all: Node's HTTP/1.1 parser refuses it itself (400) before the guard sees it.
    expect(r.status).toBe(host === '' ? 400 : 403);
    expect(r.text).not.toContain('memberRows');
  });

  it('localhost on the same port is this server', async () => {
    const r = await api('fencengBootstrap', { locale: 'zh' }, { host: `localhost:${server.port}` });
    expect(r.json?.ok).toBe(true);
  });

  it.each(['http://evil.example', 'null', 'https://127.0.0.1:PORT', 'http://127.0.0.1:1', 'http://rebind.attacker.example:PORT'])(
    'Origin %s is refused even with the token',
    async (origin) => {
      const r = await api('fencengBootstrap', { locale: 'zh' }, { origin: origin.replace('PORT', String(server.port)) });
      expect(r.status).toBe(403);
      expect(r.json?.error?.code).toBe('bad-origin');
      expect(r.json?.error?.message).toMatch(/其他网页.*another web page/s);
    },
  );

  it('the page’s own Origin is accepted', async () => {
    const r = await api('fencengBootstrap', { locale: 'zh' }, { origin: `http://127.0.0.1:${server.port}` });
    expect(r.json?.ok).toBe(true);
  });

  it('a server for the network is refused at start', async () => {
    await expect(startPreviewServer({ file, locale: 'zh', timeZone: 'Asia/Shanghai', host: '0.0.0.0' })).rejects.toThrow(/回环地址.*loopback/s);
  });
});

describe('content type and size', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''])(
    'Content-Type %j (what a page can send without a preflight) is refused with 415 and saves nothing',
    async (type) => {
      const before = readFileSync(file);
      const headers: Record<string, string> = { [TOKEN_HEADER]: server.token };
      if (type) headers['content-type'] = type;
      const r = await call('/api/fencengSave', { body: JSON.stringify({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: 'x', baseVersion: null }), headers });
      expect(r.status).toBe(415);
      expect(r.json?.error?.message).toMatch(/application\/json/);
      expect(readFileSync(file).equals(before)).toBe(true);
    },
  );

  it('application/json with a charset is JSON', async () => {
    const r = await api('fencengBootstrap', { locale: 'zh' }, { 'content-type': 'application/json; charset=utf-8' });
    expect(r.json?.ok).toBe(true);
  });

  it('a body declared larger than the limit is refused with 413 before it is read', async () => {
    const r = await call('/api/fencengPreview', {
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, 'content-length': String(MAX_BODY_BYTES + 1) },
      body: Buffer.alloc(16, 32),
    });
    expect(r.status).toBe(413);
    expect(r.json?.error).toEqual({ code: 'too-large', message: expect.stringMatching(/过大.*too large/s) });
  });

  it('a streamed body that grows past the limit is cut off with 413, and the server goes on serving', async () => {
    const chunk = Buffer.alloc(256 * 1024, 32);
    const r = await call('/api/fencengPreview', {
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token, 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: Math.ceil(MAX_BODY_BYTES / chunk.length) + 4 }, () => chunk),
    });
    expect(r.status).toBe(413);
    expect((await api('fencengBootstrap', { locale: 'zh' })).json?.ok).toBe(true);
  });

  it('a body that is not JSON gets 400 in both languages', async () => {
    const r = await call('/api/fencengBootstrap', { body: '{nope', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token } });
    expect(r.status).toBe(400);
    expect(r.json?.error?.message).toMatch(/JSON.*JSON/s);
  });
});

describe('rule documents are bounded', () => {
  /** The hostile preview: one rule set with 60,000 conditions (about 3.7 MB). */
  function huge(): RuleSet[] {
    const sets = structuredClone(DEFAULT_RULE_SETS);
    const leaves = Array.from({ length: 6000 }, (_, j) => ({ fact: 'comments30d', operator: 'greaterThan', value: 100000 + j }));
    for (let i = 0; i < 10; i++) {
      sets[0].rules.push({ name: `bomb${i}`, priority: 500 + i, conditions: { all: leaves }, event: { type: 'tier', params: { tier: sets[0].tiers[0].id } } });
    }
    return sets;
  }

  it('a preview with 60,000 conditions is refused as too large, naming the rule set, and the server stays responsive', async () => {
    const body = { locale: 'zh', ruleSets: huge(), settings: {} };
    expect(JSON.stringify(body).length).toBeGreaterThan(3_000_000);
    expect(JSON.stringify(body).length).toBeLessThan(MAX_BODY_BYTES);
    const r = await api('fencengPreview', body);
    expect(r.status).toBe(200);
    expect(r.json?.ok).toBe(false);
    expect(r.json?.error?.code).toBe('invalid-rules');
    expect(r.json?.error?.message).toMatch(/规则集「activity」.*Rule set "activity"/s);
    expect((await api('fencengBootstrap', { locale: 'zh' })).json?.ok).toBe(true);
  }, 30_000);

  it('deeply nested conditions are refused without overflowing the stack', async () => {
    // 100,000 levels of not: more than JSON.stringify itself can write, so the body is put together by hand.
    const depth = 100_000;
    const deep = `${'{"not":'.repeat(depth)}{"fact":"comments30d","operator":"greaterThan","value":1}${'}'.repeat(depth)}`;
    const rule = `{"name":"deep","priority":999,"conditions":{"all":[${deep}]},"event":{"type":"tier","params":{"tier":"core"}}}`;
    const sets = JSON.stringify(DEFAULT_RULE_SETS).replace('"rules":[', () => `"rules":[${rule},`);
    const body = `{"locale":"zh","ruleSets":${sets},"settings":{},"note":"deep","baseVersion":null}`;
    const r = await call('/api/fencengSave', { body, headers: { 'content-type': 'application/json', [TOKEN_HEADER]: server.token } });
    expect(r.json?.ok).toBe(false);
    expect(r.json?.error?.message).toMatch(/嵌套.*nested/s);
    expect(readRuleStore((await XlsxWorkbook.open(file))).versions).toHaveLength(0);
  }, 30_000);
});

describe('lost updates: the file changed while the preview was open', () => {
  it('a save over a file someone else saved meanwhile writes nothing and says to reload; reloading reads their file', async () => {
    // What a CLI --in-place run or Excel wrote meanwhile: the workbook plus a sheet the preview never saw.
    const theirs = await XlsxWorkbook.open(readFileSync(file));
    await theirs.apply({ sheets: [{ kind: 'replace', sheet: '备注', rows: [['saved in Excel']] }] });
    writeFileSync(file, theirs.toBuffer());
    const sheets = theirs.sheetNames().length;
    const save = { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '保存', baseVersion: null };

    const refused = await api('fencengSave', save);
    expect(refused.json?.ok).toBe(false);
    expect(refused.json?.error).toEqual({ code: 'file-changed', message: expect.stringMatching(/已在别处被修改.*刷新本页面.*changed elsewhere.*Reload this page/s) });
    expect(readFileSync(file).equals(theirs.toBuffer())).toBe(true);
    for (const name of ['fencengPreview', 'fencengRecompute']) {
      expect((await api(name, { locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {} })).json?.error?.code).toBe('file-changed');
    }

    // Reloading the page (bootstrap) reads the file as it is now; the save then keeps their sheet.
    expect((await api('fencengBootstrap', { locale: 'zh' })).json?.ok).toBe(true);
    const saved = await api('fencengSave', save);
    expect(saved.json?.ok).toBe(true);
    const after = await XlsxWorkbook.open(file);
    expect(after.sheetNames()).toContain('备注');
    expect(after.read('备注')!.header).toEqual(['saved in Excel']);
    expect(after.sheetNames().length).toBeGreaterThanOrEqual(sheets);
    expect(readRuleStore(after).active?.version).toBe(1);
  }, 60_000);

  it('its own saves do not count as someone else’s: two saves in a row both land', async () => {
    const sets = structuredClone(DEFAULT_RULE_SETS);
    const first = await api('fencengSave', { locale: 'zh', ruleSets: sets, settings: { timeZone: 'Asia/Tokyo' }, note: 'a', baseVersion: 1 });
    expect(first.json?.ok).toBe(true);
    const second = await api('fencengSave', { locale: 'zh', ruleSets: sets, settings: { timeZone: 'Asia/Shanghai' }, note: 'b', baseVersion: 2 });
    expect(second.json?.ok).toBe(true);
    expect(readRuleStore(await XlsxWorkbook.open(file)).active?.version).toBe(3);
  }, 60_000);
});
