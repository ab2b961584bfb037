import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from '../app/default-rules.js';
import { DEFAULT_HONORS_RULES, DEFAULT_POINTS_RULES, HONORS_RULE_SET_ID, POINTS_RULE_SET_ID } from '../app/default-operations.js';
import { FencengError } from '../app/errors.js';
import { andThen, settledNow, type MaybePromise } from '../app/maybe-async.js';
import { recompute, type RecomputeResult } from '../app/recompute.js';
import { activeRules, readRuleStore, saveRuleVersion } from '../app/rule-store.js';
import type { HeaderMapping } from '../core/facts/headers.js';
import { MANAGED_COLUMNS } from '../core/names/columns.js';
import { normalizeHeader } from '../core/base/bilingual.js';
import { detectMembersSheet } from '../core/facts/members-sheet.js';
import { metaOf, validateDocument } from '../core/rule-store/codec.js';
import { diffDocuments } from '../core/rule-store/diff.js';
import { describeColumns, withHeaderOverrides } from '../core/rule-store/mapping.js';
import type { RulesDocument } from '../core/rule-store/types.js';
import { previewMoves } from '../core/run/rule-preview.js';
import { summaryText } from '../core/run/summary.js';
import { analyzeRuleSets, type Finding } from '../core/rules/analyze/analyze.js';
import { formatFinding } from '../core/rules/analyze/format.js';
import type { RuleSet } from '../core/rules/types.js';
import { civilDayOfInstant } from '../core/base/time.js';
import type { WorkbookPort } from '../ports/port.js';
import type { Bootstrap, Locale, ProposedRules, RecomputeResponse, RunProgressView, RunStatusView, SaveResult, ServerApi } from './contract.js';
import type { RunSummary } from '../core/run/summary.js';
import { memberFactsOf } from './member-facts.js';
import { previewPoints } from './points-preview.js';
import { previewHonors } from './honors-preview.js';

/** Where the time zone lives: the spreadsheet's own setting (Sheets), or the rule store (files have none). */
export type TimeZoneSource =
  | { kind: 'spreadsheet'; get(): string; set(timeZone: string): void }
  | { kind: 'store'; fallback: string };

export interface ServerDeps {
  port: WorkbookPort;
  now: () => Date;
  /** The operator's UI language, reported at bootstrap. */
  uiLocale: Locale;
  /** Language of what is written into the workbook (headers, tier names): the operator's, not the sidebar switch's. */
  writeLocale: Locale;
  /** Who saves a version; '' where that cannot be known. */
  user: () => string;
  host: 'sheets' | 'local';
  timeZone: TimeZoneSource;
  /** Runs writes one at a time (Sheets: the document lock). Synchronous when `work` is. */
  withLock?: <T>(work: () => MaybePromise<T>) => MaybePromise<T>;
  /** After every write (the local preview saves the file here). */
  afterWrite?: () => Promise<void> | void;
  baseMapping?: HeaderMapping;
  /**
   * Runs longer than one execution (Sheets): start or continue the run in
   * progress, and read where it stands. Elsewhere a run finishes in one call
   * and these are absent.
   */
  runs?: RunDriver;
}

/** What a run driver answers; the server adds the rule version and says it in the request's language. */
export type RunStepAnswer =
  | { state: 'finished'; text: string; summary?: RunSummary; executions: number }
  | { state: 'continuing'; progress: RunProgressView; message: string; busy: boolean; resumed: boolean }
  | { state: 'idle'; status: RunStatusView };

export interface RunDriver {
  start(): RunStepAnswer;
  continue(): RunStepAnswer;
  status(): RunStatusView;
}

const MANAGED_HEADERS = new Set(Object.values(MANAGED_COLUMNS).flatMap((n) => [normalizeHeader(n.zh), normalizeHeader(n.en)]));

/**
 * The sidebar's server, over any workbook port: the same code answers
 * google.script.run in Sheets and the local preview's HTTP stand-in. One
 * named function per method of the contract.
 */
