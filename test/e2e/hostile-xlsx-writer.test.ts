/**
 * Hostile inputs whose safety depends on the xlsx port itself (reading and
 * writing): control characters and lone surrogates must leave a well-formed
 * file, no cell may exceed Excel's 32,767 characters, and files that are
 * small on disk but huge inside (cells at XFD1 / A1048576, a sheet that
 * inflates to hundreds of MB) must be refused or read within bounds — never
 * an out-of-memory. The bombs run as real processes with a capped heap.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { runCli, tempDir } from '../cli/helpers.js';
import { ADMINS, MEMBER_HEADER, expectNoFormulasAndCellsWithinLimits, expectNoStackTrace, reread, runProcess, sheetJsWorkbook } from './hostile-fixtures.js';
import { unzipEntries, zipBytes } from './zip-bytes.js';

// Whole-workbook runs and real processes on a loaded shared machine: a generous limit, not an assertion on time.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const NOW = ['--now', '2026-11-26'];

/** Characters XML 1.0 forbids, and UTF-16 halves without their partner. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** No XML part of the package holds a character XML 1.0 forbids (what openpyxl rejects as "not well-formed (invalid token)"). */
async function expectWellFormed(path: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const xml = await zip.files[name].async('string');
    expect(NOT_XML.exec(xml)?.index, `${name} holds a character XML 1.0 forbids`).toBeUndefined();
  }
}

/** Text as it may come back: kept (escaped as _xHHHH_ in the file) or with what XML cannot hold dropped or replaced. */
function keptOrCleaned(got: unknown, original: string): boolean {
  const g = String(got);
  const all = new RegExp(NOT_XML.source, 'g');
  return g === original || g === original.replace(all, '') || g === original.replace(all, '\uFFFD');
}

const CONTROL = ['bell\u0007', 'vt\u000bx', 'nul\u0000x', 'esc\u001b[31m红', 'ff\u000c'];
const LONE = ['a\uD800b', '\uDFFFz', '😀\uD83D'];

/** A SheetJS workbook whose strings hold Excel's _xHHHH_ escapes (what Excel writes for control characters). */
async function escapedWorkbook(nicknames: string[]): Promise<Buffer> {
  const token = (s: string) => Array.from(s).map((ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x20 || (code >= 0xd800 && code <= 0xdfff) ? `⟦${code.toString(16).padStart(4, '0')}⟧` : ch;
  }).join('');
  // Array.from keeps lone surrogates as single units, so each becomes its own escape.
  const rows = [MEMBER_HEADER, ...nicknames.map((n, i) => [`c${i}`, token(n), null, '2025-01-01', '2026-11-20', 10, 5, 1, token(n)])];
  const entries = await unzipEntries(sheetJsWorkbook([{ name: '成员', rows }, { name: '管理员', rows: ADMINS }]));
  for (const [name, bytes] of entries) {
    if (!name.endsWith('.xml')) continue;
    entries.set(name, Buffer.from(bytes.toString('utf8').replace(/⟦([0-9a-f]{4})⟧/g, (_, h: string) => `_x${h.toUpperCase()}_`), 'utf8'));
  }
  return zipBytes([...entries].map(([name, data]) => ({ name, data })));
}

describe('control characters and lone surrogates leave a well-formed file', () => {
  const dir = tempDir();
  // SheetJS cannot decode an escaped lone surrogate (_xD800_), so those come in through UTF-16 text below.
  const nicknames = CONTROL;

  it('the input really holds them (SheetJS decodes _xHHHH_)', async () => {
    const input = join(dir, 'check.xlsx');
    writeFileSync(input, await escapedWorkbook(nicknames));
    expect(reread(input).rows('成员').slice(1).map((r) => r[1])).toEqual(nicknames);
  });

  it.each([['--out'], ['--in-place']])('an xlsx with them, %s', async (mode) => {
    const input = join(dir, `ctl${mode}.xlsx`);
    writeFileSync(input, await escapedWorkbook(nicknames));
    const out = mode === '--out' ? join(dir, `ctl${mode}-out.xlsx`) : input;
    const run = await runCli('recompute', input, ...(mode === '--out' ? ['--out', out] : ['--in-place']), ...NOW);
    expectNoStackTrace(run.err);
    expect(run.code).toBe(0);
    await expectWellFormed(out);
    expectNoFormulasAndCellsWithinLimits(out);
    const wb = reread(out);
    const members = wb.rows('成员');
    nicknames.forEach((n, i) => expect(keptOrCleaned(members[i + 1]![1], n), JSON.stringify(members[i + 1]![1])).toBe(true));
    const admin = wb.names.filter((s) => (wb.rows(s)[0] as unknown[] | undefined)?.includes('管理员备注')).flatMap((s) => wb.rows(s).slice(1));
    for (const r of admin) expect(keptOrCleaned(r[1], nicknames[Number(String(r[0]).slice(1))]!)).toBe(true);
  }, 120_000);

  it('a UTF-16 text export holding them, lone surrogates too', async () => {
    const all = [...CONTROL, ...LONE];
    const tsv = [MEMBER_HEADER.join('\t'), ...all.map((n, i) => [`t${i}`, n, '', '2025-01-01', '2026-11-20', 3, 3, 3, n].join('\t'))].join('\r\n');
    const input = join(dir, 'ctl.txt');
    writeFileSync(input, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, 'utf-16le')]));
    const out = join(dir, 'ctl-txt.xlsx');
    const run = await runCli('recompute', input, '--out', out, ...NOW);
    expectNoStackTrace(run.err);
    expect(run.code).toBe(0);
    await expectWellFormed(out);
    const members = reread(out).rows('成员');
    all.forEach((n, i) => expect(keptOrCleaned(members[i + 1]![1], n), JSON.stringify(members[i + 1]![1])).toBe(true));
  }, 120_000);
});

