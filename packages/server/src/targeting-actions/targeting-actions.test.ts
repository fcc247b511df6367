import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, contextAs, SOREANG } from '../registry/testing.ts';
import { sendRoundOf, verifyAsProposed } from '../proposals/testing.ts';
import { takeStep } from '../proposals/workflow.ts';
import { serviceId } from '../referrals/testing.ts';
import { todayFor } from '../programs/catalog.ts';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(() => t.close());

const PKH_SERVICE = 'Usulan dan pendampingan Program Keluarga Harapan (PKH)';
const year = () => Number(todayFor('3204').slice(0, 4));
const ACTIONS = '/api/v1/programs/PKH/targeting/actions';

/** A household with a head and a child of primary-school age: eligible for PKH in desil 1-4. */
async function family(desil: number, head: string, village = CINUNUK) {
  const h = await aHousehold(t.deps.db, { village, desil });
  await aPerson(t.deps.db, { household: h, fullName: head, sex: 'M', relationship: 'head', birthDate: '1980-01-01' });
  await aPerson(t.deps.db, { household: h, fullName: `Anak ${head}`, relationship: 'child', birthDate: `${year() - 8}-03-01` });
  return h;
}

async function enrol(householdId: string) {
  const r = await (await t.as('kabupaten')).post(`/api/v1/households/${householdId}/enrollments`, { program: 'PKH', period: '2026-07' });
  expect(r.status).toBe(201);
}

async function approve(proposalId: string) {
  await verifyAsProposed(t.deps, proposalId);
  await sendRoundOf(t.deps, proposalId);
  await takeStep(t.deps, await contextAs(t.deps, 'supervisor.cileunyi'), proposalId, 'review', {});
  const kab = await contextAs(t.deps, 'kabupaten');
  await takeStep(t.deps, kab, proposalId, 'verify-kabupaten', {});
  const r = await takeStep(t.deps, kab, proposalId, 'ratify', {});
  expect(r.status).toBe('approved');
}

async function lineageCount() {
  const { rows } = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM targeting_actions');
  return rows[0]!.n;
}

