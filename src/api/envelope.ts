import { FencengError } from '../app/errors.js';
import { API_METHODS, type ApiMethod, type ApiResult, type ServerApi } from './contract.js';

/**
 * Runs one API call and answers with plain JSON, failures included: the
 * sidebar always gets `{ ok, value }` or `{ ok: false, error }` with a
 * message a person can read, never a thrown exception or a class instance.
 */
export async function answer(api: ServerApi | (() => ServerApi), method: string, request: unknown): Promise<ApiResult<unknown>> {
  try {
    if (!(API_METHODS as readonly string[]).includes(method)) {
      throw new FencengError('unknown-method', `未知操作「${method}」 / Unknown call "${method}"`);
    }
    const server = typeof api === 'function' ? api() : api;
    const call = server[method as ApiMethod] as (r: unknown) => Promise<unknown>;
    const value = await call(request ?? {});
    return plain({ ok: true, value });
  } catch (err) {
    return plain({ ok: false, error: errorOf(err) });
  }
}

function errorOf(err: unknown): { code: string; message: string; details?: unknown } {
  const e = err as { name?: unknown; code?: unknown; message?: unknown; details?: unknown } | null;
  const message = typeof e?.message === 'string' && e.message ? e.message : String(err);
  if (err instanceof FencengError || e?.name === 'FencengError') {
    return { code: String(e?.code ?? 'error'), message, details: e?.details };
  }
  return { code: 'internal', message: `出错了：${message} / Something went wrong: ${message}` };
}

/** JSON round trip: Dates become ISO strings, undefined disappears, nothing but data survives. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
