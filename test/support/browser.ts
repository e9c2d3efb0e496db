// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core, in a fresh profile,
// with Chromium's own background traffic switched off (on a closed network it would retry forever).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.INVOTIDE_CHROMIUM ?? '/usr/bin/chromium';

/** The reason the browser tests are skipped, or undefined when Chromium is there (for node:test's `{ skip }`). */
export const chromiumMissing: string | undefined = existsSync(CHROMIUM) ? undefined : 'Chromium is not installed (apt-get install chromium)';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  /** A new page that may only reach loopback addresses; anything else is aborted and listed in `offsite`. */
  newPage(): Promise<Page>;
  /** URLs outside the loopback server that a page tried to load (a self-contained page has none). */
  offsite: string[];
  /** Console errors and uncaught page errors, per page URL. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'invotide-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    timeout: 60_000,
  });
  const offsite: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'file:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    if (local) return route.continue();
    offsite.push(url.href);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    offsite,
    errors,
    async newPage() {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
