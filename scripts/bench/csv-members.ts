/**
 * A members CSV of any size streamed to disk, row by row from the sample
 * generator's pieces (identities, profiles, messy cells), so a million rows
 * never sit in memory. UTF-8 with a BOM, comma-separated, as Excel/WPS save
 * "CSV UTF-8".
 *   node --import tsx scripts/bench/csv-members.ts /tmp/members-1m.csv 1000000
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { civilDay, formatCivilDay } from '../../src/core/base/time.js';
import { COL, COUNT_KEYS, SAMPLE_HEADER, WIDTH } from '../../src/sample/columns.js';
import { createIdentities } from '../../src/sample/identities.js';
import { countCell, dateCell } from '../../src/sample/messy-cells.js';
import { drawProfile } from '../../src/sample/profiles.js';
import { createRng } from '../../src/sample/random.js';
import type { CellValue } from '../../src/core/base/table.js';

const MS_PER_DAY = 86_400_000;
const NOTES = ['老粉', '需要回访', '已加微信', '团长', '潜在KOC'];
const FOLLOW_UPS = ['待跟进', '已联系', '勿打扰'];

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
    if (rng.chance(0.005)) chunk.push(','.repeat(WIDTH - 1));
    const row = new Array<CellValue>(WIDTH).fill(null);
    const identity = identities.next();
    row[COL.id] = identity.id;
    row[COL.nickname] = identity.nickname;
    row[COL.douyinId] = identity.douyinId;
    const profile = drawProfile(rng, day);
    row[COL.joined] = dateCell(rng, profile.joined);
    row[COL.lastActive] = profile.lastActive === null ? null : dateCell(rng, profile.lastActive);
    for (const key of COUNT_KEYS) row[COL[key]] = countCell(rng, profile.counts[key]);
    if (rng.chance(0.06)) row[COL.note] = rng.pick(NOTES);
    if (rng.chance(0.2)) row[COL.followUp] = rng.pick(FOLLOW_UPS);
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
