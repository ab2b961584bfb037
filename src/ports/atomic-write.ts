import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chmod, lstat, mkdir, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FencengError } from '../app/errors.js';
import { currentStamp, sameContent, sha256, type FileStamp } from './file-stamp.js';
import { removeStaleTemps, tempNameFor } from './temp-files.js';

export interface AtomicWriteOptions {
  /**
   * The file as it was read (readStamped / currentStamp). If it has changed
   * since, nothing is written: someone else's save is never overwritten.
   */
  expected?: FileStamp;
  /** Create missing parent folders. */
  makeParents?: boolean;
}

/**
 * Write `data` to `path` so that readers see either the old file or the new
 * one, never half a workbook: write a temp file in the same directory (same
 * file system, so rename is atomic), flush it, then rename it over the target.
 * On any failure the temp file is removed and the target is left untouched —
 * e.g. when Excel/WPS on Windows holds the target open and the rename fails.
 * A symlink stays a symlink: its target is replaced. A read-only file is
 * refused, not replaced. Errors are bilingual and name `path` as given.
 * Returns the stamp of the new file, for the next replace. `data` may come
 * in pieces (a million-row CSV), written one after another.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | Iterable<Uint8Array>, options: AtomicWriteOptions = {}): Promise<FileStamp> {
  const target = await followLinks(path);
  const dir = dirname(target);
  if (options.makeParents) await makeFolder(dir, path);
  const existing = await replaceable(target, path);
  await removeStaleTemps(dir);

  const tmp = join(dir, tempNameFor(basename(target)));
  let created = false;
  let replacing = false;
  let digest = '';
  try {
    const handle = await open(tmp, 'wx');
    created = true;
    try {
      if (data instanceof Uint8Array) {
        await handle.writeFile(data);
        digest = sha256(data);
      } else {
        const hash = createHash('sha256');
        for (const piece of data) {
          hash.update(piece);
          await handle.writeFile(piece);
        }
        digest = hash.digest('hex');
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Keep the operator's file permissions when replacing an existing file.
    if (existing) await chmod(tmp, existing.mode & 0o7777);
    if (options.expected && !sameContent(options.expected, await currentStamp(target))) {
      throw new FencengError(
        'file-changed',
        `文件在读取之后被其他程序修改或保存过，未写入任何内容：${path}。请重新打开（预览中请刷新页面）后再做一次。 / ` +
          `The file was changed or saved by another program after Fenceng read it; nothing was written: ${path}. Open it again (in the preview: reload the page) and redo the change.`,
      );
    }
    replacing = true;
    await rename(tmp, target);
  } catch (err) {
    if (created) await rm(tmp, { force: true }).catch(() => undefined);
    if (err instanceof FencengError) throw err;
    const e = err as NodeJS.ErrnoException;
    // Windows refuses to rename over a file Excel or WPS has open.
    if (replacing && existing && ['EACCES', 'EPERM', 'EBUSY'].includes(e.code ?? '')) fail({ ...e, code: 'EBUSY' }, path);
    fail(e, path);
  }
  const after = await stat(target);
  return { size: after.size, mtimeMs: after.mtimeMs, sha256: digest };
}

/**
 * Refuses early what writeFileAtomic would refuse at the end: `path` is a
 * folder, or an existing read-only file. Lets a command fail before it works.
 */
export async function checkReplaceable(path: string): Promise<void> {
  await replaceable(await followLinks(path), path);
}

async function replaceable(target: string, path: string): Promise<Stats | undefined> {
  const existing = await stat(target).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? undefined : fail(e, path)));
  if (existing?.isDirectory()) fail({ code: 'EISDIR' } as NodeJS.ErrnoException, path);
  if (existing && (existing.mode & 0o222) === 0) {
    throw new FencengError('read-only', `文件是只读的，该文件未写入：${path}（请去掉只读属性，或用 --out 写到新文件） / The file is read-only; the file was not written: ${path} (make it writable, or write a new file with --out)`);
  }
  return existing;
}

/** Where the bytes really go: a symlink's final target (which may not exist yet). */
async function followLinks(path: string): Promise<string> {
  let p = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await realpath(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return p;
    }
    // Missing: either a plain new file, or a link to a file not created yet.
    const link = await lstat(p).catch(() => undefined);
    if (!link?.isSymbolicLink()) return p;
    p = resolve(dirname(p), await readlink(p));
  }
  return p;
}

async function makeFolder(dir: string, path: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    fail(e as NodeJS.ErrnoException, path);
  }
}

/** File-system errors as the operator needs them: what, and the path they gave (never the hidden temp file). */
function fail(e: NodeJS.ErrnoException, path: string): never {
  const folder = dirname(path);
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      throw new FencengError('cannot-write', `没有权限写入文件夹「${folder}」，该文件未写入：${path} / No permission to write in folder "${folder}"; the file was not written: ${path}`);
    case 'ENOENT':
      throw new FencengError('cannot-write', `文件夹「${folder}」不存在，该文件未写入：${path} / Folder "${folder}" does not exist; the file was not written: ${path}`);
    case 'ENOTDIR':
    case 'EEXIST':
      throw new FencengError('cannot-write', `路径中有一段不是文件夹，该文件未写入：${path} / Part of the path is not a folder; the file was not written: ${path}`);
    case 'EISDIR':
      throw new FencengError('not-a-file', `「${path}」是文件夹，不能写成文件，该文件未写入；请给出文件名 / "${path}" is a folder, not a file; it was not written; give a file name`);
    case 'ENOSPC':
    case 'EDQUOT':
      throw new FencengError('disk-full', `磁盘空间不足，该文件未写入：${path} / Disk full; the file was not written: ${path}`);
    case 'EBUSY':
      throw new FencengError('file-busy', `文件正被其他程序使用（请先在 Excel/WPS 中关闭），该文件未写入：${path} / The file is in use by another program (close it in Excel/WPS first); the file was not written: ${path}`);
    default:
      throw new FencengError('cannot-write', `无法写入 ${path}：${e.message} / Cannot write ${path}: ${e.message}`);
  }
}
