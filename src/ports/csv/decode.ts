import iconv from 'iconv-lite';

/**
 * Which encoding a CSV is in. Explicit encoding wins; else a BOM; else UTF-8
 * if the bytes are valid UTF-8; else GB18030, which is what Chinese
 * Excel/WPS save as "CSV" (a superset of GBK).
 */

/** How to start decoding: the encoding, the BOM's bytes to skip, and whether a UTF-8 guess must fail on bad bytes (then GB18030 is tried). */
export interface EncodingGuess {
  encoding: string;
  skip: number;
  fatal: boolean;
  /** A forced encoding still drops a BOM at the start (iconv-lite's way). */
  stripBom?: boolean;
}

/** The guess from the first bytes alone (UTF-8 stays a guess until every byte decoded). */
export function sniffEncoding(head: Uint8Array, encoding?: string): EncodingGuess {
  if (encoding) {
    if (!iconv.encodingExists(encoding)) throw new Error(`不认识的编码：${encoding} / Unknown encoding: ${encoding}`);
    return { encoding: encoding.toLowerCase(), skip: 0, fatal: false, stripBom: true };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', skip: 3, fatal: false };
  // Excel's "Unicode text" export is UTF-16 with a BOM.
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', skip: 2, fatal: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', skip: 2, fatal: false };
  return { encoding: 'utf-8', skip: 0, fatal: true };
}

/** Bytes to text a chunk at a time (a character split between chunks is kept for the next). */
export interface CsvDecoder {
  name: string;
  write(bytes: Uint8Array): string;
  end(): string;
}

export function csvDecoder(encoding: string, fatal: boolean, stripBom = false): CsvDecoder {
  if (encoding === 'utf-8' && !stripBom) {
    // A BOM was skipped already; one inside is text.
    const d = new TextDecoder('utf-8', { fatal, ignoreBOM: true });
    return { name: encoding, write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: stripBom });
  return { name: encoding, write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

/** A whole CSV's text at once (for a file's first lines: the DuckDB path reads only its header so). */
export function decodeCsv(bytes: Uint8Array, encoding?: string): { text: string; encoding: string } {
  const guess = sniffEncoding(bytes, encoding);
  const body = bytes.subarray(guess.skip);
  try {
    const d = csvDecoder(guess.encoding, guess.fatal, guess.stripBom);
    return { text: d.write(body) + d.end(), encoding: d.name };
  } catch {
    const d = csvDecoder('gb18030', false);
    return { text: d.write(body) + d.end(), encoding: d.name };
  }
}
