import { MOBILE, test } from './fixtures.ts';
import { text } from './pages/text.ts';

test.override('device', MOBILE);
test.override('serviceWorkers', 'allow');

test('is installable and opens from the cached shell when offline', async ({ expect, page, context, signIn }) => {
  await signIn.goto();

  const manifest = await context.request.get('/manifest.webmanifest');
  expect(manifest.ok()).toBe(true);
  const body = (await manifest.json()) as { start_url: string; display: string; icons: { sizes: string }[] };
  expect(body).toMatchObject({ start_url: '/', display: 'standalone' });
  expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  // The worker installs (caching the shell) and takes control.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await signIn.waitUntilShown();
  await page.getByRole('status').filter({ hasText: text('id', 'common', 'status.offline') }).waitFor();
  await context.setOffline(false);
});
