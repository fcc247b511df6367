import { MOBILE, signInViaApi, test } from './fixtures.ts';
import { IntakeWizard } from './pages/CasePages.ts';
import { DuplicatePages } from './pages/DuplicatePages.ts';
import { ProposalPages } from './pages/ProposalPages.ts';
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

test('at intake and in an usulan the officer sees the likely matches of a new person before creating it, and uses the registered one', async ({ expect, context, page }) => {
  const kab = await signInViaApi(context, 'kabupaten');
  // registered in Cinunuk; the officer types the name with the new spelling, the words split
  const birthDate = `19${String(50 + (Date.now() % 40)).padStart(2, '0')}-1${Date.now() % 3}-2${Date.now() % 8}`;
  const registered = await kab.post<{ id: string; householdId: string }>('/persons', {
    fullName: 'Sjarifah Nurhasanah', sex: 'F', birthDate, birthPlace: 'Bandung', household: { villageCode: '32.04.05.2004', address: 'Kp. Uji Mirip' },
  });
  await signInViaApi(context, 'puskesos.cinunuk');

  const intake = new IntakeWizard(page);
  await intake.goto();
  await intake.newResident({ fullName: 'Syarifah Nur Hasanah', sex: 'F', birthDate });
  expect(await intake.likelyMatches()).toContain('Sjarifah Nurhasanah');
  await intake.useLikelyMatch('Sjarifah Nurhasanah');
  expect(await page.getByTestId('chosen-resident').innerText()).toContain('Sjarifah Nurhasanah');
  expect(await new Shell(page).overflowsHorizontally()).toBe(false);

  // an usulan adding her to her own household again: the same check, before it is sent
  const proposals = new ProposalPages(page);
  expect(await proposals.newMemberLikelyMatches(registered.householdId, { fullName: 'Syarifah Nur Hasanah', sex: 'F', birthDate })).toContain('Sjarifah Nurhasanah');
  expect(await page.getByTestId('likely-matches').getByRole('link', { name: text('id', 'registry', 'likely.proposeChange') }).getAttribute('href')).toContain(registered.id);
});
