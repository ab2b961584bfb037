/**
 * The sidebar in a real headless Chromium, served by `fenceng preview`'s
 * server over an .xlsx: the same HTML and the same server API as in Sheets.
 * Edits happen in the page the way an operator makes them; the results are
 * checked in the workbook file on disk.
 */
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { recompute } from '../../src/app/recompute.js';
import { readRuleStore } from '../../src/app/rule-store.js';
import { createServerApi } from '../../src/api/server.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import type { CellValue } from '../../src/core/base/table.js';
import type { PreviewServer } from '../../src/preview/server.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import type { Browser } from './browser.js';
import { membersColumn } from './members-column.js';
import { closeSidebar, openSidebar } from './sidebar-session.js';

const ROOT = resolve(import.meta.dirname, '../..');
const OUTPUT = join(ROOT, 'test/output');
const NOW = new Date('2026-11-26T04:00:00Z');
const CORE_COMMENTS = '[data-path="rules[0].conditions.all[0].any[0]"]';

let dir: string;
let file: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** The activity tiers on the sheet before any rule change (defaults). */
let original: CellValue[];

const activityColumn = (path: string) => membersColumn(path, '活跃层级');

function lowered(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

async function shot(name: string): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  await page.screenshot({ path: join(OUTPUT, name), fullPage: false });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-browser-'));
  file = join(dir, '成员.xlsx');
  // A workbook an operator has used for a while: tiers on the sheet, the defaults saved as version 1.
  const table = generateMembersTable({ members: 240, seed: 11, today: '2026-11-26' });
  const wb = await XlsxWorkbook.create([table]);
  await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' });
  const api = createServerApi({ port: wb, now: () => NOW, uiLocale: 'zh', writeLocale: 'zh', user: () => 'setup', host: 'local', timeZone: { kind: 'store', fallback: 'Asia/Shanghai' } });
  await api.save({ locale: 'zh', ruleSets: DEFAULT_RULE_SETS, settings: {}, note: '初始规则', baseVersion: null });
  await wb.save(file);
  original = await activityColumn(file);

  ({ server, browser, page } = await openSidebar(file, () => NOW, pageErrors));
}, 180_000);

afterAll(() => closeSidebar({ server, browser }, dir));

