import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { DEMO_USERS } from './demo-users.ts';

/**
 * Budgets of a cold first visit on a weak link (issue 13 item 2): Chromium's network held to
 * 400 kbps and 400 ms latency (CDP Network.emulateNetworkConditions), nothing cached.
 *
 * Bytes are deterministic: the compressed bytes of every script the page loaded before its
 * first screen showed (Resource Timing's encodedBodySize: the body as it crossed the wire with
 * its content-encoding, without the HTTP headers).
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
 * The two pages people open from a message or in the field, a partner's referral link and the
 * facilitator's verification form, may carry 150 KB: their bytes are checked, their time logged.
 */

const THROTTLE = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const KB = 1024;
const CINUNUK = '32.04.05.2004';
const JAMKESDA = 'Pendampingan berobat dan jaminan kesehatan daerah';

interface Load {
  scriptBytes: number;
  networkMs: number;
}

async function throttled(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  return cdp;
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
  const cdp = await throttled(context, page);
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
  const { spans, scriptBytes } = await page.evaluate((until) => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    const needed = entries.filter((e) => e.responseEnd <= until);
    return {
      spans: needed.map((e): [number, number] => [e.startTime, e.responseEnd]),
      scriptBytes: needed.filter((e) => new URL(e.name).pathname.endsWith('.js')).reduce((sum, e) => sum + e.encodedBodySize, 0),
    };
  }, readyAt);
  const networkMs = inFlightMs(spans);
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

  test('a partner opening a referral link: at most 150 KB of compressed JavaScript', async ({ expect, context, page, browser, baseUrl }) => {
    const officer = await signInViaApi(context, 'puskesos.cinunuk');
    const resident = await officer.post<{ id: string }>('/persons', {
      fullName: 'Nining Kurniasih', sex: 'F', birthDate: '1979-03-02', relationship: 'head',
      household: { villageCode: CINUNUK, address: 'Kp. Babakan No. 3', rt: '001', rw: '002' },
    });
    const kase = await officer.post<{ id: string; needs: Array<{ id: string }> }>('/cases', {
      personId: resident.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Butuh pemeriksaan kesehatan.',
      needs: [{ sector: 'health', urgency: 'normal', request: 'Pemeriksaan kesehatan' }],
    });
    await officer.post(`/cases/${kase.id}/check-registry`, { notes: 'Terdaftar.' });
    await officer.post(`/cases/${kase.id}/recommend`, { recommendation: 'Rujuk.' });
    const koordinator = await browser.newContext({ baseURL: baseUrl });
    try {
      await (await signInViaApi(koordinator, 'koordinator.cinunuk')).post(`/cases/${kase.id}/decide`, { decision: 'refer', notes: 'Dirujuk.' });
    } finally {
      await koordinator.close();
    }
    const services = (await (await context.request.get(`/api/v1/services?q=${encodeURIComponent(JAMKESDA)}&limit=5`)).json()) as { items: Array<{ id: string; name: string }> };
    const service = services.items.find((s) => s.name === JAMKESDA)!;
    const referral = await officer.post<{ id: string }>('/referrals', { caseId: kase.id, needId: kase.needs[0]!.id, serviceId: service.id });
    const link = await officer.post<{ token: string }>(`/referrals/${referral.id}/links`, {});
    await context.clearCookies();
    const load = await coldLoad(context, page, `/tautan-rujukan/${link.token}`, '[data-referral-status]');
    console.info(`referral link: ${(load.scriptBytes / KB).toFixed(1)} KB of scripts, network ${Math.round(load.networkMs)} ms`);
    expect(load.scriptBytes).toBeLessThanOrEqual(150 * KB);
  });

  test('the facilitator opening the verification form: at most 150 KB of compressed JavaScript', async ({ expect, context, page }) => {
    const officer = await signInViaApi(context, 'puskesos.cinunuk');
    const household = await officer.post<{ householdId: string }>('/persons', {
      fullName: 'Asep Saepudin', sex: 'M', birthDate: '1975-11-20', relationship: 'head',
      household: { villageCode: CINUNUK, address: 'Kp. Sukasari No. 12', rt: '003', rw: '001', indicators: { floor: 'ceramic', wall: 'masonry' } },
    });
    const proposal = await officer.post<{ id: string }>('/proposals', {
      type: 'change', householdId: household.householdId, channel: 'walk_in', reason: 'Lantai rumah rusak, kini tanah.', changes: { floor: 'earth' },
    });
    await context.clearCookies();
    await signInViaApi(context, 'fasilitator.cinunuk');
    await page.goto('/masuk');
    await page.waitForURL((url) => url.pathname === '/lapangan');
    const load = await coldLoad(context, page, `/usulan/${proposal.id}/verifikasi`, 'main form');
    console.info(`verification form: ${(load.scriptBytes / KB).toFixed(1)} KB of scripts, network ${Math.round(load.networkMs)} ms`);
    expect(load.scriptBytes).toBeLessThanOrEqual(150 * KB);
  });

  test('scripts travel compressed and fingerprinted ones are cached for a year', async ({ expect, context, page }) => {
    await page.goto('/masuk');
    const script = await page.locator('script[type="module"]').first().getAttribute('src');
    const response = await context.request.get(script!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.headers()['content-encoding']).toBe('br');
    expect(response.headers()['cache-control']).toContain('immutable');
  });
});
