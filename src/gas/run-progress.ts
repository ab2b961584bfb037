/**
 * The run record: where a run spanning executions stands, in the
 * spreadsheet's document properties (a few hundred bytes; a value may hold
 * 9 KB). While it exists a run is in progress and every click continues that
 * run instead of starting another. The run's truth — what is left to write —
 * is the journal tab, not this.
 */
import type { RunSummary } from '../core/run/summary.js';

export const PROGRESS_KEY = 'fenceng.run';
export const LAST_RESULT_KEY = 'fenceng.lastRun';
/** PropertiesService refuses values over 9 KB (bytes): keep well below. */
const MAX_VALUE_BYTES = 8_000;

export type RunStage = 'planning' | 'writing';

export interface RunProgress {
  /** ISO instant the run computes for. */
  now: string;
  /** The language the run writes in (a trigger has no user to ask). */
  locale: 'zh' | 'en';
  /** Reading and planning (nothing written yet), or writing the journaled patch. */
  stage?: RunStage;
  /** Sheets written of the patch's sheets (0 of 0 while planning). */
  done: number;
  total: number;
  /** Members the run places (known once planned). */
  members?: number;
  /** Executions that have worked on this run (a write that keeps failing stops being retried). */
  executions: number;
  /** ISO instant of the last execution's end. */
  updatedAt: string;
  /**
   * The run's patch is in the journal (its summary here): from then on, no
   * journal means every sheet is written — the run is finished, not to be
   * planned again.
   */
  journaled?: { text: string; summary?: RunSummary };
}

export interface LastResult {
  finishedAt: string;
  text: string;
  /** The summary as data, for the sidebar to render in its language (left out when too large to store). */
  summary?: RunSummary;
  executions: number;
}

const props = () => PropertiesService.getDocumentProperties();

export function readProgress(): RunProgress | undefined {
  const raw = props().getProperty(PROGRESS_KEY);
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as RunProgress;
    return typeof p.now === 'string' ? p : undefined;
  } catch {
    return undefined;
  }
}

export function saveProgress(p: RunProgress): void {
  props().setProperty(PROGRESS_KEY, storable(p, (x) => (x.journaled ? { ...x, journaled: { text: x.journaled.text.slice(0, 1500) } } : x)));
}

/** The run is over: its progress goes and its summary stays for the sidebar. */
export function finishProgress(result: LastResult | undefined): void {
  const store = props();
  // The summary first: once the progress is gone the run counts as over.
  if (result) store.setProperty(LAST_RESULT_KEY, storable({ ...result, text: result.text.slice(0, 2000) }, (x) => ({ ...x, summary: undefined, text: x.text.slice(0, 1500) })));
  store.deleteProperty(PROGRESS_KEY);
}

export function readLastResult(): LastResult | undefined {
  const raw = props().getProperty(LAST_RESULT_KEY);
  try {
    return raw ? (JSON.parse(raw) as LastResult) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON within the property limit; `smaller` drops the summary when the whole does not fit. */
function storable<T>(value: T, smaller: (v: T) => T): string {
  const json = JSON.stringify(value);
  return utf8Bytes(json) <= MAX_VALUE_BYTES ? json : JSON.stringify(smaller(value));
}

/** Chinese text is three bytes a character in UTF-8. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}
