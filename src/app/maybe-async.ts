/**
 * Work that is synchronous when the workbook port is: Sheets (Apps Script)
 * and the in-memory port apply patches synchronously, the .xlsx port does
 * not. Chaining through these helpers keeps a synchronous call chain free of
 * promises, so nothing in Apps Script depends on how microtasks are drained.
 */
export type MaybePromise<T> = T | Promise<T>;

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** `next(value)`: at once when `value` is plain, once it settles when it is a promise. */
export function andThen<T, U>(value: MaybePromise<T>, next: (v: T) => MaybePromise<U>): MaybePromise<U> {
  return isPromiseLike(value) ? Promise.resolve(value).then(next) : next(value);
}

/** The value of work that must have run synchronously (Apps Script): a promise here is a bug, said plainly. */
export function settledNow<T>(value: MaybePromise<T>): T {
  if (isPromiseLike(value)) throw new Error('内部错误：本应同步完成的操作返回了 Promise / Internal error: work that must finish synchronously returned a promise');
  return value;
}
