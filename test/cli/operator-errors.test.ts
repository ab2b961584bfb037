import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, sampleWorkbook, tempDir } from './helpers.js';

// Whole-workbook runs and real processes: on a loaded shared machine 5 s is not enough (a limit, not an assertion on time).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** The run failed the way an operator needs: non-zero, both languages, nothing written, input as it was. */
async function expectRefused(args: string[], input: string, pattern: RegExp, out?: string) {
  const before = readFileSync(input);
  const run = await runCli(...args);
  expect(run.code).not.toBe(0);
  expect(run.err).toMatch(pattern);
  expect(run.err).toMatch(/[\u4e00-\u9fff].* \/ \S/); // Chinese first, then English
  expect(run.err).not.toMatch(/\n\s+at /); // no stack trace
  expect(readFileSync(input).equals(before)).toBe(true);
  if (out) expect(existsSync(out)).toBe(false);
  return run;
}

const xlsxOf = async (path: string, sheets: Array<{ sheet: string; header: string[]; rows: Array<Array<string | number | null>> }>) => {
  await (await XlsxWorkbook.create(sheets)).save(path);
  return path;
};

describe('a run that finds no members refuses and writes nothing', () => {
  const dir = tempDir();

  it.each([
    ['a sheet with unrelated headers (wrong file)', [{ sheet: '订单', header: ['订单号', '金额'], rows: [['A1', 5]] }]],
    ['a header-only members sheet', [{ sheet: '成员', header: ['成员ID', '昵称'], rows: [] }]],
    ['all headers unknown', [{ sheet: '成员', header: ['foo', 'bar'], rows: [['1', '2']] }]],
    ['an ID column where no row has an ID', [{ sheet: '成员', header: ['成员ID', '昵称'], rows: [[null, '小明'], ['—', '小红']] }]],
  ])('%s', async (name, sheets) => {
    const input = await xlsxOf(join(dir, `${name}.xlsx`), sheets);
    const out = join(dir, `${name}-out.xlsx`);
    await expectRefused(['recompute', input, '--out', out, ...NOW], input, /未写入任何内容.*nothing written/s, out);
  });

  it('a missing member-ID column is reported as a missing column, naming the sheet and its headers', async () => {
    const input = await xlsxOf(join(dir, 'no-id.xlsx'), [{ sheet: '成员', header: ['昵称', '最近活跃'], rows: [['小明', '2026-11-20']] }]);
    const run = await expectRefused(['recompute', input, '--out', join(dir, 'x.xlsx'), ...NOW], input, /缺少列.*「成员」.*「成员ID」.*Missing column.*"成员".*"Member ID"/s);
    expect(run.err).toContain('昵称');
  });

  it('a plain .txt file', async () => {
    const input = join(dir, 'notes.txt');
    writeFileSync(input, '今天开会\n记得买牛奶\n');
    await expectRefused(['recompute', input, '--out', join(dir, 'notes.xlsx'), ...NOW], input, /找不到「成员ID」列.*no "Member ID" column/s, join(dir, 'notes.xlsx'));
  });
});

