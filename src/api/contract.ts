/**
 * The one contract between the sidebar and the server: method names with
 * their request and response types. The sidebar's client, the server
 * implementation (src/api/server.ts), the Apps Script top-level functions and
 * the local preview's stand-in are all typed or generated from this file.
 *
 * Everything that crosses it is plain JSON: no Dates (ISO strings), no class
 * instances, no undefined inside arrays.
 */
import type { SheetFactId } from '../core/facts/facts.js';
import type { ColumnInfo } from '../core/rule-store/mapping.js';
import type { Change } from '../core/rule-store/diff.js';
import type { RulesDocument, StoreProblem, VersionMeta } from '../core/rule-store/types.js';
import type { RuleSetPreview } from '../core/run/rule-preview.js';
import type { RuleSet } from '../core/rules/types.js';
import type { Finding } from '../core/rules/analyze/finding.js';
import type { RunSummary } from '../core/run/summary.js';
import type { MemberFacts } from './member-facts.js';
import type { PointsPreview } from './points-preview.js';
import type { HonorsPreview } from './honors-preview.js';

import type { Locale } from '../core/base/locale.js';

export type { Locale };

/** Every request says which language the sidebar shows, for the texts the server writes back. */
export interface Localized {
  locale: Locale;
}

export interface Bootstrap {
  /** The operator's UI language (Session locale in Sheets, --lang locally). */
  locale: Locale;
  /** The rules in force: the last valid saved version, or the defaults when none. */
  doc: RulesDocument;
  /** null when nothing has been saved yet (the defaults in rules/ apply). */
  activeVersion: number | null;
  versions: VersionMeta[];
  /** Damaged rows in the rule store; the last valid version keeps working. */
  storeProblems: StoreProblem[];
  /** The rule sets shipped in rules/, for 恢复默认. */
  defaults: RuleSet[];
  /** The points and honors rule sets shipped in rules/ (used while the document has none), to edit in the table. */
  incentiveDefaults: RuleSet[];
  /** The time zone runs use now. */
  timeZone: string;
  /** Whether the time zone is the spreadsheet's own (Sheets) or kept in the rule store (files). */
  timeZoneSource: 'spreadsheet' | 'store';
  membersSheet: string | null;
  /** Data rows in the members sheet (blank rows included). */
  memberRows: number;
  columns: ColumnInfo[];
  /** Where this runs, shown in the sidebar's footer. */
  host: 'sheets' | 'local';
  /** A run in progress when the sidebar opened (Sheets): the sidebar shows and drives it. */
  run?: RunStatusView;
}

export interface ProposedRules extends Localized {
  ruleSets: RuleSet[];
  settings: RulesDocument['settings'];
}

export interface PreviewResult {
  /** Per rule set: tiers on the sheet now → tiers a recompute with these rules would write. */
  ruleSets: RuleSetPreview[];
  /** What changed against the rules in force. */
  changes: Change[];
  /** The dry run's one-glance summary, as text and as data (the sidebar renders the data in its own language). */
  text: string;
  summary: RunSummary;
  members: number;
  /** The rule analysis's warnings and notes (errors refuse the preview like invalid rules). */
  findings: Finding[];
  /** When the points rules change: points per member this period, before → after. */
  points?: PointsPreview;
  /** When the points or honors rules change: each honor's provisional winners this period, before → after. */
  honors?: HonorsPreview;
}

export interface SaveRequest extends ProposedRules {
  note: string;
  /** The version the editor started from: saving fails if someone saved in between. */
  baseVersion: number | null;
  /** Tier rule sets whose members this change demotes keep their tier for the grace period (else they drop at once). */
  keepForGrace?: string[];
}

export interface SaveResult {
  saved: VersionMeta;
  activeVersion: number;
  versions: VersionMeta[];
  doc: RulesDocument;
  /** The rule analysis's warnings and notes on what was saved. */
  findings: Finding[];
}

