import { say, type Locale } from '../base/locale.js';
import type { CellValue } from '../base/table.js';

/**
 * Top N with ties: standard competition ranking (1, 2, 2, 4), and everyone
 * tied with the Nth place is listed too, so a tie is never cut in half.
 * Zero and below are not ranked. An optional tiebreak (a second value)
 * separates equal values; what is still equal shares the rank, listed by
 * member ID.
 */
export interface Scored {
  memberId: string;
  value: number;
}

export interface Ranked<T extends Scored = Scored> {
  rank: number;
  entry: T;
}

export function topN<T extends Scored>(entries: T[], n: number, tiebreak?: (e: T) => number): Array<Ranked<T>> {
  const second = tiebreak ?? (() => 0);
  const sorted = entries.filter((e) => e.value > 0).sort((a, b) => b.value - a.value || second(b) - second(a) || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  const out: Array<Ranked<T>> = [];
  for (let i = 0; i < sorted.length; i++) {
    const tied = i > 0 && sorted[i].value === sorted[i - 1].value && second(sorted[i]) === second(sorted[i - 1]);
    const rank = tied ? out[i - 1].rank : i + 1;
    if (rank > n) break;
    out.push({ rank, entry: sorted[i] });
  }
  return out;
}

export interface BoardMember extends Scored {
  nickname: string;
  /** Activity tier id. */
  tier: string;
}

export interface Board {
  /** e.g. 积分榜 · 全部 */
  title: string;
  ranked: Array<Ranked<BoardMember>>;
}

export interface LeaderboardInput {
  period: string;
  size: number;
  tiers: Array<{ id: string; label: string }>;
  points: BoardMember[];
  contribution: BoardMember[];
  locale: Locale;
}

export function leaderboards(input: LeaderboardInput): Board[] {
  const { locale } = input;
  const all = say(locale, '全部', 'All');
  const boards: Board[] = [];
  for (const [kind, list] of [[say(locale, '积分榜', 'Points'), input.points], [say(locale, '贡献榜', 'Contribution'), input.contribution]] as const) {
    boards.push({ title: `${kind} · ${all}`, ranked: topN(list, input.size) });
    for (const t of input.tiers) boards.push({ title: `${kind} · ${t.label}`, ranked: topN(list.filter((m) => m.tier === t.id), input.size) });
  }
  return boards;
}

/** `shownId`: a member ID as the operator wrote it (IDs are matched normalised). */
export function leaderboardRows(boards: Board[], input: Pick<LeaderboardInput, 'period' | 'size' | 'tiers' | 'locale'>, computedAt: string, shownId: (id: string) => string = (id) => id): CellValue[][] {
  const { locale } = input;
  const tierName = (id: string) => input.tiers.find((t) => t.id === id)?.label ?? id;
  const rows: CellValue[][] = [
    [say(locale, `排行榜 · 期间 ${input.period}（本月，截至 ${computedAt}）`, `Leaderboards · period ${input.period} (this month, as of ${computedAt})`)],
    [say(locale, `每榜前 ${input.size} 名，并列同名次（并列者都列出）；积分为本期获得的积分，贡献值为近30天数据加权`, `Top ${input.size} per board; ties share a rank and are all listed. Points are earned this period; contribution weighs the 30-day counts`)],
    [],
    [say(locale, '榜单', 'Board'), say(locale, '名次', 'Rank'), say(locale, '成员ID', 'Member ID'), say(locale, '昵称', 'Nickname'), say(locale, '活跃层级', 'Activity tier'), say(locale, '数值', 'Value')],
  ];
  for (const b of boards) {
    if (b.ranked.length === 0) rows.push([b.title, '', '', say(locale, '（暂无）', '(none yet)')]);
    for (const r of b.ranked) rows.push([b.title, r.rank, shownId(r.entry.memberId), r.entry.nickname, tierName(r.entry.tier), r.entry.value]);
  }
  return rows;
}
