import type { Locale } from '../base/locale.js';
import type { RuleSet } from '../rules/types.js';
import type { CellValue, Table } from '../base/table.js';

/** How many members moved from one tier to another (labels in the run's language). */
export interface Move {
  from: string;
  to: string;
  count: number;
}

/**
 * 分层变动 (Movements): one row per member whose effective tier changed
 * (promoted, demoted, or moved by a lock; a first placement is not a move),
 * appended run after run. The sheet is rewritten as its old rows plus the new
 * ones (a replace patch), so a run that moves nobody leaves it as it was.
 */
export interface Movement {
  memberId: string;
  /** The ID as the operator wrote it, for the sheet (memberId is normalised for matching). */
  memberIdText?: string;
  nickname: string | null;
  ruleSet: string;
  /** Undefined only in rows of older versions, which recorded first placements. */
  from?: string;
  to: string;
  reason: string;
}

export const MOVEMENT_HEADER: Record<Locale, string[]> = {
  zh: ['日期', '成员ID', '昵称', '层级类型', '原层级', '新层级', '规则版本', '原因'],
  en: ['Date', 'Member ID', 'Nickname', 'Tier kind', 'From', 'To', 'Rules version', 'Reason'],
};

export interface MovementRowsInput {
  /** The sheet as it is now (its rows are kept as they are). */
  existing?: Table;
  movements: Movement[];
  ruleSets: RuleSet[];
  locale: Locale;
  /** `2026-11-26 09:50`: when these moves took effect. */
  date: string;
  rulesVersion: string;
}

/** 分层变动 keeps this many days of moves, and at most MOVEMENT_ROWS_KEPT rows (the newest); the rest move to the archive tab (bounded against the cell limit). */
export const MOVEMENT_DAYS_KEPT = 91;
/** 20,000 rows × 8 columns: 160,000 cells, however large the community and however many move. */
export const MOVEMENT_ROWS_KEPT = 20_000;
export const MOVEMENT_ARCHIVE_SHEET = '_fenceng_movements_archive';
export const MOVEMENT_ARCHIVE_HEADER = ['before', 'part', 'rows'];
const ARCHIVE_CELL_CHARS = 40_000;

/**
 * The rows older than `keepFrom` (`YYYY-MM-DD`, compared with each row's
 * date text), and the oldest beyond the newest `maxRows`, split off for the
 * archive: packed JSON, cells of at most 40,000 characters. Rows whose date
 * cannot be read stay in the sheet (they count towards `maxRows`).
 */
export function splitOldMovements(rows: CellValue[][], keepFrom: string, maxRows = MOVEMENT_ROWS_KEPT): { kept: CellValue[][]; archive: CellValue[][] } {
  const [header, ...body] = rows;
  const dateOf = (r: CellValue[]) => (typeof r[0] === 'string' && /^\d{4}-\d{2}-\d{2}/.test(r[0]) ? r[0].slice(0, 10) : undefined);
  const recent = body.filter((r) => (dateOf(r) ?? keepFrom) >= keepFrom);
  const over = Math.max(0, recent.length - maxRows);
  const leaving = new Set(recent.slice(0, over).filter((r) => dateOf(r) !== undefined));
  const old = body.filter((r) => (dateOf(r) ?? keepFrom) < keepFrom || leaving.has(r));
  if (old.length === 0) return { kept: rows, archive: [] };
  const json = JSON.stringify(old.map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : c))));
  const archive: CellValue[][] = [];
  for (let i = 0, part = 1; i < json.length; i += ARCHIVE_CELL_CHARS, part++) archive.push([`<${keepFrom}`, part, json.slice(i, i + ARCHIVE_CELL_CHARS)]);
  const gone = new Set(old);
  return { kept: [header, ...body.filter((r) => !gone.has(r))], archive };
}

export function movementRows(input: MovementRowsInput): CellValue[][] {
  const { locale } = input;
  const set = (id: string) => input.ruleSets.find((s) => s.id === id);
  const tier = (s: RuleSet | undefined, id: string | undefined) => (id === undefined ? '' : (s?.tiers.find((t) => t.id === id)?.[locale] ?? id));
  const kept = (input.existing?.rows ?? []).filter((r) => r.some((c) => c !== null && c !== ''));
  const added = input.movements.map((m) => {
    const s = set(m.ruleSet);
    return [input.date, m.memberIdText ?? m.memberId, m.nickname, s?.label[locale] ?? m.ruleSet, tier(s, m.from), tier(s, m.to), input.rulesVersion, m.reason];
  });
  return [MOVEMENT_HEADER[locale], ...kept, ...added];
}

/**
 * From → to counts of one rule set's moves in this run. First placements
 * are not moves (the history has them), so a re-run that moves nobody shows
 * the same all-zero matrix.
 */
export function movementMatrix(movements: Movement[], set: RuleSet, locale: Locale): CellValue[][] {
  const zh = locale === 'zh';
  const mine = movements.filter((m) => m.ruleSet === set.id && m.from !== undefined);
  const froms = set.tiers.map((t) => t.id);
  const rows: CellValue[][] = [[zh ? `${set.label.zh}变动（从 \\ 到）` : `${set.label.en} moves (from \\ to)`, ...set.tiers.map((t) => t[locale]), zh ? '合计' : 'Total']];
  for (const from of froms) {
    const counts = set.tiers.map((t) => mine.filter((m) => m.from === from && m.to === t.id).length);
    const label = set.tiers.find((t) => t.id === from)?.[locale] ?? from;
    rows.push([label, ...counts, counts.reduce((a, b) => a + b, 0)]);
  }
  return rows;
}
