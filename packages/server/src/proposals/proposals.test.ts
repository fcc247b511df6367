import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CILEUNYI_WETAN, CINUNUK, SOREANG } from '../registry/testing.ts';
import { aProposal } from './testing.ts';
import { aCase } from '../cases/testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const auditActions = async (recordId: string) =>
  (await t.deps.db.query<{ action: string }>('SELECT action FROM audit_events WHERE $1 = ANY(record_ids) ORDER BY seq', [recordId])).rows.map((r) => r.action);

describe('POST /api/v1/proposals', () => {
  it('enters a household change: 201 with id and status, in the village round, assigned to its facilitator', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, indicators: { floor: 'ceramic' } });
    await aPerson(t.deps.db, { household: h, fullName: 'Euis' });
    const c = await t.as('puskesos.cinunuk');
    const res = await c.post('/api/v1/proposals', { type: 'change', householdId: h.id, channel: 'walk_in', reason: 'Lantai kini tanah', changes: { floor: 'earth', rt: '004' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'awaiting_verification', code: expect.stringMatching(/^USL-\d{4}-\d{6}$/) });

    const detail = await c.get(`/api/v1/proposals/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      type: 'change', targetKind: 'household', status: 'awaiting_verification', villageCode: CINUNUK, villageName: 'Cinunuk',
      kecamatanName: 'Cileunyi', householdId: h.id, subjectName: 'Euis', changedFields: ['rt', 'floor'],
      changes: { floor: 'earth', rt: '004' }, current: { floor: 'ceramic', rt: '001' }, currentVersions: { [h.id]: 1 },
      assignedToName: 'Fasilitator Desa Cinunuk', createdByName: 'Petugas Puskesos Cinunuk', origin: 'household_profile',
      allowedActions: ['cancel'], roundPeriod: expect.stringMatching(/^\d{4}-\d{2}$/), overdue: false,
    });
    expect(detail.body.steps).toEqual([expect.objectContaining({ action: 'create', fromStatus: null, toStatus: 'awaiting_verification', actorName: 'Petugas Puskesos Cinunuk' })]);
    expect(await auditActions(res.body.id)).toEqual(['proposal.create', 'proposal.read']);
  });

  it('enters a new household with its members, and a new member of a household', async () => {
    const c = await t.as('puskesos.cinunuk');
    const res = await c.post('/api/v1/proposals', {
      type: 'new', channel: 'village_deliberation', reason: 'Keluarga baru pindah, belum terdata',
      changes: { villageCode: CINUNUK, address: 'Kp. Babakan', rt: '3', rw: '2', floor: 'earth', members: [{ fullName: 'Asep Sunandar', sex: 'M', relationship: 'head' }, { fullName: 'Nining', sex: 'F', relationship: 'spouse' }] },
    });
    expect(res.status).toBe(201);
    const view = (await c.get(`/api/v1/proposals/${res.body.id}`)).body;
    expect(view).toMatchObject({ targetKind: 'new_household', subjectName: 'Asep Sunandar', current: null, householdId: null, origin: 'direct' });

    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const baby = await c.post('/api/v1/proposals', { type: 'new', householdId: h.id, channel: 'walk_in', reason: 'Kelahiran', changes: { fullName: 'Bayi Rahma', sex: 'F', birthDate: '2025-01-05', relationship: 'child' } });
    expect(baby.status).toBe(201);
  });

  it('saves a draft that enters the workflow on submit', async () => {
    const p = await aProposal(t.deps, { input: { draft: true } });
    const c = await t.as('puskesos.cinunuk');
    expect((await c.get(`/api/v1/proposals/${p.id}`)).body).toMatchObject({ status: 'draft', roundId: null, allowedActions: ['submit', 'cancel'] });
    const submitted = await c.post(`/api/v1/proposals/${p.id}/submit`, {});
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'awaiting_verification', stale: false });
    expect((await c.get(`/api/v1/proposals/${p.id}`)).body.roundId).toEqual(expect.any(String));
  });

  it('answers 400 naming the field of a bad proposal', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const c = await t.as('puskesos.cinunuk');
    const bad = await c.post('/api/v1/proposals', { type: 'change', householdId: h.id, channel: 'walk_in', reason: 'x y z', changes: { floor: 'gold' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['changes.floor']);
    const noTarget = await c.post('/api/v1/proposals', { type: 'deactivate', channel: 'walk_in', reason: 'meninggal', changes: { inactiveReason: 'deceased' } });
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.error.fields).toHaveProperty('householdId');
    const village = await c.post('/api/v1/proposals', { type: 'new', channel: 'walk_in', reason: 'baru', changes: { villageCode: SOREANG, members: [{ fullName: 'A', sex: 'M' }] } });
    expect(village.status).toBe(400);
    expect(village.body.error.fields).toHaveProperty(['changes.villageCode']);
    const badNik = await c.post('/api/v1/proposals', { type: 'new', householdId: h.id, channel: 'walk_in', reason: 'baru', changes: { fullName: 'A', sex: 'M', nik: '3204050000000000' } });
    expect(badNik.status).toBe(400);
    expect(badNik.body.error.fields).toHaveProperty(['changes.nik']);
  });

  it('refuses a NIK already in the registry and a second open proposal of the same kind (409)', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const existing = await aPerson(t.deps.db, { household: h });
    const c = await t.as('puskesos.cinunuk');
    const dup = await c.post('/api/v1/proposals', { type: 'new', householdId: h.id, channel: 'walk_in', reason: 'baru', changes: { fullName: 'Kembar', sex: 'F', birthDate: existing.birthDate, nik: existing.nik } });
    expect(dup.status).toBe(409);
    const first = await c.post('/api/v1/proposals', { type: 'deactivate', personId: existing.id, channel: 'walk_in', reason: 'meninggal', changes: { inactiveReason: 'deceased' } });
    expect(first.status).toBe(201);
    const second = await c.post('/api/v1/proposals', { type: 'deactivate', personId: existing.id, channel: 'walk_in', reason: 'meninggal', changes: { inactiveReason: 'deceased' } });
    expect(second.status).toBe(409);
    expect(second.body.error.proposalId).toBe(first.body.id);
  });

  it('checks caseId like every reference: unknown, outside the area or about someone else is 400 naming caseId', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const person = await aPerson(t.deps.db, { household: h, fullName: 'Iis Kasus' });
    const own = await aCase(t.deps, { person });
    const elsewhere = await aCase(t.deps, { person: await aPerson(t.deps.db, { village: SOREANG }), as: 'puskesos.soreang' });
    const other = await aCase(t.deps, { person: await aPerson(t.deps.db, { village: CINUNUK }) });
    const c = await t.as('puskesos.cinunuk');
    const body = (caseId: string) => ({ type: 'change', householdId: h.id, channel: 'walk_in', reason: 'Lantai kini tanah', caseId, changes: { floor: 'earth' } });
    for (const caseId of ['01900000-0000-7000-8000-000000000000', elsewhere.id, other.id]) {
      const res = await c.post('/api/v1/proposals', body(caseId));
      expect(res.status, caseId).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['caseId']);
    }
    expect((await t.deps.db.query('SELECT 1 FROM proposals WHERE household_id = $1', [h.id])).rows).toEqual([]);
    const ok = await c.post('/api/v1/proposals', body(own.id));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await c.get(`/api/v1/proposals/${ok.body.id}`)).body.caseId).toBe(own.id);
  });

  it('refuses a role without proposals.create (403) and a record outside the caller\'s area (404)', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const body = { type: 'change', householdId: h.id, channel: 'walk_in', reason: 'lantai', changes: { floor: 'earth' } };
    expect((await (await t.as('auditor')).post('/api/v1/proposals', body)).status).toBe(403);
    expect((await (await t.as('eksekutif')).post('/api/v1/proposals', body)).status).toBe(403);
    expect((await (await t.as('puskesos.soreang')).post('/api/v1/proposals', body)).status).toBe(404);
  });
});

describe('reading and listing', () => {
  it('hides a proposal from everyone outside its area (404) and shows it to the kecamatan and kabupaten', async () => {
    const p = await aProposal(t.deps);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/proposals/${p.id}`)).status).toBe(404);
    expect((await (await t.as('supervisor.cileunyi')).get(`/api/v1/proposals/${p.id}`)).status).toBe(200);
    expect((await (await t.as('kabupaten')).get(`/api/v1/proposals/${p.id}`)).status).toBe(200);
    expect((await (await t.as('eksekutif')).get(`/api/v1/proposals/${p.id}`)).status).toBe(403);
    const soreangList = await (await t.as('puskesos.soreang')).get('/api/v1/proposals');
    expect(soreangList.body.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });

  it('lists by queue, household, person, area and number, and pages with a cursor', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const person = await aPerson(t.deps.db, { household: h, fullName: 'Dadan Ramdani', sex: 'M' });
    const a = await aProposal(t.deps, { household: h, person });
    const b = await aProposal(t.deps, { household: h, person, input: { type: 'change', personId: person.id, householdId: undefined, changes: { maritalStatus: 'married' } } });
    const other = await aProposal(t.deps, { village: CILEUNYI_WETAN, as: 'supervisor.cileunyi' });
    const c = await t.as('puskesos.cinunuk');

    const byHousehold = await c.get(`/api/v1/proposals?householdId=${h.id}`);
    expect(byHousehold.body.items.map((i: { id: string }) => i.id).sort()).toEqual([a.id, b.id].sort());
    const byPerson = await c.get(`/api/v1/proposals?personId=${person.id}`);
    expect(byPerson.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    expect((await c.get(`/api/v1/proposals?q=${a.code}`)).body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect((await c.get('/api/v1/proposals?q=Dadan')).body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);

    const sup = await t.as('supervisor.cileunyi');
    const wetan = await sup.get(`/api/v1/proposals?area=${CILEUNYI_WETAN}`);
    expect(wetan.body.items.map((i: { id: string }) => i.id)).toEqual([other.id]);
    expect((await c.get(`/api/v1/proposals?area=${CILEUNYI_WETAN}`)).body.items).toEqual([]);

    const fas = await t.as('fasilitator.cinunuk');
    const toVerify = await fas.get('/api/v1/proposals?queue=to_verify&limit=1');
    expect(toVerify.body.items).toHaveLength(1);
    expect(toVerify.body.nextCursor).toEqual(expect.any(String));
    const next = await fas.get(`/api/v1/proposals?queue=to_verify&limit=1&cursor=${toVerify.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(toVerify.body.items[0].id);
    // oldest first in a worklist
    expect(toVerify.body.items[0].createdAt <= next.body.items[0].createdAt).toBe(true);
    // a facilitator's queue never holds another village's proposals, the supervisor's holds the kecamatan's
    expect((await fas.get('/api/v1/proposals?queue=to_verify&limit=200')).body.items.every((i: { villageCode: string }) => i.villageCode === CINUNUK)).toBe(true);
    expect((await c.get('/api/v1/proposals?queue=to_ratify')).body.items).toEqual([]);
    expect((await c.get('/api/v1/proposals?queue=nonsense')).status).toBe(400);
  });

  it('counts the worklists and the progress per village and kecamatan', async () => {
    await aProposal(t.deps);
    const fas = await t.as('fasilitator.cinunuk');
    const counts = await fas.get('/api/v1/proposals/worklist');
    expect(counts.status).toBe(200);
    expect(counts.body.toVerify).toBeGreaterThan(0);
    expect(counts.body.toRatify).toBe(0);
    const kab = await t.as('kabupaten');
    expect((await kab.get('/api/v1/proposals/worklist')).body.toVerify).toBe(0);

    const villages = await (await t.as('supervisor.cileunyi')).get('/api/v1/proposals/progress?level=village');
    expect(villages.status).toBe(200);
    const cinunuk = villages.body.items.find((r: { areaCode: string }) => r.areaCode === CINUNUK);
    expect(cinunuk).toMatchObject({ areaName: 'Cinunuk', counts: { awaiting_verification: expect.any(Number) } });
    expect(cinunuk.total).toBeGreaterThan(0);
    const kecamatan = await kab.get('/api/v1/proposals/progress?level=kecamatan');
    expect(kecamatan.body.items.map((r: { areaCode: string }) => r.areaCode)).toContain('32.04.05');
    const soreang = await (await t.as('puskesos.soreang')).get('/api/v1/proposals/progress');
    expect(soreang.body.items.map((r: { areaCode: string }) => r.areaCode)).not.toContain(CINUNUK);
  });
});
