import { excerpt, normalizeText, parseDate, parseNumber, parseText, textAsWritten, type Parsed } from '../base/cells.js';
import { SHEET_FACTS, type FactValues, type SheetFactId } from './facts.js';
import { mapHeaders, type ColumnMap, type HeaderMapping } from './headers.js';
import type { Issue, IssueCode } from '../base/issues.js';
import { columnLetter, sheetRowOf, type CellValue, type Table } from '../base/table.js';
import { formatCivilDay } from '../base/time.js';

/** Why a row is or is not tiered. */
export type RowStatus = 'ok' | 'blank' | 'missing-id' | 'duplicate-id';

export interface MemberRow {
  /** Index into table.rows. */
  index: number;
  /** The key for matching: the ID cell normalised (full-width → ASCII, spaces trimmed). */
  memberId: string | null;
  /** The ID as the operator wrote it, for copies of it in other sheets. */
  memberIdText?: string;
  status: RowStatus;
  /** For duplicates: the sheet row of the first occurrence. */
  duplicateOfRow?: number;
  /** Parsed sheet facts; null where the cell is missing or unreadable. */
  facts: FactValues;
  /** Facts whose cell was empty (or whose column is absent). */
  missing: SheetFactId[];
  unreadableCells: number;
}

export interface ParsedMembers {
  columns: ColumnMap;
  rows: MemberRow[];
  issues: Issue[];
}

export interface ParseOptions {
  mapping: HeaderMapping;
  /** Civil day of "today" in the workbook's zone. */
  today: number;
  /** Facts the rules use: only these produce missing-value issues. */
  usedFacts: ReadonlySet<SheetFactId>;
  /** Facts every rule set counts as 0 when empty: their messages say so. */
  zeroFacts?: ReadonlySet<string>;
  /** Fenceng's own columns: they do not make an emptied row count as content. */
  ignoreColumns?: ReadonlySet<number>;
}

const isBlank = (c: CellValue) => c === null || c === undefined || (typeof c === 'string' && normalizeText(c) === '');