/** A run that is over, as the sidebar shows it. */
export interface RecomputeFinished {
  state: 'finished';
  text: string;
  /** Absent only when a run finished in the background and its summary was too large to keep. */
  summary?: RunSummary;
  /** The rule version in force (null: defaults). */
  version: number | null;
  /** Damaged rows skipped in the rule store (the last valid version was used). */
  storeProblems: number;
  /** Executions the run took (Sheets; 1 elsewhere). */
  executions: number;
}

/**
 * A run that goes on (Sheets only: one execution stops at 6 minutes). The
 * sidebar calls `continueRun` again to drive it; if it is closed, the
 * time-driven trigger goes on with it in the background.
 */
export interface RecomputeContinuing {
  state: 'continuing';
  progress: RunProgressView;
  /** Another execution (the background trigger, another operator) is working on it right now: wait, then ask again. */
  busy: boolean;
  /** A run was already in progress when this one was asked for: that run is the one continued. */
  resumed: boolean;
  /** One bilingual line: the stage and counts. */
  message: string;
}

export type RecomputeResponse = RecomputeFinished | RecomputeContinuing;

/** Where a run spanning executions stands. */
export interface RunProgressView {
  /** Reading and planning (nothing written yet), or writing the planned sheets. */
  stage: 'planning' | 'writing';
  /** Sheets written of the run's sheets (0 of 0 while planning). */
  done: number;
  total: number;
  members?: number;
  executions: number;
  /** ISO instants: what the run computes for; the end of its last execution. */
  startedFor: string;
  updatedAt: string;
}

export interface RunStatusView {
  running: boolean;
  progress?: RunProgressView;
  /** One bilingual line for `progress`. */
  message?: string;
  /** The last run that finished. */
  last?: { finishedAt: string; text: string; summary?: RunSummary; executions: number };
}

export interface VersionDetails {
  meta: VersionMeta;
  doc: RulesDocument;
  /** Against the version before it (everything is "added" for the first). */
  changes: Change[];
}

export interface RollbackRequest extends Localized {
  version: number;
  note: string;
  baseVersion: number | null;
}

export interface ApiMethods {
  bootstrap: { request: Localized | Record<string, never>; response: Bootstrap };
  preview: { request: ProposedRules; response: PreviewResult };
  save: { request: SaveRequest; response: SaveResult };
  /** Starts a run, or continues the one in progress (which it says): finished, or continuing. */
  recompute: { request: Localized; response: RecomputeResponse };
  /** The next execution of the run in progress (an open sidebar drives a long run); the last result when it is over. */
  continueRun: { request: Localized; response: RecomputeResponse };
  /** Where the run stands, writing nothing. */
  runStatus: { request: Localized; response: RunStatusView };
  version: { request: Localized & { version: number }; response: VersionDetails };
  rollback: { request: RollbackRequest; response: SaveResult };
  /** The members' numbers for histograms and tier sizes; `settings` (the draft's) decides the header mapping. */
  memberFacts: { request: Localized & { settings?: RulesDocument['settings'] }; response: MemberFacts };
}

export type ApiMethod = keyof ApiMethods;
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]['request'];
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]['response'];

/** What every server function returns: failures are values too, so each reaches the sidebar as a readable message. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface ApiError {
  code: string;
  /** Chinese / English, ready to show. */
  message: string;
  /** Rule problems or store problems, when that is what failed. */
  details?: unknown;
}

/**
 * The server side. Synchronous where the workbook port is (Sheets): a
 * promise only where writing to the file is asynchronous (the local preview).
 */
export type ServerApi = { [M in ApiMethod]: (request: ApiRequest<M>) => ApiResponse<M> | Promise<ApiResponse<M>> };

export const API_METHODS = ['bootstrap', 'preview', 'save', 'recompute', 'continueRun', 'runStatus', 'version', 'rollback', 'memberFacts'] as const satisfies readonly ApiMethod[];

// Every method is listed once (a compile error otherwise).
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const _allListed: Missing extends never ? true : never = true;
void _allListed;

/** The Apps Script top-level function google.script.run calls for a method: fencengBootstrap, fencengPreview, … */
export function serverFunctionName(method: ApiMethod): string {
  return `fenceng${method[0].toUpperCase()}${method.slice(1)}`;
}

export type { SheetFactId, MemberFacts };
