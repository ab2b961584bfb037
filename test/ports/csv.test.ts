import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decodeCsv, openCsv, plainNumber, sniffDelimiter } from '../../src/ports/csv.js';

const TEXT = [
  '成员ID,昵称,入群日期,近30天评论,近30天获赞,备注',
  'M00001,小明,2025/3/1,1.2万,"2,012",',
  'M00002,"张,三",2025-03-02,00123, 12 ,"第一行',
  '第二行"',
  'M00003,"说""你好""",,,,',
  '',
].join('\n');

const EXPECTED = {
  sheet: '成员',
  header: ['成员ID', '昵称', '入群日期', '近30天评论', '近30天获赞', '备注'],
  rows: [
    ['M00001', '小明', '2025/3/1', '1.2万', '2,012', null],
    ['M00002', '张,三', '2025-03-02', '00123', ' 12 ', '第一行\n第二行'],
    ['M00003', '说"你好"', null, null, null, null],
  ],
};

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('openCsv', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([BOM, Buffer.from(TEXT, 'utf8')]), 'utf-8'],
    ['UTF-8 without BOM', Buffer.from(TEXT, 'utf8'), 'utf-8'],
    ['GB18030 (Chinese Excel/WPS "CSV")', iconv.encode(TEXT, 'gb18030'), 'gb18030'],
    ['UTF-16LE with BOM (Excel "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')]), 'utf-16le'],
  ])('reads %s the same, every value a string', async (_, bytes, encoding) => {
    const { workbook, encoding: used } = await openCsv(bytes);
    expect(used).toBe(encoding);
    expect(workbook.sheetNames()).toEqual(['成员']);
    expect(workbook.read('成员')).toEqual(EXPECTED);
  });

  it('really produced different bytes for each encoding', () => {
    // Guards the test above: GB18030 bytes are not valid UTF-8, so detection is exercised.
    const gb = iconv.encode(TEXT, 'gb18030');
    expect(gb.equals(Buffer.from(TEXT, 'utf8'))).toBe(false);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb)).toThrow();
  });

  it('lets an explicit encoding win over detection', async () => {
    const gbk = iconv.encode(TEXT, 'gbk');
    const { workbook, encoding } = await openCsv(gbk, { encoding: 'GBK' });
    expect(encoding).toBe('gbk');
    expect(workbook.read('成员')).toEqual(EXPECTED);
    // Forcing the wrong encoding is obeyed, not second-guessed.
    expect(decodeCsv(Buffer.from('昵称', 'utf8'), 'gbk').text).not.toBe('昵称');
    expect(decodeCsv(Buffer.concat([BOM, Buffer.from('昵称', 'utf8')]), 'utf-8').text).toBe('昵称');
    expect(() => decodeCsv(Buffer.from('a'), 'no-such-encoding')).toThrow(/不认识的编码.*Unknown encoding/);
  });

  it('reads CRLF files, keeps blank rows in the middle, drops trailing ones, keeps ragged rows', async () => {
    const text = 'ID,名,分\r\nM1,甲\r\n\r\nM3,丙,3,多出来\r\n,,\r\n\r\n';
    const { workbook } = await openCsv(Buffer.from(text, 'utf8'), { sheetName: '导出' });
    expect(workbook.sheetNames()).toEqual(['导出']);
    expect(workbook.read('导出')).toEqual({
      sheet: '导出',
      header: ['ID', '名', '分'],
      rows: [
        ['M1', '甲', null],
        [null, null, null],
        ['M3', '丙', 3, '多出来'], // a plain number is a number
      ],
    });
  });

  it('tolerates a stray quote inside an unquoted field', async () => {
    const { workbook } = await openCsv(Buffer.from('ID,昵称\nM1,小"明\n', 'utf8'));
    expect(workbook.read('成员')!.rows).toEqual([['M1', '小"明']]);
  });

  it('reads from a path, and the result can be patched and saved as .xlsx', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fenceng-csv-'));
    try {
      const path = join(dir, '成员.csv');
      await writeFile(path, iconv.encode(TEXT, 'gb18030'));
      const { workbook, encoding } = await openCsv(path);
      expect(encoding).toBe('gb18030');
      await workbook.apply({
        sheets: [{ kind: 'columns', sheet: '成员', columns: [{ index: 6, header: '分层', values: ['活跃', '沉默', '活跃'] }] }],
      });
      const out = join(dir, 'out.xlsx');
      await (await workbook.toXlsx()).save(out);
      const { XlsxWorkbook } = await import('../../src/ports/xlsx.js');
      const back = (await XlsxWorkbook.open(out)).read('成员')!;
      expect(back.header).toEqual([...EXPECTED.header, '分层']);
      expect(back.rows.map((r) => r.slice(0, 6))).toEqual(EXPECTED.rows);
      expect(back.rows.map((r) => r[6])).toEqual(['活跃', '沉默', '活跃']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('handles an empty file', async () => {
    const { workbook, encoding } = await openCsv(Buffer.alloc(0));
    expect(encoding).toBe('utf-8');
    expect(workbook.read('成员')).toEqual({ sheet: '成员', header: [], rows: [] });
  });
});

describe('separators and numbers', () => {
  it.each([
    ['a,b,c\td', ','],
    ['a\tb\tc', '\t'],
    ['a\tb,c', '\t'],
    ['a;b;c', ';'],
    ['"x\ty",b', ','],
    ['only', ','],
    ['', ','],
  ])('%j → %j', (header, expected) => {
    expect(sniffDelimiter(`${header}\n1\t2,3;4`)).toBe(expected);
  });

  it.each([
    ['0', 0],
    ['12', 12],
    ['-3.5', -3.5],
    ['123456789012345', 123456789012345],
    ['00123', '00123'],
    ['+15', '+15'],
    ['1e5', '1e5'],
    ['2,012', '2,012'],
    [' 12', ' 12'],
    ['-0', '-0'],
    ['1234567890123456', '1234567890123456'],
    ['1.2万', '1.2万'],
  ])('plainNumber(%j) = %j', (cell, expected) => {
    expect(plainNumber(cell)).toBe(expected);
  });
});
