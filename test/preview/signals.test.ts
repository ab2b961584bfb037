/**
 * `fenceng preview` stops on SIGTERM / Ctrl+C: gracefully when idle, and at
 * once while a long call runs (rule evaluation would otherwise hold the
 * signal until it finished), leaving the workbook as it was.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SETS } from '../../src/app/default-rules.js';
import { RULE_LIMITS } from '../../src/core/rules/limits.js';
import { TOKEN_HEADER } from '../../src/preview/request-guard.js';
import { sampleWorkbook, tempDir } from '../cli/helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let file: string;

beforeAll(async () => {
  dir = tempDir();
  file = await sampleWorkbook(join(dir, 'members.xlsx'), 2000, 5);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the real CLI and waits for the URL it prints. */
async function startPreview(): Promise<{ child: ChildProcess; url: URL; exit: Promise<{ code: number | null; signal: string | null }> }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/fenceng.js'), 'preview', file, '--port', '0', '--now', '2026-11-26'], { cwd: ROOT });
  const exit = new Promise<{ code: number | null; signal: string | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<URL>((done, fail) => {
    const check = () => {
      const m = /http:\/\/\S+/.exec(out);
      if (m && /Ctrl\+C/.test(out)) done(new URL(m[0]));
      else if (child.exitCode !== null) fail(new Error(`preview exited: ${out}`));
      else setTimeout(check, 50);
    };
    check();
  });
  return { child, url, exit };
}

describe('fenceng preview and signals', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s while idle closes the server and exits 0', async (signal) => {
    const { child, exit } = await startPreview();
    child.kill(signal);
    expect(await exit).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('SIGTERM during a long preview ends the process before it answers, and the workbook is untouched', async () => {
    const before = readFileSync(file);
    const { child, url, exit } = await startPreview();
    // A rule set as large as allowed: thousands of conditions over 2,000 members take many seconds.
    const sets = structuredClone(DEFAULT_RULE_SETS);
    const perRule = 9;
    for (let i = 0; i < Math.floor((RULE_LIMITS.conditionsPerSet - 100) / (perRule + 1)); i++) {
      sets[0].rules.push({
        name: `slow${i}`,
        priority: 1000 + i,
        // Distinct thresholds: identical rules would be refused by the rule analysis before any slow work.
        conditions: { all: Array.from({ length: perRule }, (_, j) => ({ fact: 'comments30d', operator: 'greaterThan', value: 100000 + i * perRule + j })) },
        event: { type: 'tier', params: { tier: sets[0].tiers[0].id } },
      });
    }
    const answer = fetch(new URL('api/fencengPreview', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: url.searchParams.get('token')! },
      body: JSON.stringify({ locale: 'zh', ruleSets: sets, settings: {} }),
    }).then(
      (r) => `answered ${r.status}`,
      () => 'no answer',
    );
    // The compiled rules make even this preview quick: stop it soon after the request is sent.
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await answer).toBe('no answer');
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 120_000);
});
