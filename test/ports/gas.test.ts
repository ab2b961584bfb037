/** The shared workbook-port contract, run against GasWorkbook over the Apps Script fakes. */
import type { CellValue } from '../../src/core/base/table.js';
import type { WorkbookPort } from '../../src/ports/port.js';
import { GasWorkbook, wallClockToInstant } from '../../src/ports/gas.js';
import { FakeEnv } from '../gas/fakes.js';
import { describePortContract } from './port-contract.js';

// New York has DST, so a wrong wall-clock ↔ instant conversion shows.
const TZ = 'America/New_York';

/** The fake behind each port, to ask whether a tab is really hidden. */
const envs = new WeakMap<WorkbookPort, FakeEnv>();

describePortContract(
  'GasWorkbook',
  async (initial: Record<string, CellValue[][]>) => {
    // The contract speaks wall-clock Dates; a real sheet hands out instants.
    const sheets = Object.fromEntries(
      Object.entries(initial).map(([name, grid]) => [name, grid.map((row) => row.map((v) => (v instanceof Date ? wallClockToInstant(v, TZ) : v)))]),
    );
    const env = new FakeEnv({ sheets, timeZone: TZ });
    const port = new GasWorkbook(env.spreadsheet);
    envs.set(port, env);
    return port;
  },
  { isHidden: (port, sheet) => envs.get(port)!.sheet(sheet).isSheetHidden() },
);
