/**
 * The `fenceng sample` workbook (members, admin team, content library,
 * redemptions, last month's ledger) as a fake spreadsheet, and a clock fixed
 * for the bundle, so two runs can be compared cell for cell.
 */
import type { Table } from '../../src/core/base/table.js';
import { wallClockToInstant } from '../../src/ports/gas.js';
import { generateAdminsTable, generateMembersTable } from '../../src/sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../src/sample/operations.js';

export const SAMPLE_TZ = 'Asia/Shanghai';

export interface SampleOptions {
  members: number;
  seed?: number;
  /** 'YYYY-MM-DD' */
  today: string;
  /** Leave out the admin team (no per-admin sheets). */
  noAdmins?: boolean;
}

/** Sheets for FakeEnv: the sample's wall-clock Dates as the instants Sheets stores. */
export function sampleSheets(opts: SampleOptions): Record<string, unknown[][]> {
  const seed = opts.seed ?? 20251126;
  const table = generateMembersTable({ members: opts.members, seed, today: opts.today });
  const tables: Table[] = [table];
  if (!opts.noAdmins) tables.push(generateAdminsTable({ members: opts.members, seed }));
  tables.push(generateContentLibraryTable({ seed }), generateRedemptionsTable(table, { seed, today: opts.today }), generatePointsHistoryTable(table, { seed, today: opts.today }));
  const grid = (t: Table) => [t.header, ...t.rows].map((r) => r.map((v) => (v instanceof Date ? wallClockToInstant(v, SAMPLE_TZ) : v)));
  return Object.fromEntries(tables.map((t) => [t.sheet, grid(t)]));
}

/** A `Date` whose no-argument form and `now()` say `at`, to install in the bundle's context. */
export function fixedClock(at: Date): DateConstructor {
  const ms = at.getTime();
  class FixedDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(ms);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return ms;
    }
  }
  return FixedDate as unknown as DateConstructor;
}
