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
  | 'future-date'
  // The Admins sheet (管理员) and the team it describes.
  | 'admin-row'
  | 'admin-role'
  | 'admin-email'
  | 'admin-duplicate'
  | 'admin-reports-to'
  | 'admin-cycle'
  // Operator columns that steer tier dynamics (锁定层级 / 锁定至).
  | 'lock';

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
  'admin-row': '管理员行有误 / Admin row problem',
  'admin-role': '未知角色 / Unknown role',
  'admin-email': '邮箱有误 / Email problem',
  'admin-duplicate': '管理员重复 / Duplicate admin',
  'admin-reports-to': '上级有误 / Reports-to problem',
  'admin-cycle': '汇报关系成环 / Reporting cycle',
  lock: '锁定层级有误 / Tier lock problem',
};
