import { composeNik } from '@slrt/core';
import type { BrowserContext } from 'playwright-core';
import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { IntakeWizard } from './pages/CasePages.ts';
import { ReferralPages } from './pages/ReferralPages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

/** Ujang Suparman (registry demo DEMO-1): desil 2, a daughter of primary-school age. */
const UJANG_NIK = composeNik({ kecamatanCode: '32.04.05', birthDate: '1978-04-12', sex: 'M', serial: 9001 });
const PKH_SERVICE = 'Usulan dan pendampingan Program Keluarga Harapan (PKH)';

test.override('device', MOBILE);

async function decideRefer(context: BrowserContext, koordinator: BrowserContext, caseId: string) {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  await officer.post(`/cases/${caseId}/check-registry`, { notes: 'Terdaftar di DTSEN desil 2.' });
  await officer.post(`/cases/${caseId}/recommend`, { recommendation: 'Usulkan PKH.' });
  const coordinator = await signInViaApi(koordinator, 'koordinator.cinunuk');
  await coordinator.post(`/cases/${caseId}/decide`, { decision: 'refer', notes: 'Dirujuk ke pendamping PKH.' });
}

test('at intake, screening suggests PKH for a desil-2 family with a school child; the officer makes it a need and refers it', { timeout: 180_000 }, async ({ expect, context, page, browser, baseUrl }) => {
  await signInViaApi(context, 'puskesos.cinunuk');
  const intake = new IntakeWizard(page);
  await intake.goto();
  await intake.findByNik(UJANG_NIK);
  await intake.next();
  await intake.next();

  // the needs step shows what the family could receive, with the reasons
  const pkh = page.locator('[data-program="PKH"]');
  await pkh.waitFor();
  expect(await pkh.getAttribute('data-result')).toBe('eligible');
  const shown = await pkh.innerText();
  expect(shown).toContain(text('id', 'programs', 'result.eligible'));
  expect(shown).toContain('Desil 2 ≤ 4');
  expect(shown).toContain('Anak usia SD: Siti Nurhaliza');
  expect(await page.locator('[data-program="SEMBAKO"]').getAttribute('data-result')).toBe('eligible');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  // one tap: the suggestion becomes the case's need (sector and words filled in)
  await page.locator('[data-use-program="PKH"]').click();
  const need = page.locator('[data-need-index="0"]');
  expect(await need.getByLabel(text('id', 'intake', 'needs.sector'), { exact: true }).inputValue()).toBe('social_assistance');
  const request = await need.getByLabel(text('id', 'intake', 'needs.request'), { exact: true }).inputValue();
  expect(request).toContain('Program Keluarga Harapan');
  expect(await page.locator('[data-use-program="PKH"]').isDisabled()).toBe(true);
  await intake.complaint('Ingin tahu bantuan apa yang bisa diterima keluarga.');
  await intake.next();
  await intake.next();
  const caseId = await intake.submit();

  // decided for referral, the need goes to the PKH service from the case page
  const koordinator = await browser.newContext({ baseURL: baseUrl });
  try {
    await decideRefer(context, koordinator, caseId);
    const referral = await new ReferralPages(page).referFromCase(caseId, request, PKH_SERVICE);
    expect(referral.number).toMatch(/\d/);
    expect(await page.locator('main').innerText()).toContain(PKH_SERVICE);
  } finally {
    await koordinator.close();
  }
});

test('the executive reads the program dashboard on a phone: eligible, enrolled, exclusion and inclusion per program, assistance by source, small counts as "<5", down into a kecamatan', { timeout: 90_000 }, async ({ expect, page, signIn }) => {
  await signIn.goto();
  await signIn.signIn('eksekutif', 'slrt-demo');
  const shell = new Shell(page);
  await shell.followNav(text('id', 'programs', 'nav.dashboard'));
  await page.waitForURL((url) => url.pathname === '/program/dasbor');
  const table = page.getByTestId('program-stats');
  await table.waitFor();
  expect(await table.locator('tr[data-program="PKH"]').count()).toBe(1);
  expect(await page.locator('section.program-dashboard').getAttribute('data-area')).toBe('32.04');
  await page.getByTestId('assistance-by-source').waitFor();
  expect(await page.getByTestId('assistance-by-source').innerText()).toContain('Rp');
  expect(await shell.overflowsHorizontally()).toBe(false);
  // into Cileunyi: a small area, where some counts are withheld
  await page.getByRole('link', { name: 'Cileunyi', exact: true }).click();
  await page.locator('section.program-dashboard[data-area="32.04.05"]').waitFor();
  await page.getByTestId('program-stats').waitFor();
  const cells = await page.getByTestId('program-stats').locator('td.num').allInnerTexts();
  expect(cells.every((c) => c === '<5' || c === 'x' || /^[\d.]+$/.test(c))).toBe(true);
  expect(await page.getByText(text('id', 'programs', 'dashboard.suppressed')).count()).toBe(1);
  expect(await shell.overflowsHorizontally()).toBe(false);
});

test('the coordinator selects a missed family on the PKH targeting list and turns it into an enrolment proposal, on a phone', { timeout: 90_000 }, async ({ expect, context, page }) => {
  await signInViaApi(context, 'koordinator.cinunuk');
  await page.goto('/program/PKH/sasaran');
  const list = page.getByTestId('targeting-list');
  await list.waitFor();
  const row = list.locator('li', { hasText: 'Ujang Suparman' });
  await row.getByRole('checkbox').check();
  await page.getByLabel(text('id', 'programs', 'targeting.action'), { exact: true }).selectOption('enrol_proposal');
  await page.getByRole('button', { name: text('id', 'programs', 'targeting.run', { n: 1 }) }).click();
  const outcome = page.getByTestId('targeting-outcome');
  await outcome.waitFor();
  expect(await outcome.innerText()).toBe(text('id', 'programs', 'targeting.outcome', { created: 1, skipped: 0 }));
  const result = page.getByTestId('targeting-results').locator('li[data-outcome="created"]');
  expect(await result.innerText()).toMatch(/^Usulan .+ dibuat; menunggu verifikasi lapangan\.$/);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);
});
