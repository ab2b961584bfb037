import type { SheetFactId } from '../facts/facts.js';
import type { RuleSet } from '../rules/types.js';

/** What one saved version holds: the rule sets and the settings that go with them. */
export interface RulesDocument {
  ruleSets: RuleSet[];
  settings: StoreSettings;
  /**
   * This version's choice for the members its rule change demotes: ids of
   * the tier rule sets whose members keep their tier for the grace period
   * (then drop unless they qualify again) instead of dropping at once.
   * Belongs to this one version: a later save or a rollback asks again.
   */
  keepForGrace?: string[];
}

export interface StoreSettings {
  /**
   * Corrections to the auto-detected header mapping: a column header (as
   * written in the members sheet) → the fact it holds, or null to ignore it.
   */
  headerOverrides?: Record<string, SheetFactId | null>;
  /** IANA zone for "today" and 计算时间 (files have none of their own; in Sheets it mirrors the spreadsheet's). */
  timeZone?: string;
  /** The sidebar warns when one tier would hold more than this share of the members (0–1; default 0.8). */
  maxTierShare?: number;
}

/** A version as listed in the sidebar: everything but the rules themselves. */
export interface VersionMeta {
  version: number;
  /** ISO 8601 instant. */
  savedAt: string;
  /** Email where Apps Script gives one, the OS user locally, else ''. */
  user: string;
  note: string;
  /** Fingerprint of the rule sets (the 规则版本 shown in 分层概览). */
  fingerprint: string;
  /** Sheet row holding it (1 = header). */
  row: number;
}

export interface StoredVersion extends VersionMeta {
  doc: RulesDocument;
}

/** A store row that cannot be used, and why (Chinese / English). */
export interface StoreProblem {
  row: number;
  version?: number;
  message: string;
}
