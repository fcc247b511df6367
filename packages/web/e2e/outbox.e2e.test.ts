import { composeNik } from '@slrt/core';
import type { Page } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { IntakeWizard } from './pages/CasePages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

// Issue 13 item 5, done when: an offline intake and an offline verification, reloaded while
// offline, are sent exactly once when the link returns, on a 360 px phone. (A resend after an
// answer lost on the way back is replayed by the server from the item's Idempotency-Key:
// packages/server/src/idempotency/idempotency.test.ts; context.route hangs with a service worker.)

test.override('device', MOBILE);
test.override('serviceWorkers', 'allow');

/** A small PNG: the photo of the house, as a phone would send it. */
const PHOTO = { name: 'rumah.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') };

/** Opens `path` under the service worker, so that the app and the outbox page open offline later. */
async function openUnderServiceWorker(page: Page, path: string): Promise<void> {
  await page.goto('/kotak-keluar');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByTestId('outbox').waitFor();
  await page.goto(path);
  await page.locator('main h1').waitFor();
}

const badge = (page: Page) => page.getByTestId('outbox-badge');

/** The link is back: the outbox sends by itself (the session confirmed first), and the item shows as sent. */
async function sentOnce(page: Page): Promise<void> {
  await page.locator('[data-outbox-item][data-outbox-state="sent"]').waitFor();
  await page.locator('[data-outbox-item] a[href^="/"]').first().waitFor();
  await page.getByTestId('outbox-badge').waitFor({ state: 'detached' });
}

test('an intake completed offline waits in the outbox across a reload and is registered once when the link returns', { timeout: 240_000 }, async ({ expect, context, page }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  await openUnderServiceWorker(page, '/kantor-depan/penerimaan');
  const serial = 5000 + Math.floor(Math.random() * 3000);
  const nik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1990-03-15', sex: 'F', serial });

  await context.setOffline(true);
  const intake = new IntakeWizard(page);
  await intake.newResident({ fullName: 'Euis Kurniasih', sex: 'F', birthDate: '1990-03-15' });
  await page.getByLabel(text('id', 'intake', 'resident.nikOptional'), { exact: true }).fill(nik);
  await intake.next();
  await intake.next();
  await intake.complaint('Rumah kebanjiran, butuh bantuan sembako.');
  await intake.need(0, 'social_assistance', 'high', 'Paket sembako untuk dua minggu');
  await intake.next();
  await intake.next();
  await intake.attach('house_photo', PHOTO);
  await page.getByRole('button', { name: text('id', 'intake', 'nav.submit'), exact: true }).click();
  await page.getByTestId('queued').waitFor();
  expect(await badge(page).innerText()).toBe('1');

  // a reload without a link: the work is still there, waiting
  await page.reload();
  await badge(page).waitFor();
  await page.goto('/kotak-keluar');
  const item = page.locator('[data-outbox-item="intake"]');
  await item.waitFor();
  expect(await item.getAttribute('data-outbox-state')).toBe('waiting');
  expect(await item.innerText()).toContain('Euis Kurniasih');
  // kept encrypted: the name is nowhere in clear in the device's outbox
  const stored = await page.evaluate(() => new Promise<string>((resolve) => {
    const req = indexedDB.open('slrt-outbox');
    req.onsuccess = () => {
      const all = req.result.transaction('items').objectStore('items').getAll();
      all.onsuccess = () => resolve(JSON.stringify(all.result.map((i: { body: { data: ArrayBuffer } }) => new TextDecoder().decode(i.body.data))));
    };
  }));
  expect(stored).not.toContain('Euis');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  // the link returns: sent by itself, once
  await context.setOffline(false);
  await sentOnce(page);

  const persons = await (await context.request.get(`/api/v1/persons?nik=${nik}`)).json() as { items: Array<{ id: string }> };
  expect(persons.items).toHaveLength(1);
  const cases = await (await context.request.get(`/api/v1/cases?personId=${persons.items[0]!.id}`)).json() as { items: Array<{ id: string }> };
  expect(cases.items).toHaveLength(1);
  const detail = await (await context.request.get(`/api/v1/cases/${cases.items[0]!.id}`)).json() as { documents: unknown[]; complaint: string };
  expect(detail.complaint).toBe('Rumah kebanjiran, butuh bantuan sembako.');
  expect(detail.documents).toHaveLength(1);
});

