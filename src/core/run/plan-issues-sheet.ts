import { ISSUE_LABELS, type Issue } from '../base/issues.js';
import type { Locale } from '../base/locale.js';
import type { CellValue } from '../base/table.js';

/** 问题: one row per issue, pointing at the cell it is about. */
export function issueRows(issues: Issue[], locale: Locale): CellValue[][] {
  const zh = locale === 'zh';
  const header = zh ? ['工作表', '行', '列', '列名', '成员ID', '类型', '说明'] : ['Sheet', 'Row', 'Column', 'Header', 'Member ID', 'Type', 'Message'];
  return [header, ...issues.map((i) => [i.sheet, i.row, i.columnLetter, i.column, i.memberId, ISSUE_LABELS[i.code], i.message])];
}
