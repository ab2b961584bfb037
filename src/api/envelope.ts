import { FencengError } from '../app/errors.js';
import { isPromiseLike, type MaybePromise } from '../app/maybe-async.js';
import { API_METHODS, type ApiMethod, type ApiResult, type ServerApi } from './contract.js';

/**
 * Runs one API call and answers with plain JSON, failures included: the
 * sidebar always gets `{ ok, value }` or `{ ok: false, error }` with a
 * message a person can read, never a thrown exception or a class instance.
 */
export function answer(api: ServerApi | (() => ServerApi), method: string, request: unknown): MaybePromise<ApiResult<unknown>> {
  const ok = (value: unknown): ApiResult<unknown> => plain({ ok: true, value });
  const failed = (err: unknown): ApiResult<unknown> => plain({ ok: false, error: errorOf(err) });
  try {
    if (!(API_METHODS as readonly string[]).includes(method)) {
      throw new FencengError('unknown-method', `未知操作「${method}」 / Unknown call "${method}"`);
    }
    const server = typeof api === 'function' ? api() : api;
    const call = server[method as ApiMethod] as (r: unknown) => MaybePromise<unknown>;
    const value = call(request ?? {});
    // Synchronous on a synchronous port (Sheets): no promise, nothing left for a microtask.
    return isPromiseLike(value) ? Promise.resolve(value).then(ok, failed) : ok(value);
  } catch (err) {
    return failed(err);
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
