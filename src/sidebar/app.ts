/** The sidebar's state and the few things every view needs. */
import type { Bootstrap, PreviewResult, VersionDetails } from '../api/contract.js';
import type { RunSummary } from '../core/run/summary.js';
import type { RulesDocument } from '../core/rule-store/types.js';
import { normalize, sameDocument, validateDraft, type EditorProblem } from './draft.js';
import type { Locale } from './i18n/index.js';

export type View = 'rules' | 'preview' | 'versions' | 'settings';

export interface Step {
  label: string;
  state: 'pending' | 'running' | 'done' | 'failed';
}

export interface AppState {
  boot: Bootstrap;
  locale: Locale;
  /** The working copy the editor changes. */
  draft: RulesDocument;
  /** The rules in force (normalized), to tell whether the draft differs. */
  base: RulesDocument;
  baseVersion: number | null;
  view: View;
  jsonMode: boolean;
  /** JSON view text while it is open (may not parse). */
  jsonText: string;
  jsonError: string;
  problems: EditorProblem[];
  /** The last preview, and the draft it was for (null: the saved rules). */
  preview?: { result: PreviewResult; draft: string | null };
  previewing: boolean;
  steps: Step[];
  /** What the last save/rollback and recompute did. */
  result: { saved?: number; summary?: RunSummary; storeProblems?: number };
  notice: string;
  error: string;
  busy: boolean;
  openVersion?: number;
  versionDetails?: VersionDetails;
  confirmRollback?: number;
  note: string;
}

export function initialState(boot: Bootstrap, locale: Locale, view: View): AppState {
  const base = normalize(boot.doc);
  const draft = normalize(boot.doc);
  return {
    boot,
    locale,
    draft,
    base,
    baseVersion: boot.activeVersion,
    view,
    jsonMode: false,
    jsonText: '',
    jsonError: '',
    problems: validateDraft(draft),
    previewing: false,
    steps: [],
    result: {},
    notice: '',
    error: '',
    busy: false,
    note: '',
  };
}

export function isDirty(s: AppState): boolean {
  return !sameDocument(s.draft, s.base);
}

export function canSave(s: AppState): boolean {
  return !s.busy && isDirty(s) && s.problems.length === 0 && !s.jsonError;
}

/** What views call back into. */
export interface Ctx {
  state: AppState;
  /** Re-render everything (after a structural edit or a server answer). */
  render(): void;
  /** The draft changed in place (typing): validate, refresh errors and the save bar, keep focus. */
  changed(): void;
}
