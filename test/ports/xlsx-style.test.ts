/**
 * Issue 11, the look of the written .xlsx read back by a second library
 * (ExcelJS) and as XML: bold headers, number formats, wrapped text, tier
 * fills, the 运营看板's native charts — and the operator's parts unchanged.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { recompute, type RecomputeOptions } from '../../src/app/recompute.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { TIER_FILLS } from '../../src/core/run/plan-layout.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/operator-workbook.xlsx');
const SAMPLE = resolve(import.meta.dirname, '../../examples/members-sample.xlsx');
const ZH: RecomputeOptions = { now: new Date('2026-11-26T01:50:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' };
const NEXT_DAY: RecomputeOptions = { ...ZH, now: new Date('2026-11-27T01:50:00Z') };

async function excel(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A package's parts as text, with helpers to follow relationships. */
async function pkg(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const relsOf = (part: string) => part.replace(/([^/]+)$/, '_rels/$1.rels');
  const target = (from: string, t: string) => {
    const parts = (t.startsWith('/') ? t.slice(1) : from.replace(/[^/]+$/, '') + t).split('/');
    const out: string[] = [];
    for (const p of parts) p === '..' ? out.pop() : out.push(p);
    return out.join('/');
  };
  const book = await text('xl/workbook.xml');
  const bookRels = await text('xl/_rels/workbook.xml.rels');
  const sheetPart = (name: string) => {
    const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(book)![1];
    return target('xl/workbook.xml', new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*>`).exec(bookRels)![0].match(/Target="([^"]+)"/)![1]);
  };
  /** Targets of a part's relationships of one type. */
  const related = async (part: string, type: string) =>
    [...(await text(relsOf(part))).matchAll(/<Relationship\b[^>]*>/g)].filter((m) => m[0].includes(`/relationships/${type}"`)).map((m) => target(part, m[0].match(/Target="([^"]+)"/)![1]));
  return { zip, text, sheetPart, related, names: Object.keys(zip.files) };
}

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/**
 * The fixture without the operator's chart and comment: ExcelJS cannot open
 * the drawings and comments of the fixture as laid out (see xlsx-fidelity).
 */
async function fixtureForExcelJs(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await readFile(FIXTURE));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  zip.file('xl/worksheets/sheet1.xml', sheet.replace(/<drawing [^>]*\/>/, '').replace(/<legacyDrawing [^>]*\/>/, ''));
  for (const rels of ['xl/worksheets/_rels/sheet1.xml.rels', 'xl/drawings/_rels/drawing1.xml.rels']) zip.remove(rels);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('xlsx: cell looks read back with ExcelJS', () => {
  it('bold headers, dates, thousands, wrap with tall rows, tier fills; the operator’s cells and formats as they were', async () => {
    const original = await fixtureForExcelJs();
    const wb = await XlsxWorkbook.open(original);
    await recompute(wb, ZH);
    const bytes = wb.toBuffer();
    const before = await excel(original);
    const after = await excel(bytes);

    // 成员: Fenceng's header cells bold, the operator's header as it was.
    const members = after.getWorksheet('成员')!;
    const header = (members.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    const operatorWidth = (before.getWorksheet('成员')!.getRow(1).values as unknown[]).length - 1;
    for (const name of ['活跃层级', '贡献层级', '分层依据', '距下一层级', '积分余额']) {
      expect(col(name), name).toBeGreaterThan(operatorWidth);
      expect(members.getCell(1, col(name)).font?.bold, name).toBe(true);
    }
    for (let c = 1; c <= operatorWidth; c++) {
      expect(members.getCell(1, c).font?.bold ?? false, `operator header ${c}`).toBe(before.getWorksheet('成员')!.getCell(1, c).font?.bold ?? false);
    }
    // Every operator cell keeps its number format, font and fill.
    const beforeMembers = before.getWorksheet('成员')!;
    for (let r = 1; r <= 61; r++) {
      for (let c = 1; c <= operatorWidth; c++) {
        const [x, y] = [beforeMembers.getCell(r, c), members.getCell(r, c)];
        expect(y.numFmt, `${x.address} numFmt`).toEqual(x.numFmt);
        expect(y.font, `${x.address} font`).toEqual(x.font);
        expect(y.fill, `${x.address} fill`).toEqual(x.fill);
      }
    }

    // Tier columns filled by tier (highest green, lowest grey), dark default text.
    const activity = col('活跃层级');
    const fills = new Map<string, string>();
    for (let r = 2; r <= 61; r++) {
      const cell = members.getCell(r, activity);
      const fill = cell.fill as ExcelJS.FillPattern;
      expect(fill?.pattern, cell.address).toBe('solid');
      fills.set(String(cell.value), fill.fgColor!.argb!);
      expect(cell.font?.color?.argb ?? 'default', cell.address).not.toMatch(/^FF(F|E|D)/); // not light text
    }
    expect(fills.get('核心成员')).toBe(argb(TIER_FILLS[0]));
    expect(fills.get('沉默成员')).toBe(argb(TIER_FILLS.at(-1)!));
    expect(new Set(fills.values()).size).toBe(fills.size);
    expect(members.getCell(2, col('贡献层级')).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });

    // Long text wrapped from the top, rows tall enough for it; short columns not wrapped.
    const reason = col('分层依据');
    let tall = 0;
    for (let r = 2; r <= 61; r++) {
      expect(members.getCell(r, reason).alignment, `row ${r}`).toMatchObject({ wrapText: true, vertical: 'top' });
      if ((members.getRow(r).height ?? 15) > 15) tall++;
    }
    expect(tall).toBeGreaterThan(0);
    expect(members.getCell(2, activity).alignment?.wrapText ?? false).toBe(false);
    expect(members.getCell(2, col('积分余额')).numFmt).toBe('#,##0');

    // Fenceng's own sheets: bold header everywhere, formats in the workbook's conventions.
    for (const name of ['分层概览', '运营看板', '问题', '内容计划', '互动计划', '积分流水', '分层变动']) {
      const sheet = after.getWorksheet(name)!;
      expect(sheet.getCell('A1').font?.bold, name).toBe(true);
    }
    const plan = after.getWorksheet('互动计划')!;
    expect(plan.getCell('A2').value).toBeInstanceOf(Date);
    expect(plan.getCell('A2').numFmt).toBe('yyyy-mm-dd');
    const ledger = after.getWorksheet('积分流水')!;
    const pointsCol = (ledger.getRow(1).values as unknown[]).indexOf('积分');
    expect(ledger.getCell(2, pointsCol).numFmt).toBe('#,##0');
    // 运营看板: each block's title and header bold, its figures with separators, the note line plain.
    const dash = after.getWorksheet('运营看板')!;
    expect(dash.getCell('A2').font?.bold ?? false).toBe(false);
    expect(dash.getCell('A4').value).toBe('活跃层级人数');
    expect(dash.getCell('A4').font?.bold).toBe(true);
    expect(dash.getCell('B5').font?.bold).toBe(true);
    expect(dash.getCell('B6').numFmt).toBe('#,##0');
    expect(dash.getCell('A6').font?.bold ?? false).toBe(false);
  }, 60_000);

  it('styles.xml only grows: the operator’s fonts, fills, number formats and cell formats keep their places; re-runs add nothing', async () => {
    const original = await readFile(FIXTURE);
    const wb = await XlsxWorkbook.open(original);
    await recompute(wb, ZH);
    const once = wb.toBuffer();
    const styles0 = await (await pkg(original)).text('xl/styles.xml');
    const styles1 = await (await pkg(once)).text('xl/styles.xml');
    const children = (xml: string, section: string) => /<[^>]*>/.test(xml) ? [...(new RegExp(`<${section}\\b[^>]*>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? '').matchAll(/<(font|fill|xf|numFmt)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g)].map((m) => m[0]) : [];
    for (const section of ['numFmts', 'fonts', 'fills', 'cellXfs', 'cellStyleXfs', 'dxfs']) {
      const a = children(styles0, section);
      const b = children(styles1, section);
      expect(b.slice(0, a.length), section).toEqual(a);
      const count = new RegExp(`<${section} [^>]*count="(\\d+)"`).exec(styles1)?.[1];
      if (count !== undefined) expect(Number(count), `${section} count`).toBe(b.length);
    }
    expect(children(styles1, 'fonts').length).toBeGreaterThan(children(styles0, 'fonts').length);
    expect(children(styles1, 'fills').length).toBeGreaterThan(children(styles0, 'fills').length);
    // The same run again over its own output: the same styles part.
    await recompute(wb, ZH);
    expect(await (await pkg(wb.toBuffer())).text('xl/styles.xml')).toBe(styles1);
  }, 60_000);
});

describe('xlsx: row heights for wrapped text', () => {
  const long = '沉默成员：未满足更高层级的条件（默认层级）；观察者：未满足更高层级的条件（默认层级）';
  const layout = { columns: [{ index: 0, width: 8 }, { index: 1, width: 30, wrap: true }], boldHeader: true, freezeRows: 1 };
  const rowTags = async (wb: XlsxWorkbook, sheet: string) => {
    const p = await pkg(wb.toBuffer());
    return [...(await p.text(p.sheetPart(sheet))).matchAll(/<row [^>]*>/g)].map((m) => m[0]);
  };

  it('a row grows with the lines of its wrapped text, and shrinks back when a re-run writes less', async () => {
    const wb = await XlsxWorkbook.create([{ sheet: '成员', header: ['成员ID'], rows: [['M1']] }]);
    await wb.apply({ sheets: [{ kind: 'replace', sheet: '说明', rows: [['ID', '分层依据'], ['a', long], ['b', '短']], layout }] });
    let rows = await rowTags(wb, '说明');
    // 84 characters wide in a 30-wide column: three lines of 15 points.
    expect(rows[1]).toBe('<row r="2" ht="45">');
    expect(rows[2]).toBe('<row r="3">');
    await wb.apply({ sheets: [{ kind: 'replace', sheet: '说明', rows: [['ID', '分层依据'], ['a', '短'], ['b', `${long}\n${long}`]], layout }] });
    rows = await rowTags(wb, '说明');
    expect(rows[1]).toBe('<row r="2">');
    expect(rows[2]).toBe('<row r="3" ht="90">');
  });

  it('a height set by hand stays', async () => {
    const wb = await XlsxWorkbook.create([{ sheet: '成员', header: ['成员ID', '备注'], rows: [['M1', 'x'], ['M2', 'y']] }]);
    const zip = await JSZip.loadAsync(wb.toBuffer());
    const part = (await pkg(wb.toBuffer())).sheetPart('成员');
    const xml = (await zip.file(part)!.async('string')).replace('<row r="2"', '<row r="2" ht="40" customHeight="1"');
    zip.file(part, xml);
    const handSet = await XlsxWorkbook.open(await zip.generateAsync({ type: 'nodebuffer' }));
    await handSet.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 2, header: '分层依据', values: [long, long] }], layout: { columns: [{ index: 2, width: 30, wrap: true }], boldHeader: true } }] });
    const rows = await rowTags(handSet, '成员');
    expect(rows[1]).toMatch(/ht="40"/);
    expect(rows[2]).toMatch(/ht="45"/);
  });
});

describe('xlsx: native charts in the local 运营看板', () => {
  it('one chart part per dashboard chart, wired sheet → drawing → charts, reading the blocks’ cells; replaced, not stacked, on re-runs', async () => {
    const original = await readFile(FIXTURE);
    const wb = await XlsxWorkbook.open(original);
    await recompute(wb, ZH);
    const check = async (bytes: Buffer) => {
      const p = await pkg(bytes);
      const part = p.sheetPart('运营看板');
      const sheetXml = await p.text(part);
      const drawings = await p.related(part, 'drawing');
      expect(drawings).toHaveLength(1);
      const rid = /<drawing [^>]*r:id="([^"]+)"/.exec(sheetXml)![1];
      expect(await p.text(part.replace(/([^/]+)$/, '_rels/$1.rels'))).toContain(`Id="${rid}"`);
      // <drawing> after pageMargins, in the worksheet's schema order.
      expect(sheetXml.indexOf('<pageMargins')).toBeLessThan(sheetXml.indexOf('<drawing'));
      const charts = await p.related(drawings[0], 'chart');
      const types = await p.text('[Content_Types].xml');
      for (const name of [drawings[0], ...charts]) expect(types, name).toContain(`PartName="/${name}"`);
      const xml = await Promise.all(charts.map((c) => p.text(c)));
      return { p, charts, xml, drawing: await p.text(drawings[0]) };
    };
    const first = await check(wb.toBuffer());
    // Columns (tier counts), pies (contribution, activity mix), the trend line, points and the stacked plan load.
    expect(first.charts.length).toBeGreaterThanOrEqual(5);
    expect(first.xml.some((x) => x.includes('<c:pieChart>'))).toBe(true);
    expect(first.xml.some((x) => x.includes('<c:lineChart>'))).toBe(true);
    expect(first.xml.some((x) => x.includes('<c:grouping val="stacked"/>'))).toBe(true);
    // The first chart reads the 活跃层级人数 block: categories A6:A8 (the tiers), values B6:B8, name B5.
    const table = wb.read('运营看板')!;
    const dash = { getCell: (ref: string) => ({ value: ref === 'A1' ? table.header[0] : (table.rows[Number(ref.slice(1)) - 2]?.[ref.charCodeAt(0) - 65] ?? null) }) };
    const activity = first.xml.find((x) => x.includes('<a:t>活跃层级人数</a:t>'))!;
    const [cat, val, name] = [/<c:cat><c:strRef><c:f>([^<]+)</, /<c:val><c:numRef><c:f>([^<]+)</, /<c:tx><c:strRef><c:f>([^<]+)</].map((re) => re.exec(activity)![1]);
    expect(cat).toBe("'运营看板'!$A$6:$A$8");
    expect(val).toBe("'运营看板'!$B$6:$B$8");
    expect(name).toBe("'运营看板'!$B$5");
    expect([6, 7, 8].map((r) => dash.getCell(`A${r}`).value)).toEqual(['核心成员', '潜力成员', '沉默成员']);
    expect([6, 7, 8].map((r) => dash.getCell(`B${r}`).value).reduce((a, b) => Number(a) + Number(b), 0)).toBe(60);
    expect(dash.getCell('B5').value).toBe('人数');
    // Anchored beside its block (column G, the block's title row), clear of the tables in A–E.
    expect(first.drawing).toMatch(/<xdr:from><xdr:col>6<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>3<\/xdr:row>/);
    // The operator's own chart on 成员 is untouched.
    const op = await pkg(original);
    expect(await first.p.text('xl/charts/chart1.xml')).toBe(await op.text('xl/charts/chart1.xml'));
    expect(first.charts).not.toContain('xl/charts/chart1.xml');

    await recompute(wb, NEXT_DAY);
    const again = await check(wb.toBuffer());
    expect(again.charts).toHaveLength(first.charts.length);
    // The first run's parts are gone: no orphan drawings or charts.
    const chartParts = again.p.names.filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(chartParts).toHaveLength(first.charts.length + 1);
    expect(again.p.names.filter((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(2);
    const types = await again.p.text('[Content_Types].xml');
    for (const c of first.charts.filter((c) => !again.charts.includes(c))) expect(types).not.toContain(`PartName="/${c}"`);
    // The trend line now has two days.
    const trend = again.xml.find((x) => x.includes('<c:lineChart>'))!;
    const range = /<c:cat><c:strRef><c:f>'运营看板'!\$A\$(\d+):\$A\$(\d+)</.exec(trend)!;
    expect(Number(range[2]) - Number(range[1]) + 1).toBe(2);
  }, 60_000);

  it('the sample: admin sheets’ tier columns filled, every chart reference inside the dashboard’s cells', async () => {
    const wb = await XlsxWorkbook.open(SAMPLE);
    await recompute(wb, ZH);
    const bytes = wb.toBuffer();
    const book = await excel(bytes);
    const admin = book.worksheets.find((s) => s.name.startsWith('分配-'))!;
    const header = (admin.getRow(1).values as unknown[]).map(String);
    for (const name of ['活跃层级', '贡献层级']) {
      const cell = admin.getCell(2, header.indexOf(name));
      expect(cell.fill, `${admin.name}!${name}`).toMatchObject({ type: 'pattern', pattern: 'solid' });
      expect(TIER_FILLS.map(argb)).toContain((cell.fill as ExcelJS.FillPattern).fgColor!.argb);
    }
    expect(admin.getCell('A1').font?.bold).toBe(true);
    const p = await pkg(bytes);
    const [drawing] = await p.related(p.sheetPart('运营看板'), 'drawing');
    const dash = book.getWorksheet('运营看板')!;
    for (const chart of await p.related(drawing, 'chart')) {
      const xml = await p.text(chart);
      for (const m of xml.matchAll(/<c:f>'运营看板'!\$([A-Z]+)\$(\d+)(?::\$([A-Z]+)\$(\d+))?<\/c:f>/g)) {
        const [from, to] = [Number(m[2]), Number(m[4] ?? m[2])];
        for (let r = from; r <= to; r++) expect(dash.getCell(`${m[1]}${r}`).value, `${chart} ${m[0]}`).not.toBeNull();
      }
    }
  }, 60_000);
});
