/**
 * Replacing a file safely: never over someone else's save, never through a
 * symlink or over a read-only file, never leaving a killed run's temp behind.
 */
import { chmod, lstat, mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkReplaceable, writeFileAtomic } from '../../src/ports/atomic-write.js';
import { currentStamp, readStamped } from '../../src/ports/file-stamp.js';
import { removeStaleTemps, tempNameFor } from '../../src/ports/temp-files.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ATOMIC_WRITE = join(ROOT, 'src/ports/atomic-write.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fenceng-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (s: string) => Buffer.from(s, 'utf8');

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('writeFileAtomic: lost updates', () => {
  it('replaces the file when it is still the one that was read, and returns the new stamp', async () => {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, 'v1');
    const { stamp } = await readStamped(file);
    const next = await writeFileAtomic(file, bytes('v2'), { expected: stamp });
    expect(await readFile(file, 'utf8')).toBe('v2');
    // The returned stamp is the file now: a second save on top of our own works.
    await writeFileAtomic(file, bytes('v3'), { expected: next });
    expect(await readFile(file, 'utf8')).toBe('v3');
  });

  it('writes nothing when someone saved over the file after it was read', async () => {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, 'as read');
    const { stamp } = await readStamped(file);
    await writeFile(file, 'saved in Excel'); // same length would not help either: the hash differs
    await expect(writeFileAtomic(file, bytes('ours'), { expected: stamp })).rejects.toThrow(/被其他程序修改.*changed or saved by another program/s);
    expect(await readFile(file, 'utf8')).toBe('saved in Excel');
    expect(await readdir(dir)).toEqual(['book.xlsx']);
  });

  it('notices a change of the same size and keeps the newer file', async () => {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, 'aaaa');
    const { stamp } = await readStamped(file);
    await writeFile(file, 'bbbb');
    // Even with the old mtime put back, the content differs.
    await utimes(file, stamp.mtimeMs / 1000, stamp.mtimeMs / 1000);
    await expect(writeFileAtomic(file, bytes('ours'), { expected: stamp })).rejects.toThrow(/nothing was written/);
    expect(await readFile(file, 'utf8')).toBe('bbbb');
  });

  it('a touched file with the same content is still the same file', async () => {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, 'same');
    const { stamp } = await readStamped(file);
    await utimes(file, new Date(2030, 0, 1), new Date(2030, 0, 1));
    await writeFileAtomic(file, bytes('ours'), { expected: stamp });
    expect(await readFile(file, 'utf8')).toBe('ours');
  });

  it('writes nothing when the file that was read has been deleted', async () => {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, 'as read');
    const stamp = (await currentStamp(file))!;
    await rm(file);
    await expect(writeFileAtomic(file, bytes('ours'), { expected: stamp })).rejects.toThrow(/nothing was written/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic: symlinks', () => {
  it('updates the file a symlink points to and keeps the link', async () => {
    await mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'book.xlsx');
    const link = join(dir, 'link.xlsx');
    await writeFile(real, 'old');
    await symlink(real, link);
    const { stamp } = await readStamped(link);
    await writeFileAtomic(link, bytes('new'), { expected: stamp });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe('new');
    // The temp file went next to the real file (same file system) and is gone.
    expect(await readdir(join(dir, 'real'))).toEqual(['book.xlsx']);
  });

  it('follows a relative link, and a link whose target does not exist yet', async () => {
    await symlink('target.xlsx', join(dir, 'link.xlsx'));
    await writeFileAtomic(join(dir, 'link.xlsx'), bytes('created'));
    expect((await lstat(join(dir, 'link.xlsx'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'target.xlsx'), 'utf8')).toBe('created');
  });
});

