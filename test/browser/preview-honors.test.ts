/**
 * Honors before → after in the preview, as the operator meets it: more
 * places for 互动之星 in the table editor → the preview lists who gains the
 * honor (and that nobody loses one), the same members a dry run under each
 * version makes provisional winners.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recompute } from '../../src/app/recompute.js';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { DEFAULT_HONORS_RULES, DEFAULT_POINTS_RULES } from '../../src/app/default-operations.js';
import type { PreviewServer } from '../../src/preview/server.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import type { Browser } from './browser.js';
import { closeSidebar, openSidebar } from './sidebar-session.js';

const NOW = new Date('2026-11-26T04:00:00Z');
let dir: string;
let file: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-honors-'));
  file = join(dir, '成员.xlsx');
  await (await XlsxWorkbook.create([generateMembersTable({ members: 200, seed: 5, today: '2026-11-26' })])).save(file);
  ({ server, browser, page } = await openSidebar(file, () => NOW, pageErrors));
}, 180_000);

afterAll(() => closeSidebar({ server, browser }, dir));

/** 互动之星's provisional winners under the given honors rules, by a dry run over the same file. */
async function winners(places: number): Promise<string[]> {
  const honors = structuredClone(DEFAULT_HONORS_RULES);
  honors.rules.find((r) => r.name === '互动之星')!.event.params!.winners = places;
  const run = await recompute(await XlsxWorkbook.open(file), { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh', dryRun: true, ruleSets: [...DEFAULT_RULE_SETS, DEFAULT_POINTS_RULES, honors] });
  return run.operations.provisional.filter((a) => a.honor.zh === '互动之星').map((a) => a.memberId);
}

describe('the preview of an honors change', () => {
  it('shows each honor before → after and who gains it', async () => {
    const [before, after] = [await winners(3), await winners(6)];
    const gained = after.filter((id) => !before.includes(id));
    expect(gained.length).toBeGreaterThan(0);

    await page.locator('button.add-incentives').click();
    const star = page.locator('section.set[data-set="honors"] .rule[data-rule="互动之星"]');
    const path = await star.getAttribute('data-path');
    await star.locator(`input[data-key="honors:${path}.event.params.winners"]`).fill('6');
    await page.locator('#preview-save').click();
    const card = page.locator('.honors-preview');
    await card.waitFor({ timeout: 60_000 });
    const line = card.locator('li.honor[data-honor="互动之星"]');
    expect(await line.getAttribute('data-before')).toBe(String(before.length));
    expect(await line.getAttribute('data-after')).toBe(String(after.length));
    expect(await line.locator('.gained .who').evaluateAll((els) => els.map((e) => e.getAttribute('data-member')))).toEqual(gained);
    expect(await line.locator('.lost').count()).toBe(0);
    expect(await card.getAttribute('data-gained')).toBe(String(gained.length));
    expect(await card.locator('.stats').textContent()).toBe(`${gained.length} 人新获得荣誉，0 人失去荣誉`);
    // The other honors say their winners stay.
    expect(await card.locator('li.honor[data-honor="内容之星"]').textContent()).toContain('获得者不变');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
