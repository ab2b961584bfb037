import { excerpt, normalizeText, parseDate, parseNumber, parseText, rawText } from '../base/cells.js';
import { locateColumns, placeColumns } from '../base/columns.js';
import { both, say, type Locale } from '../base/locale.js';
import type { ColumnsPatch } from '../base/patch.js';
import { sheetRowOf, type CellValue, type Table } from '../base/table.js';
import { formatCivilDay } from '../base/time.js';
import { redemptionIdOf, redemptionRule, type LedgerLine } from './ledger.js';
import { periodOf } from './period.js';

/**
 * 积分兑换 (redemptions), filled by the operator: member, item, points, date.
 * Fenceng gives each row an ID and writes its status and a note. A redemption
 * is deducted exactly once: accepting it appends a ledger line named after
 * its ID, and a row whose ID already has a line is never deducted again. One
 * that would take the balance below zero is rejected with the reason and not
 * deducted; the rejection stays until the operator clears the status.
 */
export const REDEMPTION_COLUMNS = {
  memberId: ['成员ID', 'Member ID', '用户ID', 'ID', 'UID', '会员ID'],
  item: ['兑换物品', 'Item', '物品', '奖品', '礼品', '兑换内容', 'Reward', 'Prize'],
  points: ['积分', 'Points', '所需积分', '消耗积分', '兑换积分', 'Cost'],
  date: ['日期', 'Date', '兑换日期', '申请日期', 'Redeemed on'],
} as const;

export const REDEMPTION_MANAGED = {
  id: { zh: '兑换编号', en: 'Redemption ID' },
  status: { zh: '处理状态', en: 'Redemption status' },
  note: { zh: '处理说明', en: 'Redemption note' },
} as const;

type Managed = keyof typeof REDEMPTION_MANAGED;

export type RedemptionStatus = 'accepted' | 'rejected' | 'invalid' | 'pending';

export const STATUS_LABELS: Record<RedemptionStatus, { zh: string; en: string }> = {
  accepted: { zh: '已兑换', en: 'Accepted' },
  rejected: { zh: '已拒绝', en: 'Rejected' },
  invalid: { zh: '无效', en: 'Invalid' },
  pending: { zh: '待处理', en: 'Pending' },
};

export interface RedemptionOutcome {
  /** Sheet row. */
  row: number;
  id: string;
  memberId: string;
  item: string;
  points: number | null;
  status: RedemptionStatus;
  note: string;
}

export interface RedemptionInput {
  table: Table | undefined;
  /** The whole ledger, including lines this run adds before redemptions. */
  ledger: LedgerLine[];
  /** Members a redemption may name: the members sheet's and anyone with ledger lines. */
  knownMembers: ReadonlySet<string>;
  nicknames: ReadonlyMap<string, string>;
  today: number;
  recordedAt: string;
  locale: Locale;
}

export interface RedemptionResult {
  outcomes: RedemptionOutcome[];
  /** Deductions to append to the ledger (negative points). */
  lines: LedgerLine[];
  /** ID, status and note columns for the sheet; undefined when there is no redemptions sheet. */
  patch?: ColumnsPatch;
}

const text = (c: CellValue | undefined) => {
  const p = parseText(c ?? null);
  return p.kind === 'value' ? p.value : '';
};

function statusOf(cell: string): RedemptionStatus | undefined {
  const t = normalizeText(cell).toLowerCase();
  return (Object.keys(STATUS_LABELS) as RedemptionStatus[]).find((s) => t === STATUS_LABELS[s].zh || t === STATUS_LABELS[s].en.toLowerCase());
}

/** Managed columns found by either name; new ones go after the last column with anything in it. */
function locate(table: Table): Record<Managed, number> {
  return placeColumns(table, REDEMPTION_MANAGED);
}

/**
 * The 积分兑换 sheet, processed: each request gets an ID, a status and a
 * note; accepted ones become ledger deductions, earlier requests first, each
 * seeing the balance the ones before it left. A request deducted on an
 * earlier run is never deducted again.
 */
