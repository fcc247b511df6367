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

test('runs under its Content Security Policy without a single violation, service worker included', async ({ expect, page, context, signIn }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  const shell = await context.request.get('/');
  const csp = shell.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(shell.headers()['x-content-type-options']).toBe('nosniff');
  const html = await shell.text();
  // no inline script in the built page: every script comes from a file
  expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
  expect((await context.request.get('/sw.js')).headers()['content-security-policy']).toContain("default-src 'self'");

  await signIn.goto();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await signIn.signIn('puskesos.cinunuk', 'slrt-demo');
  await page.goto('/lacak');
  await page.locator('#track-code').waitFor();
  expect(violations).toEqual([]);
});
