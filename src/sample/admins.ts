/** A seeded sample 管理员 (admins) sheet sized for a members sheet. */

import type { CellValue, Table } from '../core/base/table.js';
import { createPeople } from './admin-names.js';
import { createRng } from './random.js';

export const ADMINS_SHEET = '管理员';

export const ADMINS_HEADER: readonly string[] = ['姓名', '角色', '邮箱', '上级', '在职', '核心容量', '潜力容量', '沉默容量'];

/** Share of members expected in the core tier, and the default core capacity (rules/admins.json) it is divided by. */
const CORE_SHARE = 0.12;
const DEFAULT_CORE_CAPACITY = 15;
const REGULARS_PER_MID = 6;

export interface GenerateAdminsOptions {
  /** Members the team serves: it gets enough regular admins for them. */
  members: number;
  seed: number;
}

/**
 * A realistic admin team for a members sheet of `members` rows: one 总负责人,
 * a mid-level lead per ~6 regular admins, and enough regular admins that the
 * core tier (the scarcest capacity) fits with room to spare; one regular
 * admin is inactive (在职 = 否). About a third state their own capacity, the
 * rest leave it blank for the defaults. Emails are @example.com. Pure and
 * seeded like the members table; the team is valid (no issues).
 */
export function generateAdminsTable(opts: GenerateAdminsOptions): Table {
  if (!Number.isInteger(opts.members) || opts.members < 0) {
    throw new RangeError(`members must be a non-negative integer, got ${opts.members}`);
  }
  // Not the members table's stream: the same seed would replay its draws.
  const rng = createRng(opts.seed ^ 0x5eed);
  const regulars = Math.max(2, Math.ceil((opts.members * CORE_SHARE) / DEFAULT_CORE_CAPACITY));
  const mids = Math.max(1, Math.ceil(regulars / REGULARS_PER_MID));

  const people = createPeople(rng);
  const [lead] = people(1);
  const midPeople = people(mids);
  const regularPeople = people(regulars + 1); // one more, inactive
  const rows: CellValue[][] = [[lead.name, '总负责人', lead.email, null, '是', null, null, null]];
  for (const m of midPeople) rows.push([m.name, '中层负责人', m.email, lead.name, '是', null, null, null]);
  regularPeople.forEach((p, i) => {
    const boss = midPeople[i % mids].name;
    const inactive = i === regularPeople.length - 1;
    const own = !inactive && rng.chance(1 / 3);
    rows.push([p.name, '普通管理员', p.email, boss, inactive ? '否' : rng.chance(0.8) ? '是' : null, own ? 20 : null, own ? 50 : null, own ? 150 : null]);
  });
  return { sheet: ADMINS_SHEET, header: [...ADMINS_HEADER], rows };
}
