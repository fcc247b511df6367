import { t } from '@slrt/core';
import { describe } from 'vitest';
import { DEMO_USERS } from './demo-users.ts';
import { DEMO_PASSWORD, MOBILE, test } from './fixtures.ts';
import { text } from './pages/text.ts';

describe('every demo user, on a 360 px phone', () => {
  test.override('device', MOBILE);

  test.concurrent.for(DEMO_USERS)('$username lands in $workspace', async (user, { expect, signIn, shell, page }) => {
    expect(page.viewportSize()?.width).toBe(360);
    await signIn.goto();
    await signIn.signIn(user.username, DEMO_PASSWORD);
    await shell.waitForPath(user.workspace);

    expect(await shell.workspaceId()).toBe(user.id);
    expect(await shell.userName()).not.toBe('');
    // The user's scope is shown: an area with its code, or the partner's organization.
    const scope = (await page.locator('.scope-list').innerText()).trim();
    expect(scope).toMatch(user.username === 'mitra.dinkes' ? /Organisasi: .+/ : /\(\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?\)/);
    expect(await shell.overflowsHorizontally()).toBe(false);
  });
});

test('the sign-in page says the server runs in demo mode', async ({ expect, signIn }) => {
  await signIn.goto();
  await signIn.demoNotice().waitFor();
  expect(await signIn.demoNotice().innerText()).toBe(text('id', 'auth', 'signIn.demo'));
});

test('the language switch flips to English, reaches the API, and is remembered', async ({ expect, signIn, shell, page }) => {
  await signIn.goto();
  await signIn.signIn('puskesos.cinunuk', DEMO_PASSWORD);
  await shell.waitForPath('/kantor-depan');
  expect(await shell.headingText()).toBe(text('id', 'common', 'workspace.frontOffice.title'));

  expect(await shell.switchLanguage()).toBe('en');
  expect(await shell.headingText()).toBe(text('en', 'common', 'workspace.frontOffice.title'));
  expect(await shell.navLabels()).toContain(text('en', 'common', 'workspace.backOffice.title'));

  await page.reload();
  await shell.waitForPath('/kantor-depan');
  expect(await shell.headingText()).toBe(text('en', 'common', 'workspace.frontOffice.title'));

  // The API answers in the chosen language too (Accept-Language).
  await shell.signOut();
  await signIn.submit('puskesos.cinunuk', 'not-the-password');
  expect(await signIn.errorText()).toBe(t('en', 'auth.invalid_credentials'));

  expect(await shell.switchLanguage()).toBe('id');
  await signIn.heading('id').waitFor();
});

test('sign-out ends the session; a deep link then asks to sign in and comes back', async ({ expect, signIn, shell, page, context }) => {
  await signIn.goto();
  await signIn.signIn('admin', DEMO_PASSWORD);
  await shell.waitForPath('/admin');

  await shell.signOut();
  await signIn.heading('id').waitFor();
  expect((await context.request.get('/api/v1/auth/me')).status()).toBe(401);

  await page.goto('/admin/pengguna');
  await signIn.waitUntilShown();
  expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/pengguna');
  await signIn.signIn('admin', DEMO_PASSWORD);
  await shell.waitForPath('/admin/pengguna');
});

test('a wrong password shows the error and keeps the user on the sign-in page', async ({ expect, signIn, page }) => {
  await signIn.goto();
  await signIn.submit('admin', 'wrong-password');
  expect(await signIn.errorText()).toBe(t('id', 'auth.invalid_credentials'));
  expect(new URL(page.url()).pathname).toBe('/masuk');
  expect(await page.locator('#password').inputValue()).toBe('');
});

test('the navigation hides what the API forbids', async ({ expect, signIn, shell, page, context }) => {
  await signIn.goto();
  await signIn.signIn('puskesos.cinunuk', DEMO_PASSWORD);
  await shell.waitForPath('/kantor-depan');
  expect(await shell.navLabels()).not.toContain(text('id', 'admin', 'nav.users'));
  expect((await context.request.get('/api/v1/users')).status()).toBe(403);

  await page.goto('/admin/pengguna');
  expect(await shell.headingText()).toBe(text('id', 'common', 'page.forbidden.title'));
});
