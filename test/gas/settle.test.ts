import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { drainablePromise, settleSync } from '../../src/gas/settle.js';

/** The global Promise inside settleSync (what bundled code sees there). */
const P = () => (globalThis as { Promise: PromiseConstructor }).Promise;

describe('settleSync', () => {
  it('returns the value of work built on the global Promise, synchronously', () => {
    const value = settleSync(() => P().resolve(1).then((x) => new (P())<number>((r) => r(x + 1))).then((x) => x * 10));
    expect(value).toBe(20);
  });

  it('throws what the work rejects with, and restores the global Promise either way', () => {
    const native = Promise;
    expect(() => settleSync(() => P().reject(new Error('nope')))).toThrow('nope');
    expect(() => settleSync(() => { throw new TypeError('sync'); })).toThrow('sync');
    expect(Promise).toBe(native);
  });

  it('runs reactions in order, after the code that scheduled them', () => {
    const log = settleSync(() => {
      const out: string[] = [];
      const p = P().resolve();
      p.then(() => out.push('a')).then(() => out.push('c'));
      p.then(() => out.push('b'));
      out.push('sync');
      return P().resolve().then(() => P().resolve()).then(() => out);
    });
    expect(log).toEqual(['sync', 'a', 'b', 'c']);
  });

  it('supports all, allSettled, race, any, finally and thenables', () => {
    const r = settleSync(() => {
      const p = P();
      const thenable = { then: (ok: (v: number) => void) => ok(7) };
      // No async/await here: vitest does not lower it, and native awaits are what settleSync cannot drain.
      const out: Record<string, unknown> = {};
      return p
        .all([1, p.resolve(2), thenable])
        .then((all) => ((out.all = all), p.allSettled([p.resolve(1), p.reject(new Error('x'))])))
        .then((settled) => ((out.settled = settled), p.race([new p(() => undefined), p.resolve('fast')])))
        .then((race) => ((out.race = race), p.any([p.reject(new Error('a')), p.resolve('b')])))
        .then((any) => ((out.any = any), p.resolve(3).finally(() => 'ignored')))
        .then((fin) => ((out.fin = fin), out as any));
    });
    expect(r.all).toEqual([1, 2, 7]);
    expect(r.settled.map((s: { status: string }) => s.status)).toEqual(['fulfilled', 'rejected']);
    expect(r.race).toBe('fast');
    expect(r.any).toBe('b');
    expect(r.fin).toBe(3);
  });

  it('runs a real json-rules-engine evaluation to completion', () => {
    const engine = new Engine([{ conditions: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: 3 }] }, event: { type: 'big' } }]);
    const result = settleSync(() => engine.run({ n: 5 }));
    expect(result.events).toEqual([{ type: 'big' }]);
  });

  it('fails clearly instead of returning half-done when work waits on something it cannot drain', () => {
    const native = Promise;
    expect(() => settleSync(() => new native((r) => setTimeout(r, 1)))).toThrow(/did not finish/);
  });

  it('does not nest', () => {
    expect(() => settleSync(() => settleSync(() => 1))).toThrow(/cannot nest/);
  });

  it('handles long chains without growing the stack', () => {
    const n = settleSync(() => {
      let p = P().resolve(0);
      for (let i = 0; i < 100_000; i++) p = p.then((x) => x + 1);
      return p;
    });
    expect(n).toBe(100_000);
  });
});

describe('drainablePromise', () => {
  it('queues reactions until drained', () => {
    const jobs: Array<() => void> = [];
    const DP = drainablePromise((j) => jobs.push(j));
    let seen: unknown;
    DP.resolve(5).then((v) => (seen = v));
    expect(seen).toBeUndefined();
    while (jobs.length) jobs.shift()!();
    expect(seen).toBe(5);
  });

  it('rejects a promise resolved with itself', () => {
    const jobs: Array<() => void> = [];
    const DP = drainablePromise((j) => jobs.push(j));
    let resolveSelf!: (v: unknown) => void;
    const p = new DP((r) => (resolveSelf = r));
    let error: unknown;
    p.then(undefined, (e) => (error = e));
    resolveSelf(p);
    while (jobs.length) jobs.shift()!();
    expect(error).toBeInstanceOf(TypeError);
  });
});