describe('the rules sidebar in Chromium (local preview over an .xlsx)', () => {
  it('shows the rules as a decision table with the default row', async () => {
    const activity = page.locator('section.set[data-set="activity"]');
    await expect.poll(() => activity.locator('.rule[data-rule]').count()).toBe(2);
    expect(await activity.locator('.default-row select.tier').inputValue()).toBe('silent');
    expect(await activity.locator(`${CORE_COMMENTS} select.fact`).inputValue()).toBe('comments30d');
    expect(await activity.locator(`${CORE_COMMENTS} select.op`).inputValue()).toBe('greaterThanInclusive');
    expect(await activity.locator(`${CORE_COMMENTS} select.op option:checked`).textContent()).toBe('大于等于');
    expect(await activity.locator(`${CORE_COMMENTS} input.value`).inputValue()).toBe('20');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true); // nothing changed yet
    await shot('sidebar-rules.png');
  }, 60_000);

  it('an invalid value shows its error next to the field and disables saving, in either language', async () => {
    const activity = page.locator('section.set[data-set="activity"]');
    const value = activity.locator(`${CORE_COMMENTS} input.value`);
    const error = activity.locator(`.err[data-for="activity:rules[0].conditions.all[0].any[0]"]`);
    await value.fill('abc');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toContain('需要与数字比较');
    expect(await value.getAttribute('class')).toContain('invalid');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    expect(await page.locator('#save-status').textContent()).toContain('1 处错误');
    await shot('sidebar-invalid.png');

    await page.locator('button.lang').click();
    await expect.poll(() => page.locator('.tab[data-view="rules"]').textContent()).toBe('Rules');
    expect(await activity.locator(`.err[data-for="activity:rules[0].conditions.all[0].any[0]"]`).textContent()).toContain('must be compared with a number');
    await page.locator('button.lang').click();
    await expect.poll(() => page.locator('.tab[data-view="rules"]').textContent()).toBe('规则');

    await activity.locator(`${CORE_COMMENTS} input.value`).fill('20');
    await expect.poll(() => activity.locator('.err[data-for="activity:rules[0].conditions.all[0].any[0]"]').isVisible()).toBe(false);
    expect(await page.locator('#preview-save').isDisabled()).toBe(true); // valid again, and unchanged
  }, 60_000);

  it('edits the table: add a rule, reorder, remove; the JSON view is checked the same way; discard restores', async () => {
    const activity = page.locator('section.set[data-set="activity"]');
    await activity.locator('button.add-rule').click();
    await expect.poll(() => activity.locator('.rule[data-rule]').count()).toBe(3);
    const added = activity.locator('.rule[data-rule]').nth(2);
    expect(await added.locator('input.rule-name').inputValue()).toBe('新规则');
    expect(await added.locator('select.tier').inputValue()).toBe('potential');
    await added.locator('button[aria-label="上移（优先判断）"]').click();
    expect(await activity.locator('.rule[data-rule]').nth(1).getAttribute('data-rule')).toBe('新规则');
    await activity.locator('.rule[data-rule="新规则"] .group-add button').first().click(); // + 条件
    await expect.poll(() => activity.locator('.rule[data-rule="新规则"] .leaf').count()).toBe(2);
    expect(await page.locator('#preview-save').isDisabled()).toBe(false);

    // The same change seen as JSON; broken JSON and invalid rules both block saving.
    await page.locator('.segmented button', { hasText: 'JSON' }).click();
    const json = page.locator('textarea.json');
    const text = await json.inputValue();
    expect(JSON.parse(text)[0].rules[1].name).toBe('新规则');
    await json.fill(text.slice(0, -3));
    await expect.poll(() => page.locator('.err[data-for="json:"]').textContent()).toContain('JSON 格式错误');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    await json.fill(text.replace('"greaterThanInclusive"', '"biggerThan"'));
    await expect.poll(() => page.locator('.err[data-for="json:"]').textContent()).toContain('未知运算符「biggerThan」');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    await json.fill(text);
    await expect.poll(() => page.locator('#preview-save').isDisabled()).toBe(false);
    await page.locator('.segmented button', { hasText: '表格' }).click();
    await expect.poll(() => activity.locator('.rule[data-rule]').count()).toBe(3);

    await activity.locator('.rule[data-rule="新规则"] button[aria-label="删除这条规则"]').click();
    await expect.poll(() => activity.locator('.rule[data-rule]').count()).toBe(2);
    await page.locator('#discard').click();
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('与版本 1 相同');
  }, 60_000);

  it('change a threshold → the preview shows the moves → save → recompute → the file has the new tiers and a new version', async () => {
    // What the same rules do to the same file, computed without the browser.
    const expected = await recompute(await XlsxWorkbook.open(file), { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh', dryRun: true, ruleSets: lowered(5) });
    const expectedMoves = expected.summary.moves.find((m) => m.from === '潜力成员' && m.to === '核心成员')?.count ?? 0;
    expect(expectedMoves).toBeGreaterThan(0);

    await page.locator(`section.set[data-set="activity"] ${CORE_COMMENTS} input.value`).fill('5');
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('有未保存的修改');
    await page.locator('#preview-save').click();
    const preview = page.locator('.set-preview[data-set="activity"]');
    await preview.waitFor({ timeout: 60_000 });
    expect(await preview.locator('td[data-from="potential"][data-to="core"]').textContent()).toBe(String(expectedMoves));
    const move = preview.locator('.move[data-from="potential"][data-to="core"]');
    expect(await move.locator('.count').textContent()).toBe(String(expectedMoves));
    expect(await move.locator('.examples li').count()).toBeGreaterThan(0);
    expect(await move.locator('.examples .reason').first().textContent()).toMatch(/^核心成员：/);
    expect(await page.locator('.changes').textContent()).toContain('近30天评论 大于等于 20 → 近30天评论 大于等于 5');
    await shot('sidebar-preview.png');
    // Nothing written by a preview.
    expect(await activityColumn(file)).toEqual(original);
    expect(readRuleStore(await XlsxWorkbook.open(file)).active?.version).toBe(1);

    await page.locator('#note').fill('核心成员评论门槛 20 → 5');
    await page.locator('#confirm-save').click();
    const result = page.locator('#result-text');
    await result.waitFor({ timeout: 120_000 });
    expect(await result.textContent()).toContain('已保存为版本 2');
    expect(await result.textContent()).toContain('分层完成');
    await shot('sidebar-saved.png');

    const after = await activityColumn(file);
    const moved = after.filter((v, i) => v !== original[i]);
    expect(moved.length).toBe(expectedMoves);
    expect(moved.every((v) => v === '核心成员')).toBe(true);
    const store = readRuleStore(await XlsxWorkbook.open(file));
    expect(store.active).toMatchObject({ version: 2, note: '核心成员评论门槛 20 → 5', user: 'operator' });
    expect(store.active!.doc.ruleSets[0].rules[0]).toEqual(lowered(5)[0].rules[0]);
  }, 180_000);

  it('rollback to the previous version restores the previous tiers', async () => {
    await page.locator('.tab[data-view="versions"]').click();
    const v1 = page.locator('li.version[data-version="1"]');
    await v1.locator('.version-head').click();
    await v1.locator('.version-body .rollback').waitFor({ timeout: 30_000 });
    const v2 = page.locator('li.version[data-version="2"]');
    expect(await v2.locator('.badge').count()).toBe(1);
    await v1.locator('.rollback').click();
    await page.locator('#confirm-rollback').click();
    await page.locator('#result-text').waitFor({ timeout: 120_000 });
    expect(await page.locator('#result-text').textContent()).toContain('已保存为版本 3');
    await page.locator('li.version[data-version="3"] .version-head').click();
    await page.locator('li.version[data-version="3"] .version-body .changes').waitFor({ timeout: 30_000 });
    expect(await page.locator('li.version[data-version="3"] .note').textContent()).toContain('回滚到版本 1');
    await shot('sidebar-versions.png');

    expect(await activityColumn(file)).toEqual(original);
    const store = readRuleStore(await XlsxWorkbook.open(file));
    expect(store.active?.version).toBe(3);
    expect(store.active?.doc.ruleSets).toEqual(DEFAULT_RULE_SETS);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('预览规则变动 opens on a preview of the saved rules against the sheet, writing nothing', async () => {
    const second = await browser.context.newPage();
    second.on('pageerror', (e) => pageErrors.push(e.message));
    await second.goto(`${server.url}&view=preview`); // the url carries ?token=…
    const activity = second.locator('.set-preview[data-set="activity"]');
    await activity.waitFor({ timeout: 60_000 });
    expect(await activity.locator('.stats').textContent()).toContain('0 人换层级'); // the sheet is up to date
    expect(await second.locator('#confirm-recompute').isEnabled()).toBe(true);
    expect(await second.locator('.changes').count()).toBe(0);
    await second.close();
    expect(await activityColumn(file)).toEqual(original);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});

// Keep one screenshot of the sidebar for review (test/output is gitignored).
afterAll(() => {
  try {
    copyFileSync(join(OUTPUT, 'sidebar-preview.png'), join(OUTPUT, 'sidebar.png'));
  } catch {
    // the preview test failed before its screenshot; its own failure says why
  }
});
