/**
 * Runs promise-based work to completion synchronously, for functions that
 * google.script.run calls.
 *
 * What google.script.run hands the success handler when a server function
 * returns a Promise is not documented, so every function the sidebar calls
 * returns plain JSON, already settled. JavaScript has no way to drain the
 * engine's own microtask queue from inside a call, so for the duration of the
 * call the global `Promise` is replaced by an implementation whose jobs go to
 * a queue this function drains itself. The Apps Script build lowers
 * async/await to generators (esbuild `supported: { 'async-await': false }`),
 * so the core's async functions, json-rules-engine (which calls the global
 * `Promise`) and the timer shim all schedule their work on that queue.
 *
 * If some work still waits on a native promise or a real timer, the queue
 * runs dry before it settles, and this throws a clear error instead of
 * returning a half-done result.
 */
type Job = () => void;

let running = false;

export function settleSync<T>(work: () => T | PromiseLike<T>): T {
  if (running) throw new Error('settleSync 不能嵌套 / settleSync cannot nest');
  const g = globalThis as { Promise: PromiseConstructor };
  const native = g.Promise;
  const queue: Array<Job | undefined> = [];
  let head = 0;
  const SyncPromise = drainablePromise((job) => void queue.push(job));
  let state = 'pending' as 'pending' | 'fulfilled' | 'rejected';
  let outcome: unknown;
  running = true;
  g.Promise = SyncPromise as unknown as PromiseConstructor;
  try {
    SyncPromise.resolve()
      .then(work)
      .then(
        (v: unknown) => ((state = 'fulfilled'), (outcome = v)),
        (e: unknown) => ((state = 'rejected'), (outcome = e)),
      );
    while (head < queue.length) {
      const job = queue[head]!;
      queue[head++] = undefined;
      job();
      if (head > 4096 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
    }
  } finally {
    g.Promise = native;
    running = false;
  }
  if (state === 'fulfilled') return outcome as T;
  if (state === 'rejected') throw outcome;
  throw new Error('服务器端操作未能完成（仍在等待异步结果） / The server call did not finish (still waiting on asynchronous work)');
}

interface Thenable {
  then(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown): unknown;
}

/** A Promise/A+ implementation (plus the ES statics) whose reactions run as jobs on `enqueue`. */
export function drainablePromise(enqueue: (job: Job) => void) {
  const PENDING = 0;
  const FULFILLED = 1;
  const REJECTED = 2;
  type Reaction = [((v: unknown) => unknown) | undefined, ((e: unknown) => unknown) | undefined, (v: unknown) => void, (e: unknown) => void];

  class SyncPromise {
    private state = PENDING;
    private value: unknown;
    private reactions: Reaction[] = [];

    constructor(executor: (resolve: (v?: unknown) => void, reject: (e?: unknown) => void) => void) {
      let called = false;
      const resolve = (v?: unknown) => {
        if (called) return;
        called = true;
        this.resolveWith(v);
      };
      const reject = (e?: unknown) => {
        if (called) return;
        called = true;
        this.settle(REJECTED, e);
      };
      try {
        executor(resolve, reject);
      } catch (e) {
        reject(e);
      }
    }

    private resolveWith(v: unknown): void {
      if (v === this) return this.settle(REJECTED, new TypeError('Chaining cycle detected for promise'));
      if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
        let then: unknown;
        try {
          then = (v as Thenable).then;
        } catch (e) {
          return this.settle(REJECTED, e);
        }
        if (typeof then === 'function') {
          // As the spec's PromiseResolveThenableJob: adopt the thenable in a job of its own.
          enqueue(() => {
            let done = false;
            try {
              (then as Thenable['then']).call(
                v,
                (x) => {
                  if (!done) (done = true), this.resolveWith(x);
                },
                (e) => {
                  if (!done) (done = true), this.settle(REJECTED, e);
                },
              );
            } catch (e) {
              if (!done) (done = true), this.settle(REJECTED, e);
            }
          });
          return;
        }
      }
      this.settle(FULFILLED, v);
    }

    private settle(state: number, value: unknown): void {
      if (this.state !== PENDING) return;
      this.state = state;
      this.value = value;
      const reactions = this.reactions;
      this.reactions = [];
      for (const r of reactions) this.schedule(r);
    }

    private schedule([onFulfilled, onRejected, resolve, reject]: Reaction): void {
      enqueue(() => {
        const ok = this.state === FULFILLED;
        const handler = ok ? onFulfilled : onRejected;
        if (typeof handler !== 'function') return ok ? resolve(this.value) : reject(this.value);
        try {
          resolve(handler(this.value));
        } catch (e) {
          reject(e);
        }
      });
    }

    then(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown): SyncPromise {
      return new SyncPromise((resolve, reject) => {
        const r: Reaction = [onFulfilled, onRejected, resolve, reject];
        if (this.state === PENDING) this.reactions.push(r);
        else this.schedule(r);
      });
    }

    catch(onRejected?: (e: unknown) => unknown): SyncPromise {
      return this.then(undefined, onRejected);
    }

    finally(onFinally?: () => unknown): SyncPromise {
      if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
      return this.then(
        (v) => SyncPromise.resolve(onFinally()).then(() => v),
        (e) =>
          SyncPromise.resolve(onFinally()).then(() => {
            throw e;
          }),
      );
    }

    get [Symbol.toStringTag](): string {
      return 'Promise';
    }

    static resolve(v?: unknown): SyncPromise {
      return v instanceof SyncPromise ? v : new SyncPromise((resolve) => resolve(v));
    }

    static reject(e?: unknown): SyncPromise {
      return new SyncPromise((_, reject) => reject(e));
    }

    static all(items: Iterable<unknown>): SyncPromise {
      return new SyncPromise((resolve, reject) => {
        const list = Array.from(items);
        const out = new Array<unknown>(list.length);
        let left = list.length;
        if (left === 0) return resolve(out);
        list.forEach((item, i) =>
          SyncPromise.resolve(item).then((v) => {
            out[i] = v;
            if (--left === 0) resolve(out);
          }, reject),
        );
      });
    }

    static allSettled(items: Iterable<unknown>): SyncPromise {
      return SyncPromise.all(
        Array.from(items, (item) =>
          SyncPromise.resolve(item).then(
            (value) => ({ status: 'fulfilled', value }),
            (reason) => ({ status: 'rejected', reason }),
          ),
        ),
      );
    }

    static race(items: Iterable<unknown>): SyncPromise {
      return new SyncPromise((resolve, reject) => {
        for (const item of items) SyncPromise.resolve(item).then(resolve, reject);
      });
    }

    static any(items: Iterable<unknown>): SyncPromise {
      return new SyncPromise((resolve, reject) => {
        const list = Array.from(items);
        const errors = new Array<unknown>(list.length);
        let left = list.length;
        if (left === 0) return reject(new Error('All promises were rejected'));
        list.forEach((item, i) =>
          SyncPromise.resolve(item).then(resolve, (e) => {
            errors[i] = e;
            if (--left === 0) reject(Object.assign(new Error('All promises were rejected'), { errors }));
          }),
        );
      });
    }
  }
  return SyncPromise;
}
