import { describe, expect, it } from 'vitest';
import headersJson from '../../../rules/headers.json' with { type: 'json' };
import type { SheetFactId } from '../../../src/core/facts/facts.js';
import type { HeaderMapping } from '../../../src/core/facts/headers.js';
import { parseMembers, type ParseOptions } from '../../../src/core/facts/members.js';
import type { CellValue, Table } from '../../../src/core/base/table.js';
import { civilDay } from '../../../src/core/base/time.js';

const MAPPING = headersJson as unknown as HeaderMapping;
const TODAY = civilDay(2026, 11, 26)!;
const HEADER = ['成员ID', '昵称', '最近活跃', '近30天评论', '近30天点赞', '备注'];
const USED = new Set<SheetFactId>(['lastActiveAt', 'comments30d', 'likes30d']);

const table = (rows: CellValue[][], header = HEADER, sheet = '成员'): Table => ({ sheet, header, rows });
const opts = (over: Partial<ParseOptions> = {}): ParseOptions => ({ mapping: MAPPING, today: TODAY, usedFacts: USED, ...over });

describe('parseMembers', () => {
  it('parses a clean row into typed facts', () => {
    const { rows, issues } = parseMembers(table([['u1', '小明', '2026-11-24', '1.2万', 30, 'vip']]), opts());
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ index: 0, memberId: 'u1', status: 'ok', unreadableCells: 0 });
    expect(rows[0].facts).toMatchObject({ memberId: 'u1', nickname: '小明', lastActiveAt: civilDay(2026, 11, 24), comments30d: 12000, likes30d: 30 });
    // Facts without a column are null and listed as missing.
    expect(rows[0].facts.posts30d).toBeNull();
    expect(rows[0].missing).toContain('posts30d');
  });

  it('skips stray blank rows silently (status blank, no issue)', () => {
    const { rows, issues } = parseMembers(
      table([['u1', 'a', '2026-11-24', 1, 1, null], [], [null, null, null], ['', '  ', '\u3000', null, null, ''], ['u2', 'b', '2026-11-24', 1, 1, null]]),
      opts(),
    );
    expect(rows.map((r) => r.status)).toEqual(['ok', 'blank', 'blank', 'blank', 'ok']);
    expect(issues).toEqual([]);
  });

  it('a row with content but no ID is missing-id with one issue pointing at the ID column', () => {
    const { rows, issues } = parseMembers(table([['u1', 'a', '2026-11-24', 1, 1], ['—', '小红', '2026-11-24', 1, 1]]), opts());
    expect(rows[1]).toMatchObject({ status: 'missing-id', memberId: null });
    const idIssues = issues.filter((i) => i.code === 'missing-id');
    expect(idIssues).toEqual([
      { sheet: '成员', row: 3, column: '成员ID', columnLetter: 'A', memberId: '', code: 'missing-id', message: expect.stringContaining('缺少成员ID') },
    ]);
  });

  it('without any ID column every non-blank row is missing-id', () => {
    const { rows, issues } = parseMembers(table([['a', 1]], ['昵称', '近30天评论']), opts());
    expect(rows[0].status).toBe('missing-id');
    expect(issues.filter((i) => i.code === 'missing-id')).toHaveLength(1);
  });

  it('a repeated ID: the later row is duplicate-id and names the first row', () => {
    const { rows, issues } = parseMembers(
      table([['u1', 'a', '2026-11-24', 1, 1], ['u2', 'b', '2026-11-24', 1, 1], [' u1 ', 'c', '2026-11-24', 1, 1]]),
      opts(),
    );
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok', 'duplicate-id']);
    expect(rows[2].duplicateOfRow).toBe(2);
    const dup = issues.filter((i) => i.code === 'duplicate-id');
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ row: 4, column: '成员ID', columnLetter: 'A', memberId: 'u1' });
    expect(dup[0].message).toContain('第 2 行');
    expect(dup[0].message).toContain('row 2');
  });

  it('a numeric ID and the same ID as text are the same member', () => {
    const { rows } = parseMembers(table([[1001, 'a', '2026-11-24', 1, 1], ['1001', 'b', '2026-11-24', 1, 1]]), opts());
    expect(rows[0].memberId).toBe('1001');
    expect(rows[1].status).toBe('duplicate-id');
  });

  it('an unreadable cell gives an issue with sheet, sheet row, column header and letter; the row is still tiered', () => {
    const { rows, issues } = parseMembers(
      table([['u1', 'a', '2026-11-24', 3, 1], ['u2', 'b', '2026-11-24', '很多', 1]], HEADER, '粉丝群'),
      opts(),
    );
    expect(rows[1]).toMatchObject({ status: 'ok', unreadableCells: 1 });
    expect(rows[1].facts.comments30d).toBeNull();
    expect(rows[1].missing).not.toContain('comments30d');
    expect(issues).toEqual([
      {
        sheet: '粉丝群',
        row: 3,
        column: '近30天评论',
        columnLetter: 'D',
        memberId: 'u2',
        code: 'unreadable-cell',
        message: expect.stringContaining('很多'),
      },
    ]);
  });

  it('an unreadable date is reported too', () => {
    const { issues } = parseMembers(table([['u1', 'a', '2025/2/30', 3, 1]]), opts());
    expect(issues).toEqual([expect.objectContaining({ code: 'unreadable-cell', row: 2, column: '最近活跃', columnLetter: 'C' })]);
  });

  it('column letters go past Z', () => {
    const header = [...Array.from({ length: 27 }, (_, i) => `备注${i}`), '成员ID', '近30天评论'];
    const row: CellValue[] = [...Array.from({ length: 27 }, () => null), 'u1', 'lots'];
    const { issues } = parseMembers(table([row], header), opts({ usedFacts: new Set(['comments30d']) }));
    expect(issues).toEqual([expect.objectContaining({ code: 'unreadable-cell', columnLetter: 'AC', column: '近30天评论' })]);
  });

  it('missing values are reported only for facts the rules use', () => {
    const { issues } = parseMembers(table([['u1', null, '2026-11-24', null, 5, null]]), opts({ usedFacts: new Set(['lastActiveAt', 'likes30d']) }));
    // nickname and comments30d are empty but unused: nothing to report.
    expect(issues).toEqual([]);
    const used = parseMembers(table([['u1', null, '2026-11-24', null, 5, null]]), opts());
    expect(used.issues).toEqual([expect.objectContaining({ code: 'missing-value', row: 2, column: '近30天评论', columnLetter: 'D', memberId: 'u1' })]);
  });

  it('the missing-value message says 按 0 计算 when the rules count the fact as zero', () => {
    const row = [['u1', 'a', null, null, 5]];
    const zero = parseMembers(table(row), opts({ zeroFacts: new Set(['comments30d']) }));
    const byColumn = Object.fromEntries(zero.issues.map((i) => [i.column, i.message]));
    expect(byColumn['近30天评论']).toContain('按 0 计算');
    expect(byColumn['近30天评论']).toContain('counted as 0');
    // lastActiveAt is not counted as zero: its message must not claim so.
    expect(byColumn['最近活跃']).not.toContain('按 0 计算');
    expect(byColumn['最近活跃']).toContain('不成立');
    const plain = parseMembers(table(row), opts());
    expect(plain.issues.find((i) => i.column === '近30天评论')!.message).not.toContain('按 0 计算');
  });

  it('a column the rules use but the sheet lacks → exactly one missing-column issue, not one per row', () => {
    const header = ['成员ID', '最近活跃', '近30天评论'];
    const { issues, rows } = parseMembers(
      table([['u1', '2026-11-24', 1], ['u2', '2026-11-24', 2], ['u3', '2026-11-24', 3]], header),
      opts(),
    );
    expect(issues).toEqual([
      { sheet: '成员', row: 1, column: '', columnLetter: '', memberId: '', code: 'missing-column', message: expect.stringContaining('近30天点赞') },
    ]);
    expect(rows.every((r) => r.facts.likes30d === null && r.missing.includes('likes30d'))).toBe(true);
  });

  it('a second column for the same fact is reported as duplicate-column on the header row and ignored', () => {
    const header = ['成员ID', '最近活跃', '近30天评论', '近30天点赞', '评论数'];
    const { issues, rows } = parseMembers(table([['u1', '2026-11-24', 7, 1, 99]], header), opts());
    expect(issues).toEqual([expect.objectContaining({ code: 'duplicate-column', row: 1, column: '评论数', columnLetter: 'E' })]);
    expect(issues[0].message).toContain('C');
    expect(rows[0].facts.comments30d).toBe(7);
  });

  it('a date after today is reported as future-date but kept', () => {
    const { issues, rows } = parseMembers(table([['u1', 'a', '2026-12-01', 1, 1]]), opts());
    expect(rows[0].facts.lastActiveAt).toBe(civilDay(2026, 12, 1));
    expect(issues).toEqual([expect.objectContaining({ code: 'future-date', row: 2, column: '最近活跃', memberId: 'u1' })]);
  });

  it('relative dates are resolved against today', () => {
    const { rows } = parseMembers(table([['u1', 'a', '3天前', 1, 1], ['u2', 'b', '昨天', 1, 1]]), opts());
    expect(rows[0].facts.lastActiveAt).toBe(TODAY - 3);
    expect(rows[1].facts.lastActiveAt).toBe(TODAY - 1);
  });

  it('rows shorter than the header are fine (trailing cells are missing)', () => {
    const { rows } = parseMembers(table([['u1']]), opts());
    expect(rows[0].status).toBe('ok');
    expect(rows[0].missing).toEqual(expect.arrayContaining(['lastActiveAt', 'comments30d', 'likes30d']));
  });

  // Regression: found by these tests and fixed.
  it('a row holding only zero-width spaces is blank like any other empty-looking row', () => {
    const { rows, issues } = parseMembers(table([['u1', 'a', '2026-11-24', 1, 1], ['\u200B', '\u200B', null, null, null]]), opts());
    expect(rows[1].status).toBe('blank');
    expect(issues).toEqual([]);
  });
});
