import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fenceng-cli-'));
}

export const NOW = ['--now', '2026-11-26'];

/** A generated messy members workbook at `path`, made by the real `fenceng sample` command. */
export async function sampleWorkbook(path: string, members: number, seed: number): Promise<string> {
  const made = await runCli('sample', '--members', String(members), '--seed', String(seed), '--today', '2026-11-26', '--out', path);
  if (made.code !== 0) throw new Error(`fenceng sample failed: ${made.err}`);
  return path;
}