describe('the members sheet is found by its headers', () => {
  let dir: string;
  let input: string;

  beforeAll(async () => {
    dir = tempDir();
    input = await xlsxOf(join(dir, 'book.xlsx'), [
      { sheet: '说明', header: ['本表说明'], rows: [['成员在「成员名单」表'], ['每周一更新']] },
      { sheet: '成员名单', header: ['成员ID', '昵称', '最近活跃', '近30天评论'], rows: [['u1', '小明', '2026-11-25', 30], ['u2', '小红', '2026-10-01', 0]] },
    ]);
  });

  it('skips a 说明 sheet in front and tiers 成员名单', async () => {
    const out = join(dir, 'out.xlsx');
    const run = await runCli('recompute', input, '--out', out, ...NOW, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).summary.members).toBe(2);
    const wb = await XlsxWorkbook.open(out);
    expect(wb.read('成员名单')!.header).toContain('活跃层级');
    expect(wb.read('说明')!.header).toEqual(['本表说明']);
  });

  it('--sheet NAME chooses the sheet; an unknown name is refused listing the sheets', async () => {
    const ok = await runCli('recompute', input, '--sheet', '成员名单', '--dry-run', ...NOW, '--json');
    expect(ok.code).toBe(0);
    const refused = await expectRefused(['recompute', input, '--sheet', 'Members', '--out', join(dir, 'y.xlsx'), ...NOW], input, /找不到工作表「Members」.*No sheet "Members"/s, join(dir, 'y.xlsx'));
    expect(refused.err).toContain('成员名单');
    await expectRefused(['recompute', input, '--sheet', '说明', '--out', join(dir, 'z.xlsx'), ...NOW], input, /「说明」.*「成员ID」/s, join(dir, 'z.xlsx'));
  });
});

describe('text exports', () => {
  const dir = tempDir();
  const TSV = ['成员ID\t昵称\t最近活跃\t近30天评论', '00123\t张,三\t2026-11-25\t12', 'u2\t小红\t2026-11-01\t0', ''].join('\r\n');

  it.each([
    ['UTF-8 tab-separated .txt (Excel/WPS 文本文件(制表符分隔))', 'a.txt', Buffer.from(TSV, 'utf8')],
    ['UTF-16LE with BOM .txt (Excel/WPS Unicode 文本)', 'b.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TSV, 'utf-16le')])],
    ['GB18030 .tsv', 'c.tsv', iconv.encode(TSV, 'gb18030')],
  ])('%s is read as columns', async (_, name, bytes) => {
    const input = join(dir, name);
    writeFileSync(input, bytes);
    const out = join(dir, `${name}.xlsx`);
    const run = await runCli('recompute', input, '--out', out, ...NOW, '--json');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).summary.members).toBe(2);
    const members = (await XlsxWorkbook.open(out)).read('成员')!;
    expect(members.header.slice(0, 4)).toEqual(['成员ID', '昵称', '最近活跃', '近30天评论']);
    expect(members.rows[0].slice(0, 2)).toEqual(['00123', '张,三']);
  });

  it('numbers from a CSV are written back as numbers, IDs with leading zeros stay text (checked with SheetJS)', async () => {
    const input = join(dir, 'members.csv');
    writeFileSync(input, ['成员ID,昵称,近30天评论,近30天点赞,抖音号', '00123,小明,0,12,1234567890123456789', '77,小红,3.5,"2,012",+86'].join('\n'));
    const out = join(dir, 'members.xlsx');
    expect((await runCli('recompute', input, '--out', out, ...NOW)).code).toBe(0);
    const sheet = XLSX.read(readFileSync(out)).Sheets['成员']!;
    expect(sheet.A2).toMatchObject({ t: 's', v: '00123' });
    expect(sheet.C2).toMatchObject({ t: 'n', v: 0 });
    expect(sheet.D2).toMatchObject({ t: 'n', v: 12 });
    expect(sheet.E2).toMatchObject({ t: 's', v: '1234567890123456789' }); // 19 digits: Excel would round it
    expect(sheet.A3).toMatchObject({ t: 'n', v: 77 });
    expect(sheet.C3).toMatchObject({ t: 'n', v: 3.5 });
    expect(sheet.D3).toMatchObject({ t: 's', v: '2,012' });
    expect(sheet.E3).toMatchObject({ t: 's', v: '+86' });
  });
});

