import { chromium } from 'playwright-core';
import type { BrowserContext, BrowserContextOptions, LaunchOptions, Page } from 'playwright-core';
import { inject, test as base } from 'vitest';
import { Shell } from './pages/Shell.ts';
import { SignInPage } from './pages/SignInPage.ts';

/** Debian's Chromium (never a downloaded browser). Override with SLRT_CHROMIUM. */
export const CHROMIUM_PATH = process.env.SLRT_CHROMIUM ?? '/usr/bin/chromium';

export const LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** A cheap Android phone: the width the app is built for. */
export const MOBILE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

export const DEMO_PASSWORD = 'slrt-demo';

/**
 * The browser-test API: `test('...', async ({ page, signIn, shell }) => ...)`.
 *
 * - `browser`: one Chromium per worker.
 * - `device`: context options; `test.override('device', MOBILE)` in a describe for 360 px.
 * - `context` / `page`: fresh per test (own cookies and storage), `baseURL` set, so
 *   `page.goto('/masuk')` works; service workers blocked unless `serviceWorkers` is overridden.
 * - `signIn`, `shell`: page objects on that page.
 * - `baseUrl`: the server under test, for API calls (`context.request`).
 */
export const test = base
  .extend('launchOptions', { scope: 'worker' }, LAUNCH_OPTIONS)
  .extend('browser', { scope: 'worker' }, async ({ launchOptions }, { onCleanup }) => {
    const browser = await chromium.launch(launchOptions);
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('baseUrl', { scope: 'worker' }, inject('baseUrl'))
  .extend('device', DESKTOP)
  .extend('serviceWorkers', 'block' as 'block' | 'allow')
  .extend('context', async ({ browser, baseUrl, device, serviceWorkers }, { onCleanup }): Promise<BrowserContext> => {
    const context = await browser.newContext({ ...device, baseURL: baseUrl, serviceWorkers });
    onCleanup(() => context.close());
    return context;
  })
  .extend('page', async ({ context }, { onCleanup }): Promise<Page> => {
    const page = await context.newPage();
    // An uncaught error in the page fails the test, even when the assertions passed.
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    onCleanup(() => {
      if (errors.length) throw new Error(`uncaught error in the page: ${errors.map((e) => e.stack ?? e.message).join('\n')}`);
    });
    return page;
  })
  .extend('signIn', async ({ page }) => new SignInPage(page))
  .extend('shell', async ({ page }) => new Shell(page));

/** An API session inside a browser context: seeds data the way the app itself would. */
export interface ApiSession {
  csrfToken: string;
  post: <T>(path: string, body: unknown) => Promise<T>;
}

/**
 * Signs in through the API in the context (cookie set as by the page), for tests whose
 * subject is not the sign-in form, and to seed data through the API.
 */
export async function signInViaApi(context: BrowserContext, username: string, password = DEMO_PASSWORD): Promise<ApiSession> {
  const response = await context.request.post('/api/v1/auth/login', { data: { username, password } });
  if (!response.ok()) throw new Error(`sign-in of ${username} failed: HTTP ${response.status()} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    csrfToken,
    async post<T>(path: string, body: unknown): Promise<T> {
      const r = await context.request.post(`/api/v1${path}`, { data: body, headers: { 'X-CSRF-Token': csrfToken } });
      if (!r.ok()) throw new Error(`POST ${path}: HTTP ${r.status()} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}

let sequence = 0;
/** A username no other test (or run against the same server) has used. */
export function uniqueUsername(prefix = 'e2e'): string {
  sequence += 1;
  return `${prefix}.${process.pid}.${Date.now().toString(36)}.${sequence}`;
}
