import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test.override('device', MOBILE);

test('the village officer records a BLT Dana Desa payment from the household page, warned first that Baznas gave cash this month', { timeout: 120_000 }, async ({ expect, context, page }) => {
  const officer = await signInViaApi(context, 'puskesos.cinunuk');
  const people = (await (await context.request.get('/api/v1/persons?area=32.04.05.2004&limit=20')).json()) as { items: Array<{ householdId: string }> };
  const householdId = people.items[6]!.householdId;
  // Baznas already gave this household cash this month
  await officer.post('/assistance', { householdId, category: 'cash', form: 'cash', valueIdr: 300000, fundingSource: 'baznas_zakat', deliveredOn: today() });

  await page.goto(`/registri/rumah-tangga/${householdId}`);
  const section = page.locator('section.household-assistance');
  await section.getByTestId('assistance-form').waitFor();
  const label = (key: 'ledger.program' | 'ledger.category' | 'ledger.form' | 'ledger.value' | 'ledger.source') => section.getByLabel(text('id', 'programs', key), { exact: true });
  await label('ledger.program').selectOption('BLT_DD');
  await label('ledger.category').selectOption('cash');
  await label('ledger.form').selectOption('cash');
  await label('ledger.value').fill('300000');
  await label('ledger.source').selectOption('dana_desa');
  await section.getByRole('button', { name: text('id', 'programs', 'ledger.check'), exact: true }).click();

  // the warning before anything is saved
  const warning = section.getByTestId('duplicate-warning');
  await warning.waitFor();
  expect(await warning.innerText()).toContain('sumber lain');
  const before = ((await (await context.request.get(`/api/v1/households/${householdId}/assistance`)).json()) as { items: Array<{ program: string | null }> }).items;
  expect(before.filter((d) => d.program === 'BLT_DD')).toHaveLength(0);
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  await section.getByRole('button', { name: text('id', 'programs', 'ledger.saveAnyway'), exact: true }).click();
  await section.getByText(text('id', 'programs', 'ledger.savedDuplicate')).waitFor();
  const card = section.getByTestId('deliveries').locator('li', { hasText: text('id', 'programs', 'ledger.source.dana_desa') });
  await card.first().waitFor();
  const after = ((await (await context.request.get(`/api/v1/households/${householdId}/assistance`)).json()) as { items: Array<{ program: string | null; fundingSource: string }> }).items;
  expect(after.filter((d) => d.program === 'BLT_DD' && d.fundingSource === 'dana_desa')).toHaveLength(1);
});
