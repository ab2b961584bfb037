import { MAX_CELL_CHARS } from './limits.js';

/**
 * Text as a cell may hold it, XML-escaped for a `<t>` element: always valid
 * XML 1.0 and never over Excel's 32,767 characters. Characters XML 1.0
 * forbids (C0 controls other than tab and line feed, lone surrogates,
 * U+FFFE/U+FFFF) and carriage returns (which XML would turn into line feeds)
 * are written as Excel's `_xHHHH_` escapes, which Excel and SheetJS decode
 * back; an underscore that would otherwise start such an escape is itself
 * escaped (`_x005F_`), so literal text like `_x0007_` reads back unchanged.
 */

export const TRUNCATION_MARK = '…（已截断 / truncated）';

// Anything needing more than plain copying: markup characters, escapes' look-alikes, and suspects.
const NEEDS_CARE = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;

/** The text cut to Excel's limit, with a visible marker; a surrogate pair is never split. */
export function capCellText(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  let cut = MAX_CELL_CHARS - TRUNCATION_MARK.length;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return text.slice(0, cut) + TRUNCATION_MARK;
}

/** `<t>` content for `text` (already capped). */
export function escapeCellText(text: string): string {
  if (!NEEDS_CARE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 38) out += '&amp;';
    else if (c === 60) out += '&lt;';
    else if (c === 62) out += '&gt;';
    else if (c === 95 /* _ */ && /^_x[0-9a-fA-F]{4}_/.test(text.slice(i, i + 7))) out += '_x005F_';
    else if ((c < 0x20 && c !== 9 && c !== 10) || c === 0xfffe || c === 0xffff) out += hexEscape(c);
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += text[i] + text[i + 1];
        i++;
      } else out += hexEscape(c);
    } else if (c >= 0xdc00 && c <= 0xdfff) out += hexEscape(c);
    else out += text[i];
  }
  return out;
}

function hexEscape(c: number): string {
  return `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
}

/** Whether `<t>` needs xml:space="preserve" to keep its leading/trailing whitespace. */
export function needsPreserve(text: string): boolean {
  return text.length > 0 && (isXmlSpace(text.charCodeAt(0)) || isXmlSpace(text.charCodeAt(text.length - 1)));
}

/** The whitespace XML itself may strip: space, tab, line feed, carriage return. */
function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
