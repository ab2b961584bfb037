/**
 * Builds dist/Code.js once per test file into a temp folder (never the real
 * dist/, which clasp may be pushing) and loads it the way Apps Script does:
 * a fresh global per execution holding only ECMAScript built-ins plus fakes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll } from 'vitest';
import type { FakeEnv } from './fakes.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface BuiltBundle {
  outDir: string;
  code: string;
  sidebarHtml: string;
  /** A fresh execution context with the bundle loaded; `extra` adds globals. */
  load(env: FakeEnv, extra?: Record<string, unknown>): any;
}

/** Registers beforeAll/afterAll; the returned object is filled in before the first test. */
export function useBuiltBundle(): BuiltBundle {
  const bundle = { outDir: '', code: '', sidebarHtml: '' } as BuiltBundle;
  beforeAll(() => {
    bundle.outDir = mkdtempSync(join(tmpdir(), 'fenceng-gas-'));
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', bundle.outDir], { cwd: ROOT, stdio: 'pipe' });
    bundle.code = readFileSync(join(bundle.outDir, 'Code.js'), 'utf8');
    bundle.sidebarHtml = readFileSync(join(bundle.outDir, 'Sidebar.html'), 'utf8');
  }, 60_000);
  afterAll(() => {
    if (bundle.outDir) rmSync(bundle.outDir, { recursive: true, force: true });
  });
  bundle.load = (env, extra = {}) => {
    env.htmlFiles.set('Sidebar', bundle.sidebarHtml);
    const ctx = vm.createContext({ console, ...env.globals(), ...extra });
    vm.runInContext(bundle.code, ctx, { filename: 'Code.js' });
    return ctx;
  };
  return bundle;
}
