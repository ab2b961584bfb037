/** The bounded ledger in Sheets: closed periods fold on the first run of a later month; 导出积分明细 writes the detail back out. */
import { describe, expect, it } from 'vitest';
import { useBuiltBundle } from './built-bundle.js';
import { FakeEnv } from './fakes.js';
import { fixedClock, sampleSheets, SAMPLE_TZ } from './sample-env.js';

const bundle = useBuiltBundle();

describe('积分流水 in Sheets', () => {
  it('folds October on a December run, keeps balances, and exports the detail on request', async () => {
    const env = new FakeEnv({ sheets: sampleSheets({ members: 40, today: '2026-11-26', noAdmins: true }), timeZone: SAMPLE_TZ });
    const october = env.sheet('积分流水').raw().slice(1).filter((r) => r[0] === '2026-10');
    expect(october.length).toBeGreaterThan(0);
    await bundle.load(env, { Date: fixedClock(new Date('2026-12-20T04:00:00Z')) }).recomputeTiers();
    expect(env.alerts).toEqual([]);
    // Only the open period is shown; the closed ones' balances are carried in a hidden tab, their detail archived.
    const ledger = env.sheet('积分流水').raw().slice(1);
    expect(new Set(ledger.map((r) => r[0]))).toEqual(new Set(['2026-12']));
    expect(env.sheet('_fenceng_ledger_archive').hidden).toBe(true);
    expect(env.sheet('_fenceng_ledger_carry').hidden).toBe(true);
    expect(env.sheet('_fenceng_ledger_carry').raw().some((r) => r[0] === 'carried')).toBe(true);

    await bundle.load(env).exportLedgerDetail();
    const detail = env.sheet('积分流水明细').raw();
    expect(detail[0]).toEqual(['期间', '成员ID', '昵称', '规则', '积分', '原因', '记录时间']);
    // October and November (closed on this December run), redemptions included, as the ledger showed them.
    expect(detail.slice(1).filter((r) => r[0] === '2026-10').map((r) => [r[0], r[1], r[3], r[4]])).toEqual(october.map((r) => [r[0], r[1], r[3], r[4]]));
    expect(detail.slice(1).some((r) => r[0] === '2026-11')).toBe(true);
    expect([env.sheet('积分流水明细').maxRows, env.sheet('积分流水明细').maxCols]).toEqual([detail.length, 7]);
  }, 60_000);
});
