import { composeNik } from '@slrt/core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { RegistryPages } from './pages/RegistryPages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

// The demo residents of Cinunuk (packages/server/src/registry/README.md).
const UJANG = composeNik({ kecamatanCode: '32.04.05', birthDate: '1978-04-12', sex: 'M', serial: 9001 });
const NENENG = composeNik({ kecamatanCode: '32.04.05', birthDate: '1961-11-05', sex: 'F', serial: 9002 });

test.override('device', MOBILE);

test('a village officer finds a resident by NIK, opens the household and sees its decile with its date', async ({ expect, context, page }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  const registry = new RegistryPages(page);
  await registry.gotoSearch();
  await registry.searchByNik(UJANG);
  expect(await registry.resultNames()).toEqual(['Ujang Suparman']);
  expect(await registry.resultNik()).toBe(`${UJANG.slice(0, 4)}********${UJANG.slice(12)}`);

  await registry.openHousehold();
  const decile = await registry.nationalDecile();
  expect(decile).toContain(text('id', 'registry', 'desil.big', { desil: 2 }));
  expect(decile).toContain('DTSEN');
  expect(decile).toContain('1 Oktober 2025');
  expect(await registry.memberNames()).toEqual(['Ujang Suparman', 'Euis Komariah', 'Rizki Ramdani', 'Siti Nurhaliza']);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});

test('a name typed with a misspelling finds the resident; a household without a decile shows the labelled local estimate', async ({ expect, context, page }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  const registry = new RegistryPages(page);
  await registry.gotoSearch();
  await registry.searchByName('udjang soeparman');
  expect((await registry.resultNames())[0]).toBe('Ujang Suparman');

  await registry.gotoSearch();
  await registry.searchByNik(NENENG);
  await registry.openHousehold();
  expect(await registry.nationalDecile()).toBeNull();
  const estimate = await registry.localEstimate();
  expect(estimate).toContain(text('id', 'registry', 'estimate.title'));
  expect(estimate).toContain(text('id', 'registry', 'desil.missing'));
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});

test('an officer of another village finds nobody from Cinunuk', async ({ expect, context, page }) => {
  await signInViaApi(context, 'puskesos.soreang');
  const registry = new RegistryPages(page);
  await registry.gotoSearch();
  await page.locator('#registry-nik').fill(UJANG);
  await page.getByRole('button', { name: text('id', 'registry', 'search.submit'), exact: true }).click();
  await page.getByText(text('id', 'registry', 'search.noResults')).waitFor();
  expect(await registry.results.count()).toBe(0);
});

test('the kabupaten imports a file and follows it to the end, with the error report link', async ({ expect, context, page }) => {
  await signInViaApi(context, 'kabupaten');
  const registry = new RegistryPages(page);
  await registry.gotoImport();
  const nik = composeNik({ kecamatanCode: '32.04.37', birthDate: '1991-02-03', sex: 'F', serial: 8877 });
  const csv = `NIK,NAMA,JNS_KEL,KODE_DESA,DESIL,TGL_DESIL\n${nik},Rina Impor,P,3204372001,4,2025-10-01\n,Tanpa NIK,L,3204372001,,\n`;
  await registry.startImport('ekstrak.csv', csv);
  expect(await registry.importFinished()).toBe('done');
  await registry.errorReportLink.waitFor();
  expect(await page.locator('.registry-progress').innerText()).toContain(text('id', 'registry', 'import.result', { ok: 1, rejected: 1 }));
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});

test('a supervisor downloads the registry of the kecamatan as a labelled file in the app\'s language (issue 12 item 7)', async ({ expect, context, page }) => {
  await signInViaApi(context, 'supervisor.cileunyi');
  await new RegistryPages(page).gotoSearch();
  const link = page.getByTestId('registry-export-readable-csv');
  await link.waitFor();
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(/labels=1&lang=id$/);
  const csv = await context.request.get(href);
  expect(csv.ok()).toBe(true);
  const [header, ...rows] = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n');
  expect(header!.startsWith('NIK,Nomor KK,Nama lengkap,Jenis kelamin,')).toBe(true);
  const ujang = rows.find((r) => r.includes('Ujang Suparman'))!;
  expect(ujang).toContain('Laki-laki');
  expect(ujang).toContain('Kepala keluarga');
  expect(ujang).not.toMatch(/,(head|M),/);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});
