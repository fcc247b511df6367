import { CASE_ACTION_LIST, CASE_STATUS_LIST, composeNik } from '@slrt/core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { CaseScreen, IntakeWizard } from './pages/CasePages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

/** A demo resident of Cinunuk (registry demo seed): Ujang Suparman, head of household DEMO-1. */
const UJANG_NIK = composeNik({ kecamatanCode: '32.04.05', birthDate: '1978-04-12', sex: 'M', serial: 9001 });
/** A 1 x 1 PNG: a photo of the house, as a phone would send it. */
const PHOTO = { name: 'rumah-ujang.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') };

test.override('device', MOBILE);

test('the front office registers a resident with two needs and a document, the coordinator decides, the letter prints and verifies', { timeout: 180_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  // --- front office: puskesos.cinunuk on a 360 px phone
  await signInViaApi(context, 'puskesos.cinunuk');
  const intake = new IntakeWizard(page);
  await intake.goto();
  await intake.findByNik(UJANG_NIK);
  await intake.next();
  await intake.next(); // channel and kind: walk-in complaint, the defaults
  await intake.complaint('Atap rumah bocor dan anak butuh biaya berobat.');
  await intake.need(0, 'health', 'high', 'Biaya berobat anak ke RSUD');
  await intake.need(1, 'housing', 'normal', 'Perbaikan atap rumah');
  await intake.next();
  await intake.next(); // legal basis: public service task, no consent needed
  await intake.attach('house_photo', PHOTO);
  const caseId = await intake.submit();

  const receipt = page.getByTestId('receipt');
  const code = (await page.getByTestId('tracking-code').innerText()).trim();
  // the resident's code is random (no look-alike characters), not the case number
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
  const caseNumber = (await page.getByTestId('case-number').innerText()).trim();
  expect(caseNumber).toMatch(/^3204-\d{4}-\d{6}$/);
  const receiptText = await receipt.innerText();
  for (const expected of ['Ujang Suparman', 'Cinunuk', 'Biaya berobat anak ke RSUD', 'Perbaikan atap rumah', 'Kesehatan', 'Perumahan', 'Foto rumah', text('id', 'cases', 'receipt.trackWithNik')]) {
    expect(receiptText).toContain(expected);
  }
  expect(receiptText).not.toContain(UJANG_NIK);
  await receipt.locator('img.qr').waitFor();
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  const pdf = await context.request.get(`/api/v1/cases/${caseId}/receipt.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // --- back office: registry check and recommendation by the officer
  const officerCase = new CaseScreen(page);
  await officerCase.goto(caseId);
  expect(await page.locator('[data-document-kind="house_photo"]').count()).toBe(1);
  await officerCase.act('check_registry');
  await officerCase.act('recommend', async (form) => {
    await form.getByLabel(text('id', 'cases', 'action.recommendation'), { exact: true }).fill('Rujuk ke RSUD dan usulkan rutilahu.');
  });
  expect(await officerCase.status()).toBe('recommended');
  // the officer has no decide button: that is the coordinator's
  expect(await page.getByRole('button', { name: 'Tetapkan layanan', exact: true }).count()).toBe(0);

  // --- koordinator.cinunuk decides from the worklist and prints the letter
  const other = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    await signInViaApi(other, 'koordinator.cinunuk');
    const coordinator = await other.newPage();
    await coordinator.goto('/kasus?daftar=decide');
    await coordinator.locator(`[data-case-code="${caseNumber}"] a`).click();
    const decideCase = new CaseScreen(coordinator);
    await coordinator.locator('[data-case-status]').waitFor();
    await decideCase.act('decide', async (form) => {
      await form.getByLabel('Dirujuk ke mitra layanan', { exact: true }).check();
    });
    expect(await decideCase.status()).toBe('in_progress');
    expect(await coordinator.locator('[data-case-status] .status').first().innerText()).toBe(CASE_STATUS_LIST.find((s) => s.code === 'in_progress')!.id);

    await coordinator.getByRole('button', { name: text('id', 'cases', 'letters.issueRecommendation'), exact: true }).click();
    await coordinator.waitForURL((url) => /\/surat\/[0-9a-f-]{36}$/.test(url.pathname));
    const letter = coordinator.getByTestId('letter');
    await letter.locator('img.qr').waitFor();
    const number = await letter.getAttribute('data-letter-number');
    expect(number).toMatch(/^\d{4}\/REK\/SLRT-3204\/[IVX]+\/\d{4}$/);
    const letterText = await letter.innerText();
    for (const expected of ['SURAT REKOMENDASI', `Nomor: ${number}`, 'Ujang Suparman', 'Kesehatan (Tinggi): Biaya berobat anak ke RSUD', 'Koordinator Puskesos Desa Cinunuk', 'Dirujuk ke mitra layanan']) {
      expect(letterText).toContain(expected);
    }
    expect((await letter.getByTestId('signer').innerText()).trim()).toBe('Koordinator Puskesos Cinunuk');

    // printing from the browser: the button prints, and the printed page is the letter alone
    await coordinator.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await coordinator.getByRole('button', { name: text('id', 'cases', 'letters.print'), exact: true }).click();
    expect(await coordinator.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await coordinator.emulateMedia({ media: 'print' });
    expect(await coordinator.locator('.app-header').isVisible()).toBe(false);
    expect(await letter.isVisible()).toBe(true);
    await coordinator.emulateMedia({ media: 'screen' });
    const letterId = coordinator.url().split('/surat/')[1]!;
    const letterPdf = await other.request.get(`/api/v1/cases/${caseId}/letters/${letterId}/pdf`);
    expect(letterPdf.status()).toBe(200);
    expect((await letterPdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // --- a hospital clerk scans the QR code: number, date, office and validity, no resident data
    const verifyPath = new URL((await letter.locator('.qr-block p').innerText()).split('\n').at(-1)!.trim()).pathname;
    const clerk = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
    try {
      const clerkPage = await clerk.newPage();
      await clerkPage.goto(verifyPath);
      const result = clerkPage.getByTestId('verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-status')).toBe('valid');
      const shown = await clerkPage.locator('main').innerText();
      expect(shown).toContain(number!);
      expect(shown).toContain('Puskesos Desa Cinunuk');
      expect(shown).not.toContain('Ujang');
      expect(shown).not.toContain(UJANG_NIK.slice(-4));

      // --- the case number does not open /lacak, even with the right digits
      await clerkPage.goto(`/lacak?kode=${caseNumber}`);
      await clerkPage.getByLabel(text('id', 'cases', 'track.nik4'), { exact: true }).fill(UJANG_NIK.slice(-4));
      await clerkPage.getByRole('button', { name: text('id', 'cases', 'track.submit'), exact: true }).click();
      expect((await clerkPage.getByRole('alert').innerText()).trim()).toBe(text('id', 'cases', 'track.notFound'));

      // --- the resident follows the case at /lacak with the last four digits of the NIK
      await clerkPage.goto(`/lacak?kode=${code}`);
      await clerkPage.getByLabel(text('id', 'cases', 'track.nik4'), { exact: true }).fill('0000');
      await clerkPage.getByRole('button', { name: text('id', 'cases', 'track.submit'), exact: true }).click();
      expect((await clerkPage.getByRole('alert').innerText()).trim()).toBe(text('id', 'cases', 'track.notFound'));
      await clerkPage.getByLabel(text('id', 'cases', 'track.nik4'), { exact: true }).fill(UJANG_NIK.slice(-4));
      await clerkPage.getByRole('button', { name: text('id', 'cases', 'track.submit'), exact: true }).click();
      const tracked = clerkPage.getByTestId('track-result');
      await tracked.waitFor();
      expect(await tracked.getAttribute('data-status')).toBe('in_progress');
      const trackedText = await tracked.innerText();
      expect(trackedText).toContain('Kesehatan');
      expect(trackedText).not.toContain('Ujang');
      // what happens next for this status, and whom to ask: the case's Puskesos by its profile
      expect((await clerkPage.getByTestId('track-next').innerText()).trim()).toBe(text('id', 'cases', 'track.next.in_progress'));
      expect(await clerkPage.getByTestId('puskesos-contact').innerText()).toContain(text('id', 'cases', 'track.contactName', { village: 'Cinunuk' }));
      expect(await new Shell(clerkPage).overflowsHorizontally()).toBe(false);
    } finally {
      await clerk.close();
    }
  } finally {
    await other.close();
  }
});

test('the supervisor sees the villages of Cileunyi side by side', async ({ expect, context, page }) => {
  await signInViaApi(context, 'supervisor.cileunyi');
  await page.goto('/kasus/papan');
  const board = page.getByTestId('board');
  await board.waitFor();
  expect(await board.locator('[data-area="32.04.05.2004"]').innerText()).toContain('Cinunuk');
  expect(await board.locator('li').count()).toBeGreaterThan(5);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});

test('the officer transfers a case to Soreang from the case page: it leaves Cinunuk with its history and the Soreang officer takes it over', { timeout: 120_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  const cinunuk = await signInViaApi(context, 'puskesos.cinunuk');
  const people = (await (await context.request.get('/api/v1/persons?area=32.04.05.2004&limit=20')).json()) as { items: Array<{ id: string }> };
  const c = await cinunuk.post<{ id: string; code: string }>('/cases', {
    personId: people.items[0]!.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Warga baru pindah, butuh bantuan sewa rumah.',
    needs: [{ sector: 'housing', urgency: 'normal', request: 'Bantuan sewa rumah' }],
  });
  const soreang = (await (await context.request.get('/api/v1/areas/32.04.37.2001')).json()) as { name: string; parents: Array<{ name: string; level: string }> };
  const soreangKecamatan = soreang.parents.find((p) => p.level === 'kecamatan')!.name;

  const screen = new CaseScreen(page);
  await screen.goto(c.id);
  await screen.act('transfer', async (form) => {
    await form.getByLabel(text('id', 'admin', 'area.kecamatan'), { exact: true }).selectOption({ label: soreangKecamatan });
    const village = form.getByLabel(text('id', 'admin', 'area.village'), { exact: true });
    await village.locator('option', { hasText: soreang.name }).first().waitFor({ state: 'attached' });
    await village.selectOption({ label: soreang.name });
    await form.getByLabel(text('id', 'cases', 'action.transferReason'), { exact: true }).fill('Warga sudah pindah domisili ke Soreang.');
    expect(await form.locator('[data-area-code="32.04.37.2001"]').count()).toBe(1);
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  });
  // the case left the officer's area: the page says where it went, and the case no longer opens
  const moved = page.locator('[data-transferred-to="32.04.37.2001"]');
  await moved.waitFor();
  expect(await moved.innerText()).toContain(soreang.name);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  expect((await context.request.get(`/api/v1/cases/${c.id}`)).status()).toBe(404);

  const other = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    await signInViaApi(other, 'puskesos.soreang');
    const soreangPage = await other.newPage();
    const taken = new CaseScreen(soreangPage);
    await taken.goto(c.id);
    expect(await taken.status()).toBe('registered');
    const timeline = soreangPage.getByTestId('timeline');
    expect(await timeline.locator('li').count()).toBe(2);
    const line = await timeline.locator('[data-event="transferred"]').innerText();
    expect(line).toContain(text('id', 'cases', 'event.transferred'));
    expect(line).toContain(text('id', 'cases', 'event.place', { village: soreang.name, kecamatan: soreangKecamatan }));
    expect(line).toContain('Cinunuk');
    expect(line).toContain('Warga sudah pindah domisili ke Soreang.');
    // the Soreang officer works it now
    const check = CASE_ACTION_LIST.find((a) => a.code === 'check_registry')!.id;
    expect(await soreangPage.locator('.actions').getByRole('button', { name: check, exact: true }).count()).toBe(1);
  } finally {
    await other.close();
  }
});
