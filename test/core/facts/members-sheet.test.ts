import { describe, expect, it } from 'vitest';
import { DEFAULT_HEADER_MAPPING } from '../../../src/app/default-rules.js';
import { textAsWritten } from '../../../src/core/base/cells.js';
import { detectMembersSheet } from '../../../src/core/facts/members-sheet.js';
import { noMembersReason, parseMembers } from '../../../src/core/facts/members.js';
import type { Table } from '../../../src/core/base/table.js';

const headers: Record<string, string[]> = {
  说明: ['本表说明'],
  成员名单: ['成员ID', '昵称'],
  成员: ['昵称', '备注'],
  Members: ['Member ID', 'Nickname'],
  邀请名单: ['日期', '活动', '序号', '成员ID', '昵称'],
  '分配-小王': ['成员ID', '昵称'],
  数据: ['用户ID', '最近活跃'],
};
const detect = (names: string[]) => detectMembersSheet(names, (n) => headers[n], DEFAULT_HEADER_MAPPING);

describe('detectMembersSheet', () => {
  it('skips a 说明 sheet in front and finds the one with a member-ID column', () => {
    expect(detect(['说明', '成员名单'])).toBe('成员名单');
    expect(detect(['说明', '数据'])).toBe('数据'); // 用户ID is a synonym
  });

  it('prefers a sheet called 成员 / Members only when it has a member-ID column', () => {
    expect(detect(['说明', 'Members'])).toBe('Members');
    expect(detect(['成员', '成员名单'])).toBe('成员名单');
  });

  it("never picks Fenceng's own sheets, even with a 成员ID column", () => {
    expect(detect(['邀请名单', '说明'])).toBe('说明');
    expect(detect(['_fenceng_state', '邀请名单'])).toBe('_fenceng_state'); // nothing else: the first, which then fails clearly
  });

  it('falls back to the named sheet, then the first, so the failure names it', () => {
    expect(detect(['说明', '成员'])).toBe('成员');
    expect(detect(['说明'])).toBe('说明');
    expect(detect([])).toBeUndefined();
  });
});

describe('noMembersReason', () => {
  const parse = (t: Table) => parseMembers(t, { mapping: DEFAULT_HEADER_MAPPING, today: 20000, usedFacts: new Set() });

  it('names the missing column, the sheet and the headers it has', () => {
    const t: Table = { sheet: '成员', header: ['昵称', '最近活跃'], rows: [['小明', null]] };
    const r = noMembersReason(t, parse(t))!;
    expect(r.zh).toMatch(/缺少列：「成员」表里找不到「成员ID」列（表头：昵称、最近活跃）/);
    expect(r.en).toMatch(/Missing column: sheet "成员" has no "Member ID" column \(headers: 昵称, 最近活跃\)/);
  });

  it('a header-only sheet, and rows without an ID', () => {
    const empty: Table = { sheet: 'S', header: ['成员ID'], rows: [[null], ['  ']] };
    expect(noMembersReason(empty, parse(empty))!.en).toBe('Sheet "S" has a header but no members');
    const noIds: Table = { sheet: 'S', header: ['昵称', '成员ID'], rows: [['a', null], ['b', '—']] };
    expect(noMembersReason(noIds, parse(noIds))!.en).toBe('No row of sheet "S" has a member ID (column B)');
  });

  it('undefined as soon as one member is read', () => {
    const t: Table = { sheet: 'S', header: ['成员ID'], rows: [[null], ['m1']] };
    expect(noMembersReason(t, parse(t))).toBeUndefined();
  });
});

describe('text as the operator wrote it', () => {
  it('textAsWritten trims ordinary spaces only, keeping full-width and zero-width characters', () => {
    expect(textAsWritten('  ＝IMPORTXML(1) ')).toBe('＝IMPORTXML(1)');
    expect(textAsWritten('\u200B=IMPORTXML(1)')).toBe('\u200B=IMPORTXML(1)');
    expect(textAsWritten('\u3000小明\u00A0')).toBe('小明');
    expect(textAsWritten(12)).toBe('12');
    expect(textAsWritten(null)).toBe('');
  });

  it('parseMembers keeps nicknames as written and the ID as written beside its normalised key', () => {
    const t: Table = { sheet: 'S', header: ['成员ID', '昵称', '抖音号'], rows: [['ｕ００１', '＝IMPORTXML(1)', '\u200B=HYPERLINK(1)']] };
    const [row] = parse(t).rows;
    expect(row.memberId).toBe('u001');
    expect(row.memberIdText).toBe('ｕ００１');
    expect(row.facts.nickname).toBe('＝IMPORTXML(1)');
    expect(row.facts.douyinId).toBe('\u200B=HYPERLINK(1)');
  });

  it('a long duplicate ID is quoted as a short excerpt', () => {
    const id = 'z'.repeat(26_000);
    const issues = parse({ sheet: 'S', header: ['成员ID'], rows: [[id], [id]] }).issues.filter((i) => i.code === 'duplicate-id');
    expect(issues).toHaveLength(1);
    expect(issues[0].message.length).toBeLessThan(200);
  });

  function parse(t: Table) {
    return parseMembers(t, { mapping: DEFAULT_HEADER_MAPPING, today: 20000, usedFacts: new Set() });
  }
});
