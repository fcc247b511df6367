import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNik, HouseholdView, PersonSearchPage, PersonView, RegistryChangeResult, RegistryHistoryPage } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CILEUNYI_WETAN, CINUNUK, DAYEUHKOLOT, SOREANG, contextAs } from './testing.ts';
import { applyRegistryChanges, getPersonInScope, toPersonView } from './service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function auditEvents(action: string) {
  const { rows } = await t.deps.db.query<{ record_ids: string[]; actor_name: string; details: Record<string, unknown> }>(
    'SELECT record_ids, actor_name, details FROM audit_events WHERE action = $1 ORDER BY seq', [action],
  );
  return rows;
}

describe('GET /api/v1/persons/:id', () => {
  it('answers the person with the full NIK and the specific fields to the village officer', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const p = await aPerson(t.deps.db, { household: h, fullName: 'Euis Komariah', sex: 'F', birthDate: '1979-11-02', desil: 2, healthInsurance: ['pbi_jkn'] });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/persons/${p.id}`, PersonView);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: p.id, nik: p.nik, kk: h.kk, fullName: 'Euis Komariah', birthDate: '1979-11-02', sex: 'F', villageCode: CINUNUK,
      villageName: 'Cinunuk', kecamatanName: 'Cileunyi', householdId: h.id, registryStatus: 'registered',
      desil: 2, desilSource: 'DTSEN', desilDate: '2025-10-01', specificShown: true, healthInsurance: ['pbi_jkn'],
    });
    const events = await auditEvents('person.read');
    expect(events.at(-1)?.record_ids).toEqual([p.id]);
  });

  it('answers 404 to an officer of another village, and to a supervisor of another kecamatan', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/persons/${p.id}`, PersonView)).status).toBe(404);
    const q = await aPerson(t.deps.db, { village: DAYEUHKOLOT });
    expect((await (await t.as('supervisor.cileunyi')).get(`/api/v1/persons/${q.id}`, PersonView)).status).toBe(404);
    const r = await aPerson(t.deps.db, { village: CILEUNYI_WETAN });
    expect((await (await t.as('supervisor.cileunyi')).get(`/api/v1/persons/${r.id}`, PersonView)).status).toBe(200);
    expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/persons/${r.id}`, PersonView)).status).toBe(404);
  });

  it('refuses roles without registry.read (403) and a malformed id (400)', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    expect((await (await t.as('eksekutif')).get(`/api/v1/persons/${p.id}`, PersonView)).status).toBe(403);
    expect((await (await t.as('mitra.dinkes')).get(`/api/v1/persons/${p.id}`, PersonView)).status).toBe(403);
    const bad = await (await t.as('puskesos.cinunuk')).get('/api/v1/persons/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.error?.fields ?? {})).toContain('id');
  });

  it('leaves the specific fields out for a caller without registry.read_specific', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, pregnant: true, disability: { seeing: 'a_lot' }, chronicIllnesses: ['hypertension'] });
    const ctx = await contextAs(t.deps, 'puskesos.cinunuk');
    const record = await getPersonInScope(t.deps.db, ctx, p.id);
    const restricted = { actor: Object.assign(Object.create(Object.getPrototypeOf(ctx.actor) as object), ctx.actor, { can: () => false }) };
    const view = toPersonView(record, restricted as typeof ctx);
    expect(view.specificShown).toBe(false);
    for (const field of ['pregnant', 'disability', 'chronicIllnesses', 'healthInsurance']) expect(view).not.toHaveProperty(field);
    expect(toPersonView(record, ctx)).toMatchObject({ pregnant: true, disability: { seeing: 'a_lot' }, chronicIllnesses: ['hypertension'] });
  });
});

describe('GET /api/v1/persons (search)', () => {
  it('finds a person by exact NIK with the NIK masked in the list, and audits the returned ids once', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Asep Saepudin', sex: 'M', birthDate: '1990-01-15' });
    const officer = await t.as('puskesos.cinunuk');
    const before = (await auditEvents('person.search')).length;
    const res = await officer.get(`/api/v1/persons?nik=${p.nik}`, PersonSearchPage);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ id: p.id, fullName: 'Asep Saepudin', birthDate: '1990-01-15', sex: 'M', villageCode: CINUNUK });
    expect(res.body.items[0]!.nik).toBe(`${p.nik!.slice(0, 4)}********${p.nik!.slice(12)}`);
    expect(res.body.items[0]!.kk).toMatch(/^\d{4}\*{8}\d{4}$/);
    const events = await auditEvents('person.search');
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.record_ids).toEqual([p.id]);
    expect(JSON.stringify(events.at(-1)!.details)).not.toContain(p.nik!);
  });

  it('finds the members of a KK by exact KK number', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const a = await aPerson(t.deps.db, { household: h, fullName: 'Dadang Sunarya', sex: 'M', relationship: 'head' });
    const b = await aPerson(t.deps.db, { household: h, fullName: 'Imas Masitoh', sex: 'F', relationship: 'spouse' });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/persons?kk=${h.kk}`, PersonSearchPage);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('finds a name typed with common misspellings near the top, ranked, and nothing from another village', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const target = await aPerson(t.deps.db, { household: h, fullName: 'Jajang Sopandi', sex: 'M', birthDate: '1975-04-12' });
    const yuyun = await aPerson(t.deps.db, { household: h, fullName: 'Yuyun Nurhasanah', sex: 'F', birthDate: '1980-08-30' });
    for (const name of ['Jajang Sutisna', 'Dede Sopandi', 'Yayan Supriatna', 'Neng Nurjanah']) await aPerson(t.deps.db, { household: h, fullName: name, sex: 'M' });
    const officer = await t.as('puskesos.cinunuk');
    for (const [typed, expected] of [['djadjang sopandi', target.id], ['Jajang  Soepandi', target.id], ['jajang sopndi', target.id], ['yuyun nurhasana', yuyun.id], ['Nurhasanah', yuyun.id]] as const) {
      const res = await officer.get(`/api/v1/persons?q=${encodeURIComponent(typed)}&area=${CINUNUK}`, PersonSearchPage);
      expect(res.status, typed).toBe(200);
      expect(res.body.items[0]?.id, typed).toBe(expected);
      const scores = res.body.items.map((i) => i.score);
      expect(scores, typed).toEqual([...scores].sort((x, y) => y! - x!));
    }
    const other = await (await t.as('puskesos.soreang')).get(`/api/v1/persons?q=jajang%20sopandi`, PersonSearchPage);
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
  });

  it('narrows by kecamatan, village and birth year', async () => {
    const a = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Cecep Hidayat', sex: 'M', birthDate: '1961-02-03' });
    const b = await aPerson(t.deps.db, { village: CILEUNYI_WETAN, fullName: 'Cecep Hidayat', sex: 'M', birthDate: '1970-05-06' });
    const sup = await t.as('supervisor.cileunyi');
    const all = await sup.get('/api/v1/persons?q=cecep%20hidayat&area=32.04.05', PersonSearchPage);
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    const village = await sup.get(`/api/v1/persons?q=cecep%20hidayat&area=${CILEUNYI_WETAN}`, PersonSearchPage);
    expect(village.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const year = await sup.get('/api/v1/persons?q=cecep%20hidayat&birthYear=1961', PersonSearchPage);
    expect(year.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const digits = await sup.get('/api/v1/persons?q=cecep%20hidayat&area=3204052002', PersonSearchPage);
    expect(digits.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
  });

  it('pages through results with the cursor, without repeats or gaps', async () => {
    const h = await aHousehold(t.deps.db, { village: SOREANG });
    const ids: string[] = [];
    for (const name of ['Rina Marlina', 'Rini Marlina', 'Rina Marliana', 'Rina Merlina', 'Rena Marlina']) {
      ids.push((await aPerson(t.deps.db, { household: h, fullName: name, sex: 'F' })).id);
    }
    const officer = await t.as('puskesos.soreang');
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } =
        await officer.get(`/api/v1/persons?q=rina%20marlina&limit=2${cursor ? `&cursor=${cursor}` : ''}`, PersonSearchPage);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(ids.sort());
    const area = await officer.get(`/api/v1/persons?area=${SOREANG}&limit=3`, PersonSearchPage);
    expect(area.body.items).toHaveLength(3);
    const next = await officer.get(`/api/v1/persons?area=${SOREANG}&limit=3&cursor=${area.body.nextCursor}`, PersonSearchPage);
    expect(next.body.items.map((x: { id: string }) => x.id)).not.toContain(area.body.items[0]!.id);
  });

  it('answers 400 naming the field for a short name, a malformed NIK, a foreign area or a broken cursor', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const cases: Array<[string, string]> = [
      ['/api/v1/persons?q=ab', 'q'],
      ['/api/v1/persons?nik=32040512ab', 'nik'],
      ['/api/v1/persons?q=asep&area=32.73', 'area'],
      ['/api/v1/persons?q=asep&cursor=zzz', 'cursor'],
      ['/api/v1/persons', 'q'],
    ];
    for (const [url, field] of cases) {
      const res = await officer.get(url);
      expect(res.status, url).toBe(400);
      expect(Object.keys(res.error?.fields ?? {}), url).toContain(field);
    }
  });
});

