import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuplicatePairView, DuplicateRunView } from '@slrt/core';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { backgroundRunner } from '../../app/background.ts';
import { composeNik } from '@slrt/core';
import { aPerson, CINUNUK, multipartBody, SOREANG } from '../testing.ts';
import { importWorkerOf } from '../plugin.ts';
import { twoRegistrations } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function runToEnd(): Promise<DuplicateRunView> {
  const kab = await t.as('kabupaten');
  const started = await kab.post('/api/v1/registry/duplicate-runs');
  expect(started.status).toBe(202);
  expect(started.body).toEqual({ id: expect.any(String) });
  await backgroundRunner(t.deps).tick();
  const run = await kab.get<DuplicateRunView>(`/api/v1/registry/duplicate-runs/${started.body.id}`);
  expect(run.status).toBe(200);
  return run.body;
}

const pairOf = (items: DuplicatePairView[], a: string, b: string) =>
  items.find((p) => [p.personA.id, p.personB.id].sort().join() === [a, b].sort().join());

describe('duplicate runs', () => {
  it('finds a person registered twice (old spelling, no NIK the second time) and explains the score', async () => {
    const [a, b] = await twoRegistrations(t.deps);
    // a name of its own: an exact name weighs by its frequency, and four of a dozen people sharing one would be a common name
    const [c, d] = await twoRegistrations(t.deps, { village: CINUNUK, villageB: SOREANG, birthDate: '1985-07-02', fullName: 'Tjutju Soenarja', fullNameB: 'Cucu Sunarja' });
    await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Dadang Hermawan', sex: 'M', birthDate: '1979-03-14' });
    const run = await runToEnd();
    expect(run.status).toBe('done');
    expect(run.pairsFound).toBeGreaterThanOrEqual(2);
    expect(run.model?.trainedOn).not.toBeNull();
    expect(run.blocking?.map((r) => r.rule)).toContain('birth_date_sex_initial');

    const kab = await t.as('kabupaten');
    const list = await kab.get(`/api/v1/registry/duplicate-pairs?runId=${run.id}`);
    expect(list.status).toBe(200);
    const pair = pairOf(list.body.items, a.id, b.id);
    expect(pair).toBeDefined();
    expect(pair!.status).toBe('open');
    expect(pair!.score).toBeGreaterThan(0.7);
    expect(pair!.explanation.find((e: { key: string }) => e.key === 'name')).toMatchObject({ level: 'exact' });
    expect(pair!.explanation.find((e: { key: string }) => e.key === 'nik')).toMatchObject({ level: null, weight: 0 });
    expect(pair!.differingFields).toContain('nik');
    expect(pair!.differingFields).not.toContain('birthDate');
    expect(pairOf(list.body.items, c.id, d.id)).toBeDefined();
    // the pair of one village is the village's to review; the pair across villages is not
    const coordinator = await t.as('koordinator.cinunuk');
    const mine = await coordinator.get(`/api/v1/registry/duplicate-pairs?runId=${run.id}`);
    expect(mine.status).toBe(200);
    expect(pairOf(mine.body.items, a.id, b.id)).toBeDefined();
    expect(pairOf(mine.body.items, c.id, d.id)).toBeUndefined();
    const across = pairOf(list.body.items, c.id, d.id)!;
    expect((await coordinator.get(`/api/v1/registry/duplicate-pairs/${across.id}`)).status).toBe(404);
    expect((await coordinator.post(`/api/v1/registry/duplicate-pairs/${across.id}/dismiss`)).status).toBe(404);
  });

  it('refuses a run to other roles (403) and a second run while one is running (409)', async () => {
    expect((await (await t.as('puskesos.cinunuk')).post('/api/v1/registry/duplicate-runs')).status).toBe(403);
    expect((await (await t.as('koordinator.cinunuk')).post('/api/v1/registry/duplicate-runs')).status).toBe(403);
    expect((await (await t.as('puskesos.cinunuk')).get('/api/v1/registry/duplicate-pairs')).status).toBe(403);
    const kab = await t.as('kabupaten');
    const first = await kab.post('/api/v1/registry/duplicate-runs');
    expect(first.status).toBe(202);
    const second = await kab.post('/api/v1/registry/duplicate-runs');
    expect(second.status).toBe(409);
    await backgroundRunner(t.deps).tick();
    expect((await kab.get(`/api/v1/registry/duplicate-runs/${first.body.id}`)).body.status).toBe('done');
  });

  it('names the bad field (400) and answers 404 for an unknown run', async () => {
    const kab = await t.as('kabupaten');
    const bad = await kab.get('/api/v1/registry/duplicate-pairs?runId=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.runId).toBeDefined();
    expect((await kab.get('/api/v1/registry/duplicate-runs/0190f1f0-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('remembers "not a duplicate" across runs until the data change', async () => {
    // a name of its own: the exact-name weight follows the name's frequency, and the tests above registered "Syarifudin Hidayat" four times
    const [a, b] = await twoRegistrations(t.deps, { birthDate: '1990-10-20', fullName: 'Tjetjep Soedrajat', fullNameB: 'Cecep Sudrajat' });
    const run = await runToEnd();
    const kab = await t.as('kabupaten');
    const pair = pairOf((await kab.get(`/api/v1/registry/duplicate-pairs?runId=${run.id}&limit=200`)).body.items, a.id, b.id)!;
    const dismissed = await kab.post(`/api/v1/registry/duplicate-pairs/${pair.id}/dismiss`);
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('dismissed');
    expect((await kab.post(`/api/v1/registry/duplicate-pairs/${pair.id}/dismiss`)).status).toBe(409);
    await runToEnd();
    expect((await kab.get(`/api/v1/registry/duplicate-pairs/${pair.id}`)).body.status).toBe('dismissed');
    // the data change: the next run shows the pair again
    const version = (await kab.get(`/api/v1/persons/${b.id}`)).body.version;
    const edit = await kab.patch(`/api/v1/persons/${b.id}`, { changes: { fullName: 'Cecep Sudrajatt' }, expectedVersion: version, reason: 'koreksi' });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    await runToEnd();
    expect((await kab.get(`/api/v1/registry/duplicate-pairs/${pair.id}`)).body.status).toBe('open');
  });

  it('checks a person about to be created against the registry (intake, usulan)', async () => {
    const [a] = await twoRegistrations(t.deps, { birthDate: '1972-05-09', fullName: 'Djuhana Soepardi', fullNameB: 'Juhana Supardi' });
    const officer = await t.as('puskesos.cinunuk');
    const res = await officer.post('/api/v1/registry/duplicate-check', { fullName: 'Juhana Supardi', sex: 'M', birthDate: '1972-05-09', villageCode: CINUNUK });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { person: { id: string } }) => i.person.id)).toContain(a.id);
    const bad = await officer.post('/api/v1/registry/duplicate-check', { fullName: '', sex: 'M', villageCode: CINUNUK });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.fullName).toBeDefined();
  });
});

