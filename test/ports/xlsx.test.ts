import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import type * as SheetJS from '@e965/xlsx';
import type { CellValue, Table } from '../../src/core/base/table.js';
import type { WorkbookPatch } from '../../src/core/base/patch.js';
import { wallClockOfExcelSerial } from '../../src/core/base/time.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { describePortContract } from './port-contract.js';

// Lets one test make the final rename of an atomic save fail (as when Excel holds the file on Windows).
const failRename = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: (from: string, to: string) =>
      failRename.on ? Promise.reject(Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' })) : fs.rename(from, to),
  };
});

const XLSX: typeof SheetJS = createRequire(import.meta.url)('@e965/xlsx');
const FIXTURE = fileURLToPath(new URL('../fixtures/operator-workbook.xlsx', import.meta.url));

/** The `state` of each sheet tag in xl/workbook.xml, by sheet name. */
async function sheetStates(bytes: Buffer): Promise<Map<string, string | undefined>> {
  const book = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
  const out = new Map<string, string | undefined>();
  for (const [tag] of book.matchAll(/<sheet\b[^>]*>/g)) out.set(/\bname="([^"]*)"/.exec(tag)![1], /\bstate="([^"]*)"/.exec(tag)?.[1]);
  return out;
}

/** The contract, on a workbook built by `create` and round-tripped through bytes. */
describePortContract(
  'XlsxWorkbook',
  async (initial) => {
    const tables: Table[] = Object.entries(initial).map(([sheet, grid]) => ({
      sheet,
      header: (grid[0] ?? []).map((h) => (h == null ? '' : String(h))),
      rows: grid.slice(1),
    }));
    const created = await XlsxWorkbook.create(tables);
    return XlsxWorkbook.open(Buffer.from(created.toBuffer()));
  },
  // Hidden as Excel sees it: the sheet's state in the saved package.
  { isHidden: async (port, sheet) => (await sheetStates((port as XlsxWorkbook).toBuffer())).get(sheet) === 'hidden' },
);

const day = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

/** The fixture with some parts rewritten, for the odd files real tools produce. */
async function fixtureWith(edits: Record<string, (xml: string) => string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await readFile(FIXTURE));
  for (const [path, edit] of Object.entries(edits)) {
    const xml = await zip.file(path)!.async('string');
    const next = edit(xml);
    expect(next, `edit of ${path} changed nothing`).not.toBe(xml);
    zip.file(path, next);
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

/** Resolve a workbook part the way Excel does: workbook.xml → rels → part. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const tag = [...book.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${name}"`));
  const id = /r:id="([^"]+)"/.exec(tag ?? '')?.[1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`Id="${id}"`));
  const target = /Target="([^"]+)"/.exec(rel ?? '')![1];
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The relationships of a part, as type → absolute target. */
async function relsOf(zip: JSZip, part: string): Promise<Map<string, { id: string; target: string }>> {
  const dir = part.slice(0, part.lastIndexOf('/'));
  const xml = await zip.file(`${dir}/_rels/${part.slice(dir.length + 1)}.rels`)!.async('string');
  const out = new Map<string, { id: string; target: string }>();
  for (const [tag] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const type = /Type="[^"]*\/([^/"]+)"/.exec(tag)![1];
    const id = /Id="([^"]+)"/.exec(tag)![1];
    let target = /Target="([^"]+)"/.exec(tag)![1];
    if (target.startsWith('/')) target = target.slice(1);
    else for (target = `${dir}/${target}`; /[^/]+\/\.\.\//.test(target); ) target = target.replace(/[^/]+\/\.\.\//, '');
    out.set(type, { id, target });
  }
  return out;
}

/** Number formats as SheetJS sees them, by cell address. */
function formatsOf(bytes: Buffer, sheet: string): (address: string) => string | undefined {
  const wb = XLSX.read(bytes, { type: 'buffer', cellNF: true });
  return (a) => wb.Sheets[sheet][a]?.z as string | undefined;
}

