import type { PlanEntry } from './cadence.js';
import { dateCell } from './calendar.js';
import type { ConversionEvent } from './config.js';
import { say, type Locale } from '../base/locale.js';
import type { CellValue } from '../base/table.js';
import { splitKey } from './formats.js';

/**
 * Invite lists for the conversion events (专属直播, 产品试用) still ahead in
 * the plan: members of the event's audience, highest contribution first,
 * capped — and for a later event of the same kind, members not invited to the
 * earlier one come first, so the seats go round.
 */
export interface InviteCandidate {
  memberId: string;
  /** The ID as the operator wrote it, for the list (memberId is normalised for matching). */
  memberIdText?: string;
  nickname: string;
  /** Activity and contribution tier ids. */
  activity: string;
  contribution: string;
  /** Contribution score (see points/contribution.ts). */
  score: number;
  admin: string;
}

export interface InviteList {
  day: number;
  key: string;
  event: ConversionEvent;
  /** Members in the audience. */
  eligible: number;
  invited: InviteCandidate[];
}

export function inviteLists(entries: PlanEntry[], events: ConversionEvent[], members: InviteCandidate[], today: number): InviteList[] {
  const out: InviteList[] = [];
  const invitedBefore = new Map<string, Set<string>>();
  const upcoming = entries.filter((e) => e.kind === 'interaction' && e.day >= today && splitKey(e.key)?.kind === 'conversion').sort((a, b) => a.day - b.day || (a.key < b.key ? -1 : 1));
  for (const e of upcoming) {
    const event = events.find((c) => c.id === splitKey(e.key)!.id);
    if (!event) continue;
    const act = new Set(event.audience.activity ?? []);
    const con = new Set(event.audience.contribution ?? []);
    const before = invitedBefore.get(event.id) ?? new Set<string>();
    const eligible = members.filter((m) => act.has(m.activity) || con.has(m.contribution));
    const ranked = [...eligible].sort(
      (a, b) => Number(before.has(a.memberId)) - Number(before.has(b.memberId)) || b.score - a.score || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    );
    const invited = ranked.slice(0, event.inviteCap);
    for (const m of invited) before.add(m.memberId);
    invitedBefore.set(event.id, before);
    out.push({ day: e.day, key: e.key, event, eligible: eligible.length, invited });
  }
  return out;
}

export function inviteRows(lists: InviteList[], tierName: (kind: 'activity' | 'contribution', id: string) => string, locale: Locale): CellValue[][] {
  const rows: CellValue[][] = [[
    say(locale, '日期', 'Date'),
    say(locale, '活动', 'Event'),
    say(locale, '序号', 'No.'),
    say(locale, '成员ID', 'Member ID'),
    say(locale, '昵称', 'Nickname'),
    say(locale, '活跃层级', 'Activity tier'),
    say(locale, '贡献层级', 'Contribution tier'),
    say(locale, '贡献值', 'Contribution'),
    say(locale, '负责管理员', 'Admin'),
  ]];
  for (const l of lists) {
    l.invited.forEach((m, i) =>
      rows.push([dateCell(l.day), l.event[locale], i + 1, m.memberIdText ?? m.memberId, m.nickname, tierName('activity', m.activity), tierName('contribution', m.contribution), m.score, m.admin]),
    );
  }
  rows.push([]);
  rows.push([say(locale, '名额', 'Seats'), say(locale, '活动', 'Event'), say(locale, '符合条件', 'Eligible'), say(locale, '已邀请', 'Invited'), say(locale, '上限', 'Cap')]);
  if (lists.length === 0) rows.push(['', say(locale, '计划窗口内没有待办的转化活动', 'No conversion event ahead in the plan window')]);
  for (const l of lists) rows.push([dateCell(l.day), l.event[locale], l.eligible, l.invited.length, l.event.inviteCap]);
  return rows;
}
