import { caseCodeLabel, composeNik } from '@slrt/core';
import type { BrowserContext } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { CaseScreen, IntakeWizard } from './pages/CasePages.ts';
import { ReferralPages } from './pages/ReferralPages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

/**
 * Issue 12 on a 360 x 740 phone: the kecamatan decides what is escalated to it (item 1), and one
 * need escalated apart from its case (item 2); a need for a household member names that member
 * on the referral (item 4); a Cinunuk officer's NIK search that finds a Soreang resident offers
 * the three ways on (item 13). Data seeded through the API, as the app would.
 */
test.override('device', MOBILE);

const CINUNUK = '32.04.05.2004';
const JAMKESDA = 'Pendampingan berobat dan jaminan kesehatan daerah';

/** A Cinunuk household with at least two members: [the resident, another member]. */
async function aFamily(context: BrowserContext) {
  const people = (await (await context.request.get(`/api/v1/persons?area=${CINUNUK}&limit=100`)).json()) as { items: Array<{ id: string; householdId: string; fullName: string }> };
  const byHousehold = new Map<string, Array<{ id: string; fullName: string }>>();
  for (const p of people.items) byHousehold.set(p.householdId, [...(byHousehold.get(p.householdId) ?? []), p]);
  const family = [...byHousehold.values()].find((members) => members.length >= 2)!;
  return [family[0]!, family[1]!] as const;
}

test('the supervisor decides a case escalated to the kecamatan, and the referral names the household member the need is for', { timeout: 180_000 }, async ({ expect, context, browser, baseUrl }) => {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const [head, wife] = await aFamily(context);
  const c = await officer.post<{ id: string }>('/cases', {
    personId: head.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Istri perlu cuci darah rutin.',
    needs: [{ sector: 'health', urgency: 'high', request: 'Cuci darah dua kali seminggu', personId: wife.id }],
  });
  await officer.post(`/cases/${c.id}/check-registry`, {});
  await officer.post(`/cases/${c.id}/recommend`, { recommendation: 'Jaminan kesehatan daerah untuk cuci darah.' });
  await officer.post(`/cases/${c.id}/escalate`, { reason: 'Di luar kemampuan desa.' });

  const supervisorContext = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    await signInViaApi(supervisorContext, 'supervisor.cileunyi');
    const page = await supervisorContext.newPage();
    await page.goto('/kasus?daftar=escalated');
    await page.locator(`a[href="/kasus/${c.id}"]`).click();
    const screen = new CaseScreen(page);
    await page.locator('[data-case-status]').waitFor();
    expect(await page.getByTestId('need-person').innerText()).toBe(text('id', 'cases', 'case.needFor', { name: wife.fullName }));
    expect(await page.getByTestId('need-holder').innerText()).toBe(text('id', 'cases', 'holder.held', { office: 'Kecamatan Cileunyi' }));
    // item 1: the kecamatan decides it, with the same form as the village
    await screen.act('decide', async (form) => {
      await form.getByLabel(screen.label('decision', 'refer'), { exact: true }).check();
    });
    expect(await screen.status()).toBe('in_progress');
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);
    // item 4: the referral the kecamatan sends names the wife, not the head of household
    const referrals = new ReferralPages(page);
    await referrals.referFromCase(c.id, 'Cuci darah dua kali seminggu', JAMKESDA, { phone: '081234567890' });
    const subject = await page.getByTestId('subject').innerText();
    expect(subject).toContain(wife.fullName);
    expect(subject).not.toContain(head.fullName);
    expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  } finally {
    await supervisorContext.close();
  }
});

test('the village escalates only the education need; the kecamatan finds it in its worklist and decides it', { timeout: 180_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const [head] = await aFamily(context);
  const c = await officer.post<{ id: string; needs: Array<{ id: string; sector: string }> }>('/cases', {
    personId: head.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Anak sakit dan perlu biaya sekolah.',
    needs: [{ sector: 'health', urgency: 'high', request: 'Berobat anak' }, { sector: 'education', urgency: 'normal', request: 'Biaya sekolah anak' }],
  });
  await officer.post(`/cases/${c.id}/check-registry`, {});
  await officer.post(`/cases/${c.id}/recommend`, { recommendation: 'Ditangani desa.' });
  const coordinatorContext = await browser.newContext({ baseURL: baseUrl });
  try {
    const coordinator = await signInViaApi(coordinatorContext, 'koordinator.cinunuk');
    await coordinator.post(`/cases/${c.id}/decide`, { decision: 'handle_directly' });
  } finally {
    await coordinatorContext.close();
  }

  // the village officer, on the phone: "escalate this need" on the education need only
  const screen = new CaseScreen(page);
  await screen.goto(c.id);
  const education = page.locator('.need[data-need-sector="education"]');
  await education.locator('[data-need-action="escalate"]').click();
  await education.locator('form[data-need-form="escalate"] textarea').fill('Desa tidak dapat membiayai sekolah.');
  await education.locator('form[data-need-form="escalate"] button[type="submit"]').click();
  await education.locator('[data-testid="need-holder"][data-holder-level="kecamatan"]').waitFor();
  expect(await education.getByTestId('need-holder').innerText()).toBe(text('id', 'cases', 'holder.heldApart', { office: 'Kecamatan Cileunyi' }));
  expect(await page.locator('.need[data-need-sector="health"] [data-testid="need-holder"]').getAttribute('data-holder-level')).toBe('village');
  expect(await screen.status()).toBe('in_progress');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  const supervisorContext = await browser.newContext({ ...MOBILE, baseURL: baseUrl, serviceWorkers: 'block' });
  try {
    await signInViaApi(supervisorContext, 'supervisor.cileunyi');
    const sp = await supervisorContext.newPage();
    await sp.goto('/kasus?daftar=escalated');
    const card = sp.locator('.case-card').filter({ has: sp.locator(`a[href="/kasus/${c.id}"]`) });
    expect(await card.locator('[data-escalated-need="kecamatan"]').innerText())
      .toBe(text('id', 'cases', 'list.escalatedNeed', { sector: caseCodeLabel('sector', 'education', 'id'), level: caseCodeLabel('level', 'kecamatan', 'id') }));
    await card.locator(`a[href="/kasus/${c.id}"]`).click();
    const need = sp.locator('.need[data-need-sector="education"]');
    await need.locator('[data-need-action="decide"]').click();
    const form = need.locator('form[data-need-form="decide"]');
    await form.locator('select').selectOption({ label: caseCodeLabel('decision', 'handle_directly', 'id') });
    await form.locator('textarea').fill('Dibantu dana pendidikan kecamatan.');
    await form.locator('button[type="submit"]').click();
    await form.waitFor({ state: 'detached' });
    expect(await need.getByTestId('need-holder').innerText()).toContain(caseCodeLabel('decision', 'handle_directly', 'id'));
    // the health need stays with the village: the supervisor has nothing to do on it there
    expect(await sp.locator('.need[data-need-sector="health"] [data-need-action="decide"]').count()).toBe(0);
    expect(await new Shell(sp).overflowsHorizontally()).toBe(false);
  } finally {
    await supervisorContext.close();
  }
});