describe('writeFileAtomic: what it refuses, in words', () => {
  it('refuses to replace a read-only file and leaves it as it was', async () => {
    const file = join(dir, 'locked.xlsx');
    await writeFile(file, 'keep me');
    await chmod(file, 0o444);
    await expect(checkReplaceable(file)).rejects.toThrow(/只读.*read-only/s);
    await expect(writeFileAtomic(file, bytes('new'))).rejects.toThrow(new RegExp(`只读.*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 's'));
    expect(await readFile(file, 'utf8')).toBe('keep me');
    expect((await lstat(file)).mode & 0o777).toBe(0o444);
    expect(await readdir(dir)).toEqual(['locked.xlsx']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, 'old');
    await chmod(file, 0o640);
    await writeFileAtomic(file, bytes('new'));
    expect((await lstat(file)).mode & 0o777).toBe(0o640);
  });

  it('a folder given as the file names the folder, not a temp file', async () => {
    const folder = join(dir, 'out');
    await mkdir(folder);
    const error = await writeFileAtomic(folder, bytes('x')).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/是文件夹.*未写入.*is a folder.*not written/s);
    expect((error as Error).message).toContain(folder);
    expect((error as Error).message).not.toMatch(/\.tmp|EISDIR/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('a missing folder is reported as such, or created when asked', async () => {
    const file = join(dir, 'no', 'such', 'book.xlsx');
    await expect(writeFileAtomic(file, bytes('x'))).rejects.toThrow(/不存在.*does not exist.*book\.xlsx/s);
    await writeFileAtomic(file, bytes('x'), { makeParents: true });
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it('an unwritable folder is named, not the hidden temp file or EACCES', async (ctx) => {
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    // As root the check runs as nobody, who must be able to reach this checkout (a clone under a private folder is not).
    const reachable = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(join(ROOT, 'node_modules', 'tsx', 'package.json'))})`], asUser);
    if (reachable.status !== 0) ctx.skip();
    const folder = join(dir, 'shared');
    await mkdir(folder);
    await chmod(dir, 0o755);
    await chmod(folder, 0o555);
    const file = join(folder, 'book.xlsx');
    // root may write anywhere: then try as nobody, in a child process.
    const script = `const { writeFileAtomic } = await import(${JSON.stringify(ATOMIC_WRITE)});
      await writeFileAtomic(${JSON.stringify(file)}, Buffer.from('x')).then(() => console.log('written'), (e) => console.log(e.message));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { ...asUser, encoding: 'utf8', cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/没有权限写入文件夹.*No permission to write in folder/s);
    expect(run.stdout).toContain(file);
    expect(run.stdout).not.toMatch(/\.tmp|EACCES/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('a path through a file is reported without a raw error code', async () => {
    await writeFile(join(dir, 'plain'), 'x');
    const error = (await writeFileAtomic(join(dir, 'plain', 'book.xlsx'), bytes('x'), { makeParents: true }).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/不是文件夹.*not a folder/s);
    expect(error.message).not.toMatch(/ENOTDIR|EEXIST/);
  });
});

describe('stale temp files', () => {
  it('a killed run’s temp file is removed by the next write; a live run’s and other files are kept', async () => {
    const dead = join(dir, `.book.xlsx.fenceng-${deadPid()}-0badc0de.tmp`);
    const legacy = join(dir, `.book.xlsx.${deadPid()}.12345678.tmp`);
    const live = join(dir, `.other.xlsx.fenceng-${process.ppid}-abcdef01.tmp`);
    const own = join(dir, tempNameFor('report.html'));
    const operators = ['.book.xlsx.tmp', 'notes.tmp', '.book.xlsx.fenceng-1-zz.tmp'];
    for (const f of [dead, legacy, live, own]) await writeFile(f, 'partial');
    for (const f of operators) await writeFile(join(dir, f), 'mine');
    await writeFileAtomic(join(dir, 'book.xlsx'), bytes('new'));
    const left = (await readdir(dir)).sort();
    expect(left).toEqual(['book.xlsx', ...operators, live.slice(dir.length + 1), own.slice(dir.length + 1)].sort());
  });

  it('a temp file older than a day is stale even if its pid is alive again', async () => {
    const old = join(dir, `.book.xlsx.fenceng-${process.ppid}-0badc0de.tmp`);
    await writeFile(old, 'partial');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    expect(await removeStaleTemps(dir)).toEqual([old.slice(dir.length + 1)]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never removes a folder that happens to match the name', async () => {
    const folder = join(dir, `.x.fenceng-${deadPid()}-0badc0de.tmp`);
    await mkdir(folder);
    expect(await removeStaleTemps(dir)).toEqual([]);
    expect(await readdir(dir)).toHaveLength(1);
  });
});
