import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, sampleWorkbook, tempDir } from '../cli/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('fenceng recompute: report.html and rules/plans', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = tempDir();
    input = await sampleWorkbook(join(dir, 'sample.xlsx'), 300, 5);
  }, 60_000);

  it('writes report.html next to the output: the dashboard figures as inline SVG, no script, nothing fetched', async () => {
    const out = join(dir, 'out', 'result.xlsx');
    const run = await runCli('recompute', input, '--out', out, ...NOW, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.report).toBe(join(dir, 'out', 'report.html'));
    expect(report.operations.content.planned).toBeGreaterThan(0);
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('运营看板');
    expect(html.match(/<svg class="chart"/g)?.length).toBe(7);
    expect(html).toContain(`<div class="n">${report.summary.members.toLocaleString('en-US')}</div>`);
    // Offline: no scripts, no external resources (the SVG namespace is a name, not a fetch).
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=|href=/i);
    expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:/);
    // The workbook has every sheet the report draws from.
    const wb = await XlsxWorkbook.open(out);
    for (const s of ['运营看板', '内容库', '内容计划', '互动计划', '邀请名单', '积分兑换', '积分流水', '排行榜', '荣誉']) expect(wb.sheetNames(), s).toContain(s);
  }, 60_000);

  it('--dry-run writes no report; English reports in English', async () => {
    const sub = join(dir, 'dry');
    mkdirSync(sub);
    const copy = join(sub, 'in.xlsx');
    cpSync(input, copy);
    expect((await runCli('recompute', copy, '--dry-run', ...NOW)).code).toBe(0);
    expect(existsSync(join(sub, 'report.html'))).toBe(false);
    const en = await runCli('recompute', copy, '--out', join(sub, 'en.xlsx'), '--lang', 'en', ...NOW);
    expect(en.code).toBe(0);
    expect(en.out).toContain('Report: ');
    const html = readFileSync(join(sub, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Operations dashboard');
  }, 60_000);

  it('a --rules folder may override plan data in plans/; check-rules validates it, and bad data stops the run', async () => {
    const rules = join(dir, 'rules');
    cpSync(join(ROOT, 'rules'), rules, { recursive: true });
    writeFileSync(join(rules, 'plans', 'calendar.json'), JSON.stringify({ weeks: 2 }));
    const ok = await runCli('recompute', input, '--rules', rules, '--out', join(dir, 'two-weeks.xlsx'), ...NOW, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).operations.window).toEqual({ from: '2026-11-23', to: '2026-12-06', weeks: 2 });
    expect((await runCli('check-rules', rules)).out).toContain('plans/calendar.json');

    writeFileSync(join(rules, 'plans', 'content.json'), JSON.stringify({ types: [], perWeek: { core: 9 }, weekdays: ['mon'] }));
    const check = await runCli('check-rules', rules);
    expect(check.code).toBe(1);
    expect(check.out).toContain('[plans/content.json @ perWeek.core]');
    const bad = await runCli('recompute', input, '--rules', rules, '--out', join(dir, 'bad.xlsx'), ...NOW);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('plans/content.json');
    expect(existsSync(join(dir, 'bad.xlsx'))).toBe(false);
  }, 60_000);
});
