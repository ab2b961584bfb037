/** The set-up every sidebar browser test shares: the local preview over a file, a fresh Chromium, the rules view loaded. */
import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';
import { launch, type Browser } from './browser.js';

export interface SidebarSession {
  server: PreviewServer;
  browser: Browser;
  page: Page;
}

/** Serve `file`, open the sidebar in Chromium and wait for the rules view; page errors go into `pageErrors` when given. */
export async function openSidebar(file: string, now: () => Date, pageErrors?: string[], timeout = 30_000): Promise<SidebarSession> {
  const server = await startPreviewServer({ file, locale: 'zh', timeZone: 'Asia/Shanghai', now, user: 'operator' });
  const browser = await launch();
  const page = await browser.context.newPage();
  if (pageErrors) page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.locator('.rules-view').waitFor({ timeout });
  return { server, browser, page };
}

/** Close what `openSidebar` opened (whatever of it exists) and remove the test's folder. */
export async function closeSidebar(session: Partial<Pick<SidebarSession, 'server' | 'browser'>>, dir: string | undefined): Promise<void> {
  await session.browser?.close();
  await session.server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