describe('POST /api/v1/persons', () => {
  const nikFor = (birthDate: string, sex: 'M' | 'F', serial: number) => composeNik({ kecamatanCode: '32.04.05', birthDate, sex, serial });

  it('adds a resident not in the national data with a new household, with history and audit', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const nik = nikFor('1992-03-04', 'F', 4401);
    const res = await officer.post('/api/v1/persons', {
      nik, fullName: 'Yeni Rahmawati', sex: 'F', birthDate: '1992-03-04', birthPlace: 'Bandung',
      household: { villageCode: CINUNUK, address: 'Kp. Babakan RT 03', rt: '003', rw: '005' },
    }, PersonView);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ nik, fullName: 'Yeni Rahmawati', registryStatus: 'not_registered', villageCode: CINUNUK, desil: null });
    const history = await officer.get(`/api/v1/persons/${res.body.id}/history`, RegistryHistoryPage);
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({ action: 'create', sourceType: 'officer', actorName: 'Petugas Puskesos Cinunuk' });
    expect(history.body.items[0]!.changes.fullName).toEqual({ old: null, new: 'Yeni Rahmawati' });
    expect((await auditEvents('person.create')).at(-1)?.record_ids).toEqual([res.body.id]);
    const household = await officer.get(`/api/v1/households/${res.body.householdId}`, HouseholdView);
    expect(household.body.families[0]!.members[0]!.id).toBe(res.body.id);
  });

  it('needs an explicit confirmation of a NIK warning, and records it', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const nik = nikFor('1992-03-04', 'F', 4402);
    const body = { nik, fullName: 'Rudi Hartono', sex: 'M', birthDate: '1992-03-04', household: { villageCode: CINUNUK } };
    const refused = await officer.post('/api/v1/persons', body, PersonView);
    expect(refused.status).toBe(400);
    expect(refused.error?.fields?.nik).toBeTruthy();
    expect(refused.error).toMatchObject({ warnings: [{ code: 'nik_sex_mismatch' }] });
    const ok = await officer.post('/api/v1/persons', { ...body, confirmWarnings: ['nik_sex_mismatch'] }, PersonView);
    expect(ok.status).toBe(201);
    expect(ok.body.nikWarnings).toEqual(['nik_sex_mismatch']);
    const history = await officer.get(`/api/v1/persons/${ok.body.id}/history`, RegistryHistoryPage);
    expect(history.body.items[0]!.changes.confirmedWarnings).toEqual({ old: null, new: ['nik_sex_mismatch'] });
  });

  it('warns on an unknown region code (Bandung Barat split off as 32.17 is known; 32.99 is not)', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const nik = `329905${nikFor('1970-01-01', 'M', 4403).slice(6)}`;
    const res = await officer.post('/api/v1/persons', { nik, fullName: 'Ahmad Wijaya', sex: 'M', birthDate: '1970-01-01', household: { villageCode: CINUNUK } }, PersonView);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ warnings: [{ code: 'nik_region_unknown' }] });
  });

  it('refuses a malformed NIK (400 naming nik), a duplicate NIK (409), a village outside the scope (400) and a role without registry.write (403)', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const bad = await officer.post('/api/v1/persons', { nik: '3204053002900001', fullName: 'X Y', sex: 'M', household: { villageCode: CINUNUK } }, PersonView);
    expect(bad.status).toBe(400);
    expect(bad.error?.fields?.nik).toBeTruthy();
    const existing = await aPerson(t.deps.db, { village: CINUNUK, sex: 'M', birthDate: '1988-09-09' });
    const dup = await officer.post('/api/v1/persons', { nik: existing.nik, fullName: 'Dup', sex: 'M', birthDate: '1988-09-09', household: { villageCode: CINUNUK } }, PersonView);
    expect(dup.status).toBe(409);
    expect(dup.error).toMatchObject({ code: 'conflict', personId: existing.id });
    const outside = await officer.post('/api/v1/persons', { fullName: 'Tanpa NIK', sex: 'F', household: { villageCode: SOREANG } }, PersonView);
    expect(outside.status).toBe(400);
    expect(outside.error?.fields?.['household.villageCode']).toBeTruthy();
    const fac = await (await t.as('fasilitator.cinunuk')).post('/api/v1/persons', { fullName: 'Tanpa NIK', sex: 'F', household: { villageCode: CINUNUK } }, PersonView);
    expect(fac.status).toBe(403);
    const none = await officer.post('/api/v1/persons', { fullName: 'Tanpa Rumah', sex: 'F' }, PersonView);
    expect(none.status).toBe(400);
    expect(none.error?.fields?.household).toBeTruthy();
  });

  it('joins the family of an existing KK number, and 404s a household outside the scope', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const res = await officer.post('/api/v1/persons', { fullName: 'Bayi Baru', sex: 'M', birthDate: '2025-12-01', kk: h.kk, relationship: 'child' }, PersonView);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ householdId: h.id, familyId: h.familyId, kk: h.kk });
    const far = await aHousehold(t.deps.db, { village: SOREANG });
    const r2 = await officer.post('/api/v1/persons', { fullName: 'Anak Lain', sex: 'F', householdId: far.id }, PersonView);
    expect(r2.status).toBe(404);
  });
});

