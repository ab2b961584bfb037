/**
 * The sidebar's only way to the server: google.script.run wrapped in
 * promises and typed against src/api/contract.ts. In Sheets it is Google's;
 * in `fenceng preview` a stand-in with the same shape that calls the same
 * server code over HTTP.
 */
import { serverFunctionName, type ApiMethod, type ApiRequest, type ApiResponse, type ApiResult } from '../api/contract.js';
import { t } from './i18n/index.js';

interface Runner {
  withSuccessHandler(fn: (value: unknown) => void): Runner;
  withFailureHandler(fn: (error: unknown) => void): Runner;
  [name: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: Runner; host?: { close(): void } } };
    FENCENG_START?: { view?: string };
  }
}

/** A failure as the sidebar shows it: a code and a message already in both languages. */
export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A server call that outlives an Apps Script execution (6 min) has failed even if no handler says so. */
export const CALL_TIMEOUT_MS = 7 * 60_000;

export function call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
  return new Promise((resolve, reject) => {
    const run = window.google?.script?.run;
    if (!run) {
      reject(new CallError('no-host', t('error.noHost')));
      return;
    }
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(
      () => finish(() => reject(new CallError('timeout', t('error.timeout')))),
      CALL_TIMEOUT_MS,
    );
    const runner = run
      .withSuccessHandler((answer) =>
        finish(() => {
          const r = answer as ApiResult<ApiResponse<M>> | null | undefined;
          if (r && typeof r === 'object' && r.ok === true) resolve(r.value);
          else if (r && typeof r === 'object' && r.ok === false && r.error) reject(new CallError(r.error.code, r.error.message, r.error.details));
          else reject(new CallError('bad-answer', t('error.badAnswer', { answer: safeJson(answer) })));
        }),
      )
      .withFailureHandler((error) =>
        finish(() => {
          const m = (error as { message?: unknown } | null)?.message;
          reject(new CallError('transport', typeof m === 'string' && m ? m : String(error)));
        }),
      );
    const fn = runner[serverFunctionName(method)];
    if (typeof fn !== 'function') {
      finish(() => reject(new CallError('no-function', t('error.noFunction', { name: serverFunctionName(method) }))));
      return;
    }
    (fn as (r: unknown) => void).call(runner, request);
  });
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v)?.slice(0, 200) ?? String(v);
  } catch {
    return String(v);
  }
}
