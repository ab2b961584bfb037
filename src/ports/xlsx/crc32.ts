import zlib from 'node:zlib';

/**
 * CRC-32 as zip uses it: running (`crc32(b, crc32(a))` is the CRC of a then
 * b) and combinable (`crc32Combine(crc32(a), crc32(b), b.length)` is the CRC
 * of a then b), so a part can be checksummed in pieces, in any order, without
 * ever holding it whole.
 */

const POLY = 0xedb88320;

const native = (zlib as unknown as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;

export function crc32(data: Uint8Array, value = 0): number {
  return native ? native(data, value) >>> 0 : crc32Portable(data, value);
}

/** zlib.crc32 arrived in Node 20.15; a table-driven fallback for older 20.x. */
let table: Uint32Array | undefined;
export function crc32Portable(data: Uint8Array, value = 0): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? POLY ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * a·b modulo the CRC polynomial over GF(2), in the CRC's reflected bit
 * order (the top bit is x⁰): the product of b with each power of x set in a.
 */
function multModP(a: number, b: number): number {
  let product = 0;
  for (let bit = 0x80000000; bit > 0; bit = Math.floor(bit / 2)) {
    if ((a >>> 0) & bit) product ^= b;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}

/** x^(8n) modulo the polynomial: appending n bytes shifts a CRC by this factor. */
function shiftBytes(n: number): number {
  let result = 0x80000000; // x⁰
  let power = 0x00800000; // x⁸
  for (; n > 0; n = Math.floor(n / 2)) {
    if (n % 2) result = multModP(result, power);
    power = multModP(power, power);
  }
  return result;
}

/** The CRC of a followed by b, from a's CRC, b's CRC and b's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(shiftBytes(lengthB), crcA) ^ crcB) >>> 0;
}
