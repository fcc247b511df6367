import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson } from '../registry/testing.ts';
import { aCase } from './testing.ts';

/** Issue 12, item 13: a resident registered in another village of the kabupaten is not a dead end. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SOREANG = '32.04.37.2001';
const CINUNUK = '32.04.05.2004';
const intake = (nik: string) => ({
  nik, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Warga Soreang kini tinggal di Cinunuk.',
  needs: [{ sector: 'health', urgency: 'high', request: 'Berobat ke puskesmas' }],
});

describe('a resident of another village found by NIK', () => {
  it('answers a second registration with 409 naming the village and what to do, not a bare "NIK exists"', async () => {
    const resident = await aPerson(t.deps.db, { village: SOREANG, fullName: 'Euis Komariah' });
    const officer = await t.as('puskesos.cinunuk');
    const res = await officer.post('/api/v1/persons', {
      nik: resident.nik, fullName: 'Euis Komariah', sex: resident.sex, birthDate: resident.birthDate, birthPlace: 'Bandung',
      household: { villageCode: CINUNUK, address: 'Kp. Babakan', rt: '003', rw: '005' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/Soreang/);
    expect(res.body.error.message).toMatch(/search this NIK/i);
    expect(res.body.error.elsewhere).toEqual({ villageCode: SOREANG, villageName: expect.stringMatching(/soreang/i), actions: ['start_case_here', 'start_case_at_resident_village', 'request_transfer', 'propose_move'] });
    expect(JSON.stringify(res.body)).not.toContain(resident.id);
    // the refusal told where the resident lives: audited like a read
    const told = await t.deps.db.query<{ record_ids: string[]; details: { villageCode?: string } }>(
      `SELECT record_ids, details FROM audit_events WHERE action = 'person.nik_elsewhere' AND actor_name = 'puskesos.cinunuk' ORDER BY seq DESC LIMIT 1`);
    expect(told.rows[0]).toMatchObject({ record_ids: [resident.id], details: { villageCode: SOREANG } });
    const indonesian = await officer.request('POST', '/api/v1/persons', {
      nik: resident.nik, fullName: 'Euis Komariah', sex: resident.sex, birthDate: resident.birthDate, household: { villageCode: CINUNUK },
    }, { 'accept-language': 'id' });
    expect(indonesian.body.error.message).toMatch(/sudah terdaftar sebagai warga .*Soreang.*cari NIK/i);
    // the kabupaten, who covers Soreang, is told who it is
    const manager = await t.as('kabupaten');
    const seen = await manager.post('/api/v1/persons', { nik: resident.nik, fullName: 'x', sex: resident.sex, birthDate: resident.birthDate, household: { villageCode: CINUNUK } });
    expect(seen.body.error).toMatchObject({ personId: resident.id });
  });

  it('starts the case here anyway: held by this Puskesos, the resident\'s village kept on the timeline', async () => {
    const resident = await aPerson(t.deps.db, { village: SOREANG });
    const officer = await t.as('puskesos.cinunuk');
    const search = await officer.get(`/api/v1/persons?nik=${resident.nik}`);
    expect(search.body).toMatchObject({ items: [], elsewhere: { villageCode: SOREANG } });
    const { rows } = await t.deps.db.query<{ details: { elsewhere?: string } }>(
      `SELECT details FROM audit_events WHERE action = 'person.search' AND actor_name = 'puskesos.cinunuk' ORDER BY seq DESC LIMIT 1`);
    expect(rows[0]!.details.elsewhere).toBe(SOREANG);

    const here = await officer.post('/api/v1/cases/here-for-resident', intake(resident.nik!));
    expect(here.status).toBe(201);
    expect(here.body).toMatchObject({ villageCode: CINUNUK, holder: { level: 'village', areaName: 'Cinunuk' }, person: { id: resident.id } });
    expect(here.body.timeline[0].details).toMatchObject({ residentVillageCode: SOREANG, residentVillageName: expect.stringMatching(/soreang/i) });
    expect((await officer.get(`/api/v1/cases/${here.body.id}`)).status).toBe(200);
    expect((await officer.post(`/api/v1/cases/${here.body.id}/check-registry`, {})).status).toBe(200);
    // Soreang does not hold it
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/cases/${here.body.id}`)).status).toBe(404);
    const audit = await t.deps.db.query<{ record_ids: string[] }>(`SELECT record_ids FROM audit_events WHERE action = 'case.create' AND $1 = ANY(record_ids)`, [here.body.id]);
    expect(audit.rows[0]!.record_ids).toContain(resident.id);

    // a supervisor covers many villages: which Puskesos would hold it is not theirs to guess
    const many = await (await t.as('supervisor.cileunyi')).post('/api/v1/cases/here-for-resident', intake(resident.nik!));
    expect(many.status).toBe(400);
    expect(many.body.error.fields).toHaveProperty('nik');
    const nobody = await officer.post('/api/v1/cases/here-for-resident', intake('3204054101900099'));
    expect(nobody.body.error.fields).toHaveProperty('nik');
    expect((await (await t.as('eksekutif')).post('/api/v1/cases/here-for-resident', intake(resident.nik!))).status).toBe(403);
  });

  it('asks the village holding the resident\'s open case to transfer it here; that village is told and transfers it', async () => {
    const resident = await aPerson(t.deps.db, { village: SOREANG });
    const soreangCase = await aCase(t.deps, { person: resident, as: 'puskesos.soreang' });
    const officer = await t.as('puskesos.cinunuk');
    const soreang = await t.as('puskesos.soreang');

    const asked = await officer.post('/api/v1/cases/transfer-requests', { nik: resident.nik, reason: 'Warga pindah domisili ke Cinunuk.' });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ villageName: expect.stringMatching(/soreang/i), requested: 1 });
    const note = (await soreang.get('/api/v1/notifications')).body.items.find((n: { recordId: string }) => n.recordId === soreangCase.id);
    expect(note).toMatchObject({ kind: 'case.transfer_requested', message: expect.stringContaining('Cinunuk') });
    expect(note.message).not.toContain(resident.fullName);
    const there = (await soreang.get(`/api/v1/cases/${soreangCase.id}`)).body;
    expect(there.timeline.at(-1)).toMatchObject({ action: 'transfer_requested', details: { toVillageCode: CINUNUK, toVillageName: 'Cinunuk', reason: 'Warga pindah domisili ke Cinunuk.' } });
    const audit = await t.deps.db.query(`SELECT 1 FROM audit_events WHERE action = 'case.transfer_request' AND $1 = ANY(record_ids)`, [soreangCase.id]);
    expect(audit.rows).toHaveLength(1);

    const moved = await soreang.post(`/api/v1/cases/${soreangCase.id}/transfer`, { villageCode: CINUNUK, reason: 'Atas permintaan Puskesos Cinunuk.' });
    expect(moved.status).toBe(200);
    expect((await officer.get(`/api/v1/cases/${soreangCase.id}`)).status).toBe(200);
    // nothing open elsewhere any more
    const again = await officer.post('/api/v1/cases/transfer-requests', { nik: resident.nik, reason: 'Sekali lagi.' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/no open case in another village/);
    const bad = await officer.post('/api/v1/cases/transfer-requests', { nik: resident.nik });
    expect(bad.body.error.fields).toHaveProperty('reason');
  });
});