export function processRedemptions(input: RedemptionInput): RedemptionResult {
  const { table } = input;
  if (!table) return { outcomes: [], lines: [] };
  const at = locate(table);
  const { deducted, balance } = readLedger(input.ledger);
  const ids = idAllocator(table, at, deducted);
  const outcomes: Array<RedemptionOutcome | null> = [];
  const candidates: Candidate[] = [];
  const read = rowReader(input, at, deducted, ids);
  table.rows.forEach((cells, index) => {
    const r = read(cells, index);
    outcomes.push(r?.outcome ?? null);
    if (r?.day !== undefined) candidates.push({ o: r.outcome, day: r.day });
  });
  const lines = serveInDateOrder(candidates, balance, input);
  return { outcomes: outcomes.filter((o): o is RedemptionOutcome => !!o), lines, patch: redemptionColumns(table, at, outcomes, input.locale) };
}

/** A request that passed every check and waits for its balance. */
interface Candidate {
  o: RedemptionOutcome;
  day: number;
}

/** Deductions already in the ledger, by redemption ID, and every member's balance. */
function readLedger(ledger: LedgerLine[]): { deducted: Map<string, LedgerLine>; balance: Map<string, number> } {
  const deducted = new Map<string, LedgerLine>();
  for (const l of ledger) {
    const id = redemptionIdOf(l.rule);
    if (id && !deducted.has(id)) deducted.set(id, l);
  }
  const balance = new Map<string, number>();
  for (const l of ledger) balance.set(l.memberId, (balance.get(l.memberId) ?? 0) + l.points);
  return { deducted, balance };
}

/**
 * IDs: kept when present and unique; new ones continue after the highest
 * number seen. A deducted redemption whose ID was erased from the sheet: a
 * row that matches it takes the ID back, so it is not deducted twice.
 */
function idAllocator(table: Table, at: Record<Managed, number>, deducted: Map<string, LedgerLine>): (shown: string, memberId: string, item: string, points: number | null) => string {
  let next = 0;
  const numberOf = (id: string) => (/^R(\d+)$/i.exec(id) ? Number(/^R(\d+)$/i.exec(id)![1]) : 0);
  for (const id of deducted.keys()) next = Math.max(next, numberOf(id));
  for (const r of table.rows) next = Math.max(next, numberOf(text(r[at.id])));
  const seenIds = new Set<string>();
  const present = new Set(table.rows.map((r) => text(r[at.id])).filter(Boolean));
  const orphans = [...deducted.entries()].filter(([id]) => !present.has(id));
  const reclaim = (memberId: string, item: string, points: number | null): string | undefined => {
    const i = orphans.findIndex(([, l]) => l.memberId === memberId && -l.points === points && (!item || l.reason.includes(item)));
    return i < 0 ? undefined : orphans.splice(i, 1)[0][0];
  };
  return (shown, memberId, item, points) => {
    let id = shown;
    if (!id) id = reclaim(memberId, item, points) ?? '';
    if (!id || seenIds.has(id)) id = `R${String(++next).padStart(4, '0')}`;
    seenIds.add(id);
    return id;
  };
}

/**
 * One row's outcome: undefined for a blank row; settled here when deducted
 * before, rejected by the operator, invalid or not yet due; else a `day` to
 * serve it on.
 */
