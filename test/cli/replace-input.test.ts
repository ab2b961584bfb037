/**
 * `recompute --in-place` replaces the operator's own file: only if it is still
 * the file that was read, never a read-only one, and through a symlink.
 */
import { chmodSync, copyFileSync, existsSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { XlsxWorkbook } from '../../src/ports/xlsx.js';
import { NOW, runCli, sampleWorkbook, tempDir } from './helpers.js';

let dir: string;
let input: string;

beforeAll(async () => {
  dir = tempDir();
  input = await sampleWorkbook(join(dir, 'sample.xlsx'), 60, 7);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function copy(name: string): string {
  const file = join(dir, name);
  copyFileSync(input, file);
  return file;
}

describe('recompute --in-place', () => {
  it('writes nothing over a save the operator made while it ran, and exits 1', async () => {
    const file = copy('busy.xlsx');
    // What the operator saved in Excel meanwhile: the same workbook plus a sheet of notes.
    const edited = await XlsxWorkbook.open(readFileSync(input));
    await edited.apply({ sheets: [{ kind: 'replace', sheet: '备注', rows: [['operator note']] }] });
    const original = XlsxWorkbook.prototype.toBuffer;
    // The run is about to write its result: that is when the operator's save lands.
    vi.spyOn(XlsxWorkbook.prototype, 'toBuffer').mockImplementation(function (this: XlsxWorkbook) {
      if (this !== edited) writeFileSync(file, original.call(edited));
      return original.call(this);
    });
    const run = await runCli('recompute', file, '--in-place', ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/被其他程序修改或保存过，未写入任何内容.*changed or saved by another program/s);
    expect(run.err).toContain(file);
    expect(readFileSync(file).equals(original.call(edited))).toBe(true);
    expect((await XlsxWorkbook.open(file)).sheetNames()).toContain('备注');
  });

  it('refuses a read-only file before doing any work', async () => {
    const file = copy('readonly.xlsx');
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    rmSync(join(dir, 'report.html'), { force: true });
    const run = await runCli('recompute', file, '--in-place', ...NOW);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/只读.*read-only/s);
    expect(run.err).toContain(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(lstatSync(file).mode & 0o777).toBe(0o444);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('through a symlink updates the linked file and keeps the link', async () => {
    const real = copy('real.xlsx');
    const link = join(dir, 'link.xlsx');
    symlinkSync(real, link);
    const run = await runCli('recompute', link, '--in-place', ...NOW);
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    const sheets = (await XlsxWorkbook.open(real)).sheetNames();
    expect(sheets.length).toBeGreaterThan((await XlsxWorkbook.open(input)).sheetNames().length);
  });
});
