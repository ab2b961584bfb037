/**
 * Where a run spanning executions stands, for the status sidebar and the
 * retry count, in the spreadsheet's document properties (a few hundred
 * bytes; a value may hold 9 KB). The run's truth — what is left to write —
 * is the journal tab, not this.
 */
export const PROGRESS_KEY = 'fenceng.run';
export const LAST_RESULT_KEY = 'fenceng.lastRun';

export interface RunProgress {
  /** ISO instant the run computes for. */
  now: string;
  /** The language the run writes in (a trigger has no user to ask). */
  locale: 'zh' | 'en';
  done: number;
  total: number;
  /** Executions that have worked on this run (a write that keeps failing stops being retried). */
  executions: number;
  /** ISO instant of the last execution's end. */
  updatedAt: string;
  /**
   * The run's patch is in the journal (its summary here): from then on, no
   * journal means every sheet is written — the run is finished, not to be
   * planned again.
   */
  journaled?: { text: string };
}

export interface LastResult {
  finishedAt: string;
  text: string;
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
  props().setProperty(PROGRESS_KEY, JSON.stringify(p));
}

/** The run is over: its progress goes and its summary stays for the status sidebar. */
export function finishProgress(result: LastResult | undefined): void {
  const store = props();
  // The summary first: once the progress is gone the run counts as over.
  if (result) store.setProperty(LAST_RESULT_KEY, JSON.stringify({ ...result, text: result.text.slice(0, 4000) }));
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
