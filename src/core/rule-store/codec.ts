import { isFactId, SHEET_FACTS } from '../facts/facts.js';
import { rulesVersion, validateRuleSets } from '../rules/load.js';
import type { RuleSet } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';
import { sheetRowOf } from '../base/table.js';
import type { RulesDocument, StoredVersion, StoreProblem, VersionMeta } from './types.js';

/**
 * The rule store as rows of a sheet: one row per saved version, oldest
 * first, never rewritten once saved (a rollback saves a new version).
 *
 *   A 版本 · B 保存时间 (ISO) · C 用户 · D 备注 · E 校验 (FNV-1a of the JSON) · F 分段数 · G… JSON
 *
 * The JSON is split into pieces of at most CHUNK characters: under both
 * Sheets' 50,000-character cell limit and Excel's 32,767.
 */
export const STORE_HEADER = ['版本 Version', '保存时间 Saved at', '用户 User', '备注 Note', '校验 Checksum', '分段 Parts', 'JSON（请勿手动编辑 / do not edit by hand）'];
export const CHUNK = 30_000;
const JSON_COLUMN = 6;

export interface DecodedStore {
  /** Whether the sheet exists at all. */
  exists: boolean;
  /** Usable versions in sheet order. */
  versions: StoredVersion[];
  /** The version in force: the last usable one. */
  active?: StoredVersion;
  /** Rows that cannot be used (they stay in the sheet as they are). */
  problems: StoreProblem[];
  /** The data rows as read, to write back unchanged. */
  rows: CellValue[][];
  /** Number for the next saved version (above every number seen, damaged rows included). */
  nextVersion: number;
}

export function decodeStore(table: Table | undefined): DecodedStore {
  if (!table) return { exists: false, versions: [], problems: [], rows: [], nextVersion: 1 };
  const problems: StoreProblem[] = [];
  if (table.header.length > 0 && String(table.header[0] ?? '').trim() !== STORE_HEADER[0]) {
    problems.push({ row: 1, message: '规则存储表的表头被改动过，已按原格式读取 / The rule store\'s header was changed; read it in the usual layout anyway' });
  }
  const versions: StoredVersion[] = [];
  const seen = new Set<number>();
  let highest = 0;
  table.rows.forEach((cells, index) => {
    const row = sheetRowOf(index);
    if (cells.every((c) => c === null || c === '')) return;
    const decoded = decodeRow(cells, row);
    if (decoded.version !== undefined) highest = Math.max(highest, decoded.version);
    if ('problem' in decoded) {
      problems.push({ row, version: decoded.version, message: decoded.problem });
      return;
    }
    if (seen.has(decoded.entry.version)) {
      problems.push({ row, version: decoded.entry.version, message: `版本号 ${decoded.entry.version} 重复，本行未使用 / Version ${decoded.entry.version} appears twice; this row is not used` });
      return;
    }
    seen.add(decoded.entry.version);
    versions.push(decoded.entry);
  });
  return { exists: true, versions, active: versions[versions.length - 1], problems, rows: table.rows, nextVersion: highest + 1 };
}

type RowResult = { version?: number; entry: StoredVersion } | { version?: number; problem: string };

function decodeRow(cells: CellValue[], row: number): RowResult {
  const version = wholeNumber(cells[0]);
  if (version === undefined || version < 1) return { problem: '版本号缺失或无效 / Missing or invalid version number' };
  const parts = wholeNumber(cells[5]);
  if (parts === undefined || parts < 1) return { version, problem: '分段数缺失或无效 / Missing or invalid number of parts' };
  const pieces = cells.slice(JSON_COLUMN, JSON_COLUMN + parts);
  if (pieces.length < parts || pieces.some((p) => p === null || p === undefined || p === '')) {
    return { version, problem: `JSON 不完整：应有 ${parts} 段 / Incomplete JSON: expected ${parts} parts` };
  }
  const text = pieces.map((p) => String(p)).join('');
  if (checksum(text) !== String(cells[4] ?? '').trim()) {
    return { version, problem: '校验不符：内容被改动或截断 / Checksum mismatch: the content was edited or cut off' };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { version, problem: `JSON 格式错误 / Malformed JSON: ${(e as Error).message}` };
  }
  const errors = validateDocument(doc);
  if (errors.length) return { version, problem: `规则无效 / Invalid rules: ${errors.slice(0, 3).join('；')}` };
  const savedAt = cells[1] instanceof Date ? cells[1].toISOString() : String(cells[1] ?? '');
  const d = doc as RulesDocument;
  return {
    version,
    entry: { version, savedAt, user: String(cells[2] ?? ''), note: String(cells[3] ?? ''), fingerprint: rulesVersion(d.ruleSets), row, doc: d },
  };
}

