import type { IncomingMessage } from 'node:http';

/**
 * Largest request body the preview accepts. The biggest real call, a save of
 * a few hundred rules, is a few hundred KB; core validation bounds the rules
 * themselves (src/core/rules/limits.ts).
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export type Body = { ok: true; text: string } | { ok: false; tooLarge: true };

/** The request body as text, or tooLarge as soon as it passes `limit` (never buffering more). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.off('data', onData);
      req.pause();
      resolve({ ok: false, tooLarge: true });
    };
    req.on('data', onData);
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', reject);
  });
}
