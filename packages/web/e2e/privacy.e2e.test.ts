import { auditActionLabel, auditPurposeLabel, composeNik } from '@slrt/core';
import { pdfText } from '../../server/src/letters/pdf-text.ts';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

/** A demo resident of Cinunuk (registry demo seed): Neneng Sumarni, head of household DEMO-2. */
const NENENG = composeNik({ kecamatanCode: '32.04.05', birthDate: '1961-11-05', sex: 'F', serial: 9002 });

test.override('device', MOBILE);

test('the DPO records a resident\'s access request at the desk and answers it with the printable report', { timeout: 120_000 }, async ({ expect, page, signIn, context }) => {
  await signIn.goto();
  await signIn.signIn('dpo', 'slrt-demo');
  const shell = new Shell(page);
  expect(await shell.workspaceId()).toBe('privacy');

  await page.getByRole('link', { name: text('id', 'privacy', 'nav.requests'), exact: true }).first().click();
  await page.locator('#nik').waitFor();
  await page.locator('#nik').fill(NENENG);
  await page.getByRole('button', { name: text('id', 'privacy', 'new.find'), exact: true }).click();
  const person = page.getByTestId('request-person');
  await person.waitFor();
  expect(await person.innerText()).toContain('Neneng Sumarni');

  // a walk-in access request with the identity check noted: the default kind and channel
  await page.locator('#details').fill('Ingin mengetahui data saya dan siapa saja yang melihatnya.');
  await page.locator('#identityCheck').fill('KTP asli diperlihatkan di loket');
  await page.getByRole('button', { name: text('id', 'privacy', 'new.save'), exact: true }).click();
  await page.waitForURL(/\/privasi\/permintaan\/[0-9a-f-]{36}$/);
  const requestId = page.url().split('/').at(-1)!;
  await page.getByTestId('request-status').waitFor();
  expect(await page.getByTestId('request-status').innerText()).toBe(text('id', 'privacy', 'status.received'));
  expect(await shell.overflowsHorizontally()).toBe(false);

  // the answer produced from the data: the access log on screen and the printable report
  const log = page.getByTestId('access-log');
  await log.locator('tbody tr').first().waitFor();
  // each action by its label in the reader's language, the code only as the cell's title
  const logText = await log.innerText();
  expect(logText).toContain(auditActionLabel('id', 'person.lookup'));
  expect(logText).not.toContain('person.lookup');
  expect(await log.locator('td[title="person.lookup"]').count()).toBeGreaterThan(0);
  // and each purpose by its label, the code as the cell's title
  expect(logText).toContain(auditPurposeLabel('id', 'privacy.request'));
  expect(logText).not.toContain('privacy.request');
  const href = await page.getByTestId('access-report').getAttribute('href');
  expect(href).toMatch(/^\/api\/v1\/persons\/[0-9a-f-]{36}\/access-log\.pdf$/);
  const pdf = await context.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const report = await pdfText(await pdf.body());
  expect(report).toContain('LAPORAN DATA PRIBADI DAN PEMROSESANNYA');
  expect(report).toContain('Neneng Sumarni');
  expect(report).toContain('Pejabat Pelindungan Data Pribadi');
  expect(report).toContain(auditActionLabel('id', 'person.lookup'));
  expect(report).not.toContain('person.lookup');
  expect(report).not.toContain(NENENG);
  // the same report in English, on request
  const hrefEn = await page.getByTestId('access-report-en').getAttribute('href');
  expect(hrefEn).toBe(`${href}?lang=en`);
  const reportEn = await pdfText(await (await context.request.get(hrefEn!)).body());
  expect(reportEn).toContain(auditActionLabel('en', 'person.lookup'));
  expect(reportEn).not.toContain('person.lookup');

  // answered within the clock
  await page.locator('#answer').fill('Laporan data pribadi dan riwayat pemrosesannya diserahkan kepada warga.');
  await page.getByRole('button', { name: text('id', 'privacy', 'answer.save'), exact: true }).click();
  await page.locator('[data-status="answered"]').waitFor();
  expect(await page.getByTestId('request-status').innerText()).toBe(text('id', 'privacy', 'status.answered'));
  const listed = await context.request.get('/api/v1/data-requests?status=closed');
  expect(((await listed.json()) as { items: Array<{ id: string; status: string }> }).items.find((r) => r.id === requestId)?.status).toBe('answered');
});

