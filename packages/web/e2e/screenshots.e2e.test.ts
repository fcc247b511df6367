import { mkdirSync } from 'node:fs';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { DEMO_USERS } from './demo-users.ts';

/**
 * Screenshots at 360 px of the main pages, for a reviewer (issue 13): written to
 * packages/web/e2e/screenshots/ (git-ignored, kept by CI as an artifact). Each page must show
 * its heading and fit the screen's width.
 */

const folder = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(folder, { recursive: true });

const PAGES: Array<{ user: string | null; path: string; name: string }> = [
  { user: null, path: '/masuk', name: 'sign-in' },
  ...[...new Map(DEMO_USERS.map((u) => [u.workspace, u])).values()].map((u) => ({ user: u.username, path: u.workspace, name: `home-${u.id}` })),
  { user: 'puskesos.cinunuk', path: '/kantor-depan/penerimaan', name: 'intake' },
  { user: 'koordinator.cinunuk', path: '/kasus', name: 'case-list' },
  { user: 'koordinator.cinunuk', path: '/rujukan', name: 'referral-list' },
  { user: 'kabupaten', path: '/rujukan/papan', name: 'referral-board' },
  { user: 'fasilitator.cinunuk', path: '/usulan', name: 'proposal-list' },
  { user: 'puskesos.cinunuk', path: '/registri', name: 'registry-search' },
];

test.describe('main pages at 360 px', () => {
  test.override('device', MOBILE);

  for (const p of PAGES) {
    test(`${p.name} (${p.path})`, async ({ expect, context, page }) => {
      if (p.user) await signInViaApi(context, p.user);
      await page.goto(p.path);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${folder}${p.name}.png`, fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    });
  }
});
