/**
 * A rule change that demotes members, as an operator meets it: the preview
 * says how many would move down and offers the grace period; choosing 保留
 * and saving → the recompute keeps them in their tier with the grace
 * explanation, and the choice is recorded with the version.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRuleStore } from '../../src/app/rule-store.js';
import type { PreviewServer } from '../../src/preview/server.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import { runCli } from '../cli/helpers.js';
import type { Browser } from './browser.js';
import { membersColumn } from './members-column.js';
import { closeSidebar, openSidebar } from './sidebar-session.js';

/** The core rule's 最近活跃 condition (≤ 7 days by default). */
const CORE_RECENT = '[data-path="rules[0].conditions.all[1]"]';
let dir: string;
let file: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const column = (header: string) => membersColumn(file, header);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-grace-'));
  file = join(dir, '成员.xlsx');
  await (await XlsxWorkbook.create([generateMembersTable({ members: 300, seed: 11, today: '2026-11-26' })])).save(file);
  // Tiered once under the defaults (state and tiers on the sheet), before the sidebar opens.
  const cli = await runCli('recompute', file, '--in-place', '--now', '2026-11-26');
  expect(cli.code).toBe(0);
  ({ server, browser, page } = await openSidebar(file, () => new Date('2026-11-26T04:00:00Z'), pageErrors));
}, 180_000);

afterAll(() => closeSidebar({ server, browser }, dir));

describe('a rule edit that demotes members', () => {
  it('shows how many would move down and the grace offer; 保留 and save → they keep their tier with the grace explanation', async () => {
    const before = await column('活跃层级');
    const coreBefore = before.filter((t) => t === '核心成员').length;
    expect(coreBefore).toBeGreaterThan(2);

    // Core members must now have been active within 2 days, not 7: those active 3–7 days ago fall below it.
    await page.locator('.tab[data-view="rules"]').click();
    await page.locator(`section.set[data-set="activity"] ${CORE_RECENT} input.value`).fill('2');
    await page.locator('#preview-save').click();
    const offer = page.locator('.set-preview[data-set="activity"] .demotions');
    await offer.waitFor({ timeout: 60_000 });
    const demoted = Number(await offer.getAttribute('data-demoted'));
    expect(demoted).toBeGreaterThan(0);
    expect(await offer.locator('legend').textContent()).toBe(`${demoted.toLocaleString()} 人将降级`);
    // The matrix agrees: the members leaving 核心成员 for a lower tier.
    const out = await page.locator('.set-preview[data-set="activity"] td[data-from="core"]:not([data-to="core"])').allTextContents();
    expect(out.map((n) => Number(n.replace(/[^\d]/g, '') || 0)).reduce((a, b) => a + b, 0)).toBe(demoted);
    // Apply at once is the default; the other choice is the grace period.
    expect(await offer.locator('input[value="now"]').isChecked()).toBe(true);
    await offer.locator('input[value="grace"]').check();
    await expect.poll(() => page.locator('.set-preview[data-set="activity"] .demotions p.muted').textContent()).toMatch(/宽限期/);

    await page.locator('#note').fill('收紧核心成员的活跃天数，保留宽限期');
    await page.locator('#confirm-save').click();
    const result = page.locator('#result-text');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toContain('已保存为版本 1');

    const tiers = await column('活跃层级');
    const reasons = await column('分层依据');
    const held = reasons.filter((r) => typeof r === 'string' && /^核心成员（宽限期：还剩 14 天）；规则结果 (潜力成员|沉默成员)/.test(r));
    expect(held).toHaveLength(demoted);
    // Nobody left the core tier; those held are exactly the ones the rules now place lower.
    expect(tiers.filter((t) => t === '核心成员').length).toBe(coreBefore);
    expect(readRuleStore(await XlsxWorkbook.open(file)).active?.doc.keepForGrace).toEqual(['activity']);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
