import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { writeZip, type OutEntry } from '../../src/ports/xlsx/zip.js';

/**
 * A minimal zip writer for hostile test files: entries whose content is
 * produced in chunks (so a 300 MB "bomb" is never held in memory) and
 * deflated as it goes, then packed by the xlsx adapter's zip writer.
 */
export interface ZipEntry {
  name: string;
  /** The content, or chunks of it (each Buffer, produced on demand). */
  data: Buffer | (() => Iterable<Buffer>);
}

export async function zipBytes(entries: ZipEntry[]): Promise<Buffer> {
  const out: OutEntry[] = [];
  for (const e of entries) out.push({ name: e.name, compressed: await deflate(e.data) });
  // The headers are the product's own zip writer's; only the deflating is streamed here.
  return writeZip(undefined, out);
}

async function deflate(data: ZipEntry['data']): Promise<{ deflated: Buffer; crc: number; size: number }> {
  if (Buffer.isBuffer(data)) return { deflated: deflateRawSync(data), crc: crc32(data), size: data.length };
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of data()) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await new Promise((r) => z.once('drain', r));
  }
  z.end();
  await done;
  return { deflated: Buffer.concat(out), crc, size };
}

/** An .xlsx's entries as name → bytes, to rebuild it with one part replaced. */
export async function unzipEntries(xlsx: Buffer): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(xlsx);
  const entries = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) entries.set(name, await zip.files[name].async('nodebuffer'));
  return entries;
}