function wholeNumber(c: CellValue | undefined): number | undefined {
  const n = typeof c === 'number' ? c : typeof c === 'string' && /^\s*\d+\s*$/.test(c) ? Number(c) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Problems with a rules document (Chinese / English), empty when usable.
 * The rule sets go through the same validator the CLI and sidebar use.
 */
export function validateDocument(input: unknown): string[] {
  const doc = input as Partial<RulesDocument> | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return ['规则文档必须是 JSON 对象 / A rules document must be a JSON object'];
  if (!Array.isArray(doc.ruleSets) || doc.ruleSets.length === 0) return ['缺少规则集 ruleSets / Missing "ruleSets"'];
  const errors = validateRuleSets(doc.ruleSets.map((s, i) => ({ source: `ruleSets[${i}]`, json: s }))).map(
    (p) => `[${p.ruleSet}${p.rule ? ` / ${p.rule}` : ''}${p.path ? ` @ ${p.path}` : ''}] ${p.message}`,
  );
  return [...errors, ...validateSettings(doc.settings), ...validateKeepForGrace(doc.keepForGrace, doc.ruleSets)];
}

/** `keepForGrace` names tier (`first`) rule sets of the same document. */
export function validateKeepForGrace(input: unknown, ruleSets: unknown[]): string[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) return ['keepForGrace 必须是规则集 ID 的列表 / keepForGrace must be a list of rule set ids'];
  const tierSets = new Set(ruleSets.flatMap((s) => (s && typeof s === 'object' && (s as RuleSet).hitPolicy === 'first' ? [(s as RuleSet).id] : [])));
  return input
    .filter((id) => !(typeof id === 'string' && tierSets.has(id)))
    .map((id) => `keepForGrace 中的「${String(id)}」不是本版本的分层规则集 / "${String(id)}" in keepForGrace is not a tier rule set of this version`);
}

export function validateSettings(input: unknown): string[] {
  if (input === undefined) return [];
  if (!input || typeof input !== 'object' || Array.isArray(input)) return ['设置必须是 JSON 对象 / Settings must be a JSON object'];
  const s = input as Record<string, unknown>;
  const errors: string[] = [];
  if (s.timeZone !== undefined && !isTimeZone(s.timeZone)) errors.push(`未知时区「${String(s.timeZone)}」 / Unknown time zone "${String(s.timeZone)}"`);
  if (s.maxTierShare !== undefined && !(typeof s.maxTierShare === 'number' && s.maxTierShare > 0 && s.maxTierShare <= 1)) {
    errors.push(`层级占比提醒必须在 0 到 1 之间（如 0.8 即 80%），现为 ${JSON.stringify(s.maxTierShare)} / maxTierShare must be between 0 and 1 (0.8 = 80%), got ${JSON.stringify(s.maxTierShare)}`);
  }
  const overrides = s.headerOverrides;
  if (overrides !== undefined) {
    if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) errors.push('表头映射必须是对象 / headerOverrides must be an object');
    else {
      for (const [header, fact] of Object.entries(overrides)) {
        if (fact !== null && !(typeof fact === 'string' && isFactId(fact) && fact in SHEET_FACTS)) {
          errors.push(`列「${header}」映射到未知字段「${String(fact)}」 / Column "${header}" maps to unknown fact "${String(fact)}"`);
        }
      }
    }
  }
  return errors;
}

export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || !tz) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** FNV-1a, 32 bit, as 8 hex digits: detects edits and truncation, no crypto needed. */
export function checksum(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Splits text into pieces of at most `size` characters. A cut never lands
 * next to whitespace (spreadsheets may trim cell edges) nor inside a
 * surrogate pair.
 */
export function splitText(text: string, size = CHUNK): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const splitsPair = (i: number) => (text.charCodeAt(i) & 0xfc00) === 0xdc00;
      const bad = (i: number) => /\s/.test(text[i - 1]) || /\s/.test(text[i]) || splitsPair(i);
      // Look back a little for a clean cut; failing that, only keep surrogate pairs whole.
      let cut = end;
      while (cut > end - 64 && cut > start + 1 && bad(cut)) cut--;
      if (bad(cut)) cut = splitsPair(end) ? end - 1 : end;
      end = cut;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out.length ? out : [''];
}

export interface NewVersion {
  savedAt: string;
  user: string;
  note: string;
  doc: RulesDocument;
}

/**
 * The whole sheet after appending a version: header, the existing rows
 * exactly as read (damaged ones included), then the new row.
 */
export function appendVersion(store: DecodedStore, entry: NewVersion): { rows: CellValue[][]; version: StoredVersion } {
  const errors = validateDocument(entry.doc);
  if (errors.length) throw new Error(errors.join('\n'));
  const keep = [...new Set(entry.doc.keepForGrace ?? [])].sort();
  const doc: RulesDocument = { ruleSets: entry.doc.ruleSets, settings: cleanSettings(entry.doc.settings), ...(keep.length ? { keepForGrace: keep } : {}) };
  const text = JSON.stringify(doc);
  const pieces = splitText(text);
  const number = store.nextVersion;
  const row: CellValue[] = [number, entry.savedAt, entry.user, entry.note, checksum(text), pieces.length, ...pieces];
  const rows = [STORE_HEADER, ...store.rows, row];
  const version: StoredVersion = { version: number, savedAt: entry.savedAt, user: entry.user, note: entry.note, fingerprint: rulesVersion(doc.ruleSets), row: rows.length, doc };
  return { rows, version };
}

function cleanSettings(s: RulesDocument['settings'] | undefined): RulesDocument['settings'] {
  const out: RulesDocument['settings'] = {};
  if (s?.timeZone) out.timeZone = s.timeZone;
  if (typeof s?.maxTierShare === 'number') out.maxTierShare = s.maxTierShare;
  if (s?.headerOverrides && Object.keys(s.headerOverrides).length) out.headerOverrides = { ...s.headerOverrides };
  return out;
}

export function metaOf(v: StoredVersion): VersionMeta {
  return { version: v.version, savedAt: v.savedAt, user: v.user, note: v.note, fingerprint: v.fingerprint, row: v.row };
}

export function documentOf(ruleSets: RuleSet[], settings: RulesDocument['settings'] = {}): RulesDocument {
  return { ruleSets, settings };
}