describe('no cell beyond 32,767 characters', () => {
  it('a 1,000,000-character nickname and note', async () => {
    const dir = tempDir();
    const input = join(dir, 'long.xlsx');
    // SheetJS refuses to write such a cell, so it goes into the XML afterwards (other tools write them).
    const entries = await unzipEntries(sheetJsWorkbook([{ name: '成员', rows: [MEMBER_HEADER, ['L1', 'LONG-TEXT', null, '2025-01-01', '2026-11-20', 50, 500, 20, 'LONG-TEXT'], ['L2', '短', null, '2025-01-01', '2026-11-20', 1, 1, 1, null]] }, { name: '管理员', rows: ADMINS }]));
    for (const [name, bytes] of entries) if (name.endsWith('.xml')) entries.set(name, Buffer.from(bytes.toString('utf8').replaceAll('LONG-TEXT', '长'.repeat(1_000_000)), 'utf8'));
    writeFileSync(input, await zipBytes([...entries].map(([name, data]) => ({ name, data }))));
    expect(String(reread(input).rows('成员')[1]![1]).length).toBe(1_000_000);
    const out = join(dir, 'long-out.xlsx');
    const run = await runCli('recompute', input, '--out', out, ...NOW);
    expectNoStackTrace(run.err);
    if (run.code === 0) {
      expectNoFormulasAndCellsWithinLimits(out);
      await expectWellFormed(out);
    } else {
      expect(run.err).toMatch(/32,?767|字符|characters/);
      expect(existsSync(out)).toBe(false);
    }
  }, 120_000);
});

describe('files small on disk, huge inside: refused or read within bounds, never out of memory', () => {
  const dir = tempDir();
  // With bounded reads a tiny member list needs little; without them this fails fast instead of swapping.
  const HEAP_MB = 256;

  /** The package of a tiny members workbook with sheet1.xml replaced. */
  async function withSheetXml(sheetXml: ZipChunks): Promise<Buffer> {
    const entries = await unzipEntries(sheetJsWorkbook([{ name: '成员', rows: [MEMBER_HEADER, ['a', '甲', null, '2025-01-01', '2026-11-20', 1, 1, 1]] }]));
    return zipBytes([...entries].map(([name, data]) => ({ name, data: name === 'xl/worksheets/sheet1.xml' ? sheetXml : data })));
  }
  type ZipChunks = Buffer | (() => Iterable<Buffer>);

  const NS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const END = '</sheetData></worksheet>';
  const header = `<row r="1">${MEMBER_HEADER.map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
  const member = (r: number) => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>m${r}</t></is></c><c r="E${r}" t="inlineStr"><is><t>2026-11-20</t></is></c><c r="F${r}"><v>3</v></c></row>`;

  it.each([
    ['cells at XFD1 and A1048576', () => Buffer.from(`${NS}${header.replace('</row>', '<c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>')}${member(2)}${member(1_048_576)}${END}`)],
    ['one member at A1048576', () => Buffer.from(`${NS}${header}${member(2)}${member(1_048_576)}${END}`)],
    [
      'a sheet that inflates to 400 MB',
      () =>
        function* () {
          yield Buffer.from(`${NS}${header}${member(2)}`);
          const blank = Buffer.alloc(1 << 20, ' ');
          for (let i = 0; i < 400; i++) yield blank;
          yield Buffer.from(END);
        },
    ],
  ])('%s', async (name, sheet) => {
    const input = join(dir, `${name}.xlsx`);
    writeFileSync(input, await withSheetXml(sheet()));
    expect(readFileSync(input).length).toBeLessThan(2_000_000);
    const before = readFileSync(input);
    const out = join(dir, `${name}-out.xlsx`);
    const r = await runProcess(['recompute', input, '--out', out, ...NOW], { heapMb: HEAP_MB, timeoutMs: 60_000 });
    expectNoStackTrace(r.err);
    expect(r.signal).toBeNull();
    expect([0, 1]).toContain(r.code);
    expect(readFileSync(input).equals(before)).toBe(true);
    if (r.code === 0) {
      expectNoFormulasAndCellsWithinLimits(out);
      // Trailing empty rows are not written out: the output stays small.
      expect(readFileSync(out).length).toBeLessThan(5_000_000);
    } else {
      expect(r.err).toMatch(/[\u4e00-\u9fff].* \/ \S/s);
      expect(r.err).toMatch(/XFD|1048576|1,048,576|16384|16,384|MB|大小|size/i);
      expect(existsSync(out)).toBe(false);
    }
  }, 150_000);
});