const MEMBER_HEADER = ['成员ID', '昵称', '抖音号', '入群日期', '最近活跃', '近30天评论', '近30天点赞', '近30天转发', '近30天发布', '近30天获赞', '直播观看分钟', '备注', '跟进状态'];

function managedPatch(rows: number): WorkbookPatch {
  const idx = [...Array(rows).keys()];
  return {
    sheets: [
      {
        kind: 'columns',
        sheet: '成员',
        columns: [
          { index: 13, header: '分层', values: idx.map((i) => (i % 3 === 0 ? '核心' : i % 3 === 1 ? '活跃' : '沉默')) },
          { index: 14, header: '分层得分', values: idx.map((i) => i * 1.5) },
          { index: 15, header: '分层日期', values: idx.map(() => day(2026, 3, 29)) },
          { index: 16, header: '上次变动', values: idx.map((i) => (i % 2 ? day(2026, 3, 28, 9, 30) : null)) },
          { index: 17, header: '分层说明', values: idx.map((i) => `评论 ${i}`) },
        ],
      },
      { kind: 'replace', sheet: '分层概览', rows: [['层级', '人数'], ['核心', 20], ['活跃', 20], ['沉默', 20]] },
      { kind: 'replace', sheet: '问题', rows: [['行', '问题'], [5, '入群日期无法识别']] },
    ],
  };
}

