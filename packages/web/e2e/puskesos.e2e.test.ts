import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { pdfText } from '../../server/src/letters/pdf-text.ts';
import { MOBILE, test } from './fixtures.ts';
import { PuskesosPages } from './pages/PuskesosPages.ts';
import { Shell } from './pages/Shell.ts';
import { SignInPage } from './pages/SignInPage.ts';
import { text } from './pages/text.ts';

test.override('device', MOBILE);

test('the executive compares the Puskesos on a phone: tile map of the kecamatan, sorted by a measure, down into Cileunyi', { timeout: 90_000 }, async ({ expect, page, signIn }) => {
  await signIn.goto();
  await signIn.signIn('eksekutif', 'slrt-demo');
  const shell = new Shell(page);
  const pk = new PuskesosPages(page);
  await pk.openFromNav('nav.equity', '/puskesos/kesetaraan');
  await pk.waitForEquity('32.04');
  expect(await pk.mapTiles().count()).toBe(31);
  expect(await shell.overflowsHorizontally()).toBe(false);

  // the volunteers' share, worst (highest) first: the demo has Puskesos run by volunteers only
  await pk.chooseMetric('volunteersShare');
  const values = (await pk.tableValues()).filter((v) => v !== '').map(Number);
  expect(values.length).toBeGreaterThan(0);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  await page.getByTestId('equity-direction').click();
  const reversed = (await pk.tableValues()).filter((v) => v !== '').map(Number);
  expect(reversed).toEqual([...reversed].sort((a, b) => a - b));

  // into Kecamatan Cileunyi: its six villages, shaded by funding per resident, unequal
  await pk.tile('32.04.05').click();
  await pk.waitForEquity('32.04.05');
  expect(await pk.mapTiles().count()).toBe(6);
  const shades = await pk.mapTiles().evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-shade')));
  expect(new Set(shades).size).toBeGreaterThan(2);
  expect(await shell.overflowsHorizontally()).toBe(false);
  await page.getByTestId('equity-table').getByRole('link', { name: 'Cinunuk' }).click();
  await page.waitForURL((url) => url.pathname === '/puskesos' && url.searchParams.get('desa') === '32.04.05.2004');
  await page.getByTestId('puskesos-facts').waitFor();
  expect(await page.locator('main h1').innerText()).toBe(text('id', 'puskesos', 'profile.title', { name: 'Cinunuk' }));
});

test('the village head of Cinunuk approves the profile, downloads the monthly report as a PDF on a phone, and never reaches residents', { timeout: 90_000 }, async ({ expect, page, signIn, context }) => {
  await signIn.goto();
  await signIn.signIn('kades.cinunuk', 'slrt-demo');
  const shell = new Shell(page);
  expect(await shell.workspaceId()).toBe('village');
  expect((await context.request.get('/api/v1/persons?area=32.04.05.2004')).status()).toBe(403);

  const pk = new PuskesosPages(page);
  await pk.openFromNav('nav.profile', '/puskesos');
  await page.getByTestId('puskesos-facts').waitFor();
  await page.getByRole('button', { name: text('id', 'puskesos', 'profile.approve') }).click();
  await expect.poll(() => page.getByTestId('puskesos-approval').innerText()).toContain('Kepala Desa Cinunuk');
  expect(await shell.overflowsHorizontally()).toBe(false);

  await pk.openFromNav('nav.report', '/laporan');
  await pk.waitForReport('32.04.05.2004');
  expect(await shell.overflowsHorizontally()).toBe(false);
  const download = await pk.download('report-pdf');
  expect(download.suggestedFilename()).toMatch(/^laporan-slrt-3204052004-\d{4}-\d{2}\.pdf$/);
  const file = fs.readFileSync((await download.path())!);
  expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const printed = await pdfText(file);
  expect(printed).toContain('LAPORAN SLRT');
  expect(printed).toContain('Desa/Kelurahan Cinunuk');
  expect(printed).not.toMatch(/\d{16}/);
});