test('a field verification of an usulan with a photo, completed offline, survives a reload and is recorded once when the link returns', { timeout: 240_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  // the village officer proposes a change (through the API, as the app would)
  const office = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'block' });
  const officer = await signInViaApi(office, 'puskesos.cinunuk');
  const created = await officer.post<{ householdId: string }>('/persons', {
    fullName: 'Dadang Hermawan', sex: 'M', birthDate: '1975-02-02', relationship: 'head',
    household: { villageCode: '32.04.05.2004', address: 'Kp. Babakan No. 3', rt: '001', rw: '002', indicators: { floor: 'ceramic' } },
  });
  const proposal = await officer.post<{ id: string }>('/proposals', { type: 'change', householdId: created.householdId, channel: 'walk_in', reason: 'Lantai kini tanah', changes: { floor: 'earth' } });
  await office.close();

  await signInViaApi(context, 'fasilitator.cinunuk');
  await openUnderServiceWorker(page, `/usulan/${proposal.id}/verifikasi`);

  await context.setOffline(true);
  await page.locator('#met-name').fill('Bapak Dadang');
  await page.locator('[data-item="floor"] input[value="confirmed"]').check();
  await page.locator('#visit-photos').setInputFiles(PHOTO);
  await page.getByTestId('photos-picked').waitFor();
  await page.locator('input[name="verdict"][value="valid"]').check();
  await page.getByRole('button', { name: text('id', 'proposals', 'verify.save'), exact: true }).click();
  await page.getByTestId('queued').waitFor();
  expect(await badge(page).innerText()).toBe('1');

  await page.goto('/kotak-keluar');
  await page.reload();
  const item = page.locator('[data-outbox-item="proposalVerification"]');
  await item.waitFor();
  expect(await item.getAttribute('data-outbox-state')).toBe('waiting');
  expect(await item.innerText()).toContain(text('id', 'common', 'outbox.photos', { n: 1 }));

  await context.setOffline(false);
  await sentOnce(page);

  const detail = await (await context.request.get(`/api/v1/proposals/${proposal.id}`)).json() as { status: string; verifications: unknown[]; documents: Array<{ kind: string }> };
  expect(detail.status).toBe('verified');
  expect(detail.verifications).toHaveLength(1);
  expect(detail.documents.filter((d) => d.kind === 'photo')).toHaveLength(1);
});

test('a case verification queued offline meets a verification recorded meanwhile: both versions shown, the officer keeps theirs as a note, nothing recorded twice', { timeout: 240_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  // a case waiting for its field visit (through the API, as the app would)
  const office = await browser.newContext({ baseURL: baseUrl, serviceWorkers: 'block' });
  const officer = await signInViaApi(office, 'puskesos.cinunuk');
  const serial = 2000 + Math.floor(Math.random() * 3000);
  const resident = await officer.post<{ id: string }>('/persons', {
    nik: composeNik({ kecamatanCode: '32.04.05', birthDate: '1968-07-21', sex: 'M', serial }), fullName: 'Asep Saepudin', sex: 'M', birthDate: '1968-07-21', relationship: 'head',
    household: { villageCode: '32.04.05.2004', address: 'Kp. Sukasari No. 9', rt: '003', rw: '001' },
  });
  const c = await officer.post<{ id: string }>('/cases', {
    personId: resident.id, channel: 'walk_in_puskesos', kind: 'complaint', fastTrack: false, fastTrackReasons: [], complaint: 'Rumah hampir roboh.',
    needs: [{ sector: 'housing', urgency: 'normal', request: 'Bedah rumah' }], legalBasis: 'public_task', consents: [],
  });
  await officer.post(`/cases/${c.id}/check-registry`, { notes: 'Ada di DTSEN.' });
  await officer.post(`/cases/${c.id}/request-verification`, { notes: 'Mohon kunjungan.' });

  await signInViaApi(context, 'fasilitator.cinunuk');
  await openUnderServiceWorker(page, `/kasus/${c.id}`);
  await context.setOffline(true);
  const action = text('id', 'cases', 'action.confirm', { action: 'Catat hasil verifikasi' });
  await page.locator('.actions').getByRole('button', { name: 'Catat hasil verifikasi', exact: true }).first().click();
  const form = page.locator('[data-action-form="record_verification"]');
  await form.getByLabel(text('id', 'cases', 'action.verificationNotes'), { exact: true }).fill('Dinding retak, atap bocor di dua tempat.');
  await form.getByRole('button', { name: action, exact: true }).click();
  await page.getByTestId('queued').waitFor();

  // meanwhile the coordinator records the visit from the office
  await officer.post(`/cases/${c.id}/record-verification`, { outcome: 'confirmed', notes: 'Sudah dicek lewat telepon.' });

  await page.goto('/kotak-keluar');
  await context.setOffline(false);
  const item = page.locator('[data-outbox-item="caseVerification"][data-outbox-state="attention"]');
  await item.waitFor();
  const compare = item.getByTestId('outbox-compare');
  await compare.locator('[data-version="server"] dl').waitFor();
  expect(await compare.locator('[data-version="typed"]').innerText()).toContain('Dinding retak, atap bocor di dua tempat.');
  expect(await compare.locator('[data-version="server"]').innerText()).toContain('Sudah dicek lewat telepon.');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  await item.getByRole('button', { name: text('id', 'common', 'outbox.asNote'), exact: true }).click();
  await page.locator('[data-outbox-item="caseVerification"][data-outbox-state="sent"]').waitFor();
  const detail = await (await office.request.get(`/api/v1/cases/${c.id}`)).json() as { timeline: Array<{ action: string; details: Record<string, unknown> | null }> };
  expect(detail.timeline.filter((e) => e.action === 'record_verification')).toHaveLength(1);
  expect(JSON.stringify(detail.timeline)).toContain('Dinding retak, atap bocor di dua tempat.');
  await office.close();
});
