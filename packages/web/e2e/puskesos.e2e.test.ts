import fs from 'node:fs';
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