describe('XlsxWorkbook on the operator fixture', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenceng-xlsx-'));
  });
  afterEach(async () => {
    failRename.on = false;
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the member sheet with dates as wall-clock Dates', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    expect(wb.sheetNames()).toEqual(['成员', '运营笔记']);
    const t = wb.read('成员')!;
    expect(t.header).toEqual(MEMBER_HEADER);
    expect(t.rows).toHaveLength(60);
    expect(t.rows[0].slice(0, 3)).toEqual(['M00001', '成员1', 'dy1001']);
    // D2 is 46245 formatted yyyy/m/d, E2 46345 formatted yyyy-mm-dd.
    expect(t.rows[0][3]).toEqual(day(2026, 8, 11));
    expect(t.rows[0][4]).toEqual(day(2026, 11, 19));
    expect(t.rows.every((r) => r[3] instanceof Date && r[4] instanceof Date)).toBe(true);
    expect(t.rows[0].slice(5, 11)).toEqual([1, 3, 0, 0, 10, 1]);
    expect(t.rows[0][11]).toBeNull(); // 备注: empty inline string
    expect(t.rows[0][12]).toBe('待跟进');
    expect(t.rows[59][0]).toBe('M00060');
    // A formula without a cached value reads as empty.
    expect(wb.read('运营笔记')).toEqual({ sheet: '运营笔记', header: ['本周重点'], rows: [[null, '名成员']] });
  });

  it('reading a sheet again gives the same table afresh: what a caller changed in the first is not in the second', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const first = wb.read('成员')!;
    const expected = structuredClone(first);
    first.rows[0][0] = 'changed';
    first.rows.pop();
    first.header.push('extra');
    const second = wb.read('成员')!;
    expect(second).toEqual(expected);
    expect(second.rows).not.toBe(first.rows);
    expect(wb.read('没有这个表')).toBeUndefined();
  });

  it('writes managed columns and new sheets and keeps everything the operator made', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    await wb.apply(managedPatch(60));
    const out = join(dir, 'out.xlsx');
    await wb.save(out);
    const bytes = await readFile(out);
    const zip = await JSZip.loadAsync(bytes);

    const members = await sheetPart(zip, '成员');
    const sheet1 = await zip.file(members)!.async('string');
    const rels = await relsOf(zip, members);

    // Chart: sheet → drawing → chart, all still wired.
    const drawing = rels.get('drawing')!;
    expect(sheet1).toMatch(new RegExp(`<drawing [^>]*r:id="${drawing.id}"`));
    expect((await relsOf(zip, drawing.target)).get('chart')!.target).toBe('xl/charts/chart1.xml');
    expect(await zip.file('xl/charts/chart1.xml')!.async('string')).toMatch(/<barChart>[\s\S]*'成员'!\$F\$2:\$F\$61/);

    // Data validation, conditional formatting, frozen header row.
    expect(sheet1).toMatch(/<dataValidation [^>]*sqref="M2:M200"[^>]*>\s*<formula1>"待跟进,已联系,勿打扰"<\/formula1>/);
    expect(sheet1).toMatch(/<conditionalFormatting sqref="F2:F200"><cfRule [^>]*type="cellIs"[^>]*operator="greaterThan"[^>]*><formula>30<\/formula>/);
    expect(sheet1).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);

    // The comment on F1 and its VML shape.
    const comments = await zip.file(rels.get('comments')!.target)!.async('string');
    expect(comments).toMatch(/<comment [^>]*ref="F1"/);
    expect(comments).toContain('近30天在群内的评论数');
    const vml = rels.get('vmlDrawing')!;
    expect(sheet1).toMatch(new RegExp(`<legacyDrawing [^>]*r:id="${vml.id}"`));
    expect(await zip.file(vml.target)!.async('string')).toMatch(/ObjectType="Note"[\s\S]*:Row>0<\/\w+:Row><\w+:Column>5</);

    // Column B's width, the formula on the second sheet.
    expect(sheet1).toMatch(/<col (?=[^>]*min="2")(?=[^>]*max="2")(?=[^>]*width="18")[^>]*\/>/);
    const notes = await zip.file(await sheetPart(zip, '运营笔记'))!.async('string');
    expect(notes).toContain('<f>COUNTA(成员!A2:A200)</f>');

    // Date formats on D/E as the operator set them; new date columns got date formats too.
    const fmt = formatsOf(bytes, '成员');
    expect(fmt('D2')).toBe('yyyy/m/d');
    expect(fmt('E2')).toBe('yyyy-mm-dd');
    expect(fmt('P2')).toBe('yyyy-mm-dd');
    expect(fmt('Q3')).toBe('yyyy-mm-dd hh:mm');

    // The data, through the adapter again.
    const back = await XlsxWorkbook.open(out);
    expect(back.sheetNames()).toEqual(['成员', '运营笔记', '分层概览', '问题']);
    const t = back.read('成员')!;
    expect(t.header).toEqual([...MEMBER_HEADER, '分层', '分层得分', '分层日期', '上次变动', '分层说明']);
    expect(t.rows).toHaveLength(60);
    expect(t.rows[0].slice(0, 5)).toEqual(['M00001', '成员1', 'dy1001', day(2026, 8, 11), day(2026, 11, 19)]);
    expect(t.rows[0][11]).toBeNull();
    expect(t.rows[0][12]).toBe('待跟进');
    expect(t.rows[1][12]).toBe('已联系');
    expect(t.rows[0].slice(13)).toEqual(['核心', 0, day(2026, 3, 29), null, '评论 0']);
    expect(t.rows[1].slice(13)).toEqual(['活跃', 1.5, day(2026, 3, 29), day(2026, 3, 28, 9, 30), '评论 1']);
    expect(back.read('分层概览')!.rows).toEqual([['核心', 20], ['活跃', 20], ['沉默', 20]]);
    expect(back.read('问题')!.rows).toEqual([[5, '入群日期无法识别']]);
  });

  it('applying the same patch twice gives one set of managed columns and one of each sheet', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    await wb.apply(managedPatch(60));
    const once = wb.read('成员')!;
    await wb.apply(managedPatch(60));
    const twice = wb.read('成员')!;
    expect(twice.header).toHaveLength(18);
    expect(twice).toEqual(once);
    expect(wb.sheetNames()).toEqual(['成员', '运营笔记', '分层概览', '问题']);
    expect(wb.read('分层概览')!.rows).toHaveLength(3);
    // No new cell format per written date: a run adds at most a couple of styles.
    const xfs = async (b: Buffer) => {
      const styles = await (await JSZip.loadAsync(b)).file('xl/styles.xml')!.async('string');
      return styles.match(/<xf /g)!.length;
    };
    expect((await xfs(wb.toBuffer())) - (await xfs(await readFile(FIXTURE)))).toBeLessThanOrEqual(4);
    // New styles carry the default font and no fill: an empty <font/> shows as serif in LibreOffice
    // and an empty <fill/> makes openpyxl (pandas) refuse the file.
    const styles = await (await JSZip.loadAsync(wb.toBuffer())).file('xl/styles.xml')!.async('string');
    expect(styles).not.toMatch(/<font\/>|<fill\/>|<font><\/font>|<fill><\/fill>/);
  });

  it('a number written over a date-formatted cell reads back as a number; a date keeps the operator format', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const joined = wb.read('成员')!.rows.map((r) => r[3]);
    const values = [7, 'x', true, ...joined.slice(3)];
    await wb.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 3, header: '入群日期', values }] }] });
    expect(wb.read('成员')!.rows.map((r) => r[3])).toEqual(values);
    const fmt = formatsOf(wb.toBuffer(), '成员');
    expect(fmt('D2')).toBe('General');
    expect(fmt('D5')).toBe('yyyy-mm-dd');
  });

  it('changes nothing when a patch fails part-way', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const bytes = wb.toBuffer();
    const bad = (sheet: WorkbookPatch['sheets'][number]): WorkbookPatch => ({ sheets: [managedPatch(60).sheets[0], sheet] });
    await expect(wb.apply(bad({ kind: 'columns', sheet: '没有', columns: [] }))).rejects.toThrow('没有工作表「没有」 / No sheet "没有"');
    await expect(wb.apply(bad({ kind: 'replace', sheet: '坏[名]', rows: [] }))).rejects.toThrow(/Invalid sheet name/);
    await expect(wb.apply(bad({ kind: 'replace', sheet: '数', rows: [[Number.NaN]] }))).rejects.toThrow(/数!A1/);
    await expect(wb.apply(bad({ kind: 'replace', sheet: '日', rows: [['x', new Date(Number.NaN)]] }))).rejects.toThrow(/日!B1/);
    expect(wb.toBuffer()).toBe(bytes);
    expect(wb.read('成员')!.header).toEqual(MEMBER_HEADER);
  });

  it('hides a state sheet, keeps it through save and open, and moves the active tab off a sheet it hides', async () => {
    // The operator left the notes tab active; hiding it must not leave Excel on a hidden tab.
    const bytes = await fixtureWith({ 'xl/workbook.xml': (x) => x.replace('activeTab="0"', 'activeTab="1"') });
    const wb = await XlsxWorkbook.open(bytes);
    await wb.apply({
      sheets: [
        ...managedPatch(60).sheets,
        { kind: 'replace', sheet: '运营笔记', rows: [['规则版本'], ['v3']], hidden: true },
        { kind: 'replace', sheet: '分层状态', rows: [['成员ID', '上次分层'], ['M00001', '核心']], hidden: true },
      ],
    });
    const out = join(dir, 'hidden.xlsx');
    await wb.save(out);
    const saved = await readFile(out);
    expect(Object.fromEntries(await sheetStates(saved))).toEqual({ 成员: 'visible', 运营笔记: 'hidden', 分层概览: undefined, 问题: undefined, 分层状态: 'hidden' });
    const zip = await JSZip.loadAsync(saved);
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<workbookView [^>]*activeTab="0"/);
    expect(await zip.file(await sheetPart(zip, '运营笔记'))!.async('string')).not.toMatch(/tabSelected="1"/);
    const back = await XlsxWorkbook.open(out);
    expect(back.sheetNames()).toEqual(['成员', '运营笔记', '分层概览', '问题', '分层状态']);
    expect(back.read('分层状态')!.rows).toEqual([['M00001', '核心']]);
    expect(back.read('成员')!.rows[0][13]).toBe('核心');
  });

  it('runs concurrent applies one after the other', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const one = (index: number, header: string): WorkbookPatch => ({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index, header, values: [] }] }] });
    await Promise.all([wb.apply(one(13, '甲')), wb.apply(one(14, '乙')), wb.apply(one(15, '丙'))]);
    expect(wb.read('成员')!.header.slice(13)).toEqual(['甲', '乙', '丙']);
  });
});

