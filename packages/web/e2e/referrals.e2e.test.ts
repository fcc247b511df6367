import { CASE_ACTION_LIST, NEED_STATUS_LIST } from '@slrt/core';
import type { BrowserContext } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { CaseScreen } from './pages/CasePages.ts';
import { ReferralPages } from './pages/ReferralPages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

const JAMKESDA = 'Pendampingan berobat dan jaminan kesehatan daerah';
const NEED = 'Pemeriksaan dan biaya berobat anak';

/** A case of a Cinunuk resident with one health need, decided "refer", seeded through the API as the app would. */
async function aReferableCase(context: BrowserContext, koordinator: BrowserContext): Promise<string> {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const people = await context.request.get('/api/v1/persons?area=32.04.05.2004&limit=20');
  const person = ((await people.json()) as { items: Array<{ id: string }> }).items[0]!;
  const c = await officer.post<{ id: string }>('/cases', {
    personId: person.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Anak demam tinggi, tidak punya biaya berobat.',
    needs: [{ sector: 'health', urgency: 'high', request: NEED }],
  });
  await officer.post(`/cases/${c.id}/check-registry`, { notes: 'Terdaftar.' });
  await officer.post(`/cases/${c.id}/recommend`, { recommendation: 'Rujuk ke Dinas Kesehatan.' });
  const coordinator = await signInViaApi(koordinator, 'koordinator.cinunuk');
  await coordinator.post(`/cases/${c.id}/decide`, { decision: 'refer', notes: 'Dirujuk.' });
  return c.id;
}

test.override('device', MOBILE);