describe('bulk actions on targeting lists', () => {
  it('refuses a referral while the program has no delivering service, and roles without the targeting lists', async () => {
    const h = await family(2, 'Tanpa Layanan');
    expect((await (await t.as('kabupaten')).patch('/api/v1/programs/PKH', { serviceId: null })).status).toBe(200);
    const coordinator = await t.as('koordinator.cinunuk');
    const r = await coordinator.post(ACTIONS, { action: 'referral', householdIds: [h.id] });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('conflict');
    expect((await (await t.as('fasilitator.cinunuk')).post(ACTIONS, { action: 'enrol_proposal', householdIds: [h.id] })).status).toBe(403);
    expect((await (await t.as('eksekutif')).post(ACTIONS, { action: 'enrol_proposal', householdIds: [h.id] })).status).toBe(403);
    expect((await coordinator.post(ACTIONS, { action: 'referral', householdIds: [] })).status).toBe(400);
  });

  it('turns exclusion rows into cases referred to the program\'s service, row by row: in scope, out of scope, not on the list; a retry with the key answers the first result', async () => {
    expect((await (await t.as('kabupaten')).patch('/api/v1/programs/PKH', { serviceId: await serviceId(t.deps, PKH_SERVICE) })).status).toBe(200);
    const missed = await family(2, 'Ujang Terlewat');
    const rich = await family(9, 'Dadan Mampu');
    const elsewhere = await family(2, 'Asep Soreang', SOREANG);
    const coordinator = await t.as('koordinator.cinunuk');
    coordinator.locale = 'id';
    const body = { action: 'referral', householdIds: [missed.id, elsewhere.id, rich.id, missed.id] };
    const key = 'targeting-referral-0001';
    const r = await coordinator.request('POST', ACTIONS, body, { 'idempotency-key': key });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ program: 'PKH', action: 'referral', created: 1, skipped: 3 });
    const [made, outside, notListed, repeated] = r.body.items;
    expect(made).toMatchObject({ householdId: missed.id, outcome: 'created', skip: null });
    expect(made.referralNumber).toMatch(/\d/);
    expect(made.message).toContain(made.caseCode);
    expect(outside).toMatchObject({ householdId: elsewhere.id, outcome: 'skipped', skip: 'out_of_scope' });
    expect(notListed).toMatchObject({ householdId: rich.id, skip: 'not_in_list' });
    expect(repeated).toMatchObject({ householdId: missed.id, skip: 'repeated' });

    // the case went through the workflow in the coordinator's name, and its need is referred to the PKH service
    const c = await coordinator.get(`/api/v1/cases/${made.caseId}`);
    expect(c.body).toMatchObject({ status: 'in_progress', decision: 'refer', channel: 'targeting_list' });
    expect(c.body.needs[0].request).toContain('Desil 2 ≤ 4');
    const referral = await coordinator.get(`/api/v1/referrals/${made.referralId}`);
    expect(referral.body.service.name).toBe(PKH_SERVICE);

    const retry = await coordinator.request('POST', ACTIONS, body, { 'idempotency-key': key });
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(r.body);
    expect(await lineageCount()).toBe(1);

    // another request for the same household: the open case is not repeated
    const again = await coordinator.post(ACTIONS, { action: 'referral', householdIds: [missed.id] });
    expect(again.body.items[0]).toMatchObject({ outcome: 'skipped', skip: 'open_case' });
    // every write is in the audit trail
    const { rows } = await t.deps.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action IN ('targeting.referral', 'case.create', 'case.decide', 'referral.create')");
    expect(rows.map((x) => x.action).sort()).toEqual(['case.create', 'case.decide', 'referral.create', 'targeting.referral']);
  });

  it('leaves the decision to the coordinator when the officer may not decide', async () => {
    const h = await family(3, 'Iwan Menunggu');
    const officer = await t.as('puskesos.cinunuk');
    const r = await officer.post(ACTIONS, { action: 'referral', householdIds: [h.id] });
    expect(r.body.items[0]).toMatchObject({ outcome: 'created', referralId: null });
    const c = await officer.get(`/api/v1/cases/${r.body.items[0].caseId}`);
    expect(c.body.status).toBe('recommended');
  });

  it('proposes enrolment for a household missed; approval enrols it with the proposal as source', async () => {
    const h = await family(1, 'Eneng Diusulkan');
    const coordinator = await t.as('koordinator.cinunuk');
    const r = await coordinator.post(ACTIONS, { action: 'enrol_proposal', householdIds: [h.id] });
    expect(r.body.items[0]).toMatchObject({ outcome: 'created', skip: null });
    const proposalId = r.body.items[0].proposalId;
    const p = await coordinator.get(`/api/v1/proposals/${proposalId}`);
    expect(p.body).toMatchObject({ type: 'enrol', origin: 'targeting', status: 'awaiting_verification', changes: { program: 'PKH' } });
    expect(p.body.reason).toContain('Desil 1');
    // a second proposal for the same household and program is not made; an exit is not for this list
    expect((await coordinator.post(ACTIONS, { action: 'enrol_proposal', householdIds: [h.id] })).body.items[0].skip).toBe('open_proposal');
    expect((await coordinator.post(ACTIONS, { action: 'exit_proposal', householdIds: [h.id] })).body.items[0].skip).toBe('not_in_list');

    await approve(proposalId);
    const enrolments = await coordinator.get(`/api/v1/households/${h.id}/enrollments`);
    expect(enrolments.body.items[0]).toMatchObject({ program: 'PKH', sourceType: 'proposal', endedOn: null });
    expect((await coordinator.post(ACTIONS, { action: 'enrol_proposal', householdIds: [h.id] })).body.items[0].skip).toBe('not_in_list');
  });

  it('proposes the exit of a household no longer eligible; approval ends the enrolment with the reasons', async () => {
    const h = await family(9, 'Hendra Keluar');
    await enrol(h.id);
    const supervisor = await t.as('supervisor.cileunyi');
    supervisor.locale = 'id';
    const r = await supervisor.post(ACTIONS, { action: 'exit_proposal', householdIds: [h.id] });
    expect(r.body.items[0]).toMatchObject({ outcome: 'created' });
    await approve(r.body.items[0].proposalId);
    const enrolments = await supervisor.get(`/api/v1/households/${h.id}/enrollments`);
    const ended = enrolments.body.items.find((e: { program: string }) => e.program === 'PKH');
    expect(ended.endedOn).not.toBeNull();
    expect(ended.endReason).toContain(r.body.items[0].proposalCode);
    expect(ended.endReason).toContain('Desil 9 > 4');
  });
});
