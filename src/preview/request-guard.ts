/**
 * Who may drive the preview server: only the page it served itself. Any web
 * page the operator visits can send requests to 127.0.0.1, and a DNS-rebinding
 * site can even make them look same-origin; so every API call must carry the
 * per-launch token (only in the URL the command printed), name this server's
 * own loopback address as Host and Origin, and send JSON (which a cross-site
 * page cannot do without a preflight this server never answers).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-fenceng-token';

/** A refused request: HTTP status, a code and a message in both languages. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|::1|localhost)$/i;

export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}

/** The Host values that mean this server: its address and port (and `localhost`, which cannot be rebound to another machine). */
export function ownHosts(address: string, port: number): Set<string> {
  const name = address.includes(':') ? `[${address}]` : address;
  return new Set([`${name}:${port}`, `localhost:${port}`].map((h) => h.toLowerCase()));
}

/** Host is always checked, on every request: a rebinding name never gets even the page. */
export function checkHost(req: IncomingMessage, hosts: Set<string>): Refusal | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  if (hosts.has(host)) return undefined;
  return refuse(403, 'bad-host', `拒绝访问：主机名「${host}」不是本预览服务器 / Refused: host "${host}" is not this preview server`);
}

/** An API call: Origin (when sent) is this server, the token matches, the body is JSON. */
export function checkApiCall(req: IncomingMessage, hosts: Set<string>, token: string): Refusal | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, hosts)) {
    return refuse(403, 'bad-origin', `拒绝访问：来自其他网页（${origin}）的请求 / Refused: a request from another web page (${origin})`);
  }
  const given = req.headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, token)) {
    return refuse(403, 'bad-token', '拒绝访问：缺少或错误的访问令牌；请使用 fenceng preview 打印的完整链接 / Refused: missing or wrong access token; open the full link fenceng preview printed');
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    return refuse(415, 'bad-content-type', `只接受 application/json，收到「${type || '（无）'}」 / Only application/json is accepted, got "${type || '(none)'}"`);
  }
  return undefined;
}

function isOwnOrigin(origin: string, hosts: Set<string>): boolean {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && u.origin === origin.toLowerCase().replace(/\/$/, '') && hosts.has(u.host);
  } catch {
    return false; // "null" (sandboxed frames, file://) and anything unparsable
  }
}

/** Constant-time comparison that leaks neither content nor length (both sides hashed to 32 bytes). */
function sameSecret(given: string, token: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token)) && given.length === token.length;
}

export function refuse(status: number, code: string, message: string): Refusal {
  return { status, code, message };
}
