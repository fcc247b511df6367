import { t } from '@slrt/core';
import type { Page } from 'playwright-core';
import { MOBILE, signInViaApi, test, uniqueUsername } from './fixtures.ts';
import { Shell } from './pages/Shell.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { UsersAdminPage } from './pages/UsersAdminPage.ts';
import { text } from './pages/text.ts';

const CINUNUK = ['32.04.05', '32.04.05.2004'] as const;

async function signInInNewContext(page: Page, username: string, password: string): Promise<Shell> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(username, password);
  return new Shell(page);
}

test.override('device', MOBILE);

test('an admin creates a village officer, who then signs in to the front office', async ({ expect, context, page, browser, baseUrl }) => {
  await signInViaApi(context, 'admin');
  const admin = new UsersAdminPage(page);
  await admin.gotoNew();
  expect(await new Shell(page).navLabels()).toContain(text('id', 'admin', 'nav.users'));

  // The API's field messages show next to their fields.
  await admin.fillAccount({ username: 'x', displayName: 'Uji', password: 'short' });
  await admin.chooseRole(0, 'puskesos_officer', CINUNUK);
  await admin.submitNew();
  expect(await admin.fieldError('password')).toBe(t('id', 'field.too_short', { field: 'password', minimum: 10 }));
  expect(await admin.fieldError('username')).not.toBe('');

  const username = uniqueUsername();
  await admin.fillAccount({ username, displayName: 'Petugas Uji Cinunuk', password: 'kata-sandi-awal-1' });
  expect(await admin.chosenArea()).toContain('Cinunuk, Kec. Cileunyi');
  await admin.submitNew();
  await page.waitForURL((url) => url.pathname === '/admin/pengguna');
  await page.getByRole('status').filter({ hasText: text('id', 'admin', 'users.created', { username }) }).waitFor();
  await admin.search(username);

  const other = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    const officerPage = await other.newPage();
    const shell = await signInInNewContext(officerPage, username, 'kata-sandi-awal-1');
    await shell.waitForPath('/kantor-depan');
    expect(await officerPage.locator('.scope-list').innerText()).toContain('Cinunuk (32.04.05.2004)');
  } finally {
    await other.close();
  }
});

test('an admin resets a password and deactivates a user', async ({ expect, context, page, browser, baseUrl }) => {
  const api = await signInViaApi(context, 'admin');
  const username = uniqueUsername();
  await api.post('/users', { username, displayName: 'Fasilitator Uji', password: 'kata-sandi-awal-1', roles: [{ role: 'facilitator', areaCode: '32.04.05.2004' }] });

  const admin = new UsersAdminPage(page);
  await admin.gotoList(username);
  expect(await admin.resetPassword(username, 'kata-sandi-baru-22')).toBe(text('id', 'admin', 'users.resetDone', { name: 'Fasilitator Uji' }));

  const other = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    const shell = await signInInNewContext(await other.newPage(), username, 'kata-sandi-baru-22');
    await shell.waitForPath('/lapangan');

    await admin.deactivate(username);
    // Deactivation ends the user's sessions, and they cannot sign in again.
    expect((await other.request.get('/api/v1/auth/me')).status()).toBe(401);
    const again = await other.request.post('/api/v1/auth/login', { data: { username, password: 'kata-sandi-baru-22' } });
    expect(again.ok()).toBe(false);
  } finally {
    await other.close();
  }
});

test('every user changes their own password', async ({ expect, context, page, signIn, shell }) => {
  const api = await signInViaApi(context, 'admin');
  const username = uniqueUsername();
  await api.post('/users', { username, displayName: 'Auditor Uji', password: 'kata-sandi-awal-1', roles: [{ role: 'auditor', areaCode: '32.04' }] });
  await context.clearCookies();

  await signIn.goto();
  await signIn.signIn(username, 'kata-sandi-awal-1');
  await shell.waitForPath('/audit');
  await page.getByRole('link', { name: text('id', 'common', 'header.changePassword'), exact: true }).click();
  await shell.waitForPath('/akun/kata-sandi');

  const submit = page.getByRole('button', { name: text('id', 'auth', 'password.submit'), exact: true });
  await page.locator('#currentPassword').fill('kata-sandi-awal-1');
  await page.locator('#newPassword').fill('kata-sandi-baru-333');
  await page.locator('#confirmPassword').fill('kata-sandi-lain-333');
  await submit.click();
  expect(await page.locator('[data-field-error="confirmPassword"]').innerText()).toBe(text('id', 'auth', 'password.mismatch'));

  await page.locator('#currentPassword').fill('bukan-kata-sandi');
  await page.locator('#confirmPassword').fill('kata-sandi-baru-333');
  await submit.click();
  expect(await page.locator('[data-field-error="currentPassword"]').innerText()).toBe(t('id', 'auth.wrong_current_password'));

  await page.locator('#currentPassword').fill('kata-sandi-awal-1');
  await page.locator('#newPassword').fill('kata-sandi-baru-333');
  await page.locator('#confirmPassword').fill('kata-sandi-baru-333');
  await submit.click();
  await page.getByRole('status').filter({ hasText: text('id', 'auth', 'password.changed') }).waitFor();

  await shell.signOut();
  await signIn.signIn(username, 'kata-sandi-baru-333');
  await shell.waitForPath('/audit');
});
