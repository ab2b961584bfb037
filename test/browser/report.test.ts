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
});
