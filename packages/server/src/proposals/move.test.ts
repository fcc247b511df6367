import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, DAYEUHKOLOT, SOREANG } from '../registry/testing.ts';
import { sendRoundOf, verifyAsProposed } from './testing.ts';

/**
 * Issue 12, item 13: a resident registered in another village is proposed to move (pindah) to the
 * village they now live in; verified at the new home, approved by the kabupaten, applied in one
 * transaction.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const move = (nik: string, extra: Record<string, unknown> = {}) => ({
  type: 'move', nik, channel: 'walk_in', reason: 'Sudah setahun tinggal di Cinunuk bersama anaknya.',
  changes: { villageCode: CINUNUK, address: 'Kp. Babakan Sari', rt: '003', rw: '005' }, ...extra,
});

/** Through the round, the kecamatan and the kabupaten; the answer of the ratification. */
async function approve(id: string) {
  await sendRoundOf(t.deps, id);
  expect((await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposals/${id}/review`, {})).status).toBe(200);
  const kabupaten = await t.as('kabupaten');
  expect((await kabupaten.post(`/api/v1/proposals/${id}/verify-kabupaten`, {})).status).toBe(200);
  return kabupaten.post(`/api/v1/proposals/${id}/ratify`, {});
}

describe('a move (pindah) proposed from the village the resident now lives in', () => {
  it('is created by NIK, verified by the new village\'s facilitator, approved, and the registry shows the new village', async () => {
    const home = await aHousehold(t.deps.db, { village: SOREANG });
    const resident = await aPerson(t.deps.db, { household: home, fullName: 'Euis Komariah', sex: 'F' });
    const husband = await aPerson(t.deps.db, { household: home, fullName: 'Ujang', sex: 'M' });
    const officer = await t.as('puskesos.cinunuk');

    const created = await officer.post('/api/v1/proposals', move(resident.nik!));
    expect(created.status).toBe(201);
    const detail = await officer.get(`/api/v1/proposals/${created.body.id}`);
    expect(detail.body).toMatchObject({
      type: 'move', targetKind: 'person', villageCode: CINUNUK, personId: resident.id, subjectName: 'Euis Komariah',
      assignedToName: 'Fasilitator Desa Cinunuk', current: { villageCode: SOREANG },
    });
    // Soreang does not hold it; Cinunuk's verifies it at the new home
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/proposals/${created.body.id}`)).status).toBe(404);
    expect((await verifyAsProposed(t.deps, created.body.id)).status).toBe('verified');

    const ratified = await approve(created.body.id);
    expect(ratified.status).toBe(200);
    expect(ratified.body.status).toBe('approved');

    const person = (await (await t.as('kabupaten')).get(`/api/v1/persons/${resident.id}`)).body;
    expect(person).toMatchObject({ villageCode: CINUNUK, villageName: 'Cinunuk' });
    expect(person.householdId).not.toBe(home.id);
    const newHome = (await officer.get(`/api/v1/households/${person.householdId}`)).body;
    expect(newHome).toMatchObject({ villageCode: CINUNUK, address: 'Kp. Babakan Sari', rt: '003', rw: '005' });
    // the husband stays in Soreang
    expect((await (await t.as('kabupaten')).get(`/api/v1/persons/${husband.id}`)).body).toMatchObject({ villageCode: SOREANG, householdId: home.id });

    // history with the proposal as its source, and the audit trail
    const history = (await officer.get(`/api/v1/persons/${resident.id}/history`)).body.items;
    expect(history[0]).toMatchObject({ sourceType: 'proposal', sourceId: created.body.id, changes: { villageCode: { old: SOREANG, new: CINUNUK } } });
    const { rows } = await t.deps.db.query<{ action: string }>('SELECT action FROM audit_events WHERE $1 = ANY(record_ids) ORDER BY seq', [resident.id]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['proposal.create', 'proposal.ratify', 'person.update', 'household.create']));

    // Soreang's officer now sees a resident of Cinunuk: the record is out of reach, the NIK search says where
    const soreang = await t.as('puskesos.soreang');
    expect((await soreang.get(`/api/v1/persons/${resident.id}`)).status).toBe(404);
    expect((await soreang.get(`/api/v1/persons?nik=${resident.nik}`)).body).toMatchObject({ items: [], elsewhere: { villageCode: CINUNUK, villageName: 'Cinunuk' } });
    expect((await officer.get(`/api/v1/persons?nik=${resident.nik}`)).body.items).toEqual([expect.objectContaining({ id: resident.id })]);
  });

  it('moves the whole household with every member when asked', async () => {
    const home = await aHousehold(t.deps.db, { village: SOREANG });
    const head = await aPerson(t.deps.db, { household: home, fullName: 'Dadang', sex: 'M' });
    const wife = await aPerson(t.deps.db, { household: home, fullName: 'Imas', sex: 'F' });
    const created = await (await t.as('puskesos.cinunuk')).post('/api/v1/proposals', move(wife.nik!, { wholeHousehold: true }));
    expect(created.status).toBe(201);
    await verifyAsProposed(t.deps, created.body.id);
    expect((await approve(created.body.id)).body.status).toBe('approved');
    const officer = await t.as('puskesos.cinunuk');
    expect((await officer.get(`/api/v1/households/${home.id}`)).body).toMatchObject({ villageCode: CINUNUK, address: 'Kp. Babakan Sari' });
    for (const p of [head, wife]) expect((await officer.get(`/api/v1/persons/${p.id}`)).body).toMatchObject({ villageCode: CINUNUK, householdId: home.id });
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/households/${home.id}`)).status).toBe(404);
  });

  it('is refused outside the caller\'s area, to the village the resident is already in, for an unknown NIK, and by NIK for other types', async () => {
    const resident = await aPerson(t.deps.db, { village: SOREANG });
    const officer = await t.as('puskesos.cinunuk');
    const outside = await officer.post('/api/v1/proposals', { ...move(resident.nik!), changes: { villageCode: DAYEUHKOLOT, address: 'Jl. Raya' } });
    expect(outside.status).toBe(400);
    expect(outside.body.error.fields).toHaveProperty(['changes.villageCode']);
    const soreang = await t.as('puskesos.soreang');
    const same = await soreang.post('/api/v1/proposals', { ...move(resident.nik!), changes: { villageCode: SOREANG, address: 'Jl. Raya' } });
    expect(same.status).toBe(409);
    const unknown = await officer.post('/api/v1/proposals', move('3204054101900999'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('nik');
    const notMove = await officer.post('/api/v1/proposals', { ...move(resident.nik!), type: 'change' });
    expect(notMove.status).toBe(400);
    expect(notMove.body.error.fields).toHaveProperty('nik');
    // a second move of the same resident while the first is under way
    expect((await officer.post('/api/v1/proposals', move(resident.nik!))).status).toBe(201);
    expect((await officer.post('/api/v1/proposals', move(resident.nik!))).status).toBe(409);
  });
});
