/**
 * Chinese (and Japanese/Korean) Excel stores its default date formats as
 * built-in ids 27–36 and 50–58 with no format code in the file; ECMA-376
 * leaves them to the locale, so SheetJS sees no format and returns bare
 * serial numbers (SheetJS issue #2349). For reading only, declare the zh-CN
 * meaning of the ids the file uses; the saved bytes are never changed.
 */
export const CJK_DATE_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: 'm-d-yy', 31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** The styles part SheetJS should read: `xml` itself, or a copy that spells out the CJK date formats it uses. */
export function withCjkDateFormats(xml: string): string {
  const missing = new Set<number>();
  for (const m of xml.matchAll(/numFmtId="(\d+)"/g)) if (Number(m[1]) in CJK_DATE_FORMATS) missing.add(Number(m[1]));
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"/g)) missing.delete(Number(m[1]));
  if (missing.size === 0) return xml;
  const defs = [...missing].map((id) => `<numFmt numFmtId="${id}" formatCode="${CJK_DATE_FORMATS[id].replaceAll('"', '&quot;')}"/>`).join('');
  // Into the existing <numFmts> list (SheetJS reads only one), else a new list first in <styleSheet>.
  const list = /<(?:\w+:)?numFmts\b[^>]*?(\/?)>/.exec(xml);
  const at = list && !list[1] ? list.index + list[0].length : -1;
  return at >= 0
    ? xml.slice(0, at) + defs + xml.slice(at)
    : xml.replace(list?.[0] ?? '', '').replace(/<(?:\w+:)?styleSheet\b[^>]*>/, (tag) => `${tag}<numFmts>${defs}</numFmts>`);
}
