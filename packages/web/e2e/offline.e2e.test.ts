import type { Page } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { text } from './pages/text.ts';

test.override('device', MOBILE);
test.override('serviceWorkers', 'allow');

/** Waits until the service worker controls the page (the shell and the pages opened are kept). */
async function underServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('reloading offline with a valid session keeps the officer in the app, says it is offline, and a page never opened shows what works offline', { timeout: 120_000 }, async ({ expect, page, context, shell, signIn }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  await page.goto('/kantor-depan/penerimaan');
  await underServiceWorker(page);
  await shell.heading.waitFor();

  await context.setOffline(true);
  await page.reload();
  // the intake again, not the sign-in: the session last confirmed on this device
  await page.locator('main h1').filter({ hasText: text('id', 'intake', 'title') }).waitFor();
  expect(page.url()).toContain('/kantor-depan/penerimaan');
  expect(await shell.userName()).not.toBe('');
  const banner = page.getByTestId('offline-banner');
  expect(await banner.innerText()).toContain(text('id', 'common', 'status.offlineWorks'));
  expect(await signIn.page.locator('#username').count()).toBe(0);

  // a page never opened on this device: what works offline, not a blank page or the sign-in
  await page.goto('/kasus');
  await page.getByTestId('offline-page').waitFor();
  expect(await page.getByTestId('offline-page').innerText()).toContain(text('id', 'common', 'offlinePage.title'));
  await page.getByTestId('offline-page').getByRole('link', { name: text('id', 'common', 'offlinePage.intake') }).waitFor();

  // back online: the session is confirmed and the page loads by itself
  await context.setOffline(false);
  await page.locator('main h1').filter({ hasText: text('id', 'cases', 'list.title') }).waitFor();
  await expect.poll(() => banner.count()).toBe(0);
});

test('offline, a session last confirmed more than 12 hours ago leads to the sign-in, and its kept identity is removed', { timeout: 120_000 }, async ({ expect, page, context, signIn }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  await page.goto('/kantor-depan/penerimaan');
  await underServiceWorker(page);
  await page.locator('main h1').waitFor();

  // the identity kept on the device was last confirmed 13 hours ago
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('slrt.session.v1') ?? '{}') as { confirmedAt: number };
    localStorage.setItem('slrt.session.v1', JSON.stringify({ ...saved, confirmedAt: Date.now() - 13 * 3600 * 1000 }));
  });
  await context.setOffline(true);
  await page.reload();
  await signIn.waitUntilShown();
  expect(await page.evaluate(() => localStorage.getItem('slrt.session.v1'))).toBeNull();
});