function rowReader(input: RedemptionInput, at: Record<Managed, number>, deducted: Map<string, LedgerLine>, idFor: ReturnType<typeof idAllocator>) {
  const { locale } = input;
  const table = input.table!;
  const col = locateColumns(table.header, REDEMPTION_COLUMNS);
  const ours = new Set(Object.values(at));
  return (cells: CellValue[], index: number): { outcome: RedemptionOutcome; day?: number } | undefined => {
    const row = sheetRowOf(index);
    const get = (f: keyof typeof REDEMPTION_COLUMNS) => (col[f] < 0 ? null : (cells[col[f]] ?? null));
    if (cells.every((c, i) => ours.has(i) || text(c) === '')) return undefined;
    const memberId = text(get('memberId'));
    const item = text(get('item'));
    const pts = parseNumber(get('points'));
    const points = pts.kind === 'value' ? pts.value : null;
    const id = idFor(text(cells[at.id]), memberId, item, points);
    const o: RedemptionOutcome = { row, id, memberId, item, points, status: 'invalid', note: '' };

    const done = deducted.get(id);
    if (done) {
      o.status = 'accepted';
      o.note = say(locale, `已扣除 ${-done.points} 积分（${done.recordedAt}）`, `${-done.points} points deducted (${done.recordedAt})`);
      if (done.memberId !== memberId || points !== -done.points) {
        o.note += say(locale, '；之后对本行的修改不会再扣分', '; later edits to this row are not deducted again');
      }
      return { outcome: o };
    }
    if (statusOf(text(cells[at.status])) === 'rejected') {
      o.status = 'rejected';
      o.note = rawText(cells[at.note]);
      return { outcome: o };
    }
    const date = parseDate(get('date'), input.today);
    const zh: string[] = [];
    const en: string[] = [];
    const problem = (z: string, e: string) => (zh.push(z), en.push(e));
    if (!memberId) problem('缺少成员ID', 'no member ID');
    else if (!input.knownMembers.has(memberId)) problem(`找不到成员「${excerpt(memberId)}」`, `no member "${excerpt(memberId)}"`);
    if (points === null || !Number.isInteger(points) || points <= 0) problem('积分必须是正整数', 'points must be a positive whole number');
    if (date.kind !== 'value') problem('日期缺失或无法识别', 'date missing or unreadable');
    if (zh.length) {
      // A problem for the operator to fix: said in both languages, like the 问题 sheet.
      o.note = both(`${zh.join('；')}（改正后下次计算时处理）`, `${en.join('; ')} (handled on the next recompute once fixed)`, locale);
      return { outcome: o };
    }
    const day = (date as { value: number }).value;
    if (day > input.today) {
      o.status = 'pending';
      o.note = say(locale, `日期 ${formatCivilDay(day)} 在今天之后，到期后处理`, `Dated ${formatCivilDay(day)}, after today; handled when due`);
      return { outcome: o };
    }
    return { outcome: o, day };
  };
}

/** Earlier redemptions are served first; each one sees the balance the ones before it left. Returns the deductions. */
function serveInDateOrder(candidates: Candidate[], balance: Map<string, number>, input: RedemptionInput): LedgerLine[] {
  const { locale } = input;
  const lines: LedgerLine[] = [];
  candidates.sort((a, b) => a.day - b.day || a.o.row - b.o.row);
  for (const { o, day } of candidates) {
    const have = balance.get(o.memberId) ?? 0;
    const cost = o.points!;
    if (have < cost) {
      o.status = 'rejected';
      o.note = both(`余额不足：余额 ${have}，需要 ${cost}，未扣分`, `Insufficient balance: ${have}, needs ${cost}; nothing deducted`, locale);
      continue;
    }
    balance.set(o.memberId, have - cost);
    o.status = 'accepted';
    o.note = say(locale, `已扣除 ${cost} 积分（${input.recordedAt}）`, `${cost} points deducted (${input.recordedAt})`);
    lines.push({
      period: periodOf(day),
      memberId: o.memberId,
      nickname: input.nicknames.get(o.memberId) ?? '',
      rule: redemptionRule(o.id, locale),
      points: -cost,
      reason: say(locale, `兑换「${o.item || '—'}」`, `Redeemed "${o.item || '—'}"`),
      recordedAt: input.recordedAt,
    });
  }
  return lines;
}

/** The ID, status and note columns, one cell per data row (blank rows stay empty). */
function redemptionColumns(table: Table, at: Record<Managed, number>, outcomes: Array<RedemptionOutcome | null>, locale: Locale): ColumnsPatch {
  const values = (f: (o: RedemptionOutcome) => CellValue) => outcomes.map((o) => (o ? f(o) : null));
  return {
    kind: 'columns',
    sheet: table.sheet,
    columns: [
      { index: at.id, header: REDEMPTION_MANAGED.id[locale], values: values((o) => o.id) },
      { index: at.status, header: REDEMPTION_MANAGED.status[locale], values: values((o) => STATUS_LABELS[o.status][locale]) },
      { index: at.note, header: REDEMPTION_MANAGED.note[locale], values: values((o) => o.note) },
    ],
  };
}
