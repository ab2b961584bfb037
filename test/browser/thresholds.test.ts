/**
 * Thresholds against the data, in a real headless Chromium over 10,000
 * generated members: the histogram under a numeric condition, the counts on
 * each side and the tier sizes follow the value as it is typed, and agree
 * with json-rules-engine run on the same members outside the browser.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { DEFAULT_HEADER_MAPPING } from '../../src/app/default-rules.js';
import type { FactValues } from '../../src/core/facts/facts.js';
import { parseMembers } from '../../src/core/facts/members.js';
import { createEvaluator } from '../../src/core/rules/evaluate.js';
import { percentileCuts } from '../../src/core/rules/compile.js';
import { cutKey } from '../../src/core/rules/percentile.js';
import type { Condition, RuleSet } from '../../src/core/rules/types.js';
import { civilDayOfInstant } from '../../src/core/base/time.js';
import type { PreviewServer } from '../../src/preview/server.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import type { Browser } from './browser.js';
import { closeSidebar, openSidebar } from './sidebar-session.js';

const MEMBERS = 10_000;
const NOW = new Date('2026-11-26T04:00:00Z');
const TODAY = civilDayOfInstant(NOW, 'Asia/Shanghai');
const CORE_COMMENTS = 'rules[0].conditions.all[0].any[0]';
const CORE_DAYS = 'rules[0].conditions.all[1]';

let dir: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;
let members: FactValues[];
const pageErrors: string[] = [];

/** Members the real evaluator says meet `c`, with the activity set's missing-as-zero. */
async function meeting(c: Condition): Promise<number> {
  const set: RuleSet = { ...DEFAULT_RULE_SETS[0], rules: [{ name: 'x', priority: 1, conditions: { all: [c] }, event: { type: 'tier', params: { tier: 'core' } } }] };
  const ev = createEvaluator(set, TODAY);
  let n = 0;
  for (const m of members) if ((await ev.evaluate(m)).placedBy) n++;
  return n;
}

async function tierSizes(rules: RuleSet): Promise<Record<string, number>> {
  const ev = createEvaluator(rules, TODAY);
  const out: Record<string, number> = {};
  for (const m of members) {
    const tier = (await ev.evaluate(m)).tier!;
    out[tier] = (out[tier] ?? 0) + 1;
  }
  return out;
}

function activityWith(edit: (set: RuleSet) => void): RuleSet {
  const set = structuredClone(DEFAULT_RULE_SETS[0]);
  edit(set);
  return set;
}
const coreLeaf = (set: RuleSet, k: number) => ((set.rules[0].conditions as { all: Array<{ any: Condition[] } & Condition> }).all[0].any[k] as { value: number });
const coreDays = (set: RuleSet) => (set.rules[0].conditions as { all: Array<{ value: number }> }).all[1];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fenceng-thresholds-'));
  const file = join(dir, '成员.xlsx');
  const table = generateMembersTable({ members: MEMBERS, seed: 42, today: '2026-11-26' });
  members = parseMembers(table, { mapping: DEFAULT_HEADER_MAPPING, today: TODAY, usedFacts: new Set() }).rows.filter((r) => r.status === 'ok').map((r) => r.facts);
  const wb = await XlsxWorkbook.create([table]);
  await wb.save(file);
  ({ server, browser, page } = await openSidebar(file, () => NOW, pageErrors, 60_000));
}, 240_000);

afterAll(() => closeSidebar({ server, browser }, dir));

const activity = () => page.locator('section.set[data-set="activity"]');
const dist = (path: string) => activity().locator(`.dist[data-at="${path}"]`);
const liveMs = async () => Number(await page.locator('.rules-view').getAttribute('data-live-ms'));

