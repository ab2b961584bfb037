import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { FencengError } from '../../src/app/errors.js';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { runCli } from '../cli/helpers.js';

/**
 * Files built to exhaust a reader — small on disk, huge once inflated or
 * parsed — must be refused with a clear bilingual message before anything
 * big is allocated; the CLI then exits ≠ 0 without a stack trace.
 */

const HEADER = ['成员ID', '昵称', '评论'];

/** The parts of a one-sheet workbook whose sheet data is `rows` (raw `<row>` XML). */
function parts(rows: string, dimension = 'A1:C3'): Record<string, string> {
  return {
    '[Content_Types].xml':
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="成员" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>${rows}</sheetData></worksheet>`,
  };
}

const text = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
const row = (r: number, cells: string) => `<row r="${r}">${cells}</row>`;
const MEMBERS = row(1, HEADER.map((h, i) => text(`${'ABC'[i]}1`, h)).join('')) + row(2, text('A2', 'M1') + text('B2', '甲') + '<c r="C2"><v>3</v></c>');

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, xml] of Object.entries(files)) zip.file(name, xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

interface RawEntry {
  name: string;
  data: Buffer;
  method: 0 | 8;
  crc: number;
  size: number;
}

/** A zip written by hand, so a test can give an entry any declared size and any (deflated) data. */
function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.method, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.data.length, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, name, e.data);
    centrals.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function entriesOf(files: Record<string, string>): RawEntry[] {
  return Object.entries(files).map(([name, xml]) => {
    const data: Buffer = Buffer.from(xml);
    return { name, data, method: 0, crc: zlib.crc32(data), size: data.length };
  });
}

/** A deflate stream of `size` bytes of repeated rows. */
function deflatedRows(size: number): Buffer {
  return zlib.deflateRawSync(Buffer.alloc(size, '<row><c t="inlineStr"><is><t>x</t></is></c></row>'), { level: 9 });
}

async function refusal(bytes: Buffer, sheet = '成员'): Promise<FencengError> {
  try {
    const wb = await XlsxWorkbook.open(bytes);
    wb.read(sheet);
  } catch (e) {
    expect(e).toBeInstanceOf(FencengError);
    return e as FencengError;
  }
  throw new Error('expected a refusal');
}

describe('bounded reads of hostile .xlsx files', () => {
  it('a stray cell at A1048576 is refused with where it is, not read as a million rows', async () => {
    const bytes = await zipOf(parts(MEMBERS + row(1048576, text('A1048576', 'x')), 'A1:C1048576'));
    expect(bytes.length).toBeLessThan(5_000);
    const e = await refusal(bytes);
    expect(e.message).toMatch(/工作表「成员」.*A1048576.*误填.*Sheet "成员" has 1,048,573 blank rows.*before A1048576/);
  });

  it('cells at XFD1 and A1048576 are refused without filling the heap', async () => {
    const bytes = await zipOf(parts(row(1, text('A1', '成员ID') + text('XFD1', 'far')) + row(3000, text('A3000', 'M1')) + row(1048576, text('A1048576', 'x'))));
    const e = await refusal(bytes);
    expect(e.message).toMatch(/16,384 列.*XFD.*16,384 columns/);
  });

  it('ignores what <dimension> claims and reads the real extent of the data', async () => {
    const wb = await XlsxWorkbook.open(await zipOf(parts(MEMBERS, 'A1:XFD1048576')));
    expect(wb.read('成员')).toEqual({ sheet: '成员', header: HEADER, rows: [['M1', '甲', 3]] });
    // Written back, the dimension says what is there.
    await wb.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 3, header: '分层', values: ['活跃'] }] }] });
    const sheet = await (await JSZip.loadAsync(wb.toBuffer())).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<dimension ref="A1:D2"/>');
  });

  it('writes into a sheet whose SpreadsheetML uses a namespace prefix, in that prefix', async () => {
    const files = parts('');
    files['xl/worksheets/sheet1.xml'] =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>成员ID</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>M1</x:t></x:is></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const wb = await XlsxWorkbook.open(await zipOf(files));
    await wb.apply({ sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 1, header: '分层', values: ['活跃'] }] }] });
    const sheet = await (await JSZip.loadAsync(wb.toBuffer())).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toContain('<x:c r="B2" t="inlineStr"><x:is><x:t>活跃</x:t></x:is></x:c>');
    expect(wb.read('成员')).toEqual({ sheet: '成员', header: ['成员ID', '分层'], rows: [['M1', '活跃']] });
  });

  it('a part whose directory declares more than the limit is refused before it is inflated', async () => {
    const files = entriesOf(parts(MEMBERS));
    const sheet = files.find((f) => f.name.endsWith('sheet1.xml'))!;
    sheet.size = 450 * 1024 * 1024;
    const e = await refusal(rawZip(files));
    expect(e.code).toBe('xlsx-too-large');
    expect(e.message).toMatch(/xl\/worksheets\/sheet1\.xml.*450\.0 MB.*256\.0 MB.*xl\/worksheets\/sheet1\.xml in .* is 450\.0 MB uncompressed/);
  });

  it('a deflate bomb that under-states its size stops at the declared size', async () => {
    const files = entriesOf(parts(MEMBERS));
    const at = files.findIndex((f) => f.name.endsWith('sheet1.xml'));
    // 64 MB stands for any size: inflating stops at the 4 KB the directory declares.
    const bomb = deflatedRows(64 << 20);
    expect(bomb.length).toBeLessThan(1 << 20);
    files[at] = { ...files[at], data: bomb, method: 8, size: 4096 };
    const e = await refusal(rawZip(files));
    expect(e.code).toBe('corrupt-xlsx');
    expect(e.message).toMatch(/已损坏.*xl\/worksheets\/sheet1\.xml.*is damaged/);
  });

  it('a truncated or corrupt zip gives a clear bilingual message', async () => {
    const good = await zipOf(parts(MEMBERS));
    for (const bad of [good.subarray(0, good.length - 30), Buffer.concat([Buffer.from('PK'), Buffer.alloc(200, 7)])]) {
      const e = await refusal(bad);
      expect(e.code).toBe('corrupt-xlsx');
      expect(e.message).toMatch(/已损坏，不是完整的 \.xlsx 文件.*Excel\/WPS.*is damaged, not a complete \.xlsx file/);
    }
  });

  it('the CLI says what is wrong and where, exits ≠ 0 and prints no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fenceng-bomb-'));
    const stray = join(dir, 'stray.xlsx');
    writeFileSync(stray, await zipOf(parts(MEMBERS + row(1048576, text('A1048576', 'x')))));
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, (await zipOf(parts(MEMBERS))).subarray(0, 100));
    for (const [file, message] of [
      [stray, /A1048576.*stray cell/],
      [broken, /broken\.xlsx is damaged/],
    ] as const) {
      const before = readFileSync(file);
      const run = await runCli('recompute', file, '--out', join(dir, 'out.xlsx'), '--now', '2026-11-26');
      expect(run.code).not.toBe(0);
      expect(run.err).toMatch(message);
      expect(run.err).not.toMatch(/\n\s+at /);
      expect(readFileSync(file).equals(before)).toBe(true);
    }
  });
});
