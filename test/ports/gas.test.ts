/** The shared workbook-port contract, run against GasWorkbook over the Apps Script fakes. */
import type { CellValue } from '../../src/core/table.js';
import { GasWorkbook, wallClockToInstant } from '../../src/ports/gas.js';
import { FakeEnv } from '../gas/fakes.js';
import { describePortContract } from './port-contract.js';

// New York has DST, so a wrong wall-clock ↔ instant conversion shows.
const TZ = 'America/New_York';

describePortContract('GasWorkbook', async (initial: Record<string, CellValue[][]>) => {
  // The contract speaks wall-clock Dates; a real sheet hands out instants.
  const sheets = Object.fromEntries(
    Object.entries(initial).map(([name, grid]) => [name, grid.map((row) => row.map((v) => (v instanceof Date ? wallClockToInstant(v, TZ) : v)))]),
  );
  return new GasWorkbook(new FakeEnv({ sheets, timeZone: TZ }).spreadsheet);
});