describe('thresholds against the members, live in the browser', () => {
  it('a numeric condition shows its histogram, the threshold and the members on each side', async () => {
    const d = dist(CORE_COMMENTS);
    await d.waitFor({ state: 'visible', timeout: 60_000 });
    const yes = await meeting({ fact: 'comments30d', operator: 'greaterThanInclusive', value: 20 });
    expect(Number(await d.getAttribute('data-yes'))).toBe(yes);
    expect(Number(await d.getAttribute('data-no'))).toBe(members.length - yes);
    const bars = d.locator('rect.bar');
    expect(await bars.count()).toBe(21);
    const counts = await bars.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-count'))));
    // Every member is in one bar (comments count as 0 when blank in this rule set).
    expect(counts.reduce((a, b) => a + b, 0)).toBe(members.length);
    // Bars left of the marker fail ≥ 20, bars right of it pass.
    const classes = await bars.evaluateAll((rs) => rs.map((r) => r.getAttribute('class')!));
    const x = Number(await d.locator('line.marker').getAttribute('data-x'));
    classes.forEach((c, k) => expect(c.includes('pass'), `bar ${k}`).toBe((k + 0.5) * 10 > x));
    expect(await d.locator('.dist-counts').textContent()).toContain(`满足 ${yes} 人`);
    console.log(`[thresholds] ${members.length} members: first live refresh ${(await liveMs()).toFixed(1)} ms`);
  }, 120_000);

  it('typing a new value moves the marker and recounts, tier sizes included', async () => {
    const d = dist(CORE_COMMENTS);
    const before = Number(await d.locator('line.marker').getAttribute('data-x'));
    await d.locator('xpath=..').locator('input.value').fill('5');
    const yes = await meeting({ fact: 'comments30d', operator: 'greaterThanInclusive', value: 5 });
    await expect.poll(async () => Number(await d.getAttribute('data-yes'))).toBe(yes);
    expect(Number(await d.locator('line.marker').getAttribute('data-x'))).toBeLessThan(before);
    const expected = await tierSizes(activityWith((s) => (coreLeaf(s, 0).value = 5)));
    for (const tier of ['core', 'potential', 'silent']) {
      expect(Number(await activity().locator(`.tier-size[data-tier="${tier}"]`).getAttribute('data-count')), tier).toBe(expected[tier] ?? 0);
    }
    mkdirSync(resolve(import.meta.dirname, '../output'), { recursive: true });
    await page.locator('section.set[data-set="activity"] h2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(import.meta.dirname, '../output/sidebar-thresholds.png') });
    const placed = await activity().locator('.rule-count[data-at="rules[0]"]').getAttribute('data-count');
    expect(Number(placed)).toBe(expected.core);
    console.log(`[thresholds] ${members.length} members: live refresh after typing ${(await liveMs()).toFixed(1)} ms (count only ${Number(await page.locator('.rules-view').getAttribute('data-count-ms')).toFixed(1)} ms)`);
  }, 120_000);

  it('a day condition counts days ago; an empty tier and a tier above the share limit are flagged', async () => {
    const days = dist(CORE_DAYS);
    await days.locator('xpath=..').locator('input.value').fill('0');
    const yes = await meeting({ fact: 'daysSinceActive', operator: 'lessThanInclusive', value: 0 });
    await expect.poll(async () => Number(await days.getAttribute('data-yes'))).toBe(yes);
    await days.locator('xpath=..').locator('input.value').fill('-1');
    const core = activity().locator('.tier-size[data-tier="core"]');
    await expect.poll(() => core.getAttribute('data-count')).toBe('0');
    expect(await core.getAttribute('class')).toContain('warn');
    expect(await core.locator('.warn-text').textContent()).toBe('这一层级将没有成员');

    await page.locator('.tab[data-view="settings"]').click();
    await page.locator('#max-share').fill('20');
    await page.locator('.tab[data-view="rules"]').click();
    const expected = await tierSizes(activityWith((s) => ((coreLeaf(s, 0).value = 5), (coreDays(s).value = -1))));
    const big = Object.entries(expected).filter(([, n]) => n / members.length > 0.2).map(([t]) => t).sort();
    expect(big.length).toBeGreaterThan(0);
    await activity().locator('.tier-size').first().waitFor();
    const flagged = await activity().locator('.tier-size.warn').evaluateAll((es) => es.map((e) => e.getAttribute('data-tier')!));
    expect(flagged.sort()).toEqual([...big, 'core'].sort());
    expect(await activity().locator('.tier-size.warn[data-tier="' + big[0] + '"] .warn-text').textContent()).toBe('超过 20% 的成员会在这一层级');
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('"前 N%" as a threshold: the box takes N, the marker sits at the cut of these members, counts agree with json-rules-engine', async () => {
    const d = dist(CORE_COMMENTS);
    const leaf = d.locator('xpath=..');
    await leaf.locator('select.value-kind').selectOption('top');
    await activity().locator(`.dist[data-at="${CORE_COMMENTS}"] >> xpath=..`).locator('input.value').fill('10');
    const condition: Condition = { fact: 'comments30d', operator: 'greaterThanInclusive', value: { fact: 'percentile', params: { fact: 'comments30d', top: 10 } } };
    const set: RuleSet = { ...DEFAULT_RULE_SETS[0], rules: [{ name: 'x', priority: 1, conditions: { all: [condition] }, event: { type: 'tier', params: { tier: 'core' } } }] };
    const [cuts] = percentileCuts([set], TODAY, members);
    const ev = createEvaluator(set, TODAY, cuts);
    let yes = 0;
    for (const m of members) if ((await ev.evaluate(m)).placedBy) yes++;
    await expect.poll(async () => Number(await d.getAttribute('data-yes')), { timeout: 30_000 }).toBe(yes);
    expect(Number(await d.getAttribute('data-cut'))).toBe(cuts!.get(cutKey('comments30d', 10)));
    expect(yes).toBeGreaterThanOrEqual(Math.ceil(members.length / 10));
    expect(await d.locator('.dist-counts').textContent()).toContain(`前 10% 门槛 ${cuts!.get(cutKey('comments30d', 10))}`);
    expect(await leaf.locator('.unit').first().textContent()).toBe('%');
    expect(pageErrors).toEqual([]);
    // Back to a number for the tests that follow.
    await leaf.locator('select.value-kind').selectOption('value');
    await activity().locator(`.dist[data-at="${CORE_COMMENTS}"] >> xpath=..`).locator('input.value').fill('5');
  }, 120_000);

  it('ignoring a column in the settings fetches the numbers again: the histogram then sees it as blank', async () => {
    await page.locator('.tab[data-view="settings"]').click();
    await page.locator('tr[data-column="近30天评论"] select').selectOption('__none');
    await page.locator('.tab[data-view="rules"]').click();
    const d = dist(CORE_COMMENTS);
    // Blank counts as 0 in the activity set: nobody has 5 comments any more.
    await expect.poll(async () => Number(await d.getAttribute('data-yes')), { timeout: 30_000 }).toBe(0);
    expect(Number(await d.getAttribute('data-no'))).toBe(members.length);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
