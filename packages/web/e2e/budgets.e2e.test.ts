import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { DEMO_USERS } from './demo-users.ts';

/**
 * Budgets of a cold first visit on a weak link (issue 13 item 2): Chromium's network held to
 * 400 kbps and 400 ms latency (CDP Network.emulateNetworkConditions), nothing cached.
 *
 * Bytes are deterministic: the compressed bytes of every script the page loaded before its
 * first screen showed (CDP encodedDataLength, as they crossed the wire with content-encoding).
 *
 * Times are the network's share, so that a loaded 2-core machine does not make them flaky: the
 * time during which at least one request the first screen needed was in flight (documents,
 * scripts, styles, API answers; the union of their Resource Timing spans, from the navigation's
 * start). At 400 kbps each response takes hundreds of milliseconds of emulated latency and
 * transfer against a few milliseconds of server time. The gaps in which nothing is in flight are
 * the browser parsing and running JavaScript: CPU time, which a busy machine stretches
 * unpredictably (a 0.3 s gap on a quiet machine became 2 s beside a benchmark), left out of
 * the assertion. Round trips added to the critical path and bytes added are what it catches.
 *
 * Not yet here: the referral link page and the verification form (150 KB each); the link page
 * measured 152.7 KB and needs its chunks split first.
 */

const THROTTLE = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const KB = 1024;

interface Load {
  scriptBytes: number;
  networkMs: number;
}

async function throttled(context: BrowserContext, page: Page): Promise<{ cdp: CDPSession; scripts: Map<string, number> }> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  const types = new Map<string, string>();
  const scripts = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    if (types.get(e.requestId) === 'Script') scripts.set(e.requestId, e.encodedDataLength);
  });
  return { cdp, scripts };
}

/** The length of the union of [start, end] spans: the time during which something was in flight. */
function inFlightMs(spans: Array<[number, number]>): number {
  let total = 0;
  let from = 0;
  let to = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start > to) {
      total += to - from;
      from = start;
    }
    to = Math.max(to, end);
  }
  return total + (to - from);
}

/** Opens `path` cold and waits for `ready`; the script bytes and the network time up to then. */
async function coldLoad(context: BrowserContext, page: Page, path: string, ready: string): Promise<Load> {
  const { cdp, scripts } = await throttled(context, page);
  await page.goto(path, { waitUntil: 'commit' });
  // the page's own clock at the first frame that shows `ready`: what finished later was not needed
  const shown = await page.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector);
      return element?.checkVisibility() ? performance.now() : null;
    },
    ready,
    { polling: 'raf', timeout: 60_000 },
  );
  const readyAt = Number(await shown.jsonValue());
  const spans = await page.evaluate((until) => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return entries.filter((e) => e.responseEnd <= until).map((e): [number, number] => [e.startTime, e.responseEnd]);
  }, readyAt);
  const networkMs = inFlightMs(spans);
  const scriptBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
  await cdp.detach();
  return { scriptBytes, networkMs };
}

test.describe('cold loads at 400 kbps and 400 ms latency, on a 360 px phone', () => {
  test.override('device', MOBILE);

  test('the sign-in page: usable within 3.5 s, at most 120 KB of compressed JavaScript', async ({ expect, context, page }) => {
    const load = await coldLoad(context, page, '/masuk', 'form button[type="submit"]:not([disabled])');
    console.info(`sign-in: ${(load.scriptBytes / KB).toFixed(1)} KB of scripts, network ${Math.round(load.networkMs)} ms`);
    expect(load.scriptBytes).toBeLessThanOrEqual(120 * KB);
    expect(load.networkMs).toBeLessThanOrEqual(3_500);
  });

  // one user per workspace
  const firstRoutes = [...new Map(DEMO_USERS.map((u) => [u.workspace, u])).values()];
  for (const user of firstRoutes) {
    test(`${user.username}'s first route ${user.workspace}: within 4.5 s, at most 120 KB of compressed JavaScript`, async ({ expect, context, page }) => {
      // an officer reopening the app: signed in on this phone before, so the app knows who they
      // are while the server confirms it; nothing of it is in the browser's cache
      await signInViaApi(context, user.username);
      await page.goto('/masuk');
      await page.waitForURL((url) => url.pathname === user.workspace);
      const load = await coldLoad(context, page, user.workspace, 'main h1');
      console.info(`${user.workspace}: ${(load.scriptBytes / KB).toFixed(1)} KB of scripts, network ${Math.round(load.networkMs)} ms`);
      expect(load.scriptBytes).toBeLessThanOrEqual(120 * KB);
      expect(load.networkMs).toBeLessThanOrEqual(4_500);
    });
  }

  test('scripts travel compressed and fingerprinted ones are cached for a year', async ({ expect, context, page }) => {
    await page.goto('/masuk');
    const script = await page.locator('script[type="module"]').first().getAttribute('src');
    const response = await context.request.get(script!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers()['content-encoding']).toBe('br');
    expect(response.headers()['cache-control']).toContain('immutable');
  });
});