describe('changes (PATCH and applyRegistryChanges)', () => {
  it('applies an officer edit with the expected version, keeps old and new values, and refuses a stale version', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Nining Kurniasih', sex: 'F' });
    const officer = await t.as('puskesos.cinunuk');
    const ok = await officer.patch(`/api/v1/persons/${p.id}`, { changes: { fullName: 'Nining Kurniasih Rahayu', educationLevel: 'senior_secondary' }, expectedVersion: 1, reason: 'Koreksi nama sesuai KTP' }, RegistryChangeResult);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ version: 2, changed: ['fullName', 'educationLevel'] });
    const stale = await officer.patch(`/api/v1/persons/${p.id}`, { changes: { fullName: 'Nining K.' }, expectedVersion: 1, reason: 'x' }, RegistryChangeResult);
    expect(stale.status).toBe(409);
    expect(stale.error).toMatchObject({ code: 'conflict', currentVersion: 2 });
    const history = await officer.get(`/api/v1/persons/${p.id}/history`, RegistryHistoryPage);
    expect(history.body.items[0]).toMatchObject({ action: 'update', reason: 'Koreksi nama sesuai KTP', sourceType: 'officer' });
    expect(history.body.items[0]!.changes).toEqual({
      fullName: { old: 'Nining Kurniasih', new: 'Nining Kurniasih Rahayu' }, educationLevel: { old: null, new: 'senior_secondary' },
    });
    const same = await officer.patch(`/api/v1/persons/${p.id}`, { changes: { fullName: 'Nining Kurniasih Rahayu' }, expectedVersion: 2, reason: 'no-op' }, RegistryChangeResult);
    expect(same.body).toEqual({ version: 2, changed: [] });
  });

  it('answers 404 to an edit outside the scope, even with a malformed body, and 400 to bad values', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK });
    const soreang = await t.as('puskesos.soreang');
    expect((await soreang.patch(`/api/v1/persons/${p.id}`, {}, RegistryChangeResult)).status).toBe(404);
    const officer = await t.as('puskesos.cinunuk');
    const bad = await officer.patch(`/api/v1/persons/${p.id}`, { changes: { maritalStatus: 'complicated' }, expectedVersion: 1, reason: 'x' }, RegistryChangeResult);
    expect(bad.status).toBe(400);
    const inactive = await officer.patch(`/api/v1/persons/${p.id}`, { changes: { registryStatus: 'inactive' }, expectedVersion: 1, reason: 'meninggal' }, RegistryChangeResult);
    expect(inactive.status).toBe(400);
    expect(Object.keys(inactive.error?.fields ?? {})).toContain('inactiveReason');
    const male = await officer.patch(`/api/v1/persons/${p.id}`, { changes: { sex: 'M', pregnant: true }, expectedVersion: 1, reason: 'x' }, RegistryChangeResult);
    expect(male.status).toBe(400);
  });

  it('stops a stale proposal and applies a current one with its source', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Tatang Sutarman', sex: 'M' });
    const ctx = await contextAs(t.deps, 'kabupaten');
    const proposalId = '01900000-0000-7000-8000-00000000abcd';
    const applied = await t.deps.db.transaction((tx) => applyRegistryChanges(tx, ctx, {
      recordType: 'person', recordId: p.id, changes: { registryStatus: 'inactive', inactiveReason: 'deceased' },
      expectedVersion: 1, reason: 'Usulan nonaktif: meninggal', source: { type: 'proposal', id: proposalId },
    }));
    expect(applied).toEqual({ version: 2, changed: ['registryStatus', 'inactiveReason'] });
    await expect(t.deps.db.transaction((tx) => applyRegistryChanges(tx, ctx, {
      recordType: 'person', recordId: p.id, changes: { fullName: 'Tatang S' }, expectedVersion: 1, reason: 'lama', source: { type: 'proposal', id: proposalId },
    }))).rejects.toMatchObject({ code: 'conflict', msg: { key: 'registry.stale_version' } });
    const { rows } = await t.deps.db.query<{ source_type: string; source_id: string; changes: Record<string, unknown> }>(
      'SELECT source_type, source_id, changes FROM registry_history WHERE record_id = $1', [p.id],
    );
    expect(rows).toEqual([{ source_type: 'proposal', source_id: proposalId, changes: { registryStatus: { old: 'registered', new: 'inactive' }, inactiveReason: { old: null, new: 'deceased' } } }]);
    const person = await (await t.as('kabupaten')).get(`/api/v1/persons/${p.id}`, PersonView);
    expect(person.body).toMatchObject({ registryStatus: 'inactive', inactiveReason: 'deceased', version: 2 });
  });

  it('changes a family KK number with its reason: history kept, members follow', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const a = await aPerson(t.deps.db, { household: h, sex: 'M' });
    const officer = await t.as('puskesos.cinunuk');
    const newKk = `320405${'150624'}7777`;
    const res = await officer.patch(`/api/v1/families/${h.familyId}`, { changes: { kk: newKk, kkReason: 'head_deceased' }, expectedVersion: 1, reason: 'KK baru setelah kepala keluarga meninggal' }, RegistryChangeResult);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const household = await officer.get(`/api/v1/households/${h.id}`, HouseholdView);
    const family = household.body.families[0]!;
    expect(family.kk).toBe(newKk);
    expect(family.kkHistory.map((k: { kk: string; validTo: string | null }) => [k.kk, k.validTo === null])).toEqual([[h.kk, false], [newKk, true]]);
    expect((await officer.get(`/api/v1/persons/${a.id}`, PersonView)).body.kk).toBe(newKk);
    const hist = await officer.get(`/api/v1/households/${h.id}/history`, RegistryHistoryPage);
    expect(hist.body.items[0]!.changes).toMatchObject({ kk: { old: h.kk, new: newKk }, kkReason: { new: 'head_deceased' } });
  });

  it('moves a person onto a new KK (pecah KK) inside the same household', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const child = await aPerson(t.deps.db, { household: h, sex: 'M', relationship: 'child', birthDate: '1998-01-01' });
    const officer = await t.as('puskesos.cinunuk');
    const kk = '3204051201240123';
    const res = await officer.patch(`/api/v1/persons/${child.id}`, { changes: { kk, relationship: 'head' }, expectedVersion: 1, reason: 'Pecah KK' }, RegistryChangeResult);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const household = await officer.get(`/api/v1/households/${h.id}`, HouseholdView);
    expect(household.body.families.map((f) => f.kk)).toEqual([h.kk, kk]);
    expect(household.body.families[1]!.members.map((m: { id: string }) => m.id)).toEqual([child.id]);
  });
});

