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
 * 分层变动 (Movements): one row per member whose effective tier changed,
 * appended run after run. The sheet is rewritten as its old rows plus the new
 * ones (a replace patch), so a run that moves nobody leaves it as it was.
 */
export interface Movement {
  memberId: string;
  /** The ID as the operator wrote it, for the sheet (memberId is normalised for matching). */
  memberIdText?: string;
  nickname: string | null;
  ruleSet: string;
  /** Undefined: the member's first placement. */
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
