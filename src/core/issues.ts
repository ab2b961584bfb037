/**
 * A problem found in the operator's data. Problems are collected, shown in
 * the 问题 sheet and summarised; they never abort a run on their own.
 */
export type IssueCode =
  | 'missing-id'
  | 'duplicate-id'
  | 'unreadable-cell'
  | 'missing-value'
  | 'missing-column'
  | 'duplicate-column'
  | 'future-date';

export interface Issue {
  sheet: string;
  /** Sheet row number as the operator sees it (1 = header). */
  row: number;
  /** Column header as written in the sheet ('' when the problem is the row). */
  column: string;
  /** Column letter, e.g. F ('' when not about one column). */
  columnLetter: string;
  memberId: string;
  code: IssueCode;
  /** Chinese / English. */
  message: string;
}

/** Short bilingual names of the codes, for the 问题 sheet and summaries. */
export const ISSUE_LABELS: Record<IssueCode, string> = {
  'missing-id': '缺少成员ID / Missing member ID',
  'duplicate-id': '重复成员ID / Duplicate member ID',
  'unreadable-cell': '无法识别的单元格 / Unreadable cell',
  'missing-value': '缺失值 / Missing value',
  'missing-column': '缺少列 / Missing column',
  'duplicate-column': '重复列 / Duplicate column',
  'future-date': '日期晚于今天 / Date in the future',
};
