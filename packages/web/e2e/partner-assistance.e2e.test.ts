import type { BrowserContext } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

const JAMKESDA = 'Pendampingan berobat dan jaminan kesehatan daerah';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A referral of a Cinunuk resident to Dinas Kesehatan, accepted by mitra.dinkes; seeded through the API as the app would. */
async function anAcceptedReferral(context: BrowserContext, koordinator: BrowserContext, partner: BrowserContext) {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const people = (await (await context.request.get('/api/v1/persons?area=32.04.05.2004&limit=20')).json()) as { items: Array<{ id: string; householdId: string }> };
  const person = people.items[3]!;
  const c = await officer.post<{ id: string; needs: Array<{ id: string }> }>('/cases', {
    personId: person.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Keluarga kekurangan pangan dan anak sakit.',
    needs: [{ sector: 'health', urgency: 'high', request: 'Pemeriksaan anak dan paket gizi' }],
  });
  await officer.post(`/cases/${c.id}/check-registry`, { notes: 'Terdaftar.' });
  await officer.post(`/cases/${c.id}/recommend`, { recommendation: 'Rujuk ke Dinas Kesehatan.' });
  const coordinator = await signInViaApi(koordinator, 'koordinator.cinunuk');
  await coordinator.post(`/cases/${c.id}/decide`, { decision: 'refer', notes: 'Dirujuk.' });
  const kasus = (await (await context.request.get(`/api/v1/cases/${c.id}`)).json()) as { needs: Array<{ id: string }> };
  const services = (await (await context.request.get(`/api/v1/services?q=${encodeURIComponent(JAMKESDA)}&limit=5`)).json()) as { items: Array<{ id: string; name: string }> };
  const referral = await officer.post<{ id: string }>('/referrals', { caseId: c.id, needId: kasus.needs[0]!.id, serviceId: services.items.find((s) => s.name === JAMKESDA)!.id });
  const mitra = await signInViaApi(partner, 'mitra.dinkes');
  await mitra.post(`/referrals/${referral.id}/accept`, {});
  return { referralId: referral.id, householdId: person.householdId, officer };
}

test.override('device', MOBILE);

test('a partner records the assistance it gave on its referral page: warned of duplicate assistance before saving, then lists it on its "Bantuan" page', { timeout: 180_000 }, async ({ expect, context, browser, baseUrl }) => {
  const koordinator = await browser.newContext({ baseURL: baseUrl });
  const partnerContext = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    const { referralId, householdId, officer } = await anAcceptedReferral(context, koordinator, partnerContext);
    // the village already gave this household food from the kabupaten budget this month
    await officer.post('/assistance', { householdId, category: 'food', form: 'goods', item: 'Beras', quantity: 10, unit: 'kg', valueIdr: 150000, fundingSource: 'apbd_kabupaten', deliveredOn: today() });

    const page = await partnerContext.newPage();
    await page.goto(`/mitra/rujukan/${referralId}`);
    const section = page.locator('section.referral-assistance');
    // the deliveries load after the section: none yet
    await section.getByText(text('id', 'programs', 'ledger.none'), { exact: true }).waitFor();
    const label = (key: 'ledger.category' | 'ledger.form' | 'ledger.item' | 'ledger.quantity' | 'ledger.unit' | 'ledger.value' | 'ledger.source') => section.getByLabel(text('id', 'programs', key), { exact: true });
    await label('ledger.category').selectOption('food');
    await label('ledger.form').selectOption('goods');
    await label('ledger.item').fill('Paket gizi anak');
    await label('ledger.quantity').fill('2');
    await label('ledger.unit').fill('paket');
    await label('ledger.value').fill('200000');
    await label('ledger.source').selectOption('csr');
    await section.getByRole('button', { name: text('id', 'programs', 'ledger.check'), exact: true }).click();

    // the warning comes before anything is saved
    const warning = section.getByTestId('duplicate-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('sumber lain');
    expect(((await (await partnerContext.request.get(`/api/v1/referrals/${referralId}/assistance`)).json()) as { items: unknown[] }).items).toHaveLength(0);
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);
    await section.getByRole('button', { name: text('id', 'programs', 'ledger.saveAnyway'), exact: true }).click();
    await section.getByText(text('id', 'programs', 'ledger.savedDuplicate')).waitFor();
    const card = section.getByTestId('deliveries').locator('li');
    // the list reloads after the notice: wait for the delivery itself
    await card.filter({ hasText: 'Paket gizi anak' }).waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.innerText()).toContain('Paket gizi anak');
    expect(await card.innerText()).toContain(text('id', 'programs', 'ledger.source.csr'));

    // the partner's "Bantuan" page lists it, linked back to the referral
    const shell = new Shell(page);
    await shell.followNav(text('id', 'programs', 'nav.partnerAssistance'));
    await page.waitForURL((url) => url.pathname === '/mitra/bantuan');
    const mine = page.getByTestId('deliveries').locator('li', { hasText: 'Paket gizi anak' });
    await mine.first().waitFor();
    expect(await shell.overflowsHorizontally()).toBe(false);
    await mine.first().getByRole('link', { name: text('id', 'programs', 'ledger.openReferral'), exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/mitra/rujukan/${referralId}`);
  } finally {
    await koordinator.close();
    await partnerContext.close();
  }
});