export function createServerApi(deps: ServerDeps): ServerApi {
  const ctx = serverContext(deps);
  return {
    bootstrap: () => bootstrap(ctx),
    preview: (request) => preview(ctx, request),
    save: (request) => saveDocument(ctx, { ruleSets: request.ruleSets, settings: request.settings ?? {}, ...(request.keepForGrace?.length ? { keepForGrace: request.keepForGrace } : {}) }, request.note ?? '', request.baseVersion),
    recompute: (request) => (deps.runs ? driven(ctx, request, deps.runs.start()) : recomputeNow(ctx, request)),
    continueRun: (request) => continueRun(ctx, request),
    runStatus: () => deps.runs?.status() ?? { running: false },
    version: (request) => version(ctx, request),
    rollback: (request) => rollback(ctx, request),
    memberFacts: (request) => memberFacts(ctx, request),
  };
}

/** What every method works with: the dependencies and the header mapping, lock and time zone derived from them. */
interface ServerContext {
  deps: ServerDeps;
  base: HeaderMapping;
  locked: <T>(work: () => MaybePromise<T>) => MaybePromise<T>;
  timeZoneOf: (doc: RulesDocument) => string;
  wrote: () => MaybePromise<void>;
}

type Request<M extends keyof ServerApi> = Parameters<ServerApi[M]>[0];
type Response<M extends keyof ServerApi> = ReturnType<ServerApi[M]>;

function serverContext(deps: ServerDeps): ServerContext {
  return {
    deps,
    base: deps.baseMapping ?? DEFAULT_HEADER_MAPPING,
    locked: <T>(work: () => MaybePromise<T>): MaybePromise<T> => (deps.withLock ? deps.withLock(work) : work()),
    timeZoneOf: (doc: RulesDocument): string => (deps.timeZone.kind === 'spreadsheet' ? deps.timeZone.get() : (doc.settings.timeZone ?? deps.timeZone.fallback)),
    wrote: () => deps.afterWrite?.(),
  };
}

/** Validation, then the rule analysis: its errors refuse like invalid rules; its warnings and notes come back. */
function checkDocument(doc: RulesDocument): Finding[] {
  const errors = validateDocument(doc);
  if (errors.length) {
    throw new FencengError('invalid-rules', `规则有误，未保存 / Invalid rules, nothing saved:\n${errors.join('\n')}`, errors);
  }
  const findings = analyzeRuleSets(doc.ruleSets);
  const fatal = findings.filter((f) => f.severity === 'error');
  if (fatal.length) {
    const lines = fatal.map(formatFinding);
    throw new FencengError('invalid-rules', `规则分析发现错误，未保存 / The rule analysis found errors, nothing saved:\n${lines.join('\n')}`, { errors: lines, findings: fatal });
  }
  return findings;
}

function saveDocument({ deps, locked, wrote }: ServerContext, doc: RulesDocument, note: string, baseVersion: number | null): MaybePromise<SaveResult> {
  const findings = checkDocument(doc);
  return locked(() => {
    const store = readRuleStore(deps.port);
    const current = store.active?.version ?? null;
    if (current !== baseVersion) {
      throw new FencengError('stale', `规则已被另一次保存更新（当前版本 ${current ?? '默认'}），请重新载入后再改 / The rules were saved by someone else meanwhile (now version ${current ?? 'default'}); reload and edit again`);
    }
    const before = store.active?.doc ?? { ruleSets: DEFAULT_RULE_SETS, settings: {} };
    // The grace choice alone is no new version: it is about a change of the rules.
    const rulesOf = (d: RulesDocument) => JSON.stringify({ ruleSets: d.ruleSets, settings: d.settings });
    if (rulesOf(before) === rulesOf(doc) && store.active) {
      throw new FencengError('unchanged', '规则没有变化，未保存新版本 / Nothing changed; no new version saved');
    }
    if (deps.timeZone.kind === 'spreadsheet' && doc.settings.timeZone && doc.settings.timeZone !== deps.timeZone.get()) {
      deps.timeZone.set(doc.settings.timeZone);
    }
    const saving = saveRuleVersion(deps.port, { savedAt: deps.now().toISOString(), user: safeUser(deps.user), note: note.trim(), doc }, store);
    return andThen(saving, (saved) =>
      andThen(wrote(), () => {
        const after = readRuleStore(deps.port);
        return { saved: metaOf(saved), activeVersion: saved.version, versions: after.versions.map(metaOf), doc: saved.doc, findings };
      }),
    );
  });
}

