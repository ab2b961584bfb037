import type { FactValues } from '../facts/facts.js';
import type { MemberRow } from '../facts/members.js';
import { contributionScore } from '../points/contribution.js';
import { tierLabel } from '../rules/tier-label.js';
import type { OperationsInput } from './operations-input.js';
import { opsSheetName, type OpsSheetId } from '../names/sheets.js';

/** A tiered member as the plans, points and boards see them. */
export interface Member {
  row: MemberRow;
  memberId: string;
  nickname: string;
  facts: FactValues;
  activity: string;
  contribution: string;
  score: number;
  admin: string;
}

/** What every part of the operations stage shares: the input, its members and how to name things. */
export interface OperationsContext {
  input: OperationsInput;
  members: Member[];
  /** Where an ops sheet goes: the existing one under either language's name, else the locale's. */
  sheetName(id: OpsSheetId): string;
  tierLabel(id: string): string;
  contributionLabel(id: string): string;
}

export function operationsContext(input: OperationsInput): OperationsContext {
  const { locale, contribution } = input;
  return {
    input,
    members: operationsMembers(input),
    sheetName: (id) => opsSheetName(id, input.sheetNames, locale),
    tierLabel: (id) => tierLabel(input.activity, id, locale),
    contributionLabel: (id) => (contribution ? tierLabel(contribution, id, locale) : id),
  };
}

/** Members with an ID and a placement; rows that were not tiered take no part. */
function operationsMembers(input: OperationsInput): Member[] {
  const { activity, contribution, config } = input;
  const members: Member[] = [];
  for (const row of input.members.rows) {
    const placed = input.members.placements.get(row.index);
    if (row.status !== 'ok' || !row.memberId || !placed) continue;
    const nick = row.facts.nickname;
    members.push({
      row,
      memberId: row.memberId,
      nickname: typeof nick === 'string' ? nick : '',
      facts: row.facts,
      activity: placed[activity.id]?.tier ?? '',
      contribution: contribution ? (placed[contribution.id]?.tier ?? '') : '',
      score: contributionScore(row.facts, config.incentives.contributionWeights),
      admin: input.adminOf?.get(row.memberId) ?? '',
    });
  }
  return members;
}