describe('outputs that would lose something are refused before any work', () => {
  let dir: string;
  let input: string;

  beforeAll(async () => {
    dir = tempDir();
    input = await sampleWorkbook(join(dir, 'in.xlsx'), 20, 3);
  });

  it('--out equal to the input (also through another spelling of the path)', async () => {
    await expectRefused(['recompute', input, '--out', input, ...NOW], input, /--in-place/);
    await expectRefused(['recompute', input, '--out', join(dir, '.', '..', dir.split('/').pop()!, 'in.xlsx'), ...NOW], input, /--in-place/);
  });

  it('--out x.csv (results are a workbook)', async () => {
    await expectRefused(['recompute', input, '--out', join(dir, 'x.csv'), ...NOW], input, /\.xlsx/, join(dir, 'x.csv'));
  });

  it('sample --out x.csv', async () => {
    const run = await runCli('sample', '--members', '3', '--out', join(dir, 's.csv'));
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/\.xlsx/);
    expect(existsSync(join(dir, 's.csv'))).toBe(false);
  });

  it('--lang fr', async () => {
    await expectRefused(['recompute', input, '--lang', 'fr', ...NOW], input, /--lang.*zh.*en.*"fr"/s, join(dir, 'out'));
  });
});

describe('messages that say exactly what is wrong', () => {
  it('an unknown command is named, with the list of commands, exit 2', async () => {
    const run = await runCli('bogus');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/未知命令「bogus」.*Unknown command "bogus"/);
    expect((await runCli('help')).code).toBe(0);
  });

  it('a damaged .xlsx is called damaged, not "Corrupted zip: can\'t find end of central directory"', async () => {
    const dir = tempDir();
    const input = await sampleWorkbook(join(dir, 'whole.xlsx'), 5, 1);
    const cut = join(dir, 'cut.xlsx');
    writeFileSync(cut, readFileSync(input).subarray(0, 2000));
    const run = await expectRefused(['recompute', cut, '--out', join(dir, 'o.xlsx'), ...NOW], cut, /已损坏.*不是完整的 \.xlsx.*is damaged, not a complete \.xlsx/s, join(dir, 'o.xlsx'));
    expect(run.err).not.toMatch(/central directory/);
  });

  it('broken rule JSON gives a line and a column', async () => {
    const dir = tempDir();
    cpSync('rules', join(dir, 'rules'), { recursive: true });
    writeFileSync(join(dir, 'rules', 'activity.json'), '{\n  "id": "activity",\n  "tiers": [1,, 2]\n}\n');
    writeFileSync(join(dir, 'rules', 'headers.json'), '{\n  "facts": {\n');
    const run = await runCli('check-rules', join(dir, 'rules'));
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/activity\.json.*第 3 行第 15 列.*line 3, column 15/);
    expect(run.out).toMatch(/headers\.json.*第 3 行第 1 列.*line 3, column 1/);
  });
});

describe('a failure after the workbook was written says what was written', () => {
  let dir: string;
  let input: string;

  beforeAll(async () => {
    dir = tempDir();
    input = await sampleWorkbook(join(dir, 'in.xlsx'), 40, 5);
  });

  it('--split-admins into a path that is a file', async () => {
    const out = join(dir, 'a', 'out.xlsx');
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const run = await runCli('recompute', input, '--out', out, '--split-admins', blocker, ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).not.toMatch(/未写入任何内容|nothing written/);
    expect(run.err).toMatch(/已写入：.*out\.xlsx.*管理员文件写入失败.*Written: .*out\.xlsx.*admin files failed/s);
    expect(existsSync(out)).toBe(true);
  });

  it('report.html that cannot be written', async () => {
    const out = join(dir, 'b', 'out.xlsx');
    mkdirSync(join(dir, 'b', 'report.html'), { recursive: true });
    writeFileSync(join(dir, 'b', 'report.html', 'keep'), 'x');
    const run = await runCli('recompute', input, '--out', out, ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).not.toMatch(/未写入任何内容|nothing written/);
    expect(run.err).toMatch(/已写入：.*out\.xlsx.*运营报告.*Written: .*out\.xlsx.*report/s);
  });
});

describe('as a real process', () => {
  it('output piped into a reader that closes early (| head) ends quietly, without an EPIPE stack', async () => {
    const child = spawn(process.execPath, ['bin/fenceng.js', 'check-rules', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the first line
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(0);
  });
});
