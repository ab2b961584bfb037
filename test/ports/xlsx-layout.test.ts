/**
 * Issue 11 in the written .xlsx: read the file back and check what an
 * operator sees when opening it (tab order here; layout hints below).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recompute, type RecomputeOptions } from '../../src/app/recompute.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { firstRunTabs } from '../app/ops-sheets.js';
import JSZip from 'jszip';

/** Each sheet's worksheet XML and the styles part of a package, by tab name. */
async function parts(bytes: Buffer): Promise<{ sheet: (name: string) => string; xf: (s: number) => string; numFmt: (id: number) => string | undefined }> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const styles = await zip.file('xl/styles.xml')!.async('string');
  const byName = new Map<string, string>();
  for (const m of book.matchAll(/<sheet\b[^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`<Relationship\\b[^>]*Id="${m[2]}"[^>]*>`).exec(rels)![0].match(/Target="([^"]+)"/)![1].replace(/^\/?(xl\/)?/, '');
    byName.set(m[1], await zip.file(`xl/${target}`)!.async('string'));
  }
  const xfs = [...styles.replace(/<cellStyleXfs[\s\S]*?<\/cellStyleXfs>/, '').matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  return {
    sheet: (name) => byName.get(name)!,
    xf: (i) => xfs[i],
    numFmt: (id) => [...styles.matchAll(/<numFmt\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`numFmtId="${id}"`))?.match(/formatCode="([^"]+)"/)?.[1],
  };
}

const FIXTURE = resolve(import.meta.dirname, '../fixtures/operator-workbook.xlsx');
const ZH: RecomputeOptions = { now: new Date('2026-11-26T01:50:00Z'), timeZone: 'Asia/Shanghai', locale: 'zh' };

describe('xlsx: tab order', () => {
  it('the operator’s sheets first, then overview and dashboard …; a hand-set order survives re-runs', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    await recompute(wb, ZH);
    const reopened = await XlsxWorkbook.open(wb.toBuffer());
    expect(reopened.sheetNames()).toEqual(firstRunTabs('zh', ['成员', '运营笔记']));
    // The operator moves 运营看板 in front of everything (a patch that only reorders, as Excel would save it).
    const byHand = ['运营看板', ...reopened.sheetNames().filter((s) => s !== '运营看板')];
    await reopened.apply({ sheets: [], order: byHand });
    await recompute(reopened, { ...ZH, now: new Date('2026-11-27T01:50:00Z') });
    const again = await XlsxWorkbook.open(reopened.toBuffer());
    expect(again.sheetNames()).toEqual(byHand);
    // Cells still belong to their tabs after the parts were renumbered.
    expect(again.read('成员')!.header[0]).toBe('成员ID');
    expect(again.read('运营看板')!.header.join('')).toContain('运营看板');
  }, 60_000);
});

describe('xlsx: layout read back from the written file', () => {
  it('widths, frozen headers, filters over the list, dates as dates; the operator’s columns untouched', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const beforeParts = await parts(wb.toBuffer());
    const result = await recompute(wb, ZH);
    const p = await parts(wb.toBuffer());
    const colWidth = (xml: string, n: number) => Number(new RegExp(`<col min="${n}" max="${n}" width="([\\d.]+)"`).exec(xml)?.[1] ?? new RegExp(`<col [^>]*min="${n}"[^>]*width="([\\d.]+)"`).exec(xml)?.[1]);
    const styleOf = (xml: string, ref: string) => Number(new RegExp(`<c r="${ref}"[^>]*?\\ss="(\\d+)"`).exec(xml)?.[1] ?? 0);

    // 成员: the operator's <cols>, pane and filter as they were; the managed columns get widths.
    const members = p.sheet('成员');
    const header = wb.read('成员')!.header;
    const reason = header.indexOf('分层依据') + 1;
    expect(colWidth(members, reason)).toBeGreaterThanOrEqual(40);
    const before = beforeParts.sheet('成员');
    for (const tag of ['<sheetViews>', '<autoFilter']) expect(members.includes(tag), tag).toBe(before.includes(tag));
    const colsOf = (xml: string) => [...xml.matchAll(/<col [^>]*>/g)].map((m) => ['min', 'max', 'width'].map((a) => new RegExp(`\\b${a}="([^"]+)"`).exec(m[0])?.[1]).join(':'));
    const opCols = colsOf(before);
    expect(opCols.length).toBeGreaterThan(0);
    for (const c of opCols) expect(colsOf(members), c).toContain(c);
    expect(members).not.toMatch(/<autoFilter/);

    // 问题: frozen header and a filter over every issue row.
    const issues = p.sheet('问题');
    const pane = /<pane [^>]*>/.exec(issues)?.[0] ?? '';
    expect(pane).toContain('ySplit="1"');
    expect(pane).toContain('state="frozen"');
    expect(issues).toContain(`<autoFilter ref="A1:G${result.issues.length + 1}"/>`);

    // 互动计划: dates shown as dates in a column wide enough (no ###).
    const interactions = p.sheet('互动计划');
    const dateXf = p.xf(styleOf(interactions, 'A2'));
    const fmtId = Number(/numFmtId="(\d+)"/.exec(dateXf)![1]);
    expect(p.numFmt(fmtId)).toBe('yyyy-mm-dd');
    expect(colWidth(interactions, 1)).toBeGreaterThanOrEqual(10.7);
    // 内容计划: the filter stops above the gaps table.
    const plan = p.sheet('内容计划');
    const planned = result.operations.summary.content.planned;
    expect(plan).toMatch(new RegExp(`<autoFilter ref="A1:J${planned + 1}"/>`));

    // 分层概览 and 运营看板: frozen, no filter.
    for (const name of ['分层概览', '运营看板']) {
      expect(p.sheet(name), name).toMatch(/state="frozen"/);
      expect(p.sheet(name), name).not.toMatch(/<autoFilter/);
    }
  }, 60_000);
});


