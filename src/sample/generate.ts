/**
 * A seeded generator of a realistic, messy Douyin fan-group members sheet, for
 * demos, tests and benchmarks. Pure: no I/O, no Math.random, same options →
 * identical table.
 *
 * Each member row is a drawn profile (profiles.ts: tiers, dates, counts) with
 * a drawn identity (identities.ts), written through messy cells
 * (messy-cells.ts: 1.2万, '2025/3/29', placeholders…). On top of that, rows are
 * messy as a whole: 0.5% stray all-null rows, 0.3% rows repeating an earlier
 * 成员ID (with its 昵称 and 抖音号), 0.3% rows with 成员ID null or '', and one
 * or two count cells of unparseable text (很多 / 不清楚 / 好几个).
 *
 * The admins sheet (admins.ts) and the table summary (describe.ts) are
 * exported from here too, so callers have one import for the sample.
 */

import type { CellValue, Table } from '../core/base/table.js';
import { civilDay } from '../core/base/time.js';
import { COL, COUNT_COLUMNS, COUNT_KEYS, SAMPLE_HEADER, SAMPLE_SHEET, WIDTH } from './columns.js';
import { createIdentities } from './identities.js';
type Identities = ReturnType<typeof createIdentities>;
import { countCell, dateCell } from './messy-cells.js';
import { drawProfile } from './profiles.js';
import { createRng } from './random.js';
type Rng = ReturnType<typeof createRng>;

export { SAMPLE_HEADER, SAMPLE_SHEET } from './columns.js';
export { describeSample, type SampleDescription } from './describe.js';
export { ADMINS_HEADER, ADMINS_SHEET, generateAdminsTable, type GenerateAdminsOptions } from './admins.js';

/** A stray all-null row before a member row. */
/** Share of rows that come out blank (exports have stray empty rows). */
export const P_BLANK_ROW = 0.005;
const P_NOTE = 0.06;
const P_FOLLOW_UP = 0.2;

const NOTES: readonly string[] = [
  '老粉', '品牌方同事', '需要回访', '已加微信', '线下活动认识', '团长', '投诉过物流', '潜在KOC', '换过号', '说过不喜欢私信',
];
const FOLLOW_UPS: readonly string[] = ['待跟进', '已联系', '勿打扰'];
const UNPARSEABLE: readonly string[] = ['很多', '不清楚', '好几个'];

export interface GenerateOptions {
  /** Number of member rows (blank rows come on top). */
  members: number;
  seed: number;
  /** The export date, 'YYYY-MM-DD'; no date in the sheet is later. */
  today: string;
}

export function generateMembersTable(opts: GenerateOptions): Table {
  const { members, seed } = opts;
  if (!Number.isInteger(members) || members < 0) {
    throw new RangeError(`members must be a non-negative integer, got ${members}`);
  }
  const today = parseToday(opts.today);
  const rng = createRng(seed);
  const identities = createIdentities(rng);

  const rows: CellValue[][] = [];
  /** Data-row index of every member row (for the unparseable cells). */
  const memberRows: number[] = [];

  for (let i = 0; i < members; i++) {
    if (rng.chance(P_BLANK_ROW)) {
      rows.push(new Array<CellValue>(WIDTH).fill(null));
    }

    const row = drawMemberRow(rng, identities, today);
    memberRows.push(rows.length);
    rows.push(row);
  }

  // One or two cells of truly unparseable text in count columns.
  if (memberRows.length > 0) {
    const n = Math.min(memberRows.length, rng.chance(0.5) ? 2 : 1);
    for (let k = 0; k < n; k++) {
      rows[rng.pick(memberRows)][rng.pick(COUNT_COLUMNS)] = rng.pick(UNPARSEABLE);
    }
  }

  return { sheet: SAMPLE_SHEET, header: [...SAMPLE_HEADER], rows };
}

/**
 * One member's row as an export has it: identity, a profile's dates and
 * counts as messy cells, and the admins' notes. Streaming generators (the
 * million-row CSV bench) draw rows one at a time through this too.
 */
export function drawMemberRow(rng: Rng, identities: Identities, today: number): CellValue[] {
  const row = new Array<CellValue>(WIDTH).fill(null);
  const identity = identities.next();
  row[COL.id] = identity.id;
  row[COL.nickname] = identity.nickname;
  row[COL.douyinId] = identity.douyinId;

  const profile = drawProfile(rng, today);
  row[COL.joined] = dateCell(rng, profile.joined);
  row[COL.lastActive] = profile.lastActive === null ? null : dateCell(rng, profile.lastActive);
  for (const key of COUNT_KEYS) row[COL[key]] = countCell(rng, profile.counts[key]);

  // Admins annotate the members they care about: core more, silent less.
  const pNote = profile.tier === 'core' ? P_NOTE * 2 : P_NOTE;
  if (rng.chance(pNote)) row[COL.note] = rng.pick(NOTES);
  const pFollowUp = profile.tier === 'silent' ? P_FOLLOW_UP / 2 : P_FOLLOW_UP;
  if (rng.chance(pFollowUp)) row[COL.followUp] = rng.pick(FOLLOW_UPS);
  return row;
}

/** 'YYYY-MM-DD' → civil day; a RangeError for anything else. */
function parseToday(today: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) throw new RangeError(`today must be 'YYYY-MM-DD', got ${JSON.stringify(today)}`);
  const day = civilDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === undefined) throw new RangeError(`today is not a calendar date: ${today}`);
  return day;
}