describe('XlsxWorkbook on files other tools write', () => {
  it('loads empty inline strings in every spelling and keeps inline text that looks like a number', async () => {
    const bytes = await fixtureWith({
      'xl/worksheets/sheet1.xml': (x) =>
        x
          .replace('<c r="L2" t="inlineStr" />', '<c r="L2" t="inlineStr"><is/></c>')
          .replace('<c r="L3" t="inlineStr" />', '<c r="L3" t="inlineStr"><is></is></c>')
          .replace('<c r="L4" t="inlineStr" />', "<c r='L4' s='0' t='inlineStr'/>")
          .replace('<c r="L5" t="inlineStr" />', '<c r="L5" t="inlineStr"><is><t/></is></c>')
          .replace('<t>dy1001</t>', '<t>1001</t>')
          .replace('<t>dy1002</t>', '<t>00123</t>')
          .replace('<t>成员3</t>', '<r><t>成员</t></r><r><rPr><b/></rPr><t>3</t></r>'),
    });
    const wb = await XlsxWorkbook.open(bytes);
    await wb.apply(managedPatch(60));
    const t = wb.read('成员')!;
    expect(t.rows.slice(0, 5).map((r) => r[11])).toEqual([null, null, null, null, null]);
    expect(t.rows[0][2]).toBe('1001');
    expect(t.rows[1][2]).toBe('00123');
    expect(t.rows[2][1]).toBe('成员3');
    expect(t.rows[0][13]).toBe('核心');
  });

  it.each([
    ['after custom formats', (x: string) => x],
    ['with a bare <numFmts> list', (x: string) => x.replace('<numFmts count="2">', '<numFmts>')],
    ['with no <numFmts> list', (x: string) => x.replace(/<numFmts[\s\S]*<\/numFmts>/, '')],
  ])('reads the built-in Chinese date formats (ids 27–36, 50–58) as dates, %s', async (_, variant) => {
    const bytes = await fixtureWith({
      'xl/styles.xml': (x) => variant(x.replace('<xf numFmtId="165"', '<xf numFmtId="31"').replace('<xf numFmtId="164"', '<xf numFmtId="58"')),
    });
    const wb = await XlsxWorkbook.open(bytes);
    const first = wb.read('成员')!.rows[0];
    expect(first[3]).toEqual(day(2026, 8, 11));
    expect(first[4]).toEqual(day(2026, 11, 19));
    await wb.apply(managedPatch(60));
    expect(wb.read('成员')!.rows[0].slice(3, 5)).toEqual([day(2026, 8, 11), day(2026, 11, 19)]);
    // Reading never rewrites the operator's styles.
    const styles = await (await JSZip.loadAsync(wb.toBuffer())).file('xl/styles.xml')!.async('string');
    expect(styles).not.toMatch(/<numFmt [^>]*numFmtId="31"/);
  });

  it('honours the 1904 date system both ways', async () => {
    const bytes = await fixtureWith({ 'xl/workbook.xml': (x) => x.replace('<workbookPr />', '<workbookPr date1904="1"/>') });
    const wb = await XlsxWorkbook.open(bytes);
    expect(wb.read('成员')!.rows[0][3]).toEqual(wallClockOfExcelSerial(46245 + 1462));
    await wb.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 13, header: 'd', values: [day(2026, 3, 29)] }] }] });
    expect(wb.read('成员')!.rows[0][13]).toEqual(day(2026, 3, 29));
  });

  it('writes each tab into its own part when tab order and sheet part names disagree', async () => {
    const bytes = await fixtureWith({
      'xl/workbook.xml': (x) => x.replace(/(<sheet name="成员"[^>]*\/>)(<sheet name="运营笔记"[^>]*\/>)/, '$2$1'),
    });
    const wb = await XlsxWorkbook.open(bytes);
    expect(wb.sheetNames()).toEqual(['运营笔记', '成员']);
    expect(wb.read('成员')!.header).toEqual(MEMBER_HEADER);
    await wb.apply(managedPatch(60));
    expect(wb.sheetNames()).toEqual(['运营笔记', '成员', '分层概览', '问题']);
    expect(wb.read('成员')!.header).toEqual([...MEMBER_HEADER, '分层', '分层得分', '分层日期', '上次变动', '分层说明']);
    expect(wb.read('运营笔记')).toEqual({ sheet: '运营笔记', header: ['本周重点'], rows: [[null, '名成员']] });
  });

  it('rejects bytes that are not an .xlsx package', async () => {
    await expect(XlsxWorkbook.open(Buffer.from('成员ID,昵称\nM1,甲\n'))).rejects.toThrow(/Not an \.xlsx file/);
  });
});

