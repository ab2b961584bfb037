/**
 * Tab, comma or semicolon: whichever the header line (outside quotes) has
 * most of, tabs winning ties; a one-column file is read as comma-separated.
 */
export function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { '\t': 0, ',': 0, ';': 0 };
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[','] && counts['\t'] >= counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

// 0, 12, -3.5 — not 00123 (an ID), +15, 1e5, 2,012 or "-0"; at most 15 digits, so Excel keeps every one.
const PLAIN_NUMBER_RE = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** A cell that is a number in the operator's sense becomes one; anything else stays as written. */
export function plainNumber(cell: string): string | number {
  if (!PLAIN_NUMBER_RE.test(cell) || cell === '-0' || cell.replace(/\D/g, '').replace(/^0+/, '').length > 15) return cell;
  const n = Number(cell);
  return Number.isFinite(n) ? n : cell;
}