describe('xlsx: the operator’s chart stays clear of the appended columns', () => {
  it('a chart anchored over empty columns (P2) moves right by the columns appended, once', async () => {
    const wb = await XlsxWorkbook.open(FIXTURE);
    const anchorCol = async (bytes: Buffer) => {
      const zip = await JSZip.loadAsync(bytes);
      const name = Object.keys(zip.files).find((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))!;
      return Number(/<(?:\w+:)?from><(?:\w+:)?col>(\d+)</.exec(await zip.file(name)!.async('string'))![1]);
    };
    const before = await anchorCol(wb.toBuffer());
    const width = wb.read('成员')!.header.length;
    expect(before).toBeGreaterThanOrEqual(width); // over empty columns, right of the operator's
    await recompute(wb, ZH);
    const added = wb.read('成员')!.header.length - width;
    expect(added).toBeGreaterThan(0);
    const after = await anchorCol(wb.toBuffer());
    expect(after).toBe(before + added);
    // Its left edge is now right of every managed column.
    expect(after).toBeGreaterThanOrEqual(wb.read('成员')!.header.length);
    await recompute(wb, { ...ZH, now: new Date('2026-11-27T01:50:00Z') });
    expect(await anchorCol(wb.toBuffer())).toBe(after);
  }, 60_000);
});

describe('xlsx: an appended sheet’s filter', () => {
  const layout = { columns: [{ index: 0, width: 10 }, { index: 1, width: 10 }], freezeRows: 1, filter: { from: 0, to: 1, rows: 0 } };
  const ref = async (wb: XlsxWorkbook) => /<autoFilter ref="([^"]+)"\/>/.exec((await parts(wb.toBuffer())).sheet('流水'))?.[1];

  it('covers the rows already there and the rows appended; trailing rows blank in its columns do not count', async () => {
    const wb = await XlsxWorkbook.create([{ sheet: '成员', header: ['成员ID'], rows: [['M1']] }]);
    await wb.apply({ sheets: [{ kind: 'append', sheet: '流水', header: ['日期', '成员', '备注'], rows: [['d1', 'M1', null], ['d2', 'M2', null]], layout }] });
    expect(await ref(wb)).toBe('A1:B3');
    // The second block ends with a row filled only past the filter's columns: the filter stops at the row above.
    await wb.apply({ sheets: [{ kind: 'append', sheet: '流水', header: ['日期', '成员', '备注'], rows: [['d3', 'M3', null], [null, null, '只有备注']], layout }] });
    expect(await ref(wb)).toBe('A1:B4');
    // A block with nothing in the filter's columns leaves it over the rows before.
    await wb.apply({ sheets: [{ kind: 'append', sheet: '流水', header: ['日期', '成员', '备注'], rows: [[null, null, '又一条备注']], layout }] });
    expect(await ref(wb)).toBe('A1:B4');
    expect((await XlsxWorkbook.open(wb.toBuffer())).read('流水')!.rows).toHaveLength(5);
  });
});
