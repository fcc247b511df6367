import type { BrowserContext, Page } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { CaseScreen } from './pages/CasePages.ts';
import { text } from './pages/text.ts';

/**
 * Photo uploads on a weak link (issue 13 item 3): a phone photo is made small before it leaves the
 * phone, travels with a progress bar and a cancel, and a retry after a broken connection does not
 * store it twice.
 */

test.override('device', MOBILE);

/** A case of a Cinunuk resident, seeded through the API. */
async function aCase(context: BrowserContext): Promise<string> {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const people = await context.request.get('/api/v1/persons?area=32.04.05.2004&limit=5');
  const person = ((await people.json()) as { items: Array<{ id: string }> }).items[0]!;
  const c = await officer.post<{ id: string }>('/cases', {
    personId: person.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Rumah rusak setelah hujan deras.',
    needs: [{ sector: 'housing', urgency: 'normal', request: 'Perbaikan dinding rumah' }],
  });
  return c.id;
}

/** A 4000 x 3000 camera-like JPEG (gradients and detail, so it is megabytes like a real one), made in the browser. */
async function aLargePhoto(page: Page): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(4000, 3000);
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 4000, 3000);
    gradient.addColorStop(0, '#3a6');
    gradient.addColorStop(1, '#c84');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 4000, 3000);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 40_000; i++) {
      g.fillStyle = `rgb(${Math.floor(random() * 255)},${Math.floor(random() * 255)},${Math.floor(random() * 255)})`;
      g.fillRect(random() * 4000, random() * 3000, 3 + random() * 30, 3 + random() * 30);
    }
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });
  return { name: 'rumah-dari-kamera.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** The upload leaves at 400 kbps, as from a village: long enough to see the bar and to cancel. */
async function slowUplink(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 100, downloadThroughput: -1, uploadThroughput: (400 * 1000) / 8 });
}

async function pick(page: Page, photo: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel(text('id', 'cases', 'documents.kind'), { exact: true }).selectOption('house_photo');
  await page.getByLabel(text('id', 'cases', 'documents.file'), { exact: true }).setInputFiles(photo);
  await page.getByTestId('photo-shrunk').waitFor();
}

async function storedDimensions(page: Page): Promise<Array<{ width: number; height: number; type: string; bytes: number }>> {
  const hrefs = await page.locator('[data-document-kind="house_photo"] a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  return page.evaluate(async (urls) => Promise.all(urls.map(async (url) => {
    const blob = await (await fetch(url)).blob();
    const bitmap = await createImageBitmap(blob);
    return { width: bitmap.width, height: bitmap.height, type: blob.type, bytes: blob.size };
  })), hrefs);
}

test('a 4000 x 3000 phone photo is stored at 1600 px on its long edge, with a progress bar on the way; leaving asks first, and Cancel stops it', { timeout: 180_000 }, async ({ expect, context, page }) => {
  const caseId = await aCase(context);
  const screen = new CaseScreen(page);
  await screen.goto(caseId);
  const photo = await aLargePhoto(page);
  expect(photo.buffer.length).toBeGreaterThan(1024 * 1024);
  await slowUplink(context, page);

  await pick(page, photo);
  await page.getByRole('button', { name: text('id', 'cases', 'documents.upload'), exact: true }).click();
  const progress = page.getByTestId('upload-progress');
  await progress.waitFor();
  expect(await progress.locator('progress').count()).toBe(1);
  expect(await progress.innerText()).toMatch(/\d+%/);
  await page.locator('[data-document-kind="house_photo"]').waitFor();
  const [stored] = await storedDimensions(page);
  expect(stored!.type).toBe('image/jpeg');
  expect(Math.max(stored!.width, stored!.height)).toBe(1600);
  expect(stored!.width / stored!.height).toBeCloseTo(4 / 3, 2);
  expect(stored!.bytes).toBeLessThan(photo.buffer.length / 4);

  // a second photo: leaving the page asks first (and staying keeps the upload), then Cancel stops it
  const second = { ...photo, name: 'rumah-samping.jpg', buffer: Buffer.concat([photo.buffer, Buffer.from('x')]) };
  await page.evaluate(() => window.scrollTo(0, 0));
  await pick(page, second);
  await page.getByRole('button', { name: text('id', 'cases', 'documents.upload'), exact: true }).click();
  await progress.waitFor();
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.locator('header a.brand').click();
  expect(asked).toEqual([text('id', 'common', 'upload.leave')]);
  expect(new URL(page.url()).pathname).toBe(`/kasus/${caseId}`);
  await progress.getByRole('button', { name: text('id', 'common', 'upload.cancel'), exact: true }).click();
  await page.getByText(text('id', 'common', 'upload.cancelled'), { exact: true }).waitFor();
  expect(await progress.count()).toBe(0);
  await page.reload();
  await page.locator('[data-case-status]').waitFor();
  expect(await page.locator('[data-document-kind="house_photo"]').count()).toBe(1);
});

