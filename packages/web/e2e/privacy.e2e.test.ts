import { auditActionLabel, auditPurposeLabel, composeNik } from '@slrt/core';
import { pdfText } from '../../server/src/letters/pdf-text.ts';
import { MOBILE, test } from './fixtures.ts';
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