test('the koordinator logs an outreach on a phone, and the supervisor downloads the invitation list of a training the kecamatan lacks', { timeout: 90_000 }, async ({ expect, page, signIn, browser, baseUrl }) => {
  await signIn.goto();
  await signIn.signIn('koordinator.cinunuk', 'slrt-demo');
  const shell = new Shell(page);
  const pk = new PuskesosPages(page);
  await pk.openFromNav('nav.profile', '/puskesos');
  await page.getByTestId('outreach').waitFor();
  // the koordinator corrects the profile: residents and where the Puskesos works
  await page.getByRole('link', { name: text('id', 'puskesos', 'edit.link') }).click();
  await page.waitForURL((url) => url.pathname === '/puskesos/ubah');
  await page.getByLabel(text('id', 'puskesos', 'profile.population')).fill('41500');
  await page.getByLabel(text('id', 'puskesos', 'profile.host')).selectOption('own_building');
  await page.getByLabel(text('id', 'puskesos', 'facility.waiting_room')).selectOption('fair');
  expect(await shell.overflowsHorizontally()).toBe(false);
  await page.getByRole('button', { name: text('id', 'puskesos', 'edit.save') }).click();
  await page.waitForURL((url) => url.pathname === '/puskesos');
  await expect.poll(() => page.getByTestId('puskesos-facts').innerText()).toContain('41.500');
  expect(await page.getByTestId('puskesos-facts').innerText()).toContain(text('id', 'puskesos', 'host.own_building'));
  expect(await page.getByTestId('puskesos-facilities').innerText()).toContain(text('id', 'puskesos', 'facility.waiting_room'));
  // nothing typed in the number: the field is named
  await page.getByLabel(text('id', 'puskesos', 'outreach.place')).fill('Balai RW 07');
  await page.getByLabel(text('id', 'puskesos', 'outreach.audience')).fill('Kader Posyandu');
  await page.getByLabel(text('id', 'puskesos', 'outreach.byName')).fill('Euis (PSM)');
  await page.getByLabel(text('id', 'puskesos', 'outreach.byKind')).selectOption('psm');
  await page.getByRole('button', { name: text('id', 'puskesos', 'outreach.save') }).click();
  await page.locator('[data-field-error="outreach-reached"]').waitFor();
  await page.getByLabel(text('id', 'puskesos', 'outreach.reached')).fill('38');
  await page.getByRole('button', { name: text('id', 'puskesos', 'outreach.save') }).click();
  await expect.poll(() => page.getByTestId('outreach-list').innerText()).toContain('Balai RW 07');
  expect(await shell.overflowsHorizontally()).toBe(false);

  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, baseURL: baseUrl });
  try {
    const sup = await context.newPage();
    const supSignIn = new SignInPage(sup);
    await supSignIn.goto();
    await supSignIn.signIn('supervisor.cileunyi', 'slrt-demo');
    const supPk = new PuskesosPages(sup);
    await supPk.openFromNav('nav.training', '/puskesos/pelatihan');
    await sup.locator('section.training-gaps[data-area="32.04.05"]').waitFor();
    const first = sup.locator('section.card[data-training]').first();
    await first.waitFor();
    expect(await first.locator('li').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([sup.waitForEvent('download'), first.getByTestId('invitation-xlsx').click()]);
    expect(download.suggestedFilename()).toBe('undangan-pelatihan-320405.xlsx');
    const file = fs.readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await new Shell(sup).overflowsHorizontally()).toBe(false);
  } finally {
    await context.close();
  }
});

