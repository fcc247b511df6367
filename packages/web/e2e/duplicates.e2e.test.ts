import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { DuplicatePages } from './pages/DuplicatePages.ts';
import { Shell } from './pages/Shell.ts';
import { text } from './pages/text.ts';

test.override('device', MOBILE);

test('the kabupaten reviews a pair side by side, merges it with the chosen values, and undoes the merge', async ({ expect, context, page }) => {
  const api = await signInViaApi(context, 'kabupaten');
  // the same man registered twice in Cinunuk: old spelling, and no NIK the second time
  const birthDate = `19${String(50 + (Date.now() % 40)).padStart(2, '0')}-0${1 + (Date.now() % 9)}-1${Date.now() % 10}`;
  const household = { villageCode: '32.04.05.2004', address: 'Kp. Uji Ganda' };
  const a = await api.post<{ id: string }>('/persons', { fullName: 'Sjarifudin Hidayat', sex: 'M', birthDate, birthPlace: 'Bandung', household });
  const b = await api.post<{ id: string }>('/persons', { fullName: 'Syarifudin Hidayat', sex: 'M', birthDate, birthPlace: 'Kab. Bandung', household });
  const check = await api.post<{ items: Array<{ person: { id: string } }> }>('/registry/duplicate-check', { fullName: 'Syarifudin Hidayat', sex: 'M', birthDate, villageCode: '32.04.05.2004' });
  expect(check.items.map((i) => i.person.id)).toEqual(expect.arrayContaining([a.id, b.id]));

  // the run from the list page (the job runs on the server)
  const pages = new DuplicatePages(page);
  await pages.gotoList();
  await page.getByRole('button', { name: text('id', 'registry', 'duplicates.run.start') }).click();
  await page.locator('[data-run-status="done"]').waitFor({ timeout: 60_000 });
  const list = (await (await context.request.get('/api/v1/registry/duplicate-pairs?status=open&limit=200')).json()) as { items: Array<{ id: string; personA: { id: string }; personB: { id: string } }> };
  const pair = list.items.find((p) => [p.personA.id, p.personB.id].sort().join() === [a.id, b.id].sort().join());
  expect(pair).toBeDefined();
  await pages.pairLink(pair!.id).click();
  await page.getByRole('heading', { name: text('id', 'registry', 'duplicates.review.title') }).waitFor();
  expect(await pages.differingRows()).toEqual(expect.arrayContaining(['birthPlace']));
  expect(await pages.differingRows()).not.toContain('birthDate');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  // keep the record of the second registration, with the birth place of the first
  const keepSide = pair!.personA.id === b.id ? 'A' : 'B';
  const otherSide = keepSide === 'A' ? 'B' : 'A';
  await pages.keep(keepSide);
  await pages.chooseValue('birthPlace', otherSide);
  await pages.merge();
  expect(await pages.status()).toBe(text('id', 'registry', 'duplicates.status.merged'));
  const survivor = (await (await context.request.get(`/api/v1/persons/${b.id}`)).json()) as { birthPlace: string };
  expect(survivor.birthPlace).toBe('Bandung');
  const tombstone = (await (await context.request.get(`/api/v1/persons/${a.id}`)).json()) as { registryStatus: string };
  expect(tombstone.registryStatus).toBe('inactive');

  await pages.undo();
  expect(await pages.status()).toBe(text('id', 'registry', 'duplicates.status.open'));
  const restored = (await (await context.request.get(`/api/v1/persons/${b.id}`)).json()) as { birthPlace: string };
  expect(restored.birthPlace).toBe('Kab. Bandung');
});