test('an upload whose connection broke after the server stored it is retried and stored once', { timeout: 120_000 }, async ({ expect, context, page }) => {
  const caseId = await aCase(context);
  const screen = new CaseScreen(page);
  await screen.goto(caseId);
  const photo = await aLargePhoto(page);
  let attempts = 0;
  await page.route('**/api/v1/cases/*/documents?*', async (route) => {
    attempts++;
    if (attempts > 1) return route.continue();
    // the file arrives and is stored, and the answer is lost on the way back
    await route.fetch();
    await route.abort('connectionreset');
  });
  await pick(page, photo);
  await page.getByRole('button', { name: text('id', 'cases', 'documents.upload'), exact: true }).click();
  await page.locator('[data-document-kind="house_photo"]').waitFor();
  expect(attempts).toBe(2);
  await page.reload();
  await page.locator('[data-case-status]').waitFor();
  expect(await page.locator('[data-document-kind="house_photo"]').count()).toBe(1);
});

test('a field visit stands when the officer cancels its photos on the way: the case shows the visit, not a browser message', { timeout: 180_000 }, async ({ expect, context, page }) => {
  const caseId = await aCase(context);
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  await officer.post(`/cases/${caseId}/check-registry`, { notes: 'Ada di DTSEN.' });
  await officer.post(`/cases/${caseId}/request-verification`, { notes: 'Mohon kunjungan.' });
  await signInViaApi(context, 'fasilitator.cinunuk');
  const screen = new CaseScreen(page);
  await screen.goto(caseId);
  const photo = await aLargePhoto(page);
  await slowUplink(context, page);

  await page.locator('.actions').getByRole('button', { name: 'Catat hasil verifikasi', exact: true }).first().click();
  const form = page.locator('[data-action-form="record_verification"]');
  await form.getByLabel(text('id', 'cases', 'action.verificationNotes'), { exact: true }).fill('Dinding retak di dua sisi.');
  await form.getByLabel(text('id', 'cases', 'action.photos'), { exact: true }).setInputFiles(photo);
  await form.getByTestId('photo-shrunk').waitFor();
  await form.getByRole('button', { name: text('id', 'cases', 'action.confirm', { action: 'Catat hasil verifikasi' }), exact: true }).click();
  const progress = form.getByTestId('upload-progress');
  await progress.waitFor();
  await progress.getByRole('button', { name: text('id', 'common', 'upload.cancel'), exact: true }).click();

  // the visit was recorded before the photos left: the form closes on the case that shows it
  await form.waitFor({ state: 'detached' });
  expect(await page.locator('[data-case-status]').getAttribute('data-case-status')).toBe('verified');
  expect(await page.locator('body').innerText()).not.toContain('Upload aborted');
  const detail = await (await context.request.get(`/api/v1/cases/${caseId}`)).json() as { timeline: Array<{ action: string }>; documents: Array<{ kind: string }> };
  expect(detail.timeline.filter((e) => e.action === 'record_verification')).toHaveLength(1);
  expect(detail.documents.filter((d) => d.kind === 'house_photo')).toHaveLength(0);
});
