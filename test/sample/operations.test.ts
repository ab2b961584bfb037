import { describe, expect, it } from 'vitest';
import { DEFAULT_OPS_CONFIG } from '../../src/app/default-operations.js';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { parseContentLibrary } from '../../src/core/plans/library.js';
import { readLedger } from '../../src/core/points/ledger.js';
import { generateMembersTable } from '../../src/sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../src/sample/operations.js';

const members = generateMembersTable({ members: 400, seed: 3, today: '2026-11-26' });
const activity = DEFAULT_RULE_SETS.find((s) => s.id === 'activity')!;

describe('sample content, redemptions and ledger', () => {
  it('are deterministic', () => {
    expect(generateContentLibraryTable({ seed: 3 })).toEqual(generateContentLibraryTable({ seed: 3 }));
    expect(generateRedemptionsTable(members, { seed: 3, today: '2026-11-26' })).toEqual(generateRedemptionsTable(members, { seed: 3, today: '2026-11-26' }));
    expect(generatePointsHistoryTable(members, { seed: 3, today: '2026-11-26' })).toEqual(generatePointsHistoryTable(members, { seed: 3, today: '2026-11-26' }));
  });

  it('the library covers every type, reads without problems, and is a little short for core (so the plan shows a gap)', () => {
    const lib = parseContentLibrary(generateContentLibraryTable({ seed: 3 }), DEFAULT_OPS_CONFIG.content.types, activity.tiers);
    expect(lib.problems).toEqual([]);
    expect(new Set(lib.items.map((i) => i.type?.id))).toEqual(new Set(DEFAULT_OPS_CONFIG.content.types.map((t) => t.id)));
    const core = lib.items.filter((i) => i.tiers.includes('core')).length;
    expect(core).toBeLessThan(DEFAULT_OPS_CONFIG.content.perWeek.core * DEFAULT_OPS_CONFIG.calendar.weeks);
  });

  it("last month's ledger reads back, one line per member and rule, within the rules' caps", () => {
    const ledger = readLedger(generatePointsHistoryTable(members, { seed: 3, today: '2026-11-26' }));
    expect(ledger.unreadableRows).toEqual([]);
    expect(new Set(ledger.lines.map((l) => l.period))).toEqual(new Set(['2026-10']));
    const keys = ledger.lines.map((l) => `${l.memberId}|${l.rule}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Math.max(...ledger.lines.map((l) => l.points))).toBeLessThanOrEqual(200);
  });

  it('redemptions include an over-the-balance, an unknown member and a future one', () => {
    const t = generateRedemptionsTable(members, { seed: 3, today: '2026-11-26' });
    expect(t.header).toEqual(['成员ID', '兑换物品', '积分', '日期']);
    expect(t.rows.some((r) => r[2] === 99_999)).toBe(true);
    expect(t.rows.some((r) => r[0] === 'M000000')).toBe(true);
    expect(t.rows.some((r) => String(r[3]) > '2026-11-26')).toBe(true);
  });
});
