import { CJK_DATE_FORMATS } from './cjk-date-formats.js';
import { isDateFormat } from './read.js';
import { XmlCursor, attr, rootPrefix, setAttr } from './xml-scan.js';

/**
 * The cell formats of xl/styles.xml, as far as writing needs them: which
 * formats show dates, and a format like an existing one but with another
 * number format (so a date written into a cell keeps its font, fill and
 * border). Formats are added once and reused, so re-runs add nothing.
 */

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30; CJK ids per cjk-date-formats.ts). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, ...Object.keys(CJK_DATE_FORMATS).map(Number)]);
const FIRST_CUSTOM_ID = 164;

export class StyleSheet {
  private readonly prefix: string;
  private readonly codes = new Map<number, string>();
  /** Each `<xf>` of cellXfs as written, and its number format id. */
  private readonly xfs: Array<{ xml: string; numFmtId: number }> = [];
  private readonly addedFormats: Array<{ id: number; code: string }> = [];
  private readonly addedXfs: string[] = [];
  /** Per number format, per base format index: the derived format's index. */
  private readonly derived = new Map<string, number[]>();
  private readonly dateXf = new Map<number, boolean>();

  constructor(private readonly xml: string) {
    this.prefix = rootPrefix(xml);
    const p = this.prefix;
    const c = new XmlCursor(xml);
    let inXfs = false;
    while (c.next()) {
      if (c.name === `${p}numFmt` && !c.is('close')) {
        const id = Number(attr(c.tag(), 'numFmtId'));
        const code = attr(c.tag(), 'formatCode');
        if (Number.isInteger(id) && code !== undefined) this.codes.set(id, code);
      } else if (c.name === `${p}cellXfs`) inXfs = c.is('open');
      else if (inXfs && c.name === `${p}xf` && !c.is('close')) {
        const start = c.start;
        const numFmtId = Number(attr(c.tag(), 'numFmtId') ?? 0);
        c.skipElement();
        this.xfs.push({ xml: xml.slice(start, c.end), numFmtId });
      }
    }
  }

  /** Whether cells of format index `s` show a date. */
  isDate(s: number): boolean {
    let yes = this.dateXf.get(s);
    if (yes === undefined) {
      const id = this.xfs[s]?.numFmtId ?? 0;
      const code = this.codes.get(id);
      yes = code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
      this.dateXf.set(s, yes);
    }
    return yes;
  }

  /** The index of a format like `s` but showing `code` ('General' for none), added if there is none yet. */
  withNumberFormat(s: number, code: string): number {
    let byBase = this.derived.get(code);
    if (!byBase) this.derived.set(code, (byBase = []));
    let index = byBase[s];
    if (index !== undefined) return index;
    const base = this.xfs[s] ?? this.xfs[0] ?? { xml: '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>', numFmtId: 0 };
    const id = code === 'General' ? 0 : this.formatId(code);
    const open = /^<[^>]*>/.exec(base.xml)![0];
    const xml = setAttr(setAttr(open, 'numFmtId', String(id)), 'applyNumberFormat', '1') + base.xml.slice(open.length);
    // An equal format already there (from an earlier run) is reused.
    index = this.xfs.findIndex((x) => x.xml === xml);
    if (index < 0) {
      index = this.xfs.length;
      this.xfs.push({ xml, numFmtId: id });
      this.addedXfs.push(xml);
    }
    byBase[s] = index;
    return index;
  }

  private formatId(code: string): number {
    for (const [id, c] of this.codes) if (c === code) return id;
    const id = Math.max(FIRST_CUSTOM_ID - 1, ...this.codes.keys()) + 1;
    this.codes.set(id, code);
    this.addedFormats.push({ id, code });
    return id;
  }

  /** The styles part with what was added, or undefined when nothing was. */
  changed(): string | undefined {
    if (this.addedXfs.length === 0 && this.addedFormats.length === 0) return undefined;
    const p = this.prefix;
    let xml = this.xml;
    if (this.addedFormats.length > 0) {
      const defs = this.addedFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${f.code.replaceAll('"', '&quot;')}"/>`).join('');
      xml = appendChildren(xml, `${p}numFmts`, defs, true) ?? insertFirstChild(xml, `${p}styleSheet`, `<${p}numFmts count="${this.addedFormats.length}">${defs}</${p}numFmts>`);
    }
    if (this.addedXfs.length > 0) {
      xml = appendChildren(xml, `${p}cellXfs`, this.addedXfs.join(''), true) ?? insertFirstChild(xml, `${p}styleSheet`, `<${p}cellXfs>${this.addedXfs.join('')}</${p}cellXfs>`);
    }
    return xml;
  }
}

/** `xml` with `children` added at the end of the first `name` element (its `count` updated), or undefined if there is none. */
export function appendChildren(xml: string, name: string, children: string, count: boolean): string | undefined {
  const c = new XmlCursor(xml);
  while (c.next()) {
    if (c.name !== name || c.is('close')) continue;
    let open = c.tag();
    const start = c.start;
    if (c.is('empty')) {
      open = `${open.slice(0, -2).replace(/\s+$/, '')}>`;
      const inner = children;
      const n = countChildren(inner);
      if (count && attr(open, 'count') !== undefined) open = setAttr(open, 'count', String(n));
      return xml.slice(0, start) + open + inner + `</${name}>` + xml.slice(c.end);
    }
    const openEnd = c.end;
    c.skipElement();
    const closeStart = c.start;
    const inner = xml.slice(openEnd, closeStart) + children;
    if (count && attr(open, 'count') !== undefined) open = setAttr(open, 'count', String(countChildren(inner)));
    return xml.slice(0, start) + open + inner + xml.slice(closeStart);
  }
  return undefined;
}

function insertFirstChild(xml: string, parent: string, child: string): string {
  const c = new XmlCursor(xml);
  while (c.next()) if (c.name === parent && c.is('open')) return xml.slice(0, c.end) + child + xml.slice(c.end);
  return xml;
}

/** Direct children of an element's content. */
function countChildren(inner: string): number {
  const c = new XmlCursor(inner);
  let n = 0;
  let depth = 0;
  while (c.next()) {
    if (c.is('close')) depth--;
    else {
      if (depth === 0) n++;
      if (c.is('open')) depth++;
    }
  }
  return n;
}
