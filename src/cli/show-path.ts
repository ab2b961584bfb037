import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Every path the CLI prints, one way: relative to the working folder when it
 * lies inside it (as the operator typed it), absolute otherwise.
 */
export function shownPath(path: string, cwd: string = process.cwd()): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

/** The report beside an output, named after it: out/members-sample.xlsx → out/members-sample.report.html. */
export function reportPathFor(output: string): string {
  const abs = resolve(output);
  return join(dirname(abs), `${basename(abs, extname(abs))}.report.html`);
}
