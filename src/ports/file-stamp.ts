import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';

/**
 * What a file was when Fenceng read it, so that replacing it later can tell
 * whether someone (Excel, WPS, another Fenceng run) saved over it meanwhile.
 */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** The file's bytes and its stamp, from one read (the stat is taken first: a change during the read shows as a change). */
export async function readStamped(path: string): Promise<{ bytes: Buffer; stamp: FileStamp }> {
  const s = await stat(path);
  const bytes = await readFile(path);
  return { bytes, stamp: { size: s.size, mtimeMs: s.mtimeMs, sha256: sha256(bytes) } };
}

/** The stamp of the file as it is now; undefined when there is none. */
export async function currentStamp(path: string): Promise<FileStamp | undefined> {
  try {
    return (await readStamped(path)).stamp;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Still the same file? Same size and content; a new mtime alone (a sync tool
 * or `touch`) is not a change, since nothing could be lost by replacing it.
 */
export function sameContent(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  return !!a && !!b && a.size === b.size && a.sha256 === b.sha256;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