export function parseMembers(table: Table, options: ParseOptions): ParsedMembers {
  const columns = mapHeaders(table.header, options.mapping);
  const issues: Issue[] = [];
  const issue = (index: number, column: number | null, memberId: string | null, code: IssueCode, message: string) =>
    issues.push({
      sheet: table.sheet,
      row: index < 0 ? 1 : sheetRowOf(index),
      column: column === null ? '' : (table.header[column] ?? ''),
      columnLetter: column === null ? '' : columnLetter(column),
      memberId: memberId ?? '',
      code,
      message,
    });

  for (const { fact, column } of columns.duplicates) {
    const first = columns.columns[fact]!;
    issue(-1, column, null, 'duplicate-column', `与第 ${columnLetter(first)} 列同为「${SHEET_FACTS[fact].zh}」，本列被忽略 / Same fact as column ${columnLetter(first)} (${SHEET_FACTS[fact].en}); this column is ignored`);
  }
  for (const fact of options.usedFacts) {
    if (columns.columns[fact] === undefined) {
      issue(-1, null, null, 'missing-column', `找不到「${SHEET_FACTS[fact].zh}」列，所有成员按缺失处理 / No "${SHEET_FACTS[fact].en}" column; treated as missing for every member`);
    }
  }

  const factIds = Object.keys(SHEET_FACTS) as SheetFactId[];
  const firstRowOfId = new Map<string, number>();
  // Empty cells only matter on rows that get tiered; untiered rows already have their own issue.
  const rowWillBeTiered = (id: string | null) => id !== null && !firstRowOfId.has(id);
  const rows: MemberRow[] = table.rows.map((cells, index) => {
    if (cells.every((c, i) => isBlank(c) || options.ignoreColumns?.has(i))) return { index, memberId: null, status: 'blank', facts: {}, missing: [], unreadableCells: 0 };
    const facts: FactValues = {};
    const missing: SheetFactId[] = [];
    let unreadableCells = 0;
    const idCell = columns.columns.memberId === undefined ? null : cells[columns.columns.memberId];
    const id = parseText(idCell ?? null);
    const memberId = id.kind === 'value' ? id.value : null;
    // Issues and copies show the ID as written; matching uses the normalised memberId.
    const memberIdText = memberId === null ? undefined : textAsWritten(idCell ?? null) || memberId;

    for (const fact of factIds) {
      const col = columns.columns[fact];
      if (col === undefined) {
        facts[fact] = null;
        missing.push(fact);
        continue;
      }
      const parsed = parseCell(fact, cells[col] ?? null, options.today);
      if (parsed.kind === 'value') {
        // Names are copied into other sheets: keep them as written (the ID stays normalised, it is the key).
        facts[fact] = SHEET_FACTS[fact].type === 'text' && fact !== 'memberId' ? textAsWritten(cells[col] ?? null) || parsed.value : parsed.value;
        if (SHEET_FACTS[fact].type === 'date' && (parsed.value as number) > options.today) {
          issue(index, col, memberIdText ?? memberId, 'future-date', `日期 ${formatCivilDay(parsed.value as number)} 晚于今天，按今天计算 / Date ${formatCivilDay(parsed.value as number)} is after today; counted as today`);
        }
        continue;
      }
      facts[fact] = null;
      if (parsed.kind === 'invalid') {
        unreadableCells++;
        const asZero = options.zeroFacts?.has(fact);
        issue(index, col, memberIdText ?? memberId, 'unreadable-cell', asZero
          ? `无法识别「${parsed.raw}」，按 0 计算 / Cannot read "${parsed.raw}"; counted as 0`
          : `无法识别「${parsed.raw}」，按缺失处理 / Cannot read "${parsed.raw}"; treated as missing`);
      } else {
        missing.push(fact);
        if (options.usedFacts.has(fact) && fact !== 'memberId' && rowWillBeTiered(memberId)) {
          const asZero = options.zeroFacts?.has(fact);
          issue(index, col, memberIdText ?? memberId, 'missing-value', asZero
            ? `「${SHEET_FACTS[fact].zh}」为空，按 0 计算 / "${SHEET_FACTS[fact].en}" is empty; counted as 0`
            : `「${SHEET_FACTS[fact].zh}」为空，相关条件不成立 / "${SHEET_FACTS[fact].en}" is empty; conditions on it do not hold`);
        }
      }
    }

    if (memberId === null) {
      issue(index, columns.columns.memberId ?? null, null, 'missing-id', '缺少成员ID，本行未分层 / No member ID; row not tiered');
      return { index, memberId, status: 'missing-id', facts, missing, unreadableCells };
    }
    const firstIndex = firstRowOfId.get(memberId);
    if (firstIndex !== undefined) {
      const firstRow = sheetRowOf(firstIndex);
      issue(index, columns.columns.memberId ?? null, memberIdText ?? memberId, 'duplicate-id', `成员ID「${excerpt(memberIdText ?? memberId)}」与第 ${firstRow} 行重复，本行未分层 / Member ID "${excerpt(memberIdText ?? memberId)}" repeats row ${firstRow}; row not tiered`);
      return { index, memberId, memberIdText, status: 'duplicate-id', duplicateOfRow: firstRow, facts, missing, unreadableCells };
    }
    firstRowOfId.set(memberId, index);
    return { index, memberId, memberIdText, status: 'ok', facts, missing, unreadableCells };
  });

  return { columns, rows, issues };
}

function parseCell(fact: SheetFactId, cell: CellValue, today: number): Parsed<number | string> {
  switch (SHEET_FACTS[fact].type) {
    case 'number':
      return parseNumber(cell);
    case 'date':
      return parseDate(cell, today);
    default:
      return parseText(cell);
  }
}

/**
 * Why a members sheet yields nobody to tier (naming the sheet), or undefined
 * when at least one member was read. A run that would tier nobody is the
 * wrong file or sheet far more often than an empty community.
 */
export function noMembersReason(table: Table, parsed: ParsedMembers): { zh: string; en: string } | undefined {
  if (parsed.rows.some((r) => r.status === 'ok')) return undefined;
  const sheet = excerpt(table.sheet);
  const headers = table.header.filter((h) => normalizeText(h ?? '') !== '').slice(0, 8).map((h) => excerpt(h, 20));
  const idColumn = parsed.columns.columns.memberId;
  if (idColumn === undefined) {
    return {
      zh: `缺少列：「${sheet}」表里找不到「${SHEET_FACTS.memberId.zh}」列（表头：${headers.join('、') || '无'}）。请确认文件和成员表（命令行：--sheet 名称），或在表头映射（headers.json / 规则侧边栏）里加上这一列`,
      en: `Missing column: sheet "${sheet}" has no "${SHEET_FACTS.memberId.en}" column (headers: ${headers.join(', ') || 'none'}). Check the file and the members sheet (command line: --sheet NAME), or map the header (headers.json / the rules sidebar)`,
    };
  }
  if (parsed.rows.every((r) => r.status === 'blank')) {
    return { zh: `「${sheet}」表只有表头，没有成员`, en: `Sheet "${sheet}" has a header but no members` };
  }
  return { zh: `「${sheet}」表没有一行有成员ID（${columnLetter(idColumn)} 列）`, en: `No row of sheet "${sheet}" has a member ID (column ${columnLetter(idColumn)})` };
}
