import { XmlCursor, attr, escapeAttr, localName, rootPrefix, setAttr } from './xml-scan.js';

/**
 * The package-level parts a write may change: the sheet list in
 * xl/workbook.xml, its relationships, and [Content_Types].xml. Each is
 * edited in place as text; everything else in them stays as it was.
 */

const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL_WORKSHEET = `${NS_REL}/worksheet`;
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

export interface SheetEntry {
  name: string;
  /** The `<sheet>` tag as it will be written. */
  tag: string;
  /** Package path of its part (e.g. xl/worksheets/sheet1.xml), undefined if the relationship is missing. */
  part: string | undefined;
  /** Whether the part is a worksheet (not a chart sheet or dialog sheet). */
  worksheet: boolean;
}

export class BookParts {
  readonly sheets: SheetEntry[] = [];
  private readonly workbookPrefix: string;
  private readonly relsPrefix: string;
  private readonly relIds = new Set<string>();
  private readonly newRels: string[] = [];
  private readonly newOverrides: string[] = [];
  private readonly removedParts = new Set<string>();
  private readonly relIdAttr: string;
  private maxSheetId = 0;
  private hiddenNow = new Set<string>();

  constructor(
    private workbook: string,
    private rels: string,
    private types: string,
    /** Package path of the workbook part, e.g. xl/workbook.xml. */
    readonly workbookPart: string,
  ) {
    this.workbookPrefix = rootPrefix(workbook);
    this.relsPrefix = rootPrefix(rels);
    const dir = workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1);
    const targets = new Map<string, { target: string; type: string }>();
    const c = new XmlCursor(rels);
    while (c.next()) {
      if (localName(c.name) !== 'Relationship' || c.is('close')) continue;
      const id = attr(c.tag(), 'Id');
      const target = attr(c.tag(), 'Target');
      if (!id) continue;
      this.relIds.add(id);
      if (target && attr(c.tag(), 'TargetMode') !== 'External') targets.set(id, { target: resolve(dir, target), type: attr(c.tag(), 'Type') ?? '' });
    }
    let relIdAttr = 'r:id';
    const w = new XmlCursor(workbook);
    while (w.next()) {
      if (w.name !== `${this.workbookPrefix}sheet` || w.is('close')) continue;
      const tag = w.tag();
      const idAttr = /\s([\w.-]+:id)\s*=/.exec(tag)?.[1] ?? 'r:id';
      relIdAttr = idAttr;
      const rel = targets.get(attr(tag, idAttr) ?? '');
      this.sheets.push({ name: attr(tag, 'name') ?? '', tag, part: rel?.target, worksheet: rel?.type.endsWith('/worksheet') ?? false });
      this.maxSheetId = Math.max(this.maxSheetId, Number(attr(tag, 'sheetId')) || 0);
      const state = attr(tag, 'state');
      if (state === 'hidden' || state === 'veryHidden') this.hiddenNow.add(attr(tag, 'name') ?? '');
    }
    this.relIdAttr = relIdAttr;
    this.partNames = new Set(this.sheets.map((s) => s.part).filter((p): p is string => !!p));
    for (const [, t] of targets) this.partNames.add(t.target);
  }

  private partNames: Set<string>;

  sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Adds a worksheet at the end of the tabs; returns the part path to write it to. */
  addSheet(name: string, allParts: Set<string>): string {
    let n = 1;
    const dir = this.workbookPart.slice(0, this.workbookPart.lastIndexOf('/') + 1);
    while (allParts.has(`${dir}worksheets/sheet${n}.xml`) || this.partNames.has(`${dir}worksheets/sheet${n}.xml`)) n++;
    const part = `${dir}worksheets/sheet${n}.xml`;
    this.partNames.add(part);
    let k = this.relIds.size + 1;
    while (this.relIds.has(`rId${k}`)) k++;
    const id = `rId${k}`;
    this.relIds.add(id);
    this.maxSheetId += 1;
    const p = this.workbookPrefix;
    const tag = `<${p}sheet name="${escapeAttr(name)}" sheetId="${this.maxSheetId}" ${this.relIdAttr}="${id}"/>`;
    this.sheets.push({ name, tag, part, worksheet: true });
    const rp = this.relsPrefix;
    this.newRels.push(`<${rp}Relationship Id="${id}" Type="${REL_WORKSHEET}" Target="${part.slice(dir.length)}"/>`);
    const tp = rootPrefix(this.types);
    this.newOverrides.push(`<${tp}Override PartName="/${escapeAttr(part)}" ContentType="${CT_WORKSHEET}"/>`);
    return part;
  }

  isHidden(name: string): boolean {
    return this.hiddenNow.has(name);
  }

  /** Hides a sheet; a very hidden one stays very hidden. */
  hide(name: string): void {
    const s = this.sheet(name)!;
    if (this.hiddenNow.has(name)) return;
    s.tag = setAttr(s.tag, 'state', 'hidden');
    this.hiddenNow.add(name);
  }

  /**
   * Puts the tabs in the patch's order (core moved only new tabs); sheet
   * indexes in defined names and the workbook view follow their sheets.
   */
  reorder(order: readonly string[]): void {
    const before = this.sheets.map((s) => s.name);
    const rank = new Map(order.map((n, i) => [n, i]));
    const next = [...this.sheets].sort((a, b) => (rank.get(a.name) ?? order.length + before.indexOf(a.name)) - (rank.get(b.name) ?? order.length + before.indexOf(b.name)));
    if (next.every((s, i) => s === this.sheets[i])) return;
    const newIndex = new Map(before.map((n, i) => [i, next.findIndex((s) => s.name === n)]));
    this.sheets.splice(0, this.sheets.length, ...next);
    const p = this.workbookPrefix;
    this.workbook = this.workbook
      .replace(new RegExp(`<${p}definedName\\b[^>]*>`, 'g'), (tag) => {
        const id = attr(tag, 'localSheetId');
        return id === undefined ? tag : setAttr(tag, 'localSheetId', String(newIndex.get(Number(id)) ?? id));
      })
      .replace(new RegExp(`<${p}workbookView\\b[^>]*>`), (tag) => {
        const active = attr(tag, 'activeTab');
        return active === undefined ? tag : setAttr(tag, 'activeTab', String(newIndex.get(Number(active)) ?? active));
      });
  }

  /** Declares a new part's content type (a drawing or chart part added beside a sheet). */
  addContentType(part: string, type: string): void {
    this.newOverrides.push(`<${rootPrefix(this.types)}Override PartName="/${escapeAttr(part)}" ContentType="${type}"/>`);
  }

  /** Drops a part's relationship and content type (xl/calcChain.xml after formulas were overwritten). */
  removePart(part: string): void {
    this.removedParts.add(part);
  }

  /** xl/workbook.xml as it will be written. */
  workbookXml(): string {
    const p = this.workbookPrefix;
    let xml = this.workbook;
    const c = new XmlCursor(xml);
    const inner = this.sheets.map((s) => s.tag).join('');
    while (c.next()) {
      if (c.name !== `${p}sheets` || c.is('close')) continue;
      const start = c.start;
      const open = c.is('empty') ? `${c.tag().slice(0, -2).replace(/\s+$/, '')}>` : c.tag();
      if (c.is('open')) c.skipElement();
      xml = xml.slice(0, start) + open + inner + `</${p}sheets>` + xml.slice(c.end);
      break;
    }
    // The active tab must be a visible one.
    return xml.replace(new RegExp(`<${p}workbookView\\b[^>]*>`), (tag) => {
      const visible = this.sheets.findIndex((s) => !this.hiddenNow.has(s.name));
      let t = tag;
      const active = Number(attr(t, 'activeTab') ?? 0);
      if (this.hiddenNow.has(this.sheets[active]?.name ?? '') && visible >= 0) t = setAttr(t, 'activeTab', String(visible));
      const first = Number(attr(t, 'firstSheet') ?? 0);
      if (this.hiddenNow.has(this.sheets[first]?.name ?? '') && visible >= 0 && attr(t, 'firstSheet') !== undefined) t = setAttr(t, 'firstSheet', String(visible));
      return t;
    });
  }

  relsXml(): string {
    let xml = this.rels;
    if (this.removedParts.size > 0) {
      const dir = this.workbookPart.slice(0, this.workbookPart.lastIndexOf('/') + 1);
      xml = xml.replace(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Relationship>)/g, (tag) => {
        const target = attr(tag, 'Target');
        return target && this.removedParts.has(resolve(dir, target)) ? '' : tag;
      });
    }
    const closing = `</${this.relsPrefix}Relationships>`;
    if (this.newRels.length === 0) return xml;
    if (xml.includes(closing)) return xml.replace(closing, this.newRels.join('') + closing);
    return xml.replace(/\/>\s*$/, `>${this.newRels.join('')}${closing}`);
  }

  typesXml(): string {
    let xml = this.types;
    const tp = rootPrefix(xml);
    if (this.removedParts.size > 0) {
      xml = xml.replace(/<(?:\w+:)?Override\b[^>]*?(?:\/>|>\s*<\/(?:\w+:)?Override>)/g, (tag) =>
        this.removedParts.has((attr(tag, 'PartName') ?? '').replace(/^\//, '')) ? '' : tag,
      );
    }
    if (this.newOverrides.length === 0) return xml;
    const closing = `</${tp}Types>`;
    return xml.replace(closing, this.newOverrides.join('') + closing);
  }

  /** Whether anything outside the sheets changed. */
  changed(): { workbook: boolean; rels: boolean; types: boolean } {
    const tagsChanged = this.workbookXml() !== this.workbook;
    return { workbook: tagsChanged, rels: this.newRels.length > 0 || this.removedParts.size > 0, types: this.newOverrides.length > 0 || this.removedParts.size > 0 };
  }
}

/** A relationship target as a package path (no leading slash). */
export function resolve(dir: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : dir + target;
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  const path2 = parts.join('/');
  try {
    return decodeURI(path2);
  } catch {
    return path2; // a stray % that is not an escape
  }
}
