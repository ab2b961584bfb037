import type { MemberRow } from '../facts/members.js';
import type { Locale } from '../base/locale.js';
import type { CellValue } from '../base/table.js';

/** The members sheet's status cell: whether the row was tiered, and if not, why. */
export function memberStatusText(row: MemberRow, locale: Locale): CellValue {
  const zh = locale === 'zh';
  switch (row.status) {
    case 'blank':
      return null;
    case 'missing-id':
      return zh ? '未分层：缺少成员ID' : 'Not tiered: no member ID';
    case 'duplicate-id':
      return zh ? `未分层：与第 ${row.duplicateOfRow} 行成员ID重复` : `Not tiered: same member ID as row ${row.duplicateOfRow}`;
    default:
      if (row.unreadableCells === 0) return zh ? '已分层' : 'Tiered';
      return zh ? `已分层（${row.unreadableCells} 个单元格无法识别，见「问题」表）` : `Tiered (${row.unreadableCells} unreadable cells, see Issues)`;
  }
}
