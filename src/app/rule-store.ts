import type { HeaderMapping } from '../core/facts/headers.js';
import { appendVersion, decodeStore, type DecodedStore, type NewVersion } from '../core/rule-store/codec.js';
import { withHeaderOverrides } from '../core/rule-store/mapping.js';
import type { RulesDocument, StoredVersion } from '../core/rule-store/types.js';
import { RULES_SHEET } from '../core/names/sheets.js';
import type { RuleSet } from '../core/rules/types.js';
import type { WorkbookPort } from '../ports/port.js';
import { DEFAULT_HEADER_MAPPING, DEFAULT_RULE_SETS } from './default-rules.js';
import { andThen, type MaybePromise } from './maybe-async.js';

/** The workbook's rule store as read now. */
export function readRuleStore(port: WorkbookPort): DecodedStore {
  return decodeStore(port.sheetNames().includes(RULES_SHEET) ? port.read(RULES_SHEET) : undefined);
}

/** The rules in force in a workbook: its last valid saved version, else the defaults in rules/. */
export interface ActiveRules {
  ruleSets: RuleSet[];
  mapping: HeaderMapping;
  doc: RulesDocument;
  /** null: nothing saved yet (or nothing usable), the defaults apply. */
  version: StoredVersion | null;
  store: DecodedStore;
}

export function activeRules(port: WorkbookPort, baseMapping: HeaderMapping = DEFAULT_HEADER_MAPPING): ActiveRules {
  const store = readRuleStore(port);
  const version = store.active ?? null;
  const doc: RulesDocument = version?.doc ?? { ruleSets: DEFAULT_RULE_SETS, settings: {} };
  return { ruleSets: doc.ruleSets, mapping: withHeaderOverrides(baseMapping, doc.settings.headerOverrides), doc, version, store };
}

/** Appends a version to the store (creating the hidden sheet if needed). Throws on an invalid document. */
export function saveRuleVersion(port: WorkbookPort, entry: NewVersion, store: DecodedStore = readRuleStore(port)): MaybePromise<StoredVersion> {
  const { rows, version } = appendVersion(store, entry);
  return andThen(port.apply({ sheets: [{ kind: 'replace', sheet: RULES_SHEET, rows, hidden: true }] }), () => version);
}
