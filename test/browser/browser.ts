/**
 * A real headless Chromium for the sidebar tests: a system Chromium where one
 * is installed, else the one @sparticuz/chromium ships inside its npm package
 * (so `npm ci && npm test` needs nothing else). No browser is a failure with
 * a message saying what to do, never a skip.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function findChromium(): Promise<{ path: string; source: string }> {
  const fromEnv = process.env.FENCENG_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FENCENG_CHROMIUM=${fromEnv} does not exist`);
    return { path: fromEnv, source: 'FENCENG_CHROMIUM' };
  }
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return { path: system, source: 'system' };
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    return { path: await sparticuz.executablePath(), source: '@sparticuz/chromium' };
  } catch (e) {
    throw new Error(
      'No Chromium for the sidebar browser tests. Run `npm ci` (it installs @sparticuz/chromium, which ships one), ' +
        `install Debian's chromium, or set FENCENG_CHROMIUM to a Chromium binary. Cause: ${(e as Error).message}`,
    );
  }
}

export interface Browser {
  context: BrowserContext;
  source: string;
  close(): Promise<void>;
}

/** A fresh profile every time (--user-data-dir in a new temp folder). */
export async function launch(): Promise<Browser> {
  const { path, source } = await findChromium();
  const profile = mkdtempSync(join(tmpdir(), 'fenceng-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: path,
    headless: true,
    args: FLAGS,
    viewport: { width: 300, height: 760 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  });
  return {
    context,
    source,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
