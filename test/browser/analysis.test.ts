/**
 * The rule analysis in the sidebar, in a real headless Chromium: findings
 * appear beside the rule as the operator types or reorders, errors block
 * saving, and both languages read right.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recompute } from '../../src/app/recompute.js';
import { DEFAULT_HEADER_MAPPING } from '../../src/app/default-rules.js';
import { DEFAULT_POINTS_RULES } from '../../src/app/default-operations.js';
import type { FactValues } from '../../src/core/facts/facts.js';
import { parseMembers } from '../../src/core/facts/members.js';
import { createEvaluator } from '../../src/core/rules/evaluate.js';
import { civilDayOfInstant } from '../../src/core/base/time.js';
import type { PreviewServer } from '../../src/preview/server.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import type { Browser } from './browser.js';
import { closeSidebar, openSidebar } from './sidebar-session.js';

const NOW = new Date('2026-11-26T04:00:00Z');
const OUTPUT = resolve(import.meta.dirname, '../../test/output');
let dir: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let members: FactValues[];
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-analysis-'));
  const file = join(dir, '成员.xlsx');
  const table = generateMembersTable({ members: 300, seed: 5, today: '2026-11-26' });
  members = parseMembers(table, { mapping: DEFAULT_HEADER_MAPPING, today: civilDayOfInstant(NOW, 'Asia/Shanghai'), usedFacts: new Set() }).rows.filter((r) => r.status === 'ok').map((r) => r.facts);
  const wb = await XlsxWorkbook.create([table]);
  await recompute(wb, { now: NOW, timeZone: 'Asia/Shanghai', locale: 'zh' });
  await wb.save(file);
  ({ server, browser, page } = await openSidebar(file, () => NOW, pageErrors));
}, 180_000);

afterAll(() => closeSidebar({ server, browser }, dir));

const activity = () => page.locator('section.set[data-set="activity"]');
const slot = (path: string) => activity().locator(`.findings[data-for="activity:${path}"]`);

describe('rule analysis in the sidebar', () => {
  it('the default rules: a note on creators who also interact, beside the later rule; nothing on the activity ladder', async () => {
    const note = page.locator('.findings[data-for="contribution:rules[2]"] .finding.sev-info[data-kind="overlap"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.first().textContent()).toContain('两者都满足的成员按先后进入「内容创造者」，而不是「互动者」');
    expect(await note.first().textContent()).toContain('例：近30天评论 10、近30天发布 3 → 「内容创造者：持续发布」先命中');
    expect(await activity().locator('.finding').count()).toBe(0);
  }, 60_000);

  it('typing a value that makes a rule impossible shows an error beside it, marks the clash and blocks saving', async () => {
    const days = activity().locator('[data-path="rules[0].conditions.all[1]"]');
    await days.locator('input.value').fill('-1');
    const error = slot('rules[0]').locator('.finding.sev-error[data-kind="unsatisfiable"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toContain('规则「核心成员：近期高频互动」永远不会命中：最近活跃 ≤ -1 天前 不可能成立');
    expect(await days.getAttribute('class')).toContain('clash');
    expect(await activity().locator('.findings[data-for="activity:"] .finding[data-kind="unreachable-tier"]').textContent()).toContain('层级「核心成员」不会有成员');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    expect(await page.locator('#save-status').textContent()).toContain('1 处错误');

    await page.locator('button.lang').click();
    await expect.poll(() => slot('rules[0]').locator('.finding.sev-error').textContent()).toContain('can never match: Last active ≤ -1 days ago can never hold');
    await page.locator('button.lang').click();
    await expect.poll(() => page.locator('.tab[data-view="rules"]').textContent()).toBe('规则');

    await activity().locator('[data-path="rules[0].conditions.all[1]"] input.value').fill('7');
    await expect.poll(() => slot('rules[0]').isHidden()).toBe(true);
    expect(await activity().locator('.clash').count()).toBe(0);
  }, 60_000);

  it('moving the wider rule first shadows the narrower one, with an example member', async () => {
    await activity().locator('.rule[data-rule]').nth(0).locator('button[aria-label="下移"]').click();
    const moved = activity().locator('.rule[data-rule="核心成员：近期高频互动"]');
    await expect.poll(() => moved.getAttribute('data-path')).toBe('rules[1]');
    const error = slot('rules[1]').locator('.finding.sev-error[data-kind="shadowed"]');
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toContain('它命中的成员都已被优先级更高的规则「潜力成员：本月有互动」先命中');
    expect(await error.textContent()).toContain('→ 「潜力成员：本月有互动」先命中');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    mkdirSync(OUTPUT, { recursive: true });
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'sidebar-analysis.png') });
    await page.locator('#discard').click();
    await expect.poll(() => activity().locator('.finding').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('points and honors are edited in the same table: counts per rule, validation and analysis beside each', async () => {
    await page.locator('button.add-incentives').click();
    const points = page.locator('section.set[data-set="points"]');
    await expect.poll(() => points.locator('.rule[data-rule]').count()).toBe(DEFAULT_POINTS_RULES.rules.length);
    expect(await page.locator('section.set[data-set="honors"] .rule[data-rule]').count()).toBe(3);
    const comments = points.locator('.rule[data-rule="评论"]');
    const path = await comments.getAttribute('data-path');
    // How many members the comments rule fires for, by json-rules-engine.
    const ev = createEvaluator(DEFAULT_POINTS_RULES, civilDayOfInstant(NOW, 'Asia/Shanghai'));
    let fires = 0;
    for (const m of members) if ((await ev.evaluate(m)).matches.some((x) => x.rule.name === '评论')) fires++;
    await expect.poll(() => points.locator(`.rule-count[data-at="${path}"]`).getAttribute('data-count')).toBe(String(fires));

    const amount = comments.locator(`input[data-key="points:${path}.event.params.points"]`);
    await amount.fill('-2');
    await expect.poll(() => points.locator(`.err[data-for="points:${path}"]`).textContent()).toContain('积分必须是非负数');
    expect(await amount.getAttribute('class')).toContain('invalid');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    await amount.fill('4');
    await expect.poll(() => points.locator(`.err[data-for="points:${path}"]`).isHidden()).toBe(true);

    await comments.locator('.leaf input.value').fill('0');
    const always = points.locator(`.findings[data-for="points:${path}"] .finding[data-kind="always-fires"]`);
    await expect.poll(() => always.count()).toBe(1);
    expect(await always.textContent()).toContain('规则「评论」对每位成员都会触发');
    await expect.poll(() => points.locator(`.rule-count[data-at="${path}"]`).getAttribute('data-count')).toBe(String(members.length));
    expect(await page.locator('#preview-save').isDisabled()).toBe(false); // a warning does not block saving

    // The preview compares points per member: 4 instead of 2 per comment.
    await page.locator('#preview-save').click();
    const card = page.locator('.points-preview');
    await card.waitFor({ timeout: 60_000 });
    expect(Number(await card.getAttribute('data-total-after'))).toBeGreaterThan(Number(await card.getAttribute('data-total-before')));
    expect(Number(await card.getAttribute('data-changed'))).toBeGreaterThan(0);
    expect(await card.locator('.examples li').first().textContent()).toMatch(/\d+ → \d+/);
    await page.locator('.tab[data-view="rules"]').click();
    await page.locator('#discard').click();
    await expect.poll(() => page.locator('section.set[data-set="points"]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('the low-water mark is set per rule set in the table, checked like everything else', async () => {
    await activity().locator('details.tiers summary').click();
    const box = activity().locator('input[data-key="activity:lowWaterMark"]');
    await box.fill('150');
    await expect.poll(() => activity().locator('.err[data-for="activity:"]').textContent()).toContain('低水位必须是 0 到 1 之间的数');
    expect(await page.locator('#preview-save').isDisabled()).toBe(true);
    await box.fill('90');
    await expect.poll(() => activity().locator('.err[data-for="activity:"]').isHidden()).toBe(true);
    expect(await page.locator('#preview-save').isDisabled()).toBe(false);
    await page.locator('#discard').click();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
