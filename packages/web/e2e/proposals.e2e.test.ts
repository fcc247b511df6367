import { codeLabel } from '@slrt/core';
import type { Browser, Page } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { ProposalPages } from './pages/ProposalPages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

// A small valid PNG: the scanned minutes and attendance list of the village deliberation.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test.override('device', MOBILE);

/** A page of its own for one demo user (own cookies), at the phone's width. */
async function as(browser: Browser, baseUrl: string, username: string): Promise<{ page: Page; proposals: ProposalPages }> {
  const other = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  await signInViaApi(other, username);
  const page = await other.newPage();
  return { page, proposals: new ProposalPages(page) };
}

test('a proposal goes from the village officer through the facilitator\'s visit to the kabupaten, and the household history shows it with its lineage', async ({ expect, context, page, browser, baseUrl }) => {
  // A household met at the Puskesos, entered by the officer (through the API, as the app would).
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const created = await officer.post<{ householdId: string }>('/persons', {
    fullName: 'Lilis Suryani', sex: 'F', birthDate: '1987-08-14', relationship: 'head',
    household: { villageCode: '32.04.05.2004', address: 'Kp. Cibodas No. 7', rt: '002', rw: '004', indicators: { floor: 'ceramic', wall: 'masonry' } },
  });
  const householdId = created.householdId;

  // 1. The Puskesos officer proposes the change from the household profile.
  const village = new ProposalPages(page);
  const id = await village.proposeHouseholdChange(householdId, 'floor', 'earth', 'Lantai keramik rusak, kini lantai tanah.');
  expect(await village.status()).toBe('awaiting_verification');
  const code = await village.code();

  // 2. The facilitator finds it in the worklist on the phone and verifies it in the field.
  const fas = await as(browser, baseUrl, 'fasilitator.cinunuk');
  await fas.proposals.gotoQueue('to_verify');
  await fas.proposals.card(code).getByRole('link').click();
  await fas.page.waitForURL((url) => url.pathname === `/usulan/${id}`);
  const compare = await fas.page.getByTestId('comparison').innerText();
  expect(compare).toContain(codeLabel('floor', 'ceramic', 'id'));
  expect(compare).toContain(codeLabel('floor', 'earth', 'id'));
  await fas.proposals.verifyAllConfirmed('Ibu Lilis Suryani', ['floor']);
  expect(await new Shell(fas.page).overflowsHorizontally()).toBe(false);

  // 3. The coordinator sends the village's round with the deliberation's minutes and attendance list.
  const coord = await as(browser, baseUrl, 'koordinator.cinunuk');
  await coord.proposals.open(id);
  await coord.proposals.openRound();
  await coord.proposals.uploadRoundDocument('minutes', 'berita-acara.png', PNG);
  await coord.proposals.uploadRoundDocument('attendance', 'daftar-hadir.png', Buffer.concat([PNG, Buffer.from(code)]));
  await coord.proposals.sendRound();

  // 4. The kecamatan supervisor reviews the round.
  const sup = await as(browser, baseUrl, 'supervisor.cileunyi');
  await sup.proposals.open(id);
  await sup.proposals.openRound();
  await sup.proposals.reviewRound();

  // 5. The kabupaten: the verifier's step, then the head of office ratifies; the registry changes.
  const kab = await as(browser, baseUrl, 'kabupaten');
  await kab.proposals.open(id);
  expect(await kab.proposals.status()).toBe('reviewed');
  await kab.proposals.step('verify-kabupaten', 'kab_verified');
  await kab.proposals.step('ratify', 'approved');
  expect(await kab.proposals.registryChanges()).toContain(`${codeLabel('floor', 'ceramic', 'id')} → ${codeLabel('floor', 'earth', 'id')}`);

  // 6. The household's history shows the change, from the proposal, with the link back to it.
  await page.goto(`/registri/rumah-tangga/${householdId}`);
  const link = page.locator(`[data-proposal-link="${id}"]`);
  await link.waitFor();
  const entry = page.locator('.registry-history__item').filter({ has: link });
  const entryText = await entry.innerText();
  expect(entryText).toContain(code);
  expect(entryText).toContain(codeLabel('floor', 'earth', 'id'));
  await link.click();
  await page.waitForURL((url) => url.pathname === `/usulan/${id}`);
  const steps = await page.getByTestId('proposal-steps').innerText();
  for (const key of ['create', 'verify', 'review', 'verify-kabupaten', 'ratify'] as const) expect(steps).toContain(text('id', 'proposals', `history.${key}`));
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  for (const p of [fas.page, coord.page, sup.page, kab.page]) await p.context().close();
});
