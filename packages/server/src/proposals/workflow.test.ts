import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProposalCreated, ProposalDetail, ProposalSettingsView, ProposalSummary } from '@slrt/core';
import { listOf } from '../http/schemas.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, contextAs } from '../registry/testing.ts';
import { editRecord } from '../registry/service.ts';
import { aKabVerifiedProposal, HOUSE_AS_SEEN, aProposal, aVerifiedProposal, sendRoundOf, verifyAsProposed } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const history = async (recordId: string) =>
  (await t.deps.db.query<{ source_type: string; source_id: string | null; changes: Record<string, { old: unknown; new: unknown }> }>(
    'SELECT source_type, source_id, changes FROM registry_history WHERE record_id = $1 ORDER BY at, id', [recordId])).rows;

describe('a proposal from the village to the registry', () => {
  it('walks verification, the round, the kecamatan, the kabupaten verifier and the head of office, and changes the registry with lineage', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK, indicators: { floor: 'ceramic', wall: 'masonry' } });
    await aPerson(t.deps.db, { household: h, fullName: 'Euis Kurniasih' });
    const officer = await t.as('puskesos.cinunuk');
    const created = await officer.post('/api/v1/proposals', { type: 'change', householdId: h.id, channel: 'walk_in', reason: 'Rumah rusak', changes: { floor: 'earth', wall: 'bamboo' } }, ProposalCreated);
    const id = created.body.id as string;

    // the facilitator corrects the wall: woven bamboo, not bamboo
    const fas = await t.as('fasilitator.cinunuk');
    const visit = await fas.post(`/api/v1/proposals/${id}/verify`, {
      verdict: 'valid', visitDate: today(), metName: 'Ibu Euis', metRole: 'head',
      items: [{ field: 'floor', confirmed: true }, { field: 'wall', confirmed: false, correctedValue: 'woven_bamboo' }],
      gps: { lat: -6.9339, lon: 107.7236, accuracyM: 15 },
    });
    expect(visit.status).toBe(200);
    expect(visit.body).toMatchObject({ status: 'verified', stale: false });

    // the supervisor cannot review before the village sends its round
    const sup = await t.as('supervisor.cileunyi');
    const early = await sup.post(`/api/v1/proposals/${id}/review`, {});
    expect(early.status).toBe(409);
    await sendRoundOf(t.deps, id);
    expect((await sup.post(`/api/v1/proposals/${id}/review`, {})).body.status).toBe('reviewed');

    const kab = await t.as('kabupaten');
    expect((await kab.post(`/api/v1/proposals/${id}/verify-kabupaten`, {})).body).toMatchObject({ status: 'kab_verified', allowedActions: ['ratify', 'return', 'reject'] });
    const ratified = await kab.post(`/api/v1/proposals/${id}/ratify`, {});
    expect(ratified.status).toBe(200);
    expect(ratified.body).toMatchObject({ status: 'approved', stale: false, allowedActions: [] });

    // the registry holds the corrected values, with old and new, from this proposal
    const household = (await t.deps.db.query<{ indicators: Record<string, unknown>; version: number }>('SELECT indicators, version FROM households WHERE id = $1', [h.id])).rows[0]!;
    expect(household.indicators).toEqual({ floor: 'earth', wall: 'woven_bamboo' });
    expect(household.version).toBe(2);
    const rows = await history(h.id);
    expect(rows).toEqual([{ source_type: 'proposal', source_id: id, changes: { indicators: { old: { floor: 'ceramic', wall: 'masonry' }, new: { floor: 'earth', wall: 'woven_bamboo' } } } }]);

    // the lineage on the proposal: steps, the visit, and the registry change
    const view = (await kab.get(`/api/v1/proposals/${id}`, ProposalDetail)).body;
    expect(view.steps.map((s: { action: string }) => s.action)).toEqual(['create', 'verify', 'review', 'verify-kabupaten', 'ratify']);
    expect(view.verifications[0]).toMatchObject({ verifierName: 'Fasilitator Desa Cinunuk', metName: 'Ibu Euis', verdict: 'valid', gps: { lat: -6.9339, lon: 107.7236, accuracyM: 15 }, currentValues: { floor: 'ceramic', wall: 'masonry' } });
    expect(view.confirmedChanges).toEqual({ floor: 'earth', wall: 'woven_bamboo' });
    expect(view.registryChanges).toEqual([expect.objectContaining({ recordType: 'household', recordId: h.id, action: 'update' })]);
    expect(view.applied).toEqual([{ recordType: 'household', recordId: h.id, action: 'update', version: 2 }]);
    expect(view.verifiedVersions).toEqual({ [h.id]: 1 });

    // every step is in the audit trail
    const audit = (await t.deps.db.query<{ action: string }>(`SELECT action FROM audit_events WHERE $1 = ANY(record_ids) AND action NOT LIKE '%.read' ORDER BY seq`, [id])).rows.map((r) => r.action);
    expect(audit).toEqual(['proposal.create', 'proposal.verify', 'proposal_round.submit', 'proposal.review', 'proposal.verify-kabupaten', 'proposal.ratify']);
    const registryAudit = (await t.deps.db.query<{ details: { source: { type: string; id: string } } }>(`SELECT details FROM audit_events WHERE action = 'household.update' AND $1 = ANY(record_ids)`, [h.id])).rows;
    expect(registryAudit[0]!.details.source).toEqual({ type: 'proposal', id });
  });

  it('stops a stale proposal: a record changed after the visit sends it back for review and is not overwritten', async () => {
    const p = await aKabVerifiedProposal(t.deps);
    // an officer changes the same household directly after the facilitator saw version 1
    const officer = await contextAs(t.deps, 'puskesos.cinunuk');
    await editRecord(t.deps, officer, { recordType: 'household', recordId: p.household.id, expectedVersion: 1, reason: 'Koreksi', changes: { indicators: { floor: 'cement_red_brick', wall: 'masonry' } } });

    const kab = await t.as('kabupaten');
    const res = await kab.post(`/api/v1/proposals/${p.id}/ratify`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'needs_review', stale: true });

    const household = (await t.deps.db.query<{ indicators: Record<string, unknown> }>('SELECT indicators FROM households WHERE id = $1', [p.household.id])).rows[0]!;
    expect(household.indicators).toEqual({ floor: 'cement_red_brick', wall: 'masonry' });
    expect((await history(p.household.id)).map((r) => r.source_type)).toEqual(['officer']);

    const view = (await kab.get(`/api/v1/proposals/${p.id}`, ProposalDetail)).body;
    expect(view.status).toBe('needs_review');
    expect(view.staleReason).toMatch(/changed after the verification/);
    expect(view.steps.at(-1)).toMatchObject({ action: 'stale', fromStatus: 'kab_verified', toStatus: 'needs_review', details: { attempted: 'ratify', moved: [{ recordId: p.household.id, seen: 1, now: 2 }] } });
    expect(view.current!.floor).toBe('cement_red_brick');

    // back in the facilitator's queue; a new visit against the new values lets it go on
    const fas = await t.as('fasilitator.cinunuk');
    expect((await fas.get('/api/v1/proposals?queue=to_verify&limit=200', listOf(ProposalSummary))).body.items.map((i: { id: string }) => i.id)).toContain(p.id);
    expect((await verifyAsProposed(t.deps, p.id)).status).toBe('verified');
    expect((await t.deps.db.query('SELECT verified_versions FROM proposals WHERE id = $1', [p.id])).rows[0]).toEqual({ verified_versions: { [p.household.id]: 2 } });
  });

  it('stops a stale proposal at every step after the visit, not only at ratification', async () => {
    const p = await aVerifiedProposal(t.deps);
    await sendRoundOf(t.deps, p.id);
    await editRecord(t.deps, await contextAs(t.deps, 'puskesos.cinunuk'), { recordType: 'household', recordId: p.household.id, expectedVersion: 1, reason: 'RT pindah', changes: { rt: '009' } });
    const res = await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposals/${p.id}/review`, {});
    expect(res.body).toMatchObject({ status: 'needs_review', stale: true });
  });

  it('sends a proposal back when the registry refuses it at approval (a NIK taken since the visit)', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const newborn = { fullName: 'Bayi Salsa', sex: 'F', birthDate: '2024-11-02', relationship: 'child' };
    const p = await aKabVerifiedProposal(t.deps, { household: h, input: { type: 'new', householdId: h.id, changes: { ...newborn, nik: '3204054211240009' } } });
    // the same NIK arrives through another channel before ratification
    await aPerson(t.deps.db, { household: h, nik: '3204054211240009', fullName: 'Salsa', sex: 'F', birthDate: '2024-11-02' });
    const res = await (await t.as('kabupaten')).post(`/api/v1/proposals/${p.id}/ratify`, {});
    expect(res.body).toMatchObject({ status: 'needs_review', stale: true });
    const view = (await (await t.as('kabupaten')).get(`/api/v1/proposals/${p.id}`, ProposalDetail)).body;
    expect(view.staleReason).toMatch(/already in the kabupaten/);
    expect(view.registryChanges).toEqual([]);
    expect((await t.deps.db.query(`SELECT count(*)::int AS n FROM persons WHERE nik = '3204054211240009'`)).rows[0]).toEqual({ n: 1 });
  });
});

describe('what approval does for each kind of proposal', () => {
  const ratify = async (id: string) => (await t.as('kabupaten')).post(`/api/v1/proposals/${id}/ratify`, {});

  it('creates a new household with its members as proposed, with the proposal as source', async () => {
    const p = await aKabVerifiedProposal(t.deps, {
      input: {
        type: 'new', householdId: undefined, channel: 'village_deliberation',
        changes: { villageCode: CINUNUK, address: 'Kp. Sukamaju', rt: '2', rw: '5', floor: 'earth', kk: '3204052103150042', members: [{ fullName: 'Ujang', sex: 'M', relationship: 'head' }, { fullName: 'Imas', sex: 'F', relationship: 'spouse' }] },
      },
    });
    expect((await ratify(p.id)).body.status).toBe('approved');
    const view = (await (await t.as('kabupaten')).get(`/api/v1/proposals/${p.id}`, ProposalDetail)).body;
    expect(view.householdId).toEqual(expect.any(String));
    const persons = (await t.deps.db.query<{ full_name: string; registry_status: string; kk: string; family_id: string }>('SELECT full_name, registry_status, kk, family_id FROM persons WHERE household_id = $1 ORDER BY full_name', [view.householdId])).rows;
    expect(persons.map((x) => [x.full_name, x.registry_status, x.kk])).toEqual([['Imas', 'proposed', '3204052103150042'], ['Ujang', 'proposed', '3204052103150042']]);
    expect(persons[0]!.family_id).toBe(persons[1]!.family_id);
    const h = (await t.deps.db.query<{ indicators: unknown; address: string }>('SELECT indicators, address FROM households WHERE id = $1', [view.householdId])).rows[0];
    // the visit filled in the housing indicators not entered (issue 12, item 11); the floor as proposed
    expect(h).toEqual({ indicators: { ...HOUSE_AS_SEEN, floor: 'earth' }, address: 'Kp. Sukamaju' });
    expect(view.registryChanges.map((c: { recordType: string; action: string }) => `${c.recordType}.${c.action}`).sort()).toEqual(['family.create', 'household.create', 'person.create', 'person.create']);
  });

  it('adds a new member as proposed, and registers a person of the working copy as proposed', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const member = await aKabVerifiedProposal(t.deps, { household: h, input: { type: 'new', householdId: h.id, changes: { fullName: 'Bayi Dewi', sex: 'F', birthDate: '2025-01-20', relationship: 'child' } } });
    expect((await ratify(member.id)).body.status).toBe('approved');
    const personId = (await (await t.as('kabupaten')).get(`/api/v1/proposals/${member.id}`, ProposalDetail)).body.personId;
    expect((await t.deps.db.query('SELECT full_name, registry_status, household_id FROM persons WHERE id = $1', [personId])).rows[0]).toEqual({ full_name: 'Bayi Dewi', registry_status: 'proposed', household_id: h.id });

    const local = await aPerson(t.deps.db, { household: h, fullName: 'Karsih', registryStatus: 'not_registered' });
    const reg = await aKabVerifiedProposal(t.deps, { household: h, input: { type: 'new', personId: local.id, householdId: undefined, changes: { birthPlace: 'Bandung' } } });
    expect((await ratify(reg.id)).body.status).toBe('approved');
    expect((await t.deps.db.query('SELECT registry_status, birth_place FROM persons WHERE id = $1', [local.id])).rows[0]).toEqual({ registry_status: 'proposed', birth_place: 'Bandung' });
  });

  it('deactivates a person with the reason, and a household\'s active members', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const grandpa = await aPerson(t.deps.db, { household: h, fullName: 'Aki Karta', sex: 'M', relationship: 'parent_or_in_law' });
    const p = await aKabVerifiedProposal(t.deps, { household: h, input: { type: 'deactivate', personId: grandpa.id, householdId: undefined, changes: { inactiveReason: 'deceased' } } });
    expect((await ratify(p.id)).body.status).toBe('approved');
    expect((await t.deps.db.query('SELECT registry_status, inactive_reason, presence FROM persons WHERE id = $1', [grandpa.id])).rows[0]).toEqual({ registry_status: 'inactive', inactive_reason: 'deceased', presence: 'deceased' });

    const moved = await aHousehold(t.deps.db, { village: CINUNUK });
    const a = await aPerson(t.deps.db, { household: moved, fullName: 'A' });
    const b = await aPerson(t.deps.db, { household: moved, fullName: 'B', relationship: 'child' });
    const all = await aKabVerifiedProposal(t.deps, { household: moved, person: a, input: { type: 'deactivate', householdId: moved.id, changes: { inactiveReason: 'moved' } } });
    expect((await ratify(all.id)).body.status).toBe('approved');
    const statuses = (await t.deps.db.query<{ id: string; registry_status: string }>('SELECT id, registry_status FROM persons WHERE household_id = $1', [moved.id])).rows;
    expect(statuses.every((s) => s.registry_status === 'inactive')).toBe(true);
    expect(statuses.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('stops a household deactivation when a member joined after the visit', async () => {
    const h = await aHousehold(t.deps.db, { village: CINUNUK });
    const a = await aPerson(t.deps.db, { household: h, fullName: 'A' });
    const p = await aKabVerifiedProposal(t.deps, { household: h, person: a, input: { type: 'deactivate', householdId: h.id, changes: { inactiveReason: 'moved' } } });
    await aPerson(t.deps.db, { household: h, fullName: 'Newcomer' });
    expect((await ratify(p.id)).body).toMatchObject({ status: 'needs_review', stale: true });
  });
});

describe('the steps refuse what they must', () => {
  it('answers 409 with the allowed actions for a step the status does not allow', async () => {
    const p = await aProposal(t.deps);
    const res = await (await t.as('kabupaten')).post(`/api/v1/proposals/${p.id}/ratify`, {});
    expect(res.status).toBe(409);
    expect(res.error).toMatchObject({ code: 'invalid_transition', status: 'awaiting_verification', allowedActions: ['verify', 'cancel'] });
  });

  it('answers 403 to a role that may read but not take the step, and 404 outside the area', async () => {
    const p = await aProposal(t.deps);
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/proposals/${p.id}/verify`, { verdict: 'valid', visitDate: today(), metName: 'X', metRole: 'head', items: [] })).status).toBe(403);
    const v = await aVerifiedProposal(t.deps);
    await sendRoundOf(t.deps, v.id);
    // the supervisor reviews, but the kabupaten verifier's step is not theirs (route permission)
    await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposals/${v.id}/review`, {});
    expect((await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposals/${v.id}/verify-kabupaten`, {})).status).toBe(403);
    // reject after the kecamatan's review is the kabupaten's (stage permission)
    expect((await (await t.as('supervisor.cileunyi')).post(`/api/v1/proposals/${v.id}/reject`, { reason: 'tidak layak' })).status).toBe(403);
    expect((await (await t.as('puskesos.soreang')).post(`/api/v1/proposals/${p.id}/cancel`, { reason: 'salah' })).status).toBe(404);
  });

  it('checks the visit: a date not in the future, every proposed field, valid corrections, a reason for invalid', async () => {
    const p = await aProposal(t.deps);
    const fas = await t.as('fasilitator.cinunuk');
    const base = { verdict: 'valid', visitDate: today(), metName: 'Ibu Euis', metRole: 'head', items: [{ field: 'floor', confirmed: true }] };
    const future = await fas.post(`/api/v1/proposals/${p.id}/verify`, { ...base, visitDate: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.error?.fields).toHaveProperty('visitDate');
    const missing = await fas.post(`/api/v1/proposals/${p.id}/verify`, { ...base, items: [] });
    expect(missing.status).toBe(400);
    expect(missing.error?.fields?.items).toMatch(/floor/);
    const badCorrection = await fas.post(`/api/v1/proposals/${p.id}/verify`, { ...base, items: [{ field: 'floor', confirmed: false, correctedValue: 'gold' }] });
    expect(badCorrection.status).toBe(400);
    expect(badCorrection.error?.fields).toHaveProperty(['items.0.correctedValue']);
    const noReason = await fas.post(`/api/v1/proposals/${p.id}/verify`, { ...base, verdict: 'invalid' });
    expect(noReason.status).toBe(400);
    expect(noReason.error?.fields).toHaveProperty('reason');
    expect((await t.deps.db.query('SELECT status FROM proposals WHERE id = $1', [p.id])).rows[0]).toEqual({ status: 'awaiting_verification' });
  });

  it('ends a proposal found untrue in the field as invalid, with the reason kept', async () => {
    const p = await aProposal(t.deps);
    const res = await verifyAsProposed(t.deps, p.id, { verdict: 'invalid' });
    expect(res.status).toBe('invalid');
    const view = (await (await t.as('puskesos.cinunuk')).get(`/api/v1/proposals/${p.id}`, ProposalDetail)).body;
    expect(view.verifications[0]).toMatchObject({ verdict: 'invalid', reason: 'Rumah sudah kosong.' });
    expect(view.allowedActions).toEqual([]);
  });

  it('returns a proposal to the field and rejects one, each with its reason', async () => {
    const a = await aVerifiedProposal(t.deps);
    await sendRoundOf(t.deps, a.id);
    const sup = await t.as('supervisor.cileunyi');
    expect((await sup.post(`/api/v1/proposals/${a.id}/return`, {})).status).toBe(400);
    expect((await sup.post(`/api/v1/proposals/${a.id}/return`, { reason: 'Foto rumah belum ada' })).body.status).toBe('awaiting_verification');
    expect((await t.deps.db.query('SELECT confirmed_changes, verified_versions FROM proposals WHERE id = $1', [a.id])).rows[0]).toEqual({ confirmed_changes: null, verified_versions: null });
    const b = await aVerifiedProposal(t.deps);
    await sendRoundOf(t.deps, b.id);
    const rejected = await sup.post(`/api/v1/proposals/${b.id}/reject`, { reason: 'Masih mampu' });
    expect(rejected.body.status).toBe('rejected');
  });

  it('keeps the head of office apart from the verifier when the four-eyes rule is on', async () => {
    const kab = await t.as('kabupaten');
    const before = (await kab.get('/api/v1/proposal-settings', ProposalSettingsView)).body;
    await kab.put('/api/v1/proposal-settings', { cutOffDay: before.cutOffDay, timeZone: before.timeZone, separateRatifier: true }, ProposalSettingsView);
    try {
      const p = await aKabVerifiedProposal(t.deps);
      expect((await kab.get(`/api/v1/proposals/${p.id}`, ProposalDetail)).body.allowedActions).toEqual(['return', 'reject']);
      const res = await kab.post(`/api/v1/proposals/${p.id}/ratify`, {});
      expect(res.status).toBe(409);
      expect(res.error?.message).toMatch(/someone other than/);
    } finally {
      await kab.put('/api/v1/proposal-settings', { cutOffDay: before.cutOffDay, timeZone: before.timeZone, separateRatifier: false }, ProposalSettingsView);
    }
  });

  it('approves in a batch, each proposal on its own: a stale one stops alone', async () => {
    const good = await aKabVerifiedProposal(t.deps);
    const stale = await aKabVerifiedProposal(t.deps);
    await editRecord(t.deps, await contextAs(t.deps, 'puskesos.cinunuk'), { recordType: 'household', recordId: stale.household.id, expectedVersion: 1, reason: 'x', changes: { address: 'Jl. Baru' } });
    const fresh = await aProposal(t.deps);
    const res = await (await t.as('kabupaten')).post('/api/v1/proposals/bulk/ratify', { ids: [good.id, stale.id, fresh.id] });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { id: good.id, ok: true, status: 'approved', stale: false, error: null },
      { id: stale.id, ok: false, status: 'needs_review', stale: true, error: null },
      { id: fresh.id, ok: false, status: null, stale: false, error: { code: 'invalid_transition', message: expect.any(String) } },
    ]);
    expect((await (await t.as('kabupaten')).post('/api/v1/proposals/bulk/reject', { ids: [fresh.id] })).status).toBe(400);
  });
});
