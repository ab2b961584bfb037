/**
 * docs/report-phone.png: the sample's report.html at a 390 px phone width,
 * in the headless Chromium the browser tests use. Run once after
 * `npm start` (which writes out/members-sample.report.html).
 */
import { readFileSync } from 'node:fs';
import { launch } from '../test/browser/browser.js';

const html = readFileSync(process.argv[2] ?? 'out/members-sample.report.html', 'utf8');
const browser = await launch();
const page = await browser.context.newPage();
await page.route('**/*', (route) => route.abort());
await page.setViewportSize({ width: 390, height: 844 });
await page.setContent(html, { waitUntil: 'load' });
await page.screenshot({ path: process.argv[3] ?? 'docs/report-phone.png', fullPage: false, clip: { x: 0, y: 0, width: 390, height: 1700 } });
await browser.close();
