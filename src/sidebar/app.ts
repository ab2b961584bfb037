/** The sidebar's state and the few things every view needs. */
import type { Bootstrap, MemberFacts, PreviewResult, RecomputeFinished, RunProgressView, VersionDetails } from '../api/contract.js';
import type { RunSummary } from '../core/run/summary.js';
import type { RulesDocument } from '../core/rule-store/types.js';
import type { Finding } from '../core/rules/analyze/analyze.js';
import { normalize, sameDocument, validateDraft, type EditorProblem } from './draft.js';
import { analyzeDraft, blocking } from './findings.js';
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
  /** The rule analysis of the draft's valid rule sets; its errors block saving like problems do. */
  findings: Finding[];
  /** The members' numbers for histograms and tier sizes (fetched after bootstrap; undefined until then). */
  members?: MemberFacts;
  /** Milliseconds the last live count of every rule set took. */
  liveMs?: number;
  /** The last preview, and the draft it was for (null: the saved rules). */
  preview?: { result: PreviewResult; draft: string | null };
  previewing: boolean;
  steps: Step[];
  /** What the last save/rollback and recompute did. */
  result: { saved?: number; summary?: RunSummary; storeProblems?: number };
  notice: string;
  error: string;
  busy: boolean;
  /** A run spanning executions (Sheets) that this sidebar drives or waits for (src/sidebar/run-follow.ts). */
  run?: { progress: RunProgressView; busy: boolean; resumed: boolean };
  /** How the last run this sidebar followed ended. */
  runFinished?: RecomputeFinished;
  openVersion?: number;
  versionDetails?: VersionDetails;
  confirmRollback?: number;
  note: string;
  /** Tier rule sets whose members the previewed change demotes keep their tier for the grace period (the save's choice; reset by each preview). */
  keepForGrace: string[];
}

export function initialState(boot: Bootstrap, locale: Locale, view: View): AppState {
  const base = normalize(boot.doc);
  const draft = normalize(boot.doc);
  const problems = validateDraft(draft);
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
    problems,
    findings: analyzeDraft(draft, problems),
    previewing: false,
    steps: [],
    result: {},
    notice: '',
    error: '',
    busy: false,
    note: '',
    keepForGrace: [],
  };
}

export function isDirty(s: AppState): boolean {
  return !sameDocument(s.draft, s.base);
}

export function canSave(s: AppState): boolean {
  return !s.busy && isDirty(s) && s.problems.length === 0 && blocking(s.findings).length === 0 && !s.jsonError;
}

/** What views call back into. */
export interface Ctx {
  state: AppState;
  /** Re-render everything (after a structural edit or a server answer). */
  render(): void;
  /** The draft changed in place (typing): validate, refresh errors and the save bar, keep focus. */
  changed(): void;
}
