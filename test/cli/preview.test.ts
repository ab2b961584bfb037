/** `fenceng preview` refuses, before serving, a file its saves could not replace. */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, sampleWorkbook, tempDir } from './helpers.js';

let dir: string;
let input: string;
beforeAll(async () => {
  dir = tempDir();
  input = await sampleWorkbook(join(dir, 'sample.xlsx'), 20, 3);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fenceng preview', () => {
  it('a read-only workbook is refused with a message suggesting --out', async () => {
    const file = join(dir, 'readonly.xlsx');
    copyFileSync(input, file);
    chmodSync(file, 0o444);
    const run = await runCli('preview', file, '--port', '0');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/只读.*--out.*read-only.*--out/s);
    expect(run.err).toContain(file);
  });

  it('--out naming a folder is refused, naming the folder, and nothing is copied', async () => {
    const folder = join(dir, 'out');
    mkdirSync(folder);
    const run = await runCli('preview', input, '--out', folder, '--port', '0');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/是文件夹.*is a folder/s);
    expect(run.err).toContain(folder);
    expect(run.err).not.toMatch(/EISDIR|\.tmp/);
  });

  it('--host other than loopback is refused', async () => {
    const file = join(dir, 'copy.xlsx');
    const run = await runCli('preview', input, '--out', file, '--port', '0', '--host', '0.0.0.0');
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/回环地址.*loopback/s);
    expect(readFileSync(file).equals(readFileSync(input))).toBe(true);
  });
});