describe('GET /api/v1/households/:id', () => {
  it('shows the national desil with its date and source, and no local estimate', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, desil: 3, desilDate: '2025-07-01', indicators: { floor: 'earth', wall: 'bamboo', roof: 'zinc', water: 'unprotected_well', lighting: 'pln_unmetered', cookingFuel: 'firewood' } });
    await aPerson(t.deps.db, { household: h });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${h.id}`, HouseholdView);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ desil: 3, desilDate: '2025-07-01', desilSource: 'DTSEN', localEstimate: null, villageName: 'Cinunuk' });
    expect(res.body.families[0]!.members[0]!.nik).toMatch(/\*{8}/);
  });

  it('shows a labelled local estimate with its contributions when there is no national desil', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, indicators: { floor: 'earth', wall: 'bamboo', roof: 'zinc', water: 'unprotected_well', lighting: 'pln_unmetered', cookingFuel: 'firewood', assets: [] } });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${h.id}`, HouseholdView);
    expect(res.body.desil).toBeNull();
    expect(res.body.localEstimate).toMatchObject({ label: 'local_estimate', modelId: 'slrt-local-estimate', modelVersion: 1 });
    expect(res.body.localEstimate!.estimate).toBeLessThanOrEqual(3);
    expect(res.body.localEstimate!.contributions[0]).toMatchObject({ indicator: 'floor', value: 'earth' });
  });

  it('answers 404 out of scope and audits the household with its members', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const p = await aPerson(t.deps.db, { household: h });
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/households/${h.id}`, HouseholdView)).status).toBe(404);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/households/${h.id}/history`, RegistryHistoryPage)).status).toBe(404);
    await (await t.as('koordinator.cinunuk')).get(`/api/v1/households/${h.id}`, HouseholdView);
    expect((await auditEvents('household.read')).at(-1)?.record_ids).toEqual([h.id, p.id]);
  });

  it('edits indicators, refuses an officer setting the desil, and moves members with the village', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const p = await aPerson(t.deps.db, { household: h });
    const sup = await t.as('supervisor.cileunyi');
    const desil = await sup.patch(`/api/v1/households/${h.id}`, { changes: { desil: 1, desilSource: 'x', desilDate: '2025-01-01' }, expectedVersion: 1, reason: 'x' }, RegistryChangeResult);
    expect(desil.status).toBe(400);
    expect(Object.keys(desil.error?.fields ?? {})).toContain('desil');
    const moved = await sup.patch(`/api/v1/households/${h.id}`, { changes: { villageCode: CILEUNYI_WETAN, indicators: { floor: 'ceramic' } }, expectedVersion: 1, reason: 'Salah input desa' }, RegistryChangeResult);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await sup.get(`/api/v1/persons/${p.id}`, PersonView)).body.villageCode).toBe(CILEUNYI_WETAN);
    expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/persons/${p.id}`, PersonView)).status).toBe(404);
  });
});
