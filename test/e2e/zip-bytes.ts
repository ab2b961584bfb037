import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';

/**
 * A minimal zip writer for hostile test files: entries whose content is
 * produced in chunks (so a 300 MB "bomb" is never held in memory) and
 * deflated as it goes. Only what an .xlsx reader needs: local headers, a
 * central directory, no zip64.
 */
export interface ZipEntry {
  name: string;
  /** The content, or chunks of it (each Buffer, produced on demand). */
  data: Buffer | (() => Iterable<Buffer>);
}

export async function zipBytes(entries: ZipEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { deflated, crc, size } = await deflate(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(deflated.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, deflated);
    central.push(dir, name);
    offset += local.length + name.length + deflated.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBytes, end]);
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