/** A 1 x 1 PNG: a photo or a scanned page, as a phone sends it. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const CINUNUK = '32.04.05.2004';
const P = (key: Parameters<typeof text<'puskesos'>>[2], params?: Record<string, string | number>) => text('id', 'puskesos', key, params);

test('funding and visits on a phone: the koordinator enters a Dana Desa line with its budget page, the supervisor confirms it and records a visit with a photo, the village head approves the line', { timeout: 120_000 }, async ({ expect, page, signIn, browser, baseUrl }) => {
  await signIn.goto();
  await signIn.signIn('koordinator.cinunuk', 'slrt-demo');
  const pk = new PuskesosPages(page);
  await pk.openFromNav('nav.profile', '/puskesos');
  await page.getByTestId('puskesos-facts').waitFor();
  await page.getByRole('link', { name: P('funding.link'), exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/puskesos/dana');
  const note = `Honor relawan ${Date.now()}`;
  await page.getByLabel(P('funding.category'), { exact: true }).selectOption('honorarium');
  await page.getByLabel(P('funding.note'), { exact: true }).fill(note);
  // no amount: the field is named
  await page.getByRole('button', { name: P('funding.save') }).click();
  await page.locator('[data-field-error="funding-amount"]').waitFor();
  await page.getByLabel(P('funding.amount'), { exact: true }).fill('6000000');
  await page.getByRole('button', { name: P('funding.save') }).click();
  const line = page.getByTestId('funding-lines').locator('li.card', { hasText: note });
  await line.waitFor();
  expect(await line.getAttribute('data-status')).toBe('entered');
  await line.locator('input[type="file"]').setInputFiles({ name: 'apbdes-halaman-12.png', mimeType: 'image/png', buffer: PNG });
  await line.getByRole('button', { name: P('documents.upload') }).click();
  await expect.poll(() => line.innerText()).toContain('apbdes-halaman-12.png');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  const supervisor = await phone(browser, baseUrl, 'supervisor.cileunyi');
  try {
    const sup = supervisor.page;
    await sup.goto(`/puskesos/dana?desa=${CINUNUK}`);
    const supLine = sup.getByTestId('funding-lines').locator('li.card', { hasText: note });
    await supLine.getByRole('button', { name: P('funding.confirm') }).click();
    await expect.poll(() => supLine.getAttribute('data-status')).toBe('confirmed');
    // the visit: the building seen in fair condition, with a photo
    await sup.getByRole('link', { name: P('back.profile') }).click();
    await sup.getByRole('link', { name: P('visits.link'), exact: true }).click();
    await sup.waitForURL((url) => url.pathname === '/puskesos/kunjungan');
    const building = sup.locator('fieldset[data-item="building"]');
    await building.getByLabel(P('visits.condition')).selectOption('fair');
    await building.getByLabel(P('visits.confirmed')).check();
    const visitNote = `Ruang tunggu sempit ${Date.now()}`;
    await sup.getByLabel(P('visits.note'), { exact: true }).fill(visitNote);
    expect(await new Shell(sup).overflowsHorizontally()).toBe(false);
    await sup.getByRole('button', { name: P('visits.save') }).click();
    const visit = sup.getByTestId('visit-list').locator('li.card', { hasText: visitNote });
    await visit.waitFor();
    expect(await visit.innerText()).toContain(`${P('facility.building')}: ${P('condition.fair')} ✓`);
    await visit.locator('input[type="file"]').setInputFiles({ name: 'puskesos-cinunuk.png', mimeType: 'image/png', buffer: PNG });
    await visit.getByRole('button', { name: P('documents.upload') }).click();
    await expect.poll(() => visit.getByTestId('visit-photos').innerText()).toContain('puskesos-cinunuk.png');
  } finally {
    await supervisor.context.close();
  }

  const head = await phone(browser, baseUrl, 'kades.cinunuk');
  try {
    const kades = head.page;
    await new PuskesosPages(kades).openFromNav('nav.funding', '/puskesos/dana');
    const headLine = kades.getByTestId('funding-lines').locator('li.card', { hasText: note });
    await headLine.getByRole('button', { name: P('funding.approve') }).click();
    await expect.poll(() => headLine.getAttribute('data-status')).toBe('approved');
    expect(await kades.getByTestId('funding-totals').innerText()).toContain(P('source.dana_desa'));
    expect(await new Shell(kades).overflowsHorizontally()).toBe(false);
  } finally {
    await head.context.close();
  }
});

test('people and training on a phone: the kabupaten adds a volunteer, hands Cinunuk over to its koordinator (both sign), plans a session and marks attendance; the koordinator\'s first screen lists what they inherited', { timeout: 120_000 }, async ({ expect, page, signIn, browser, baseUrl }) => {
  await signIn.goto();
  await signIn.signIn('kabupaten', 'slrt-demo');
  const shell = new Shell(page);
  await page.goto(`/puskesos?desa=${CINUNUK}`);
  await page.getByRole('link', { name: P('officers.link'), exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/puskesos/petugas');
  await page.getByTestId('officers-vacancies').waitFor();
  const volunteer = `Euis Relawan ${Date.now() % 100000}`;
  await page.getByLabel(P('officers.name'), { exact: true }).fill(volunteer);
  await page.getByLabel(P('officers.position'), { exact: true }).selectOption('volunteer');
  await page.getByRole('button', { name: P('officers.save') }).click();
  await expect.poll(() => page.getByTestId('officers-list').innerText()).toContain(volunteer);
  expect(await shell.overflowsHorizontally()).toBe(false);

  // the handover to the koordinator who has an account: produced from the data, signed by both
  const outgoing = `Dadang Koordinator Lama ${Date.now() % 100000}`;
  await page.getByLabel(P('handover.outgoing'), { exact: true }).fill(outgoing);
  await page.getByLabel(P('handover.incoming'), { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: P('handover.save') }).click();
  const handover = page.getByTestId('handover-list').locator('li.card', { hasText: outgoing });
  await handover.waitFor();
  await handover.getByRole('button', { name: P('handover.sign.outgoing', { name: outgoing }) }).click();
  await expect.poll(() => handover.locator('[data-signature="outgoing"] button').count()).toBe(0);
  expect(await handover.locator('[data-signature="outgoing"]').innerText()).toContain(outgoing);
  await handover.locator('[data-signature="incoming"] button').click();
  await expect.poll(() => handover.locator('[data-signature="incoming"] button').count()).toBe(0);
  expect(await shell.overflowsHorizontally()).toBe(false);

  // a training the front office needs, a session for Cileunyi, and who attended
  await new PuskesosPages(page).openFromNav('nav.catalog', '/puskesos/pelatihan/katalog');
  const title = `Pelayanan Satu Pintu ${Date.now() % 100000}`;
  await page.getByLabel(P('catalog.name'), { exact: true }).fill(title);
  await page.getByLabel(P('catalog.topic'), { exact: true }).fill('Penerimaan keluhan');
  await page.getByLabel(P('catalog.hoursLabel'), { exact: true }).fill('8');
  await page.getByRole('button', { name: P('catalog.save') }).click();
  const training = page.getByTestId('training-list').locator('li.card', { hasText: title });
  await training.waitFor();
  for (const position of ['front_office', 'back_office', 'koordinator'] as const) {
    // the box follows the server: it shows ticked once the catalog says the position needs the training
    await training.getByLabel(P(`position.${position}`), { exact: true }).click();
    await expect.poll(() => training.getByLabel(P(`position.${position}`), { exact: true }).isChecked()).toBe(true);
  }
  await page.getByLabel(P('sessions.training'), { exact: true }).selectOption({ label: title });
  await page.getByLabel(P('sessions.place'), { exact: true }).fill('Aula Kecamatan Cileunyi');
  await page.getByLabel(P('sessions.area'), { exact: true }).fill('32.04.05');
  await page.getByRole('button', { name: P('sessions.save') }).click();
  const session = page.getByTestId('session-list').locator('li.card', { hasText: title });
  await session.waitFor();
  await session.getByRole('button', { name: P('sessions.mark') }).click();
  const invitee = session.getByTestId('attendance').locator('input[type="checkbox"]').first();
  await invitee.check();
  await session.getByRole('button', { name: P('sessions.saveAttendance') }).click();
  await expect.poll(() => session.getByTestId('session-attendees').innerText()).toBe(P('sessions.attendees', { n: 1 }));
  expect(await shell.overflowsHorizontally()).toBe(false);

  const koordinator = await phone(browser, baseUrl, 'koordinator.cinunuk');
  try {
    const inherited = koordinator.page.getByTestId('inherited');
    await inherited.waitFor();
    expect(await inherited.innerText()).toContain(outgoing);
  } finally {
    await koordinator.context.close();
  }
});

test('an officer\'s account and removing a file on a phone: the koordinator links a new officer to the facilitator\'s account and unlinks it after confirming; removes a budget page (cancelled once, then confirmed); the supervisor removes a visit photo', { timeout: 120_000 }, async ({ expect, page, signIn, browser, baseUrl }) => {
  await signIn.goto();
  await signIn.signIn('koordinator.cinunuk', 'slrt-demo');
  const shell = new Shell(page);
  await page.goto('/puskesos/petugas');
  await page.getByTestId('officers-vacancies').waitFor();
  const name = `Rudi Pendamping ${Date.now() % 100000}`;
  await page.getByLabel(P('officers.name'), { exact: true }).fill(name);
  await page.getByLabel(P('officers.position'), { exact: true }).selectOption('fasilitator');
  await page.getByRole('button', { name: P('officers.save') }).click();
  const card = page.getByTestId('officers-list').locator('li.card', { hasText: name });
  await card.waitFor();
  expect(await card.getByTestId('officer-account').innerText()).toContain(P('officers.noAccount'));
  // the picker offers the staff of Cinunuk and of Kecamatan Cileunyi, not the village head
  const picker = card.getByLabel(P('officers.accountLabel'), { exact: true });
  const options = await picker.locator('option').allInnerTexts();
  expect(options.some((o) => o.includes('(fasilitator.cinunuk)'))).toBe(true);
  expect(options.some((o) => o.includes('(supervisor.cileunyi)'))).toBe(true);
  expect(options.some((o) => o.includes('kades.cinunuk'))).toBe(false);
  await picker.selectOption({ label: 'Fasilitator Desa Cinunuk (fasilitator.cinunuk)' });
  expect(await shell.overflowsHorizontally()).toBe(false);
  await card.getByRole('button', { name: P('officers.linkAccount') }).click();
  const shown = P('officers.account', { name: 'Fasilitator Desa Cinunuk', username: 'fasilitator.cinunuk' });
  await expect.poll(() => card.getByTestId('officer-account').innerText()).toContain(shown);
  // unlinking asks first: cancelled, nothing changes; confirmed, the account is gone
  page.once('dialog', (d) => void d.dismiss());
  await card.getByRole('button', { name: P('officers.unlinkAccount') }).click();
  expect(await card.getByTestId('officer-account').innerText()).toContain(shown);
  page.once('dialog', (d) => void d.accept());
  await card.getByRole('button', { name: P('officers.unlinkAccount') }).click();
  await expect.poll(() => card.getByTestId('officer-account').innerText()).toContain(P('officers.noAccount'));

  // a budget page attached by mistake is removed, after a confirmation
  await page.goto('/puskesos/dana');
  const note = `Salah unggah ${Date.now()}`;
  await page.getByLabel(P('funding.amount'), { exact: true }).fill('750000');
  await page.getByLabel(P('funding.note'), { exact: true }).fill(note);
  await page.getByRole('button', { name: P('funding.save') }).click();
  const line = page.getByTestId('funding-lines').locator('li.card', { hasText: note });
  await line.waitFor();
  await line.locator('input[type="file"]').setInputFiles({ name: 'bukan-apbdes.png', mimeType: 'image/png', buffer: PNG });
  await line.getByRole('button', { name: P('documents.upload') }).click();
  await expect.poll(() => line.innerText()).toContain('bukan-apbdes.png');
  const remove = line.getByRole('button', { name: P('documents.removeLabel', { name: 'bukan-apbdes.png' }) });
  page.once('dialog', (d) => void d.dismiss());
  await remove.click();
  expect(await line.getByTestId('funding-documents').innerText()).toContain('bukan-apbdes.png');
  expect(await shell.overflowsHorizontally()).toBe(false);
  let asked = '';
  page.once('dialog', (d) => {
    asked = d.message();
    void d.accept();
  });
  await remove.click();
  await expect.poll(() => line.getByTestId('funding-documents').count()).toBe(0);
  expect(asked).toBe(P('documents.confirmRemove', { name: 'bukan-apbdes.png' }));

  // the village head reads the funding but removes nothing
  const head = await phone(browser, baseUrl, 'kades.cinunuk');
  try {
    await head.page.goto('/puskesos/dana');
    await head.page.getByTestId('funding-lines').waitFor();
    expect(await head.page.getByRole('button', { name: P('documents.remove') }).count()).toBe(0);
  } finally {
    await head.context.close();
  }

  // the supervisor removes a photo of a visit
  const supervisor = await phone(browser, baseUrl, 'supervisor.cileunyi');
  try {
    const sup = supervisor.page;
    await sup.goto(`/puskesos/kunjungan?desa=${CINUNUK}`);
    const visitNote = `Foto buram ${Date.now()}`;
    await sup.getByLabel(P('visits.note'), { exact: true }).fill(visitNote);
    await sup.getByRole('button', { name: P('visits.save') }).click();
    const visit = sup.getByTestId('visit-list').locator('li.card', { hasText: visitNote });
    await visit.waitFor();
    await visit.locator('input[type="file"]').setInputFiles({ name: 'buram.png', mimeType: 'image/png', buffer: PNG });
    await visit.getByRole('button', { name: P('documents.upload') }).click();
    await expect.poll(() => visit.innerText()).toContain('buram.png');
    sup.once('dialog', (d) => void d.accept());
    await visit.getByRole('button', { name: P('documents.removeLabel', { name: 'buram.png' }) }).click();
    await expect.poll(() => visit.getByTestId('visit-photos').count()).toBe(0);
    expect(await new Shell(sup).overflowsHorizontally()).toBe(false);
  } finally {
    await supervisor.context.close();
  }
});

test('the kabupaten sees on a phone who lacks training per kecamatan, opens Cileunyi and downloads its invitation list as a PDF', { timeout: 90_000 }, async ({ expect, page, signIn }) => {
  await signIn.goto();
  await signIn.signIn('kabupaten', 'slrt-demo');
  await new PuskesosPages(page).openFromNav('nav.training', '/puskesos/pelatihan');
  const table = page.getByTestId('training-by-kecamatan');
  await table.waitFor();
  // the demo's weak and middling Puskesos lack the basic training: Cileunyi among them
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  await table.getByRole('link', { name: P('training.open', { name: 'Cileunyi' }) }).click();
  await page.locator('section.training-gaps[data-area="32.04.05"]').waitFor();
  expect(await page.getByTestId('training-by-kecamatan').count()).toBe(0);
  const first = page.locator('section.card[data-training]').first();
  await first.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), first.getByTestId('invitation-pdf').click()]);
  expect(download.suggestedFilename()).toBe('undangan-pelatihan-320405.pdf');
  const printed = await pdfText(fs.readFileSync((await download.path())!));
  expect(printed).toContain('Daftar Undangan Pelatihan');
  expect(printed).toContain('Cileunyi');

  // the kabupaten's grades are data: a criterion added to one is shown on the profiles of that grade
  await new PuskesosPages(page).openFromNav('nav.grades', '/puskesos/peringkat');
  const madya = page.locator('fieldset[data-grade="madya"]');
  const criterion = `Memiliki ruang tunggu ${Date.now() % 100000}`;
  const criteria = madya.getByLabel(P('grades.criteria'), { exact: true });
  await criteria.fill(`${await criteria.inputValue()}\n${criterion}`);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  await page.getByRole('button', { name: P('grades.save') }).click();
  await page.getByText(P('grades.saved')).waitFor();
  await page.goto(`/puskesos?desa=${CINUNUK}`);
  await expect.poll(() => page.locator('main').innerText()).toContain(criterion);
});

/** Another user signed in on a phone of their own, on their first screen. */
async function phone(browser: Browser, baseUrl: string, username: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, baseURL: baseUrl });
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(username, 'slrt-demo');
  return { context, page };
}
