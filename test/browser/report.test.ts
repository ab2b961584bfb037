/**
 * report.html in a real headless Chromium: it renders offline (every request
 * is blocked and none is attempted), without errors, with every chart drawn.
 * Keeps a screenshot in test/output/ for review (gitignored; no CJK font is
 * installed by default, so Chinese may show as boxes there).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recompute } from '../../src/app/recompute.js';
import { renderReportHtml } from '../../src/report/report-html.js';
import type { CellValue, Table } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../src/sample/operations.js';
import { launch, type Browser } from './browser.js';

const OUTPUT = join(resolve(import.meta.dirname, '../..'), 'test/output');
const grid = (t: Table): CellValue[][] => [t.header, ...t.rows];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe('report.html in Chromium', () => {
  for (const locale of ['zh', 'en'] as const) {
    it(`renders offline with every chart drawn (${locale})`, async () => {
      const m = generateMembersTable({ members: 300, seed: 11, today: '2026-11-26' });
      const wb = new MemoryWorkbook({
        成员: grid(m),
        内容库: grid(generateContentLibraryTable({ seed: 11 })),
        积分兑换: grid(generateRedemptionsTable(m, { seed: 11, today: '2026-11-26' })),
        积分流水: grid(generatePointsHistoryTable(m, { seed: 11, today: '2026-11-26' })),
      });
      const opts = { timeZone: 'Asia/Shanghai', locale };
      await recompute(wb, { ...opts, now: new Date('2026-11-25T01:50:00Z') });
      const result = await recompute(wb, { ...opts, now: new Date('2026-11-26T01:50:00Z') });
      const html = renderReportHtml(result.operations.dashboard, { summaryText: result.text });

      const page = await browser.context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.setContent(html, { waitUntil: 'load' });

      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBe(7);
      for (let i = 0; i < 7; i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(300);
        expect(box?.height ?? 0).toBeGreaterThan(150);
      }
      // Two runs: the trend has two days; bars and slices are drawn, not just frames.
      expect(await page.locator('#trend circle').count()).toBe(6);
      expect(await page.locator('#tiers rect').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('#contribution path').count()).toBe(3);
      expect(await page.locator('h1').textContent()).toBe(locale === 'zh' ? '运营看板' : 'Operations dashboard');
      mkdirSync(OUTPUT, { recursive: true });
      await page.screenshot({ path: join(OUTPUT, `report-${locale}.png`), fullPage: true });
      await page.close();
    }, 60_000);
  }

  it('fits a 320 px and a 390 px phone without sideways scrolling, and prints on A4', async () => {
    const m = generateMembersTable({ members: 300, seed: 12, today: '2026-11-26' });
    const wb = new MemoryWorkbook({ 成员: grid(m), 积分流水: grid(generatePointsHistoryTable(m, { seed: 12, today: '2026-11-26' })) });
    const result = await recompute(wb, { timeZone: 'Asia/Shanghai', locale: 'zh', now: new Date('2026-11-26T01:50:00Z') });
    const html = renderReportHtml(result.operations.dashboard, { summaryText: result.text });
    const page = await browser.context.newPage();
    await page.route('**/*', (route) => route.abort());
    for (const width of [320, 390, 1600]) {
      await page.setViewportSize({ width, height: 800 });
      await page.setContent(html, { waitUntil: 'load' });
      const { scroll, client } = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })')) as { scroll: number; client: number };
      expect(scroll, `page width at ${width} px`).toBeLessThanOrEqual(client);
      // Every chart scales to its card: inside the viewport, and not shrunk to nothing.
      const charts = page.locator('svg.chart');
      for (let i = 0; i < (await charts.count()); i++) {
        const box = (await charts.nth(i).boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        expect(box.width).toBeGreaterThan(Math.min(width, 600) * 0.7);
      }
      if (width === 390) await page.screenshot({ path: join(OUTPUT, 'report-phone.png'), fullPage: true });
    }
    // Print: A4 pages, each chart card whole on one page (break-inside: avoid).
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const mediaBoxes = pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)/g) ?? [];
    expect(mediaBoxes.length).toBeGreaterThan(0);
    for (const box of mediaBoxes) {
      const [w, h] = box.split(/\s+/).slice(-2).map(Number);
      expect(Math.abs(w - 595.3) + Math.abs(h - 841.9)).toBeLessThan(2); // A4 in points
    }
    expect(await page.evaluate("getComputedStyle(document.querySelector('section.card')).breakInside")).toBe('avoid');
    await page.close();
  }, 90_000);
});
