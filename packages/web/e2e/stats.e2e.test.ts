import { MOBILE, test } from './fixtures.ts';
import { Shell } from './pages/Shell.ts';
import { StatsPages } from './pages/StatsPages.ts';
import { text } from './pages/text.ts';

/** A NIK or KK: sixteen digits in a row. */
const NIK_LIKE = /\d{16}/;

test.override('device', MOBILE);

test('the executive opens the dashboard on a phone, sees the charts, drills down into Kecamatan Cileunyi, and no NIK appears anywhere', { timeout: 90_000 }, async ({ expect, page, signIn, context }) => {
  // a clock the test can move forward, to see the minute's refresh without waiting a minute
  await page.clock.install();
  await signIn.goto();
  await signIn.signIn('eksekutif', 'slrt-demo');
  const shell = new Shell(page);
  expect(await shell.workspaceId()).toBe('kabupaten');

  const dash = new StatsPages(page);
  await dash.openFromNav();
  await dash.waitForArea('32.04');
  expect(await dash.heading()).toBe(text('id', 'stats', 'title', { name: 'Kabupaten Bandung' }));
  // the executive holds no personal-data permission: small counts are hidden, and the page says so
  expect(await page.getByTestId('stats-suppressed').textContent()).toBe(text('id', 'stats', 'suppressed.note'));

  // the charts are there, drawn to the phone's width (no overflow sideways)
  for (const chart of ['chart-areas', 'chart-sectors', 'chart-partners', 'chart-desil'] as const) {
    await dash.chart(chart).waitFor();
    const widths = await dash.barWidths(chart);
    expect(widths.length, chart).toBeGreaterThan(0);
    for (const w of widths) {
      expect(w, chart).toBeGreaterThan(200);
      expect(w, chart).toBeLessThanOrEqual(360);
    }
  }
  expect(await dash.chart('chart-areas').locator('li').count()).toBe(31);
  expect(await dash.loadRows().count()).toBeGreaterThan(0);
  expect(await shell.overflowsHorizontally()).toBe(false);
  expect(await dash.csvLink().getAttribute('href')).toMatch(/^\/api\/v1\/stats\/overview\.csv\?area=32\.04&from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-\d{2}&lang=id$/);

  // the period picker (issue 12, item 16): this year asks for January to December; a custom period ending before it starts is refused
  const period = page.getByTestId('stats-period');
  const yearly = page.waitForResponse((r) => /\/api\/v1\/stats\/overview\?(area=32\.04&)?from=\d{4}-01-01&to=\d{4}-12-31$/.test(r.url()) && r.ok());
  await period.getByRole('combobox').selectOption('this_year');
  await yearly;
  await expect.poll(() => dash.csvLink().getAttribute('href')).toMatch(/from=\d{4}-01-01&to=\d{4}-12-31&lang=id$/);
  await period.getByRole('combobox').selectOption('custom');
  await period.getByLabel(text('id', 'stats', 'period.to')).fill('2020-01-01');
  await period.getByText(text('id', 'stats', 'period.order')).waitFor();
  expect(await shell.overflowsHorizontally()).toBe(false);
  await period.getByRole('combobox').selectOption('this_month');

  // drill down: the bar of Kecamatan Cileunyi opens its dashboard, with its villages
  await dash.areaBar('32.04.05').click();
  await page.waitForURL((url) => url.pathname === '/dasbor' && url.searchParams.get('wilayah') === '32.04.05');
  await dash.waitForArea('32.04.05');
  expect(await dash.heading()).toBe(text('id', 'stats', 'title', { name: text('id', 'stats', 'area.kecamatan', { name: 'Cileunyi' }) }));
  await dash.areaBar('32.04.05.2004').waitFor();
  expect(await dash.chart('chart-areas').locator('li').count()).toBe(6);
  const villages = await dash.loadRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-village') ?? ''));
  expect(villages.length).toBeGreaterThan(0);
  expect(villages.every((v) => v.startsWith('32.04.05.'))).toBe(true);
  expect(await shell.overflowsHorizontally()).toBe(false);

  // aggregates only: no NIK-like digit run in what the page shows or holds, nor in its CSV
  expect(await page.evaluate(() => document.body.innerText)).not.toMatch(NIK_LIKE);
  expect(await page.evaluate(() => document.body.innerHTML)).not.toMatch(NIK_LIKE);
  const csv = await context.request.get((await dash.csvLink().getAttribute('href'))!);
  expect(csv.ok()).toBe(true);
  const body = await csv.text();
  // in the app's language (issue 12 item 7), the codes kept in the last columns
  expect(body).toMatch(/\r\nKasus,Jumlah,,32\.04\.05,Cileunyi,\d+,cases,total,\r\n/);
  expect(body).not.toMatch(NIK_LIKE);

  // it refreshes itself every minute
  const refreshed = page.waitForResponse((r) => r.url().includes('/api/v1/stats/overview?area=32.04.05') && r.ok());
  await page.clock.fastForward(61_000);
  await refreshed;

  // and back up through the breadcrumb
  await page.getByRole('navigation', { name: text('id', 'stats', 'breadcrumb') }).getByRole('link', { name: 'Kabupaten Bandung' }).click();
  await dash.waitForArea('32.04');
});