test('a Cinunuk officer\'s NIK search finds a Soreang resident: the village only, and four ways on', { timeout: 180_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  const nik = composeNik({ kecamatanCode: '32.04.37', birthDate: '1983-02-11', sex: 'F', serial: 2000 + Math.floor(Math.random() * 4000) });
  const soreangContext = await browser.newContext({ baseURL: baseUrl });
  try {
    const soreang = await signInViaApi(soreangContext, 'puskesos.soreang');
    const person = await soreang.post<{ id: string }>('/persons', { nik, fullName: 'Imas Masitoh', sex: 'F', birthDate: '1983-02-11', household: { villageCode: '32.04.37.2001' } });
    await soreang.post('/cases', {
      personId: person.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Bantuan sembako.',
      needs: [{ sector: 'social_assistance', urgency: 'normal', request: 'Bantuan pangan' }],
    });
  } finally {
    await soreangContext.close();
  }

  await signInViaApi(context, 'puskesos.cinunuk');
  const intake = new IntakeWizard(page);
  await intake.goto();
  await intake.searchNik(nik);
  const panel = page.getByTestId('resident-elsewhere');
  await panel.waitFor();
  const said = await panel.innerText();
  expect(said).toContain('Soreang');
  expect(said).not.toContain('Imas');
  expect(await panel.locator('[data-elsewhere-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-elsewhere-action'))))
    .toEqual(['start_case_here', 'start_case_at_resident_village', 'request_transfer', 'propose_move']);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  // ask Soreang for the resident's open case
  await panel.locator('[data-elsewhere-action="request_transfer"]').click();
  await page.getByLabel(text('id', 'intake', 'resident.transferReason'), { exact: true }).fill('Warga kini tinggal di Cinunuk.');
  await page.getByRole('button', { name: text('id', 'intake', 'resident.askTransferSend'), exact: true }).click();
  const answer = page.getByTestId('transfer-answer');
  await answer.waitFor();
  expect(await answer.innerText()).toMatch(/^Permintaan dikirim ke Puskesos .*Soreang.* \(1 kasus terbuka\)\.$/);

  // propose the resident's move (pindah) to Cinunuk: a usulan for Cinunuk's facilitator
  await panel.locator('[data-elsewhere-action="propose_move"]').click();
  const move = page.getByTestId('propose-move');
  await move.getByLabel(text('id', 'intake', 'move.address'), { exact: true }).fill('Kp. Babakan Sari');
  await move.getByLabel(text('id', 'intake', 'move.rt'), { exact: true }).fill('003');
  await move.getByLabel(text('id', 'intake', 'move.rw'), { exact: true }).fill('005');
  await move.getByLabel(text('id', 'intake', 'move.reason'), { exact: true }).fill('Sudah setahun tinggal di Cinunuk.');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
  await move.getByRole('button', { name: text('id', 'intake', 'move.send'), exact: true }).click();
  const proposed = page.getByTestId('move-proposed');
  await proposed.waitFor();
  expect(await proposed.innerText()).toMatch(/^Usulan pindah USL-\d{4}-\d{6} tercatat/);

  // and record today's keluhan here anyway: the case is held by Cinunuk
  await panel.locator('[data-elsewhere-action="start_case_here"]').click();
  await page.getByTestId('chosen-resident').waitFor();
  await intake.next();
  await intake.next();
  await intake.complaint('Warga Soreang yang kini tinggal di Cinunuk.');
  await intake.need(0, 'health', 'high', 'Berobat ke puskesmas');
  await intake.next();
  await intake.next();
  const id = await intake.submit();
  const screen = new CaseScreen(page);
  await screen.goto(id);
  expect(await page.getByTestId('need-holder').innerText()).toBe(text('id', 'cases', 'holder.held', { office: 'Puskesos Cinunuk' }));
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});
