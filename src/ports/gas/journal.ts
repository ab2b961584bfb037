import type { WorkbookPatch } from '../../core/base/patch.js';
import { isDate } from './cells.js';

/**
 * The write-ahead journal. Sheets has no transaction, so before the first
 * write of a patch, the whole patch goes into a hidden tab; only then are
 * the sheets written, and the tab is deleted once all of them are. If the
 * execution dies in between (a thrown call, Google's 6-minute stop), the
 * next run finds a complete journal and writes the rest of that same patch
 * instead of planning a new one — so it ends exactly as the uninterrupted
 * run would have — and a run too long for one execution continues from it.
 * A journal cut off while being written has no commit line and is dropped
 * (nothing else was written yet).
 *
 * Layout, one column: A1 = `fenceng-journal|<chunks>|<sheets written>`,
 * A2… = the JSON of the entry in chunks (a cell holds at most 50,000
 * characters). A1 is written last: it is the commit.
 */
export const JOURNAL_SHEET = '_fenceng_journal';
const MAGIC = 'fenceng-journal';
export const CHUNK_CHARS = 40_000;

export interface JournalEntry {
  v: 1;
  patch: WorkbookPatch;
  /** Sheet patch index → the appended sheet's last row when the run planned, so an append lands once however often it is replayed. */
  bases: Record<number, number>;
  /** What the caller wants back when the journal is finished by a later execution (the run's summary). */
  meta?: unknown;
}

export function encodeJournal(entry: JournalEntry): string[] {
  const json = JSON.stringify(entry, function (this: Record<string, unknown>, key, value: unknown) {
    // A Date reaches the replacer already as its ISO string: only then look at the raw value.
    if (typeof value !== 'string') return value;
    const raw = this[key];
    return typeof raw === 'object' && raw !== null && isDate(raw) ? { $d: raw.getTime() } : value;
  });
  const chunks: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK_CHARS) chunks.push(json.slice(i, i + CHUNK_CHARS));
  return chunks;
}

export function decodeJournal(chunks: string[]): JournalEntry {
  return JSON.parse(chunks.join(''), (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const o = value as Record<string, unknown>;
      if (typeof o.$d === 'number' && Object.keys(o).length === 1) return new Date(o.$d);
    }
    return value;
  }) as JournalEntry;
}

export function commitLine(chunks: number, done: number): string {
  return `${MAGIC}|${chunks}|${done}`;
}

/** The journal as read back (column A, row 1 first): complete, or cut off before its commit line. */
export function readJournalCells(cells: unknown[]): { chunks: string[]; done: number } | 'incomplete' {
  const m = /^fenceng-journal\|(\d+)\|(\d+)$/.exec(String(cells[0] ?? ''));
  if (!m) return 'incomplete';
  const n = Number(m[1]);
  const chunks = cells.slice(1, n + 1).map((c) => String(c ?? ''));
  if (chunks.length !== n || chunks.some((c) => c === '')) return 'incomplete';
  return { chunks, done: Number(m[2]) };
}