describe('registry import', () => {
  // Its own registry: no run has learned weights from the few persons the tests above leave
  // (a model trained on them weighs an exact name at +1.5 and put this pair at 0.54-0.75
  // around the threshold of 0.7, one run in four under it), so the check scores with the
  // stated starting model. The NIKs are given: the existing person's differs from the file's.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a likely duplicate all the same and lists the pair for review', async () => {
    const existingNik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1983-02-17', sex: 'F', serial: 1204 });
    const existing = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Euis Komalasari', sex: 'F', birthDate: '1983-02-17', nik: existingNik });
    const nik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1983-02-17', sex: 'F', serial: 7321 });
    const csv = `NIK,NAMA,JNS_KEL,KODE_DESA,TGL_LAHIR\n${nik},Hj. Euis Komalasari,P,3204052004,1983-02-17\n`;
    const kab = await t.as('kabupaten');
    const { body, headers } = multipartBody({}, { name: 'ekstrak.csv', content: csv });
    const started = await kab.request('POST', '/api/v1/registry/imports', body, headers);
    expect(started.status).toBe(202);
    await importWorkerOf(t.deps).idle();
    const imp = (await kab.get(`/api/v1/registry/imports/${started.body.id}`)).body;
    expect(imp.status).toBe('done');
    expect(imp.rowsOk).toBe(1);
    const open = (await kab.get('/api/v1/registry/duplicate-pairs?status=open&limit=200')).body.items as DuplicatePairView[];
    const pair = open.find((p) => (p.personA.id === existing.id || p.personB.id === existing.id) && p.source === 'import');
    expect(pair).toBeDefined();
    expect([pair!.personA.nik, pair!.personB.nik]).toContain(nik);
  });
});
