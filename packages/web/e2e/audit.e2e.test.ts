import fs from 'node:fs';
import { auditActionLabel, composeNik } from '@slrt/core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { text } from './pages/text.ts';

/** A demo resident of Cinunuk (registry demo seed): Neneng Sumarni. */
const NENENG = composeNik({ kecamatanCode: '32.04.05', birthDate: '1961-11-05', sex: 'F', serial: 9002 });

test.override('device', MOBILE);

test('the auditor searches the trail by NIK, verifies the chain and downloads the export, on a phone', { timeout: 120_000 }, async ({ expect, page, signIn, shell, browser, baseUrl }) => {
  // an officer looks the resident up, so the trail has something of hers to show
  const officer = await browser.newContext({ baseURL: baseUrl });
  try {
    await signInViaApi(officer, 'puskesos.cinunuk');
    expect((await officer.request.get(`/api/v1/persons?nik=${NENENG}`)).status()).toBe(200);
  } finally {
    await officer.close();
  }

  await signIn.goto();
  await signIn.signIn('auditor', 'slrt-demo');
  expect(await shell.workspaceId()).toBe('audit');

  // the search, by NIK
  await page.getByRole('link', { name: text('id', 'audit', 'nav.trail'), exact: true }).first().click();
  await page.locator('#audit-nik').waitFor();
  await page.locator('#audit-nik').fill(NENENG.slice(0, 10));
  // an incomplete NIK says why the search waits
  await expect.poll(() => page.getByRole('button', { name: text('id', 'audit', 'search.submit'), exact: true }).isDisabled()).toBe(true);
  expect(await page.getByTestId('trail-search').innerText()).toContain(text('id', 'audit', 'search.nikIncomplete', { n: 10 }));
  await page.locator('#audit-nik').fill(NENENG);
  await page.getByRole('button', { name: text('id', 'audit', 'search.submit'), exact: true }).click();
  await page.getByRole('heading', { name: text('id', 'audit', 'results.person', { name: 'Neneng Sumarni' }) }).waitFor();
  const row = page.getByTestId('trail-results').locator('tr[data-action="person.search"]').first();
  await row.waitFor();
  // labels, not codes
  const rowText = await row.innerText();
  expect(rowText).toContain(auditActionLabel('id', 'person.search'));
  expect(rowText).toContain('puskesos.cinunuk');
  expect(rowText).toContain(text('id', 'common', 'role.puskesos_officer'));
  expect(rowText).not.toContain('puskesos_officer');
  expect(await shell.overflowsHorizontally()).toBe(false);

  // the export of that search
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('trail-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^audit-trail-3204-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain('No. urut,Waktu,Pengguna,Peran,Kode kegiatan,Kegiatan');
  expect(csv).toContain(`person.search,${auditActionLabel('id', 'person.search')}`);
  expect(csv).not.toContain(NENENG);

  // the chain: verified intact, and its signed anchors listed
  await page.locator('p.lead').getByRole('link', { name: text('id', 'audit', 'nav.chain'), exact: true }).click();
  await page.getByRole('button', { name: text('id', 'audit', 'chain.verify'), exact: true }).click();
  const result = page.getByTestId('chain-result');
  await result.waitFor();
  expect(await result.innerText()).toMatch(/^Utuh: \d+ kegiatan diperiksa/);
  const anchors = page.getByTestId('anchors');
  await anchors.locator('tbody tr').first().waitFor();
  expect(await anchors.locator('tbody tr').first().getAttribute('data-signed')).toBe('true');
  expect(await anchors.locator('tbody tr').first().innerText()).toContain(text('id', 'audit', 'anchors.signed'));
  expect(await shell.overflowsHorizontally()).toBe(false);
});
