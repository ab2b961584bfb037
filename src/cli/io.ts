/** Where commands print; tests pass their own to capture output. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

let guarded = false;

/**
 * `fenceng … | head`: when the reader closes the pipe, stop quietly instead of
 * crashing with an EPIPE stack. Output is printed after every file was
 * written, so nothing is cut short but the text nobody reads any more.
 */
export function guardBrokenPipes(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw e;
    });
  }
}
