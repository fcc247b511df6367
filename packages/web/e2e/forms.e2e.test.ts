import { composeNik } from '@slrt/core';
import { DESKTOP, MOBILE, signInViaApi, test } from './fixtures.ts';
import { IntakeWizard } from './pages/CasePages.ts';
import { text } from './pages/text.ts';

/**
 * Forms that explain themselves, on a 360 px phone (issue 13 items 7-10): errors name the
 * field by its label and say how to fix it, the intake checks a field when the officer leaves
 * it and stops at the step with the problem, number fields count their digits and say what
 * they leave out, and the navigation fits.
 */

const intakeText = (key: Parameters<typeof text<'intake'>>[2], params?: Record<string, string | number>) => text('id', 'intake', key, params);

test.describe('on a 360 px phone', () => {
  test.override('device', MOBILE);

  test('the intake checks as the officer goes, in sentences with the labels, and a refused submit lands on the field', { timeout: 120_000 }, async ({ expect, context, page }) => {
    await signInViaApi(context, 'puskesos.cinunuk');
    const intake = new IntakeWizard(page);
    await intake.goto();

    // every step of the bar is on screen, the current one written out
    const dots = page.locator('.steps__number');
    expect(await dots.count()).toBe(5);
    for (const box of await Promise.all((await dots.all()).map((d) => d.boundingBox()))) {
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    }
    expect(await page.locator('.steps__current').innerText()).toBe(intakeText('step.of', { n: 1, total: 5, label: intakeText('step.resident') }));

    // the NIK search: letters are not silently dropped, the digits are counted, the button says why it waits
    const searchNik = page.getByLabel(intakeText('resident.nik'), { exact: true });
    await searchNik.pressSequentially('3204ab');
    await expect.poll(() => page.locator('#search-nik-note').innerText()).toBe(text('id', 'common', 'digits.dropped'));
    expect(await searchNik.inputValue()).toBe('3204');
    expect(await page.locator('#search-nik-count').innerText()).toBe(text('id', 'common', 'digits.count', { n: 4, total: 16 }));
    const search = page.getByRole('button', { name: intakeText('resident.search'), exact: true });
    expect(await search.isDisabled()).toBe(true);
    expect(await page.locator('#search-nik-why').innerText()).toBe(text('id', 'common', 'button.why', { reason: intakeText('resident.searchNeedsDigits', { n: 12 }) }));

    // a new resident: a birth date after today is named as the screen names it when the field is left
    await page.getByRole('button', { name: intakeText('resident.mode.new'), exact: true }).click();
    await page.getByLabel(intakeText('resident.fullName'), { exact: true }).fill('Euis Kuraesin');
    await page.getByLabel(intakeText('resident.sex'), { exact: true }).selectOption({ label: intakeText('resident.female') });
    const birth = page.getByLabel(intakeText('resident.birthDate'), { exact: true });
    await birth.fill(`${new Date().getFullYear() + 1}-02-03`);
    await birth.blur();
    const birthError = page.locator('[data-field-error="new-birth-date"]');
    await expect.poll(() => birthError.innerText()).toBe('Tanggal lahir tidak boleh setelah hari ini. Isi tanggal lahir sesuai KTP atau KK.');
    await page.screenshot({ path: screenshotPath('intake-birth-date-error'), fullPage: true });

    // Next does not pass a step with an error: it says so and puts the cursor on the field
    await intake.next();
    await expect.poll(() => page.locator('.steps__current').innerText()).toContain(intakeText('step.resident'));
    expect(await page.getByRole('alert').filter({ hasText: intakeText('check.fixFields', { n: 1 }) }).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('new-birth-date');

    // the NIK against the birth date and sex typed: sentences with both dates, no codes
    const nik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1991-01-03', sex: 'M', serial: 8123 });
    await birth.fill('1991-02-03');
    await page.getByLabel(intakeText('resident.nikOptional'), { exact: true }).fill(nik);
    const warnings = page.getByTestId('nik-warnings');
    await expect.poll(() => warnings.innerText()).toContain('Tanggal lahir di NIK (3 Januari 1991) berbeda dengan tanggal lahir yang diisi (3 Februari 1991)');
    expect(await warnings.innerText()).toContain('NIK menunjukkan jenis kelamin laki-laki, sedangkan yang diisi perempuan');

    // through the other steps, then submit without confirming the NIK: the server refuses it, and
    // the page goes back to step 1 with the cursor in the NIK and its message in words
    await intake.next();
    await intake.next();
    await intake.complaint('Butuh bantuan berobat untuk anak.');
    await intake.need(0, 'health', 'high', 'Berobat ke puskesmas');
    await intake.next();
    await intake.next();
    await page.getByRole('button', { name: intakeText('nav.submit'), exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 }).toBe('new-nik');
    const nikError = await page.locator('[data-field-error="new-nik"]').innerText();
    expect(nikError).toContain('Tanggal lahir di NIK (3 Januari 1991)');
    expect(nikError).not.toMatch(/newPerson|nik_\w+|Kolom/);
    await page.screenshot({ path: screenshotPath('intake-server-refused-nik'), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  test('the menu opens as a column and every worklist tab is on screen', async ({ expect, context, page }) => {
    await signInViaApi(context, 'koordinator.cinunuk');
    await page.goto('/kasus');
    await page.locator('main h1').waitFor();
    const nav = page.getByRole('navigation', { name: text('id', 'common', 'nav.label') });
    const toggle = nav.getByRole('button');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.getByRole('link').first().isVisible()).toBe(false);
    await toggle.click();
    for (const link of await nav.getByRole('link').all()) {
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    await page.screenshot({ path: screenshotPath('menu-open'), fullPage: true });
    await toggle.click();
    for (const tab of await page.locator('.tabs a').all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});

test.describe('at 1366 px', () => {
  test.override('device', { ...DESKTOP, viewport: { width: 1366, height: 768 } });

  test('the whole menu and the coordinator\'s selected tab are in view', async ({ expect, context, page }) => {
    await signInViaApi(context, 'koordinator.cinunuk');
    await page.goto('/kasus');
    await page.locator('main h1').waitFor();
    const nav = page.getByRole('navigation', { name: text('id', 'common', 'nav.label') });
    expect(await nav.getByRole('button').isVisible()).toBe(false);
    for (const link of await nav.getByRole('link').all()) {
      expect(await link.isVisible()).toBe(true);
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1366);
    }
    const selected = page.locator('.tabs a[aria-current="page"]');
    const box = (await selected.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1366);
  });
});

function screenshotPath(name: string): string {
  return new URL(`./screenshots/${name}.png`, import.meta.url).pathname;
}
