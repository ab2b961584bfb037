import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, tempDir } from './helpers.js';

describe('fenceng explain', () => {
  it('answers as the sheet would: a locked member shows the lock, not the raw rule result', async () => {
    const file = join(tempDir(), 'locked.xlsx');
    const header = ['成员ID', '昵称', '最近活跃', '近30天评论', '锁定层级', '锁定至'];
    const wb = await XlsxWorkbook.create([
      { sheet: '成员', header, rows: [['L1', '老粉', '2026/9/1', '0', '核心成员', '2026-12-31'], ['F1', '新粉', '2026/11/25', '30', null, null]] },
    ]);
    await wb.save(file);

    const locked = JSON.parse((await runCli('explain', file, 'L1', '--json', ...NOW)).out);
    expect(locked.activity.tier).toBe('core');
    expect(locked.activity.explanation).toContain('2026-12-31');
    expect(locked.activity.explanation).toMatch(/锁定/);
    expect(locked.facts.lastActiveAt).toBe('2026-09-01');

    const free = JSON.parse((await runCli('explain', file, 'F1', '--json', ...NOW)).out);
    expect(free.activity.tier).toBe('core');
    expect(free.activity.explanation).toContain('近30天评论 30 ≥ 20');
    expect(free.activity.explanation).not.toMatch(/锁定/);
  });

  it('lists each fact once: a date and the days since it share one line, names aligned by shown width', async () => {
    const file = join(tempDir(), 'one.xlsx');
    const wb = await XlsxWorkbook.create([{ sheet: '成员', header: ['成员ID', '昵称', '最近活跃', '近30天评论'], rows: [['F1', '新粉', '2026/11/25', '30']] }]);
    await wb.save(file);
    const text = (await runCli('explain', file, 'F1', ...NOW)).out;
    // The fact lines: after the member line, up to the first blank line (then the rule sets).
    const lines = text.split('\n');
    const facts = lines.slice(1, lines.indexOf(''));
    const names = facts.map((l) => l.trim().split(/\s{2,}/)[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(facts.filter((l) => l.includes('最近活跃'))).toEqual([expect.stringMatching(/最近活跃\s+2026-11-25（1 天前）$/)]);
    // Values start in one column whatever the script of the name (CJK counts double).
    const { displayWidth } = await import('../../src/core/base/text-width.js');
    const starts = facts.map((l) => {
      const gap = /\S(\s+)\S/.exec(l)!; // the spaces between the name and its value
      return displayWidth(l.slice(0, gap.index + 1 + gap[1].length));
    });
    expect(new Set(starts).size).toBe(1);
  });

  it('says 今天 / today for a member active today, and counts with thousands separators', async () => {
    const file = join(tempDir(), 'today.xlsx');
    const wb = await XlsxWorkbook.create([{ sheet: '成员', header: ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞'], rows: [['T1', '今粉', '2026/11/26', '30', '12345']] }]);
    await wb.save(file);
    const zh = (await runCli('explain', file, 'T1', ...NOW)).out;
    expect(zh).toMatch(/最近活跃\s+2026-11-26（今天）\n/);
    expect(zh).toMatch(/近30天点赞\s+12,345\n/);
    expect(zh).toContain('最近活跃 今天 ≤ 7');
    expect(zh).toContain('活跃：已是最高层级');
    expect(zh).not.toContain('0 天前');
    const en = (await runCli('explain', file, 'T1', ...NOW, '--lang', 'en')).out;
    expect(en).toMatch(/Last active\s+2026-11-26 \(today\)\n/);
    expect(en).toContain('Activity: already the top tier');
  });
});
