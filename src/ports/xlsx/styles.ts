import { CJK_DATE_FORMATS } from './cjk-date-formats.js';
import { isDateFormat } from './read.js';
import { XmlCursor, attr, rootPrefix, setAttr } from './xml-scan.js';

/**
 * The cell formats of xl/styles.xml, as far as writing needs them: which
 * formats show dates, and a format like an existing one but with another
 * number format, a bold font, a fill or wrapped text (so a value written
 * into a cell keeps the rest of its look). Fonts, fills, number formats and
 * cell formats are only ever appended (the operator's keep their indexes),
 * added once and reused, so re-runs add nothing.
 */

/** Built-in number formats that show dates or times (ECMA-376 §18.8.30; CJK ids per cjk-date-formats.ts). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, ...Object.keys(CJK_DATE_FORMATS).map(Number)]);
const FIRST_CUSTOM_ID = 164;
/** The styleSheet's children in schema order (CT_Stylesheet), for inserting a missing one in its place. */
const SECTION_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** What Fenceng sets on a cell's format; anything not given stays as the base format has it. */
export interface CellLook {
  /** Number format code; 'General' for none. */
  numberFormat?: string;
  bold?: boolean;
  /** Wrapped text, from the top of the cell (a row too short for it still shows its start). */
  wrap?: boolean;
  /** Solid background, #RRGGBB. */
  fill?: string;
}

/** The children of one styleSheet section (fonts, fills, cellXfs), as written, and what was appended. */
class Section {
  readonly items: string[] = [];
  readonly added: string[] = [];

  /** The index of an item equal to `xml`, appended if there is none. */
  indexOf(xml: string): number {
    let i = this.items.indexOf(xml);
    if (i < 0) {
      i = this.items.length;
      this.items.push(xml);
      this.added.push(xml);
    }
    return i;
  }
}

export class StyleSheet {
  private readonly prefix: string;
  private readonly codes = new Map<number, string>();
  private readonly addedFormats: Array<{ id: number; code: string }> = [];
  private readonly xfs = new Section();
  private readonly fonts = new Section();
  private readonly fills = new Section();
  /** Per look, per base format index: the derived format's index. */
  private readonly derived = new Map<string, number[]>();
  /** The same, by look object: writers pass one object per column and format, so most cells skip building a key. */
  private readonly byLook = new WeakMap<CellLook, number[]>();
  private readonly dateXf = new Map<number, boolean>();

  constructor(private readonly xml: string) {
    this.prefix = rootPrefix(xml);
    const p = this.prefix;
    const c = new XmlCursor(xml);
    const sections: Record<string, Section> = { [`${p}cellXfs`]: this.xfs, [`${p}fonts`]: this.fonts, [`${p}fills`]: this.fills };
    const itemName: Record<string, string> = { [`${p}cellXfs`]: `${p}xf`, [`${p}fonts`]: `${p}font`, [`${p}fills`]: `${p}fill` };
    let inside: string | undefined;
    while (c.next()) {
      if (c.name === `${p}numFmt` && !c.is('close')) {
        const id = Number(attr(c.tag(), 'numFmtId'));
        const code = attr(c.tag(), 'formatCode');
        if (Number.isInteger(id) && code !== undefined) this.codes.set(id, code);
      } else if (sections[c.name]) inside = c.is('open') ? c.name : undefined;
      else if (inside && c.name === itemName[inside] && !c.is('close')) {
        const start = c.start;
        c.skipElement();
        sections[inside].items.push(xml.slice(start, c.end));
      }
    }
  }

  /** Whether cells of format index `s` show a date. */
  isDate(s: number): boolean {
    let yes = this.dateXf.get(s);
    if (yes === undefined) {
      const id = numFmtOf(this.xfs.items[s]);
      const code = this.codes.get(id);
      yes = code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
      this.dateXf.set(s, yes);
    }
    return yes;
  }

  /** The index of a format like `s` but showing `code` ('General' for none), added if there is none yet. */
  withNumberFormat(s: number, code: string): number {
    return this.derive(s, { numberFormat: code });
  }

  /** The index of a format like `s` with `look` applied, added if there is none yet. */
  withLook(s: number, look: CellLook): number {
    let known = this.byLook.get(look);
    if (!known) this.byLook.set(look, (known = []));
    return (known[s] ??= this.derive(s, look));
  }

