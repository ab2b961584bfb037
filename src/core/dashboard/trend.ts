import { parseNumber, parseText } from '../base/cells.js';
import type { CellValue, Table } from '../base/table.js';

/**
 * Figures per run day, for the dashboard's trends: one row per calendar day
 * (a later run the same day replaces that day's row, so re-running changes
 * nothing when nothing changed). Kept in a hidden sheet with language-neutral
 * headers (tier ids), most recent MAX_DAYS days.
 */
export interface TrendPoint {
  /** YYYY-MM-DD */
  date: string;
  values: Record<string, number>;
}

export const MAX_TREND_DAYS = 366;

export function readTrend(table: Table | undefined): TrendPoint[] {
  if (!table) return [];
  const dateCol = table.header.findIndex((h) => String(h).trim() === 'date');
  if (dateCol < 0) return [];
  const out: TrendPoint[] = [];
  for (const row of table.rows) {
    const d = parseText(row[dateCol] ?? null);
    if (d.kind !== 'value' || !/^\d{4}-\d{2}-\d{2}$/.test(d.value)) continue;
    const values: Record<string, number> = {};
    table.header.forEach((h, i) => {
      const key = String(h ?? '').trim();
      if (i === dateCol || !key) return;
      const n = parseNumber(row[i] ?? null);
      if (n.kind === 'value') values[key] = n.value;
    });
    out.push({ date: d.value, values });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function upsertTrend(points: TrendPoint[], today: TrendPoint): TrendPoint[] {
  const all = [...points.filter((p) => p.date !== today.date), today].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return all.slice(-MAX_TREND_DAYS);
}

export function trendRows(points: TrendPoint[]): CellValue[][] {
  const keys: string[] = [];
  for (const p of points) for (const k of Object.keys(p.values)) if (!keys.includes(k)) keys.push(k);
  // The date is text: a sheet would otherwise turn it into a date cell and back into a number.
  return [['date', ...keys], ...points.map((p) => [p.date, ...keys.map((k) => p.values[k] ?? null)])];
}