describe('XlsxWorkbook.create and read', () => {
  const table = (sheet: string, header: string[], rows: CellValue[][]): Table => ({ sheet, header, rows });

  it('creates sheets in the given order, even one named Sheet1', async () => {
    const wb = await XlsxWorkbook.create([table('成员', ['a'], [[1]]), table('Sheet1', ['b'], [[2]]), table('问题', ['c'], [])]);
    expect(wb.sheetNames()).toEqual(['成员', 'Sheet1', '问题']);
    expect(wb.read('Sheet1')).toEqual({ sheet: 'Sheet1', header: ['b'], rows: [[2]] });
    expect(wb.read('问题')).toEqual({ sheet: '问题', header: ['c'], rows: [] });
    expect((await XlsxWorkbook.create([])).sheetNames()).toEqual(['Sheet1']);
  });

  it('pads rows to the header, keeps wider rows, drops trailing blank rows', async () => {
    const wb = await XlsxWorkbook.create([
      table('成员', ['ID', '名', '分'], [['M1'], ['M2', null, 3, '多出来', 5], [null], ['M4', '丁'], [null, null], [null]]),
    ]);
    expect(wb.read('成员')!.rows).toEqual([
      ['M1', null, null],
      ['M2', null, 3, '多出来', 5],
      [null, null, null],
      ['M4', '丁', null],
    ]);
  });
});