  private derive(s: number, look: CellLook): number {
    const key = `${look.numberFormat ?? ''}\u0000${look.bold ? 1 : 0}${look.wrap ? 1 : 0}${look.fill ?? ''}`;
    let byBase = this.derived.get(key);
    if (!byBase) this.derived.set(key, (byBase = []));
    let index = byBase[s];
    if (index !== undefined) return index;
    const p = this.prefix;
    const base = this.xfs.items[s] ?? this.xfs.items[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    let open = /^<[^>]*>/.exec(base)![0];
    let inner = base.slice(open.length);
    if (look.numberFormat !== undefined) {
      open = setAttr(setAttr(open, 'numFmtId', String(look.numberFormat === 'General' ? 0 : this.formatId(look.numberFormat))), 'applyNumberFormat', '1');
    }
    if (look.bold) open = setAttr(setAttr(open, 'fontId', String(this.boldFont(Number(attr(open, 'fontId') ?? 0)))), 'applyFont', '1');
    if (look.fill) open = setAttr(setAttr(open, 'fillId', String(this.solidFill(look.fill))), 'applyFill', '1');
    if (look.wrap) {
      open = setAttr(open, 'applyAlignment', '1');
      const self = open.endsWith('/>');
      if (self) {
        open = `${open.slice(0, -2).replace(/\s+$/, '')}>`;
        inner = `</${p}xf>`;
      }
      const align = new RegExp(`<${p}alignment\\b[^>]*?/?>`).exec(inner);
      inner = align
        ? inner.slice(0, align.index) + setAttr(align[0], 'wrapText', '1') + inner.slice(align.index + align[0].length)
        : `<${p}alignment wrapText="1" vertical="top"/>${inner}`;
    }
    index = this.xfs.indexOf(open + inner);
    byBase[s] = index;
    return index;
  }

  /** A font like font `i`, bold. */
  private boldFont(i: number): number {
    const p = this.prefix;
    const font = this.fonts.items[i] ?? this.fonts.items[0] ?? `<${p}font/>`;
    if (new RegExp(`<${p}b\\b(?![^>]*\\bval="(0|false)")`).test(font)) return i;
    const open = /^<[^>]*>/.exec(font)![0];
    const bold = open.endsWith('/>') ? `${open.slice(0, -2).replace(/\s+$/, '')}><${p}b/></${p}font>` : `${open}<${p}b/>${font.slice(open.length).replace(new RegExp(`<${p}b\\b[^>]*/>`), '')}`;
    return this.fonts.indexOf(bold);
  }

  private solidFill(rgb: string): number {
    const p = this.prefix;
    const argb = `FF${rgb.replace(/^#/, '').toUpperCase()}`;
    return this.fills.indexOf(`<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
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
    const p = this.prefix;
    let xml = this.xml;
    const append = (section: string, children: string) => {
      xml = appendChildren(xml, `${p}${section}`, children, true) ?? insertSection(xml, p, section, `<${p}${section} count="${countChildren(children)}">${children}</${p}${section}>`);
    };
    if (this.addedFormats.length > 0) append('numFmts', this.addedFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${f.code.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"/>`).join(''));
    if (this.fonts.added.length > 0) append('fonts', this.fonts.added.join(''));
    if (this.fills.added.length > 0) append('fills', this.fills.added.join(''));
    if (this.xfs.added.length > 0) append('cellXfs', this.xfs.added.join(''));
    return xml === this.xml ? undefined : xml;
  }
}

function numFmtOf(xf: string | undefined): number {
  return xf ? Number(attr(/^<[^>]*>/.exec(xf)![0], 'numFmtId') ?? 0) : 0;
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

/** A missing styleSheet section inserted before the first section that follows it in schema order. */
function insertSection(xml: string, p: string, section: string, element: string): string {
  const later = new Set(SECTION_ORDER.slice(SECTION_ORDER.indexOf(section) + 1).map((n) => `${p}${n}`));
  const c = new XmlCursor(xml);
  let depth = 0;
  while (c.next()) {
    if (c.is('close')) {
      depth--;
      if (depth === 0) return xml.slice(0, c.start) + element + xml.slice(c.start);
      continue;
    }
    if (depth === 1 && later.has(c.name)) return xml.slice(0, c.start) + element + xml.slice(c.start);
    if (c.is('open')) depth++;
  }
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
