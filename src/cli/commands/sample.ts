import { count } from '../../core/base/locale.js';
import { mkdirSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { FencengError } from '../../app/errors.js';
import { XlsxWorkbook } from '../../ports/xlsx.js';
import { describeSample, generateAdminsTable, generateMembersTable } from '../../sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../sample/operations.js';
import { parse } from '../args.js';
import { WORKBOOK_EXTENSIONS } from '../open-workbook.js';
import type { Io } from '../io.js';
import { shownPath } from '../show-path.js';

export const SAMPLE_HELP = `fenceng sample --members N --out FILE [--seed S] [--today YYYY-MM-DD]
  生成带有真实“脏数据”的示例成员表和管理员团队（管理员表），以及内容库、积分兑换和上月积分流水。/ Generate a realistic, messy sample members workbook with an admin team (管理员 sheet), a content library, redemptions and last month's points ledger.`;

export async function sampleCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { members: { type: 'string' as const }, out: { type: 'string' as const }, seed: { type: 'string' as const }, today: { type: 'string' as const } });
  if (values.help || !values.out) {
    io.out(SAMPLE_HELP);
    return values.help ? 0 : 2;
  }
  if (!WORKBOOK_EXTENSIONS.includes(extname(values.out).toLowerCase())) throw new FencengError('usage', `示例是多个工作表的工作簿，--out 只能是 .xlsx 文件：${shownPath(values.out)} / The sample is a workbook of several sheets; --out must be an .xlsx file: ${shownPath(values.out)}`);
  const members = Number(values.members ?? 2000);
  const seed = Number(values.seed ?? 20251126);
  if (!Number.isInteger(members) || members < 0) throw new FencengError('usage', `--members 必须是非负整数 / --members must be a whole number`);
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  const table = generateMembersTable({ members, seed, today });
  const admins = generateAdminsTable({ members, seed });
  // Content library, redemptions and last month's points ledger: every plan, points and honors sheet has something to show.
  const library = generateContentLibraryTable({ seed });
  const redemptions = generateRedemptionsTable(table, { seed, today });
  const ledger = generatePointsHistoryTable(table, { seed, today });
  const workbook = await XlsxWorkbook.create([table, admins, library, redemptions, ledger]);
  mkdirSync(dirname(resolve(values.out)), { recursive: true });
  await workbook.save(values.out);
  const d = describeSample(table);
  io.out(`已生成 ${count(members)} 名成员（${count(d.rows)} 行，空行 ${count(d.blankRows)}，缺ID ${count(d.missingIds)}，重复ID ${count(d.duplicateIds)}）→ ${shownPath(values.out)}`);
  io.out(`Generated ${count(members)} members (${count(d.rows)} rows, ${count(d.blankRows)} blank, ${count(d.missingIds)} without ID, ${count(d.duplicateIds)} duplicate IDs) → ${shownPath(values.out)}`);
  io.out(`管理员表：${count(admins.rows.length)} 名管理员 / Admins sheet: ${count(admins.rows.length)} admins`);
  io.out(`内容库 ${count(library.rows.length)} 条，积分兑换 ${count(redemptions.rows.length)} 条，上月积分流水 ${count(ledger.rows.length)} 行 / Content library ${count(library.rows.length)} items, ${count(redemptions.rows.length)} redemptions, ${count(ledger.rows.length)} ledger lines from last month`);
  return 0;
}