describe('XlsxWorkbook.save', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenceng-save-'));
  });
  afterEach(async () => {
    failRename.on = false;
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces an existing file with the new bytes and leaves no temp file', async () => {
    const target = join(dir, 'book.xlsx');
    await writeFile(target, 'old');
    const wb = await XlsxWorkbook.open(FIXTURE);
    await wb.apply(managedPatch(60));
    await wb.save(target);
    expect((await readFile(target)).equals(wb.toBuffer())).toBe(true);
    expect(await readdir(dir)).toEqual(['book.xlsx']);
  });

  it('leaves the existing file byte-identical when the final rename fails', async () => {
    const target = join(dir, 'book.xlsx');
    const original = await readFile(FIXTURE);
    await writeFile(target, original);
    const wb = await XlsxWorkbook.open(FIXTURE);
    await wb.apply(managedPatch(60));
    failRename.on = true;
    await expect(wb.save(target)).rejects.toThrow(/正被其他程序使用.*in use by another program/);
    expect((await readFile(target)).equals(original)).toBe(true);
    expect(await readdir(dir)).toEqual(['book.xlsx']);
  });

  it('fails cleanly when the directory does not exist', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    await expect(wb.save(join(dir, 'missing', 'book.xlsx'))).rejects.toThrow(/不存在.*does not exist/);
    expect(await readdir(dir)).toEqual([]);
  });
});
