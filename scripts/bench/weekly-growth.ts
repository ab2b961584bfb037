/**
 * How Fenceng's own data grows: 52 weekly recomputes of one workbook whose
 * members' activity changes every week (a share of rows redrawn from a fresh
 * sample), through the in-memory port — the same core as Sheets. Prints the
 * cells Fenceng's own sheets hold (content size, which is the grid size in
 * Sheets now that tabs are trimmed), per sheet, at a few weeks.
 *   node --import tsx scripts/bench/weekly-growth.ts [members] [weeks] [--every-week]
 */
import { recompute } from '../../src/app/recompute.js';
import type { CellValue } from '../../src/core/base/table.js';
import { formatCivilDay, civilDay } from '../../src/core/base/time.js';
import { MemoryWorkbook } from '../../src/ports/memory.js';
import { generateAdminsTable, generateMembersTable } from '../../src/sample/generate.js';
import { generateContentLibraryTable, generatePointsHistoryTable, generateRedemptionsTable } from '../../src/sample/operations.js';
import { COL, COUNT_KEYS } from '../../src/sample/columns.js';

const members = Number(process.argv[2] ?? 5000);
const weeks = Number(process.argv[3] ?? 52);
/** `--every-week`: print the breakdown after every run, not only at a few weeks. */
const all = process.argv.includes('--every-week');
/** Share of member rows whose activity is redrawn each week. */
const CHURN = 0.3;
const OPERATOR = new Set(['成员', '管理员', '内容库', '积分兑换']);
const start = civilDay(2026, 1, 5)!;
const dayIso = (d: number) => formatCivilDay(d);

const seed = 20251126;
const first = generateMembersTable({ members, seed, today: dayIso(start) });
const grid = (rows: CellValue[][]) => rows.map((r) => [...r]);
const wb = new MemoryWorkbook({
  成员: grid([first.header, ...first.rows]),
  管理员: grid([generateAdminsTable({ members: Math.min(members, 50_000), seed }).header, ...generateAdminsTable({ members: Math.min(members, 50_000), seed }).rows]),
  内容库: grid([generateContentLibraryTable({ seed }).header, ...generateContentLibraryTable({ seed }).rows]),
  积分兑换: grid([generateRedemptionsTable(first, { seed, today: dayIso(start) }).header, ...generateRedemptionsTable(first, { seed, today: dayIso(start) }).rows]),
  积分流水: grid([generatePointsHistoryTable(first, { seed, today: dayIso(start) }).header, ...generatePointsHistoryTable(first, { seed, today: dayIso(start) }).rows]),
});

const membersWidth = first.header.length;
const gridOf = (name: string) => {
  const g = wb.grid(name)!;
  return { rows: g.length, cols: g.reduce((w, r) => Math.max(w, r.length), 0) };
};
/** Fenceng's own tabs (the per-admin 分配-… tabs summed as one line), and what its managed columns add to the operator's members sheet. */
const own = () => {
  let total = 0;
  const per = new Map<string, number>();
  let adminTabs = 0;
  for (const name of wb.sheetNames()) {
    if (OPERATOR.has(name)) continue;
    const { rows, cols } = gridOf(name);
    const cells = rows * cols;
    total += cells;
    const key = name.startsWith('分配-') ? (adminTabs++, '分配-… tabs') : name;
    per.set(key, (per.get(key) ?? 0) + cells);
  }
  const m = gridOf('成员');
  const managed = m.rows * Math.max(0, m.cols - membersWidth);
  return { total, managed, adminTabs, per: [...per].sort((a, b) => b[1] - a[1]) };
};
const n = (x: number) => x.toLocaleString('en-US');

const show = new Set([1, 2, 4, 8, 13, 26, 39, 52, weeks]);
let peak = 0;
console.log(`${members.toLocaleString('en-US')} members, ${weeks} weekly runs, ${CHURN * 100}% of rows' activity redrawn each week`);
for (let w = 1; w <= weeks; w++) {
  const today = start + 7 * (w - 1);
  if (w > 1) {
    const fresh = generateMembersTable({ members, seed: seed + w, today: dayIso(today) });
    const g = wb.grid('成员')!;
    let x = (seed * 31 + w) >>> 0;
    const rand = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let r = 1; r < g.length && r <= fresh.rows.length; r++) {
      if (g[r][COL.id] === null || rand() >= CHURN) continue;
      const src = fresh.rows[r - 1];
      g[r][COL.lastActive] = src[COL.lastActive];
      for (const k of COUNT_KEYS) g[r][COL[k]] = src[COL[k]];
    }
  }
  await recompute(wb, { now: new Date(`${dayIso(today)}T04:00:00Z`), timeZone: 'Asia/Shanghai', locale: 'zh' });
  const o = own();
  peak = Math.max(peak, o.total);
  if (show.has(w) || all) {
    console.log(`week ${String(w).padStart(2)}: Fenceng's own ${n(o.total)} cells (${(o.total / members).toFixed(1)} per member); managed columns on 成员 add ${n(o.managed)}`);
    console.log(`         ${o.per.map(([s, c]) => `${s === '分配-… tabs' ? `${s} (${o.adminTabs})` : s} ${n(c)}`).join(', ')}`);
  }
}
console.log(`peak over ${weeks} weeks: ${n(peak)} cells (${(peak / members).toFixed(1)} per member)`);