test('a Puskesos officer refers a need from the case page to Dinas Kesehatan; mitra.dinkes sees it live, accepts and completes it; the case shows the outcome and offers to resolve', { timeout: 180_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  const koordinator = await browser.newContext({ baseURL: baseUrl });
  const partnerContext = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    const caseId = await aReferableCase(context, koordinator);

    // the partner has its inbox open before anything is sent
    await signInViaApi(partnerContext, 'mitra.dinkes');
    const partnerPage = await partnerContext.newPage();
    const partnerErrors: Error[] = [];
    partnerPage.on('pageerror', (e) => partnerErrors.push(e));
    await partnerPage.goto('/mitra/rujukan');
    await partnerPage.locator('main h1').waitFor();
    await partnerPage.evaluate(() => {
      (window as unknown as { slrtNotReloaded: boolean }).slrtNotReloaded = true;
    });

    // the officer refers the need from the case page, through the directory's service
    const officer = new ReferralPages(page);
    const { id, number, needId } = await officer.referFromCase(caseId, NEED, JAMKESDA, { phone: '081234567890', reason: 'Anak demam tinggi tiga hari, mohon pemeriksaan.' });
    expect(number).toMatch(/^RUJ-3204-\d{4}-\d{5}$/);
    const sent = (await (await context.request.get(`/api/v1/referrals/${id}`)).json()) as { caseId: string; needId: string };
    expect(sent).toMatchObject({ caseId, needId });
    expect(await officer.status()).toBe('sent');
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);

    // the partner's open inbox shows it without a reload (server-sent events)
    const partner = new ReferralPages(partnerPage);
    await partner.inboxCard(number).waitFor({ timeout: 15_000 });
    expect(await partnerPage.evaluate(() => (window as unknown as { slrtNotReloaded?: boolean }).slrtNotReloaded)).toBe(true);
    expect(await new Shell(partnerPage).overflowsHorizontally()).toBe(false);

    // it opens with only the resident data the service declares
    await partner.inboxCard(number).getByRole('link').click();
    await partnerPage.waitForURL((url) => url.pathname === `/mitra/rujukan/${id}`);
    const service = (await (await partnerContext.request.get(`/api/v1/referrals/${id}`)).json()) as { sharedFields: string[]; caseId: string | null };
    expect(service.caseId).toBeNull();
    expect((await partner.subjectFields()).sort()).toEqual([...service.sharedFields].sort());
    expect(await partnerPage.getByTestId('referral-reason').innerText()).toContain('Anak demam tinggi');

    await partner.accept();
    await partner.complete('fulfilled', 'Anak sudah diperiksa di Puskesmas Cinunuk dan dijamin Jamkesda.');
    expect(await partnerPage.getByTestId('referral-outcome').getAttribute('data-outcome')).toBe('fulfilled');
    expect(await new Shell(partnerPage).overflowsHorizontally()).toBe(false);

    // the officer's open referral page follows live
    await officer.waitForStatus('completed');

    // the case page shows the referral with its outcome, the need resolved, the referral's steps in words, and offers to resolve
    const kasus = new CaseScreen(page);
    await kasus.goto(caseId);
    expect(await kasus.status()).toBe('in_progress');
    const card = page.locator(`[data-testid="case-referrals"] [data-referral-id="${id}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('completed');
    const outcome = await card.locator('[data-outcome="fulfilled"]').innerText();
    expect(outcome).toContain(text('id', 'referrals', 'outcome.fulfilled'));
    expect(outcome).toContain('Anak sudah diperiksa di Puskesmas Cinunuk');
    // nothing left to refer: the need is settled
    expect(await page.locator('[data-refer-need]').count()).toBe(0);
    const need = page.locator('[data-need-sector="health"]');
    expect(await need.innerText()).toContain(NEED_STATUS_LIST.entries.find((n) => n.code === 'resolved')!.id);
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('Anak sudah diperiksa di Puskesmas Cinunuk');
    for (const key of ['event.referral_sent', 'event.referral_accepted', 'event.referral_completed', 'event.outcome.fulfilled'] as const) expect(timeline).toContain(text('id', 'cases', key));
    expect(timeline).toContain(number);
    expect(timeline).not.toMatch(/referral_[a-z]+/);
    const resolve = CASE_ACTION_LIST.find((a) => a.code === 'resolve')!.id;
    await page.getByRole('button', { name: resolve, exact: true }).waitFor();
    const kase = (await (await context.request.get(`/api/v1/cases/${caseId}`)).json()) as { offersResolve: boolean; needs: Array<{ id: string }> };
    expect(kase.offersResolve).toBe(true);
    expect(kase.needs.map((n) => n.id)).toEqual([needId]);
    await kasus.act('resolve');
    expect(await kasus.status()).toBe('resolved');
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);
    expect(partnerErrors).toEqual([]);

    // the partner's notification said it was new; the officer's says it was completed
    const notes = (await (await context.request.get('/api/v1/notifications?limit=50')).json()) as { items: Array<{ kind: string; recordId: string }> };
    expect(notes.items.filter((n) => n.recordId === id).map((n) => n.kind)).toContain('referral.completed');
  } finally {
    await partnerContext.close();
    await koordinator.close();
  }
});

test('a partner acting through a signed link types their name and position once; the office sees that name on the referral', { timeout: 180_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  const koordinator = await browser.newContext({ baseURL: baseUrl });
  const holderContext = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    const caseId = await aReferableCase(context, koordinator);
    const officer = await signInViaApi(context, 'puskesos.cinunuk');
    const kasus = (await (await context.request.get(`/api/v1/cases/${caseId}`)).json()) as { needs: Array<{ id: string }> };
    const services = (await (await context.request.get(`/api/v1/services?q=${encodeURIComponent(JAMKESDA)}&limit=5`)).json()) as { items: Array<{ id: string; name: string }> };
    const service = services.items.find((s) => s.name === JAMKESDA)!;
    const referral = await officer.post<{ id: string }>('/referrals', { caseId, needId: kasus.needs[0]!.id, serviceId: service.id });
    const link = await officer.post<{ token: string }>(`/referrals/${referral.id}/links`, {});

    // the holder opens the link without an account: asked who they are before acting
    const holderPage = await holderContext.newPage();
    await holderPage.goto(`/tautan-rujukan/${link.token}`);
    const form = holderPage.getByTestId('link-holder');
    await form.waitFor();
    await form.getByLabel(text('id', 'referrals', 'holder.name'), { exact: true }).fill('Siti Rahmawati');
    await form.getByLabel(text('id', 'referrals', 'holder.position'), { exact: true }).fill('Kepala Puskesmas Cinunuk');
    await form.getByRole('button', { name: text('id', 'referrals', 'holder.save'), exact: true }).click();
    const actingAs = text('id', 'referrals', 'holder.actingAs', { name: 'Siti Rahmawati, Kepala Puskesmas Cinunuk' });
    expect(await holderPage.getByTestId('link-holder-shown').innerText()).toBe(actingAs);
    expect(await new Shell(holderPage).overflowsHorizontally()).toBe(false);
    await new ReferralPages(holderPage).accept();

    // typed once: the link opened again in the same browser remembers who acts
    await holderPage.reload();
    await holderPage.getByTestId('link-holder-shown').waitFor();
    expect(await holderPage.getByTestId('link-holder').count()).toBe(0);

    // the office's referral page names the holder on the acceptance
    await page.goto(`/rujukan/${referral.id}`);
    const timeline = page.getByTestId('referral-timeline');
    await timeline.waitFor();
    expect(await timeline.innerText()).toContain(text('id', 'referrals', 'actor.linkHolder', { name: 'Siti Rahmawati, Kepala Puskesmas Cinunuk' }));
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  } finally {
    await koordinator.close();
    await holderContext.close();
  }
});