/** The sidebar's first call: the rules in force, their history, the members sheet's columns. */
function bootstrap({ deps, base, timeZoneOf }: ServerContext): Bootstrap {
  const active = activeRules(deps.port, base);
  // The same sheet a recompute would use (found by its headers).
  const sheet = detectMembersSheet(deps.port.sheetNames(), (n) => deps.port.read(n)?.header, withHeaderOverrides(base, active.doc.settings.headerOverrides)) ?? null;
  const table = sheet ? deps.port.read(sheet) : undefined;
  const overrides = active.doc.settings.headerOverrides;
  return {
    locale: deps.uiLocale,
    doc: active.doc,
    activeVersion: active.version?.version ?? null,
    versions: active.store.versions.map(metaOf),
    storeProblems: active.store.problems,
    defaults: DEFAULT_RULE_SETS,
    incentiveDefaults: [DEFAULT_POINTS_RULES, DEFAULT_HONORS_RULES],
    timeZone: timeZoneOf(active.doc),
    timeZoneSource: deps.timeZone.kind,
    membersSheet: sheet,
    memberRows: table?.rows.length ?? 0,
    columns: table ? describeColumns(table.header, base, overrides).filter((c) => !MANAGED_HEADERS.has(normalizeHeader(c.header))) : [],
    host: deps.host,
    ...(running(deps) ? { run: deps.runs!.status() } : {}),
  };
}

function running(deps: ServerDeps): boolean {
  return !!deps.runs && deps.runs.status().running;
}

/** A dry run with the proposed rules: who would move, what changed, the summary. Writes nothing. */
function preview({ deps, base, timeZoneOf }: ServerContext, request: ProposedRules): Response<'preview'> {
  const doc: RulesDocument = { ruleSets: request.ruleSets, settings: request.settings ?? {} };
  const findings = checkDocument(doc);
  const active = activeRules(deps.port, base);
  const mapping = withHeaderOverrides(base, doc.settings.headerOverrides);
  const timeZone = deps.timeZone.kind === 'spreadsheet' ? (doc.settings.timeZone ?? deps.timeZone.get()) : timeZoneOf(doc);
  // A dry run writes nothing, so it answers synchronously on any port.
  const result = settledNow(recompute(deps.port, { now: deps.now(), timeZone, locale: request.locale, dryRun: true, ruleSets: doc.ruleSets, mapping }));
  // Points per member before → after, only when the points rules change.
  const pointsOf = (sets: RuleSet[]) => sets.find((s) => s.id === POINTS_RULE_SET_ID) ?? DEFAULT_POINTS_RULES;
  const [before, after] = [pointsOf(active.ruleSets), pointsOf(doc.ruleSets)];
  const table = JSON.stringify(before) === JSON.stringify(after) ? undefined : deps.port.read(result.summary.sheet);
  const points = table && previewPoints(table, mapping, civilDayOfInstant(deps.now(), timeZone), before, after, request.locale);
  // Honors before → after, only when the points or honors rules change: a second dry run under the rules in force.
  const honorsOf = (sets: RuleSet[]) => sets.find((s) => s.id === HONORS_RULE_SET_ID) ?? DEFAULT_HONORS_RULES;
  const incentivesChanged = table !== undefined || JSON.stringify(honorsOf(active.ruleSets)) !== JSON.stringify(honorsOf(doc.ruleSets));
  const was = incentivesChanged ? settledNow(recompute(deps.port, { now: deps.now(), timeZone, locale: request.locale, dryRun: true, ruleSets: active.ruleSets, mapping })) : undefined;
  const honors = was && previewHonors(was.operations.provisional, result.operations.provisional, request.locale);
  return {
    ...(points ? { points } : {}),
    ...(honors ? { honors } : {}),
    findings,
    ruleSets: previewMoves({ run: result, ruleSets: doc.ruleSets, previousRuleSets: active.ruleSets, mapping, locale: request.locale }),
    changes: diffDocuments(active.doc, doc, request.locale),
    text: summaryText(result.summary, request.locale),
    summary: result.summary,
    members: result.summary.members,
  };
}

/** A real run with the saved rules, under the lock. */
function recomputeNow({ deps, base, locked, timeZoneOf, wrote }: ServerContext, request: Request<'recompute'>): Response<'recompute'> {
  return locked(() => {
    const active = activeRules(deps.port, base);
    const running = recompute(deps.port, { now: deps.now(), timeZone: timeZoneOf(active.doc), locale: deps.writeLocale });
    return andThen(running, (result) => andThen(wrote(), () => answerRecompute(active, result, request)));
  });
}

