/**
 * The rule store in an .xlsx: written through the xlsx adapter, read back
 * after a save, and used by `fenceng recompute` / `explain` unless --rules
 * says otherwise.
 */
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { readRuleStore } from '../../src/app/rule-store.js';
import { createServerApi } from '../../src/api/server.js';
import { RULES_SHEET } from '../../src/core/names/sheets.js';
import type { RuleSet } from '../../src/core/rules/types.js';
import type { CellValue } from '../../src/core/base/table.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, sampleWorkbook, tempDir } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');

function lowered(n: number): RuleSet[] {
  const sets = structuredClone(DEFAULT_RULE_SETS);
  const any = (sets[0].rules[0].conditions as { all: Array<{ any: Array<{ fact: string; value: unknown }> }> }).all[0].any;
  any.find((c) => c.fact === 'comments30d')!.value = n;
  return sets;
}

async function activity(file: string): Promise<CellValue[]> {
  const t = (await XlsxWorkbook.open(file)).read('成员')!;
  const i = t.header.indexOf('活跃层级');
  expect(i).toBeGreaterThanOrEqual(0);
  return t.rows.map((r) => r[i] ?? null);
}

describe('rules saved in the workbook', () => {
  let dir: string;
  let withRules: string;
  let plain: string;

  beforeAll(async () => {
    dir = tempDir();
    plain = await sampleWorkbook(join(dir, 'plain.xlsx'), 300, 5);
    withRules = join(dir, 'with-rules.xlsx');
    const wb = await XlsxWorkbook.open(plain);
    const api = createServerApi({
      port: wb,
      now: () => new Date('2026-11-26T04:00:00Z'),
      uiLocale: 'zh',
      writeLocale: 'zh',
      user: () => 'tester',
      host: 'local',
      timeZone: { kind: 'store', fallback: 'Asia/Shanghai' },
      afterWrite: () => wb.save(withRules),
    });
    const big = lowered(3);
    big[1].description = '长说明 long text '.repeat(3000); // ~45,000 characters: two cells
    await api.save({ locale: 'zh', ruleSets: big, settings: {}, note: '低门槛', baseVersion: null });
  }, 60_000);

  it('survive a save and reopen of the .xlsx, long JSON split across cells', async () => {
    const wb = await XlsxWorkbook.open(withRules);
    expect(wb.sheetNames()).toContain(RULES_SHEET);
    const store = readRuleStore(wb);
    expect(store.problems).toEqual([]);
    expect(store.active).toMatchObject({ version: 1, note: '低门槛', user: 'tester' });
    expect(store.active!.doc.ruleSets[0].rules[0]).toEqual(lowered(3)[0].rules[0]);
    const row = wb.read(RULES_SHEET)!.rows[0];
    expect(row[5]).toBe(2);
  });

  it('are what `fenceng recompute` uses, unless --rules overrides them', async () => {
    const fromStore = join(dir, 'from-store.xlsx');
    const run = await runCli('recompute', withRules, '--out', fromStore, ...NOW);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/使用工作簿中保存的规则版本 1/);
    const fromDefaults = join(dir, 'from-defaults.xlsx');
    expect((await runCli('recompute', withRules, '--out', fromDefaults, '--rules', join(ROOT, 'rules'), ...NOW)).code).toBe(0);
    const baseline = join(dir, 'baseline.xlsx');
    expect((await runCli('recompute', plain, '--out', baseline, ...NOW)).code).toBe(0);

    const stored = await activity(fromStore);
    const defaults = await activity(fromDefaults);
    expect(defaults).toEqual(await activity(baseline));
    const core = (xs: CellValue[]) => xs.filter((x) => x === '核心成员').length;
    expect(core(stored)).toBeGreaterThan(core(defaults));
    // The store itself travels along into the output.
    expect(readRuleStore(await XlsxWorkbook.open(fromStore)).active?.version).toBe(1);
  }, 60_000);
});
