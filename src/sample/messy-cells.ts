/**
 * How the export writes a single value into a cell: mostly as it is, sometimes
 * in one of the messy forms real exports have (rates in the constants below):
 *   - counts ≥ 10,000 are shown as 1.2万 / 2.4w 30% of the time, counts in
 *     1,000–9,999 as 3.2k / 2,012 12% of the time; any count cell is, at 1.5%,
 *     padded (' 12 '), full-width ('１２'), numeric text ('12'), k / comma
 *     (≥ 1,000 only) or a placeholder ('—', '-', 'N/A', '');
 *   - dates are wall-clock Dates at midnight, or at 4% per cell '2025/3/29',
 *     '2025-03-29', '2025年3月29日' or an Excel serial (45745).
 */

import type { CellValue } from '../core/base/table.js';
import { formatCivilDay } from '../core/base/time.js';
import type { Rng } from './random.js';

/** A count cell in one of the messy text forms (per cell). */
const P_MESSY_NUMBER = 0.015;
/** A count ≥ 10,000 shown the way Douyin abbreviates it (1.2万 / 2.4w). */
const P_WAN_GIVEN_LARGE = 0.3;
/** A count in 1,000–9,999 shown as 3.2k or 2,012. */
const P_THOUSANDS_GIVEN_LARGE = 0.12;
/** A date cell as text or Excel serial instead of a Date (per cell). */
const P_MESSY_DATE = 0.04;

const PLACEHOLDERS: readonly string[] = ['—', '-', 'N/A', ''];

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01. */
const EXCEL_SERIAL_OF_EPOCH = 25_569;

/** A count as the export shows it: mostly a number, sometimes one of the messy forms. */
export function countCell(rng: Rng, n: number): CellValue {
  if (n >= 10_000 && rng.chance(P_WAN_GIVEN_LARGE)) {
    return oneDecimal(n / 10_000) + (rng.chance(0.5) ? '万' : 'w');
  }
  if (n >= 1000 && n < 10_000 && rng.chance(P_THOUSANDS_GIVEN_LARGE)) {
    return rng.chance(0.5) ? withThousands(n) : oneDecimal(n / 1000) + 'k';
  }
  if (!rng.chance(P_MESSY_NUMBER)) return n;
  // k and comma forms only make sense from 1,000 up.
  const forms = n >= 1000 ? 7 : 5;
  switch (rng.int(0, forms - 1)) {
    case 0:
      return ` ${n} `;
    case 1:
      return fullWidth(String(n));
    case 2:
      return String(n);
    case 3:
    case 4:
      return rng.pick(PLACEHOLDERS);
    case 5:
      return withThousands(n);
    default:
      return oneDecimal(n / 1000) + 'k';
  }
}

/** A civil day as the export shows it: mostly a wall-clock Date, sometimes text or an Excel serial. */
export function dateCell(rng: Rng, day: number): CellValue {
  const d = new Date(day * MS_PER_DAY);
  if (!rng.chance(P_MESSY_DATE)) return d;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  switch (rng.int(0, 3)) {
    case 0:
      return `${y}/${m}/${dd}`;
    case 1:
      return formatCivilDay(day);
    case 2:
      return `${y}年${m}月${dd}日`;
    default:
      return day + EXCEL_SERIAL_OF_EPOCH;
  }
}

/** `1.2` from 1.2, `3` from 3.0 — one decimal, trailing `.0` dropped. */
function oneDecimal(x: number): string {
  const s = (Math.round(x * 10) / 10).toFixed(1);
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function fullWidth(s: string): string {
  return s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}
