import { composeNik } from '@slrt/core';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, MOBILE, signInViaApi, test } from './fixtures.ts';
import { IntakeWizard } from './pages/CasePages.ts';
import { text } from './pages/text.ts';

/** A demo resident of Cinunuk (registry demo seed): Ujang Suparman. */
const UJANG_NIK = composeNik({ kecamatanCode: '32.04.05', birthDate: '1978-04-12', sex: 'M', serial: 9001 });

test.override('device', MOBILE);

const storedDrafts = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('slrt.intake.draft')).map((k) => [k, localStorage.getItem(k) ?? '']));
const draftKeys = (page: Page) => page.evaluate(() => new Promise<number>((resolve) => {
  const req = indexedDB.open('slrt-drafts');
  req.onsuccess = () => {
    const db = req.result;
    if (!db.objectStoreNames.contains('keys')) {
      db.close();
      resolve(0);
      return;
    }
    const count = db.transaction('keys').objectStore('keys').count();
    count.onsuccess = () => {
      db.close();
      resolve(count.result);
    };
  };
}));

test('a shared phone: the intake draft is kept encrypted for its officer, and sign-out (after a warning) leaves nothing for the next officer', { timeout: 120_000 }, async ({ expect, context, page, signIn }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  const intake = new IntakeWizard(page);
  await intake.goto();
  await intake.findByNik(UJANG_NIK);

  // kept on the device under this officer, and not readable there
  await expect.poll(async () => (await storedDrafts(page)).length).toBe(1);
  const [[key, stored]] = (await storedDrafts(page)) as [[string, string]];
  expect(key).toMatch(/^slrt\.intake\.draft\.v2\./);
  expect(stored).not.toContain(UJANG_NIK);
  expect(stored).not.toContain('Ujang');
  expect(await draftKeys(page)).toBe(1);

  // a reload (or a lost connection) does not lose it for the same officer
  await page.reload();
  await page.getByTestId('chosen-resident').waitFor();
  expect(await page.getByTestId('chosen-resident').innerText()).toContain('Ujang');

  // sign-out warns that the unsent intake will be lost
  let warning = '';
  page.once('dialog', (dialog) => {
    warning = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: text('id', 'common', 'header.signOut'), exact: true }).click();
  await signIn.waitUntilShown();
  expect(warning).toBe(text('id', 'common', 'header.signOutUnsentDraft'));
  expect(await storedDrafts(page)).toEqual([]);
  expect(await draftKeys(page)).toBe(0);

  // another officer on the same phone starts from an empty intake
  await signIn.signIn('fasilitator.cinunuk', DEMO_PASSWORD);
  await intake.goto();
  expect(await page.getByTestId('chosen-resident').count()).toBe(0);
  expect(await page.locator('main').innerText()).not.toContain('Ujang');
});
