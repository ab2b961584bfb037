import type { StatusStream } from './progress.js';

/** Where commands print; tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Progress (bar or lines); absent = silent, as in tests. */
  status?: StatusStream;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  status: process.stderr,
};