/** The next execution of a long run; without a driver (one call finishes a run) there is never one in progress. */
function continueRun(ctx: ServerContext, request: Request<'continueRun'>): Response<'continueRun'> {
  if (!ctx.deps.runs) throw new FencengError('no-run', '没有进行中的计算 / No run in progress');
  return driven(ctx, request, ctx.deps.runs.continue());
}

/** A run driver's step as the sidebar reads it: a finished run with its rule version, in the request's language. */
function driven({ deps, base }: ServerContext, request: Request<'recompute'>, step: RunStepAnswer): RecomputeResponse {
  if (step.state === 'continuing') return step;
  const last = step.state === 'idle' ? step.status.last : step;
  if (!last) throw new FencengError('no-run', '没有进行中的计算 / No run in progress');
  const active = activeRules(deps.port, base);
  const warning = storeWarning(active.store.problems.length, request.locale);
  const text = (last.summary ? summaryText(last.summary, request.locale) : last.text) + warning;
  return { state: 'finished', text, ...(last.summary ? { summary: last.summary } : {}), version: active.version?.version ?? null, storeProblems: active.store.problems.length, executions: last.executions };
}

function storeWarning(problems: number, locale: Locale): string {
  if (!problems) return '';
  return locale === 'zh' ? `\n规则存储有 ${problems} 处损坏，已使用最后一个有效版本` : `\n${problems} damaged rule store rows; the last valid version was used`;
}

function answerRecompute(active: ReturnType<typeof activeRules>, result: RecomputeResult, request: Request<'recompute'>): RecomputeResponse {
  const warning = storeWarning(active.store.problems.length, request.locale);
  return { state: 'finished', text: summaryText(result.summary, request.locale) + warning, summary: result.summary, version: active.version?.version ?? null, storeProblems: active.store.problems.length, executions: 1 };
}

/** One saved version with what changed from the one before. */
function version({ deps }: ServerContext, request: Request<'version'>): Response<'version'> {
  const store = readRuleStore(deps.port);
  const i = store.versions.findIndex((v) => v.version === request.version);
  if (i < 0) throw new FencengError('no-version', `没有版本 ${request.version}（或它已损坏） / No version ${request.version} (or it is damaged)`);
  const v = store.versions[i];
  return { meta: metaOf(v), doc: v.doc, changes: diffDocuments(store.versions[i - 1]?.doc, v.doc, request.locale) };
}

/** Saves an earlier version again as the newest. */
function rollback(ctx: ServerContext, request: Request<'rollback'>): Response<'rollback'> {
  const store = readRuleStore(ctx.deps.port);
  const target = store.versions.find((v) => v.version === request.version);
  if (!target) throw new FencengError('no-version', `没有版本 ${request.version}（或它已损坏） / No version ${request.version} (or it is damaged)`);
  const note = [`回滚到版本 ${target.version} / Rolled back to version ${target.version}`, request.note?.trim()].filter(Boolean).join(' · ');
  // A rollback applies at once: the old version's grace choice was about its own change.
  return saveDocument(ctx, { ruleSets: target.doc.ruleSets, settings: target.doc.settings }, note, request.baseVersion);
}

/** The members' numbers for the sidebar's histograms and tier sizes, under the draft's header mapping. */
function memberFacts({ deps, base }: ServerContext, request: Request<'memberFacts'>): Response<'memberFacts'> {
  const settings = request.settings ?? activeRules(deps.port, base).doc.settings;
  const mapping = withHeaderOverrides(base, settings.headerOverrides);
  const sheet = detectMembersSheet(deps.port.sheetNames(), (n) => deps.port.read(n)?.header, mapping);
  const table = (sheet ? deps.port.read(sheet) : undefined) ?? { sheet: '', header: [], rows: [] };
  const timeZone = deps.timeZone.kind === 'spreadsheet' ? deps.timeZone.get() : (settings.timeZone ?? deps.timeZone.fallback);
  return memberFactsOf(table, mapping, civilDayOfInstant(deps.now(), timeZone));
}

function safeUser(user: () => string): string {
  try {
    return String(user() ?? '');
  } catch {
    return '';
  }
}
