/** The reference adapter must pass the contract it is the reference for. */
import type { CellValue } from '../../src/core/base/table.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { describePortContract } from './port-contract.js';

describePortContract('MemoryWorkbook', async (initial: Record<string, CellValue[][]>) => new MemoryWorkbook(initial), {
  isHidden: (port, sheet) => (port as MemoryWorkbook).isHidden(sheet),
});
