/**
 * The rules sidebar driving a run longer than one execution, in a real
 * headless Chromium: the page is the built Sidebar.html and its
 * google.script.run stand-in calls the built dist/Code.js in a bare vm with
 * the fake services, one fresh execution per call, as Apps Script does.
 * Each service call "takes" 3 s, so the run spans several executions. The
 * sidebar shows the stage and counts, that the run continues in the
 * background, and the summary at the end; the spreadsheet ends as one
 * uninterrupted run leaves it.
 */
import vm from 'node:vm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBuiltBundle } from '../gas/built-bundle.js';
import { clockDate, FakeEnv, snapshot } from '../gas/fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from '../gas/sample-env.js';
import { launch, type Browser } from './browser.js';

const bundle = useBuiltBundle();
const fresh = () => new FakeEnv({ sheets: sampleSheets({ members: 30, today: '2026-11-26' }), timeZone: SAMPLE_TZ });
const slow = () => {
  const env = fresh();
  env.msPerCall = 3000;
  return env;
};

/** The run is over and the spreadsheet is what one uninterrupted run at the same instant leaves. */
async function expectOneRunsResult(env: FakeEnv, now: string): Promise<void> {
  expect(env.properties.document.has('fenceng.run')).toBe(false);
  const reference = fresh();
  await bundle.load(reference, { Date: fixedClock(new Date(now)) }).recomputeTiers();
  expect(snapshot(env)).toEqual(snapshot(reference));
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** The stand-in: same shape as Google's runner; every call goes to window.gasCall (a fresh vm execution). */
const STAND_IN = `(function () {
  function runner(ok, fail) {
    var r = { withSuccessHandler: function (f) { return runner(f, fail); }, withFailureHandler: function (f) { return runner(ok, f); }, withUserObject: function () { return r; } };
    return new Proxy(r, { get: function (t, name) {
      if (name in t) return t[name];
      return function (req) { window.gasCall(String(name), JSON.stringify(req === undefined ? null : req)).then(function (v) { ok && ok(JSON.parse(v)); }, function (e) { fail && fail(e); }); };
    } });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();`;

interface Session {
  page: Page;
  calls: string[];
  /** Held continueRun calls wait for this; open() lets them all through. */
  open(): void;
}

async function sidebarOver(env: FakeEnv, view: 'rules' | 'preview', hold = false, page0?: string): Promise<Session> {
  const page = await browser.context.newPage();
  const calls: string[] = [];
  let release!: () => void;
  const gate = hold ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  await page.exposeFunction('gasCall', async (fn: string, request: string) => {
    calls.push(fn);
    if (fn === 'fencengContinueRun') await gate;
    env.newExecution();
    const ctx = bundle.load(env, { Date: clockDate(env) });
    ctx.__request = JSON.parse(request);
    return JSON.stringify(vm.runInContext(`${fn}(__request)`, ctx));
  });
  const html = page0 ?? bundle.sidebarHtml.replace('<head>', () => `<head><script>${STAND_IN}</script><script>window.FENCENG_START=${JSON.stringify({ view })};</script>`);
  await page.setContent(page0 ? `<script>${STAND_IN}</script>${page0}` : html);
  return { page, calls, open: () => release?.() };
}

describe('the rules sidebar driving a long run (bundle in vm, Chromium)', () => {
  it('shows the stage and counts and "continuing in the background", drives the run to its end and shows the summary', async () => {
    const env = slow();
    const { page, calls, open } = await sidebarOver(env, 'preview', true);
    try {
      await page.locator('#confirm-recompute').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('#confirm-recompute').isEnabled(), { timeout: 60_000 }).toBe(true);
      await page.locator('#confirm-recompute').click();
      // The first execution stopped at its budget: the sidebar says where the run stands before it asks again.
      const line = page.locator('#run-line');
      await line.waitFor({ timeout: 60_000 });
      const progress = JSON.parse(env.properties.document.get('fenceng.run')!);
      expect(await line.textContent()).toBe(`正在写入工作表 ${progress.done}/${progress.total} · 30 名成员 · 第 1 次执行`);
      expect(await page.locator('#run-background').textContent()).toMatch(/^正在后台继续/);
      expect(await page.locator('#confirm-recompute').isDisabled()).toBe(true);
      open();
      const result = page.locator('#result-text');
      await result.waitFor({ timeout: 120_000 });
      expect(await result.textContent()).toContain('分层完成：30 名成员');
      expect(await page.locator('#run-status').count()).toBe(0);
      expect(calls.filter((c) => c === 'fencengContinueRun').length).toBeGreaterThan(0);
      await expectOneRunsResult(env, progress.now);
      expect(env.triggers).toEqual([]);
    } finally {
      await page.close();
    }
  }, 240_000);

  it('opened while a run is in progress: shows it, drives it on, and ends with the summary at a glance', async () => {
    const env = slow();
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    const progress = JSON.parse(env.properties.document.get('fenceng.run')!);
    expect(progress.done).toBeLessThan(progress.total);
    const { page, open } = await sidebarOver(env, 'rules', true);
    try {
      const line = page.locator('#run-line');
      await line.waitFor({ timeout: 60_000 });
      expect(await line.textContent()).toBe(`正在写入工作表 ${progress.done}/${progress.total} · 30 名成员 · 第 1 次执行`);
      expect(await page.locator('#run-resumed').textContent()).toMatch(/^已有一轮计算在进行/);
      // In English too (the language switch).
      await page.locator('button.lang').click();
      expect(await page.locator('#run-line').textContent()).toBe(`Writing sheets: ${progress.done} of ${progress.total} · 30 members · execution 1`);
      expect(await page.locator('#run-background').textContent()).toMatch(/^Continuing in the background/);
      open();
      const summary = page.locator('#run-summary');
      await summary.waitFor({ timeout: 120_000 });
      expect(await page.locator('#run-status h3').textContent()).toMatch(/^Run finished in \d+ execution/);
      expect(await summary.textContent()).toContain('30');
      await expectOneRunsResult(env, progress.now);
    } finally {
      await page.close();
    }
  }, 240_000);

  it('the status sidebar the menu opens drives the run on too and ends on its summary', async () => {
    const env = slow();
    await bundle.load(env, { Date: clockDate(env) }).recomputeTiers();
    const progress = JSON.parse(env.properties.document.get('fenceng.run')!);
    const statusPage = env.sidebars.at(-1)!;
    expect(statusPage.getTitle()).toBe('分层计算进度 / Recompute progress');
    const { page, calls, open } = await sidebarOver(env, 'rules', true, statusPage.getContent().replace(/^<!doctype html>/i, ''));
    try {
      await expect.poll(() => page.locator('#s').textContent(), { timeout: 60_000 }).toMatch(/^读取中/);
      // Every state the page shows on the way.
      await page.evaluate(`window.seen = [];
        new MutationObserver(() => window.seen.push(document.getElementById('s').textContent || '')).observe(document.getElementById('s'), { childList: true, subtree: true });`);
      open();
      await expect.poll(() => page.locator('#s').textContent(), { timeout: 120_000 }).toMatch(/^完成 \/ Done分层完成：30 名成员/);
      const seen = (await page.evaluate('window.seen')) as string[];
      expect(seen.some((t) => /^正在后台继续 \/ Continuing in the background正在写入工作表 \d+\/\d+ · 30 名成员 · 第 \d+ 次执行 \/ Writing sheets/.test(t))).toBe(true);
      expect(calls.every((c) => c === 'fencengContinueRun')).toBe(true);
      await expectOneRunsResult(env, progress.now);
    } finally {
      await page.close();
    }
  }, 240_000);
});
