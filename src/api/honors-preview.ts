/**
 * What a change to the points or honors rules does to this period's honors:
 * the provisional winners of each honor under the rules in force against
 * those under the draft (both from a dry run over the same members), and
 * who gains or loses an honor.
 */
import type { Locale } from '../core/base/locale.js';
import type { HonorAward } from '../core/points/honors.js';

export interface HonorWinner {
  memberId: string;
  nickname: string;
  rank: number;
  value: number;
}

export interface HonorChange {
  /** The honor's name in the requested language (its Chinese name identifies it). */
  honor: string;
  /** The honor's Chinese name, the key honors are matched by. */
  key: string;
  before: HonorWinner[];
  after: HonorWinner[];
  /** Members who win it under the draft and did not before, and the reverse. */
  gained: HonorWinner[];
  lost: HonorWinner[];
}

export interface HonorsPreview {
  /** Every honor of either version, in the draft's order (then removed ones). */
  honors: HonorChange[];
  /** Members gaining / losing at least one honor. */
  gainedMembers: number;
  lostMembers: number;
}

export function previewHonors(before: HonorAward[], after: HonorAward[], locale: Locale): HonorsPreview {
  const names = new Map<string, string>();
  // The draft's names win: a renamed English label shows as the operator now wrote it.
  for (const a of [...before, ...after]) names.set(a.honor.zh, a.honor[locale]);
  const keys = [...new Set([...after.map((a) => a.honor.zh), ...before.map((a) => a.honor.zh)])];
  const winners = (list: HonorAward[], key: string): HonorWinner[] =>
    list.filter((a) => a.honor.zh === key).map((a) => ({ memberId: a.memberId, nickname: a.nickname, rank: a.rank, value: a.value }));
  const honors = keys.map((key): HonorChange => {
    const [was, will] = [winners(before, key), winners(after, key)];
    const had = new Set(was.map((w) => w.memberId));
    const has = new Set(will.map((w) => w.memberId));
    return { honor: names.get(key) ?? key, key, before: was, after: will, gained: will.filter((w) => !had.has(w.memberId)), lost: was.filter((w) => !has.has(w.memberId)) };
  });
  const count = (pick: (h: HonorChange) => HonorWinner[]) => new Set(honors.flatMap((h) => pick(h).map((w) => w.memberId))).size;
  return { honors, gainedMembers: count((h) => h.gained), lostMembers: count((h) => h.lost) };
}
