/**
 * The lost update, as an operator meets it: the sidebar is open in
 * the local preview, a CLI `recompute --in-place` rewrites the same file, then
 * the operator saves in the sidebar. The save must not put back the old
 * workbook: the sidebar says to reload, and after 重新载入 the save keeps
 * everything the CLI wrote.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
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
import { closeSidebar, openSidebar } from './sidebar-session.js';

const CORE_COMMENTS = '[data-path="rules[0].conditions.all[0].any[0]"]';
let dir: string;
let file: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-reload-'));
  file = join(dir, '成员.xlsx');
  // Only the members sheet: a recompute adds the rest, so a stale save would visibly drop sheets.
  await (await XlsxWorkbook.create([generateMembersTable({ members: 120, seed: 4, today: '2026-11-26' })])).save(file);
  ({ server, browser, page } = await openSidebar(file, () => new Date('2026-11-26T04:00:00Z')));
}, 180_000);

afterAll(() => closeSidebar({ server, browser }, dir));

async function changeAndPreview(): Promise<void> {
  await page.locator('.tab[data-view="rules"]').click();
  await page.locator(`section.set[data-set="activity"] ${CORE_COMMENTS} input.value`).fill('5');
  await page.locator('#preview-save').click();
  await page.locator('.set-preview[data-set="activity"]').waitFor({ timeout: 60_000 });
}

async function save(note: string): Promise<void> {
  await page.locator('#note').fill(note);
  await page.locator('#confirm-save').click();
}

describe('a save in the preview after the file changed underneath', () => {
  it('is refused with a reload message, writes nothing, and after 重新载入 keeps what the CLI wrote', async () => {
    const onlyMembers = (await XlsxWorkbook.open(file)).sheetNames().length;
    await changeAndPreview();
    // While the operator looks at the preview, a CLI run rewrites the file.
    const cli = await runCli('recompute', file, '--in-place', '--now', '2026-11-26');
    expect(cli.code).toBe(0);
    const byCli = readFileSync(file);
    const cliSheets = (await XlsxWorkbook.open(file)).sheetNames();
    expect(cliSheets.length).toBeGreaterThan(onlyMembers);

    // The page (and the server's memory) still hold the workbook as it was loaded: the save is refused.
    await save('过时的保存');
    const banner = page.locator('.banner.error .msg');
    await banner.waitFor({ timeout: 60_000 });
    expect(await banner.textContent()).toMatch(/已在别处被修改.*请刷新本页面/);
    expect(readFileSync(file).equals(byCli)).toBe(true);

    // 重新载入 reads the file again; the same edit then saves on top of the CLI's workbook.
    await page.locator('.banner.error button', { hasText: '重新载入' }).click();
    await expect.poll(() => page.locator('.banner.error').count(), { timeout: 30_000 }).toBe(0);
    await changeAndPreview();
    await save('重新载入后保存');
    const result = page.locator('#result-text');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toContain('已保存为版本 1');
    const after = await XlsxWorkbook.open(file);
    expect(after.sheetNames()).toEqual(expect.arrayContaining(cliSheets));
    expect(readRuleStore(after).active).toMatchObject({ version: 1, note: '重新载入后保存' });
  }, 300_000);
});