test('the DPO works the data protection screens: retention dry run, a breach with its clock and letter, a break-glass review, one consent withdrawn, the record of processing', { timeout: 180_000 }, async ({ expect, page, signIn, context }) => {
  // seeded through the API as the app would: a Cinunuk resident's case with two consents, and
  // a Soreang officer's emergency opening of that resident's record
  const cinunuk = await signInViaApi(context, 'puskesos.cinunuk');
  // a resident of Cinunuk other than the demo households the other tests use (the list masks the NIK; the record shows it)
  const people = (await (await context.request.get('/api/v1/persons?area=32.04.05.2004&limit=50')).json()) as { items: Array<{ id: string }> };
  const resident = (await (await context.request.get(`/api/v1/persons/${people.items.at(-1)!.id}`)).json()) as { id: string; nik: string; fullName: string };
  await cinunuk.post('/cases', {
    personId: resident.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Atap rumah bocor.',
    needs: [{ sector: 'housing', urgency: 'normal', request: 'Perbaikan atap' }],
    consents: [
      { purpose: 'photo_documentation', statement: 'Foto rumah boleh dipakai untuk laporan kegiatan.', method: 'signature', givenBy: 'guardian', guardianName: 'Ibu Kandung', guardianRelationship: 'Ibu' },
      { purpose: 'contact_followup', statement: 'Boleh dihubungi untuk tindak lanjut.', method: 'verbal', givenBy: 'guardian', guardianName: 'Ibu Kandung', guardianRelationship: 'Ibu' },
    ],
  });
  const soreang = await signInViaApi(context, 'puskesos.soreang');
  await soreang.post('/break-glass', { personId: resident.id, reason: 'Warga dirawat darurat di Soreang, perlu memastikan identitas.' });
  await context.clearCookies(); // the seeding sessions end; the DPO signs in through the form

  await signIn.goto();
  await signIn.signIn('dpo', 'slrt-demo');
  const shell = new Shell(page);
  expect(await shell.workspaceId()).toBe('privacy');

  // retention: the schedule, and a dry run that lists what would go and changes nothing
  await shell.followNav(text('id', 'privacy', 'nav.retention'));
  await page.getByTestId('retention-schedule').waitFor();
  expect(await page.getByTestId('retention-schedule').innerText()).toContain(text('id', 'privacy', 'retention.type.closed_case'));
  await page.getByTestId('retention-dry-run').click();
  const report = page.getByTestId('retention-report');
  await report.waitFor();
  expect(await report.getAttribute('data-dry-run')).toBe('true');
  expect(await report.innerText()).toContain(text('id', 'privacy', 'retention.type.inactive_person'));
  expect(await shell.overflowsHorizontally()).toBe(false);

  // a breach: recorded, its 3 x 24 hour clock shown, the authority's letter produced, the notice marked sent
  await shell.followNav(text('id', 'privacy', 'nav.breaches'));
  await page.getByTestId('new-breach').locator('summary').click();
  const title = `Laptop petugas hilang ${Date.now().toString(36)}`;
  await page.locator('#title').fill(title);
  await page.locator('#description').fill('Laptop berisi ekspor data warga hilang di angkutan umum.');
  await page.locator('#foundAt').fill('2026-12-01T09:30');
  await page.getByLabel(text('id', 'privacy', 'breaches.cat.identity'), { exact: true }).check();
  await page.locator('#cause').fill('Laptop tidak terenkripsi.');
  await page.locator('#measures').fill('Akun diganti kata sandinya; enkripsi disk diwajibkan.');
  await page.getByRole('button', { name: text('id', 'privacy', 'breaches.save'), exact: true }).click();
  const card = page.locator('[data-breach]', { hasText: title });
  await card.waitFor();
  // found on 1 December: the 72 hours have passed with no notice sent
  expect(await card.getByTestId('breach-overdue').innerText()).toContain(text('id', 'privacy', 'breaches.overdue'));
  const letter = await context.request.get((await card.getByTestId('breach-letter-authority').getAttribute('href'))!);
  expect(letter.status()).toBe(200);
  expect(await pdfText(await letter.body())).toContain(title);
  await card.locator('[data-recipient="authority"]').getByRole('button', { name: text('id', 'privacy', 'breaches.markSent'), exact: true }).click();
  await card.locator('[data-recipient="authority"]', { hasText: text('id', 'privacy', 'breaches.notifiedAt', { at: '' }).trim() }).waitFor();
  expect(await shell.overflowsHorizontally()).toBe(false);

  // break-glass: the Soreang officer's opening, reviewed and flagged
  await shell.followNav(text('id', 'privacy', 'nav.breakGlass'));
  const grant = page.locator('[data-grant]', { hasText: resident.fullName }).first();
  await grant.waitFor();
  expect(await grant.innerText()).toContain('Warga dirawat darurat di Soreang');
  await grant.getByLabel(text('id', 'privacy', 'breakGlass.note'), { exact: true }).fill('Tidak ada catatan rawat darurat; ditanyakan ke petugas.');
  await grant.getByRole('button', { name: text('id', 'privacy', 'breakGlass.flag'), exact: true }).click();
  await page.getByRole('button', { name: text('id', 'privacy', 'breakGlass.all'), exact: true }).click();
  await page.locator('[data-grant][data-review="flagged"]', { hasText: resident.fullName }).first().waitFor();
  expect(await shell.overflowsHorizontally()).toBe(false);

  // consents: the photo consent withdrawn on its own, the follow-up contact stands
  await shell.followNav(text('id', 'privacy', 'nav.consents'));
  await page.locator('#nik').fill(resident.nik);
  await page.getByRole('button', { name: text('id', 'privacy', 'new.find'), exact: true }).click();
  const photo = page.locator('[data-purpose="photo_documentation"][data-withdrawn="false"]').first();
  await photo.waitFor();
  // given by the child's guardian, named
  expect(await photo.innerText()).toContain(text('id', 'privacy', 'consents.givenBy.guardian', { name: 'Ibu Kandung', relationship: 'Ibu' }));
  await photo.getByLabel(text('id', 'privacy', 'consents.note'), { exact: true }).fill('Warga menarik persetujuan foto secara lisan di loket.');
  await photo.getByRole('button', { name: text('id', 'privacy', 'consents.withdraw'), exact: true }).click();
  await page.locator('[data-purpose="photo_documentation"][data-withdrawn="true"]').first().waitFor();
  expect(await page.locator('[data-purpose="contact_followup"][data-withdrawn="false"]').count()).toBeGreaterThan(0);
  expect(await shell.overflowsHorizontally()).toBe(false);

  // records for the regulator: the record of processing as a versioned PDF
  await shell.followNav(text('id', 'privacy', 'nav.records'));
  await page.getByRole('button', { name: text('id', 'privacy', 'records.generateRopa'), exact: true }).click();
  const record = page.locator('[data-kind="ropa"]').first();
  await record.waitFor();
  const pdf = await context.request.get((await record.getByTestId('record-pdf').getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  expect(await shell.overflowsHorizontally()).toBe(false);
});
