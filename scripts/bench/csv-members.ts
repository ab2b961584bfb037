/**
 * A members CSV of any size streamed to disk, row by row through the sample
 * generator's own drawMemberRow, so a million rows
 * never sit in memory. UTF-8 with a BOM, comma-separated, as Excel/WPS save
 * "CSV UTF-8".
 *   node --import tsx scripts/bench/csv-members.ts /tmp/members-1m.csv 1000000
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { civilDay, formatCivilDay } from '../../src/core/base/time.js';
import { SAMPLE_HEADER, WIDTH } from '../../src/sample/columns.js';
import { P_BLANK_ROW, drawMemberRow } from '../../src/sample/generate.js';
import { createIdentities } from '../../src/sample/identities.js';
import { createRng } from '../../src/sample/random.js';
import type { CellValue } from '../../src/core/base/table.js';

const MS_PER_DAY = 86_400_000;

/** A cell as text: dates as the export writes them (YYYY-MM-DD), quoted when it holds a separator or quote. */
function csvCell(v: CellValue): string {
  const s = v === null ? '' : v instanceof Date ? formatCivilDay(Math.floor(v.getTime() / MS_PER_DAY)) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes `members` member rows (and the sample's rare blank rows) after the header. */
export async function writeMembersCsv(path: string, members: number, seed = 20251126, today = '2026-11-26'): Promise<void> {
  const [y, m, d] = today.split('-').map(Number);
  const day = civilDay(y, m, d)!;
  const rng = createRng(seed);
  const identities = createIdentities(rng);
  const out = createWriteStream(path);
  out.write(`\ufeff${SAMPLE_HEADER.join(',')}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < members; i++) {
    if (rng.chance(P_BLANK_ROW)) chunk.push(','.repeat(WIDTH - 1));
    const row = drawMemberRow(rng, identities, day);
    chunk.push(row.map(csvCell).join(','));
    if (chunk.length >= 10_000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
      chunk = [];
    }
  }
  if (chunk.length) out.write(`${chunk.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, n] = process.argv.slice(2);
  if (!path) {
    console.error('usage: csv-members.ts OUT.csv [MEMBERS=1000000]');
    process.exit(2);
  }
  await writeMembersCsv(path, Number(n ?? 1_000_000));
}
