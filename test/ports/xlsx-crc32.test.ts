import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { crc32, crc32Combine, crc32Portable } from '../../src/ports/xlsx/crc32.js';
import { PieceDeflater } from '../../src/ports/xlsx/zip.js';

/** Deterministic pseudo-random bytes (xorshift), so a failure can be replayed. */
function bytes(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('CRC-32 in pieces', () => {
  it('the portable table and zlib agree, also when continuing from an earlier CRC', () => {
    for (const [n, seed] of [[0, 1], [1, 2], [1000, 3], [70_000, 4]]) {
      const data = bytes(n, seed);
      expect(crc32Portable(data)).toBe(zlib.crc32(data));
      expect(crc32Portable(data, 0x1234abcd)).toBe(zlib.crc32(data, 0x1234abcd));
    }
  });

  it('combining the CRCs of two pieces gives the CRC of both, for empty, short and long pieces', () => {
    const sizes = [0, 1, 3, 255, 4096, 100_001];
    for (const a of sizes) {
      for (const b of sizes) {
        const x = bytes(a, a + 7);
        const y = bytes(b, b + 11);
        expect(crc32Combine(crc32(x), crc32(y), y.length)).toBe(zlib.crc32(Buffer.concat([x, y])));
      }
    }
  });

  it('pieces deflated apart, with head and tail added last, inflate to the whole text and carry its CRC and size', () => {
    const body = [bytes(300_000, 5), Buffer.alloc(0), Buffer.from('<row r="2"><c r="A2"><v>1</v></c></row>'.repeat(5000)), bytes(17, 6)];
    const d = new PieceDeflater();
    for (const piece of body) d.push(piece);
    const head = Buffer.from('<worksheet><dimension ref="A1:B2"/><sheetData>');
    const tail = Buffer.from('</sheetData></worksheet>');
    const whole = Buffer.concat([head, ...body, tail]);
    const part = d.around(head, tail);
    expect(zlib.inflateRawSync(part.deflated).equals(whole)).toBe(true);
    expect(part.crc).toBe(zlib.crc32(whole));
    expect(part.size).toBe(whole.length);
    expect(d.inflated().equals(Buffer.concat(body))).toBe(true);
  });

  it('an empty body is still a whole part', () => {
    const part = new PieceDeflater().around(Buffer.from('<a>'), Buffer.from('</a>'));
    expect(zlib.inflateRawSync(part.deflated).toString()).toBe('<a></a>');
    expect(new PieceDeflater().inflated().length).toBe(0);
  });
});
