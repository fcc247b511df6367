import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf } from '../http/schemas.ts';
import { CASE_ACTION_INPUTS, CASE_ACTIONS, CASE_TRANSITIONS, caseActionPath, type CaseAction, type CaseStatus, AssigneeList, CaseSummary, CaseView } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK, SOREANG } from '../registry/testing.ts';
import { aCase, aDecidedCase, aRecommendedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A valid body for each action, so that only the workflow decides. */
const BODY: Record<CaseAction, Record<string, unknown>> = {
  close_at_front_office: { feedback: 'Informasi syarat BPJS PBI sudah dijelaskan.' },
  check_registry: { notes: 'Ada di DTSEN, desil 2.' },
  request_verification: { notes: 'Mohon kunjungan rumah.' },
  // the visit is today: a future one is refused, and so is one before the case was registered (checks.test.ts)
  record_verification: { outcome: 'confirmed', notes: 'Rumah tidak layak huni, benar.', visitedOn: new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' }) },
  recommend: { recommendation: 'Rujuk ke RSUD untuk biaya berobat.' },
  decide: { decision: 'refer', notes: 'Rujuk.' },
  escalate: { reason: 'Tidak dapat diselesaikan di desa.' },
  send_back: { reason: 'Dapat diselesaikan di desa.' },
  transfer: { villageCode: SOREANG, reason: 'Warga pindah domisili ke Soreang.' },
  resolve: { notes: 'Selesai.' },
  close: { reason: 'withdrawn', notes: 'Warga mencabut.' },
};

it('has a valid body for each action in this test', () => {
  for (const a of CASE_ACTIONS) expect(CASE_ACTION_INPUTS[a].safeParse(BODY[a]).success, a).toBe(true);
});

async function auditActions(caseId: string) {
  const { rows } = await t.deps.db.query<{ action: string }>('SELECT action FROM audit_events WHERE $1 = ANY(record_ids) ORDER BY seq', [caseId]);
  return rows.map((r) => r.action);
}

/** Brings a fresh village case to `status` through the API. */
async function caseIn(status: CaseStatus): Promise<string> {
  const officer = await t.as('puskesos.cinunuk');
  const coordinator = await t.as('koordinator.cinunuk');
  const c = await aCase(t.deps);
  const go = async (who: typeof officer, action: CaseAction, body = BODY[action]) => {
    const res = await who.post(`/api/v1/cases/${c.id}/${caseActionPath(action)}`, body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const paths: Record<CaseStatus, Array<[typeof officer, CaseAction, Record<string, unknown>?]>> = {
    registered: [],
    registry_checked: [[officer, 'check_registry']],
    verification_requested: [[officer, 'check_registry'], [officer, 'request_verification']],
    verified: [[officer, 'check_registry'], [officer, 'request_verification'], [officer, 'record_verification']],
    recommended: [[officer, 'check_registry'], [officer, 'recommend']],
    in_progress: [[officer, 'check_registry'], [officer, 'recommend'], [coordinator, 'decide', { decision: 'handle_directly' }]],
    resolved: [[officer, 'check_registry'], [officer, 'recommend'], [coordinator, 'decide', { decision: 'handle_directly' }], [officer, 'resolve']],
    closed: [[officer, 'close']],
  };
  for (const [who, action, body] of paths[status]) await go(who, action, body);
  return c.id;
}

describe('the case workflow through the API', () => {
  // One test per status (as one test, 88 cases walked through the API outran 60 s under load).
  // A forbidden action changes nothing, so one case in the status answers every forbidden
  // action in turn (and shows that the refusals left it as it was); each allowed action gets
  // a case of its own.
  for (const status of Object.keys(CASE_TRANSITIONS) as CaseStatus[]) {
    it(`from ${status}: answers 409 with the allowed actions to every forbidden action, and records every allowed one in the timeline and the audit trail`, async () => {
      const officer = await t.as('puskesos.cinunuk');
      const coordinator = await t.as('koordinator.cinunuk');
      const manager = await t.as('kabupaten');
      const failures: string[] = [];
      // a village case has no lower level to be sent back to (escalation.test.ts sends back from above)
      const allowed = Object.keys(CASE_TRANSITIONS[status]).filter((a) => a !== 'send_back');
      const refused = await caseIn(status);
      for (const action of CASE_ACTIONS) {
        const id = allowed.includes(action) ? await caseIn(status) : refused;
        const who = action === 'decide' ? coordinator : officer;
        const res = await who.post(`/api/v1/cases/${id}/${caseActionPath(action)}`, BODY[action]);
        if (!allowed.includes(action)) {
          if (res.status !== 409 || res.error?.code !== 'invalid_transition' || JSON.stringify([...(res.error?.allowedActions as string[])].sort()) !== JSON.stringify([...allowed].sort()) || res.error?.status !== status) {
            failures.push(`${status} ${action}: ${res.status} ${JSON.stringify(res.body)}`);
          }
          continue;
        }
        // resolving a referred case needs its needs done first: covered below
        if (res.status !== 200) {
          failures.push(`${status} ${action}: expected 200, got ${res.status} ${JSON.stringify(res.body)}`);
          continue;
        }
        if (action === 'transfer') {
          // the case left the officer's area (transfer.test.ts): the kabupaten still reads it; not a first action
          const moved = (await manager.get(`/api/v1/cases/${id}`, CaseView)).body;
          const last = moved.timeline.at(-1)!;
          if (res.body.case !== null || moved.villageCode !== SOREANG || moved.status !== status) failures.push(`${status} transfer: ${JSON.stringify(res.body)}`);
          if (last.action !== 'transferred' || last.fromStatus !== status || last.toStatus !== status) failures.push(`${status} transfer: timeline ${JSON.stringify(last)}`);
          if (!(await auditActions(id)).includes('case.transfer')) failures.push(`${status} transfer: no audit event`);
          continue;
        }
        const last = res.body.timeline.at(-1);
        if (last.action !== action || last.fromStatus !== status || last.actor?.name === undefined) failures.push(`${status} ${action}: timeline ${JSON.stringify(last)}`);
        if (!(await auditActions(id)).includes(`case.${action}`)) failures.push(`${status} ${action}: no audit event`);
        if (!res.body.firstActionAt) failures.push(`${status} ${action}: first action not recorded`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('walks intake -> registry check -> field verification -> recommendation -> decision -> resolved', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const facilitator = await t.as('fasilitator.cinunuk');
    const coordinator = await t.as('koordinator.cinunuk');
    const c = await aCase(t.deps);
    const step = async (who: typeof officer, action: string, body: unknown) => (await who.post(`/api/v1/cases/${c.id}/${action}`, body)).body;
    expect((await step(officer, 'check-registry', {})).status).toBe('registry_checked');
    const fac = (await facilitator.get(`/api/v1/cases/${c.id}/assignees`, AssigneeList));
    expect(fac.status).toBe(200);
    const facilitatorId = fac.body.items.find((a) => a.name === 'Fasilitator Desa Cinunuk')!.id;
    const requested = await step(officer, 'request-verification', { notes: 'Kunjungan rumah', assigneeId: facilitatorId });
    expect(requested).toMatchObject({ status: 'verification_requested', assignedTo: { id: facilitatorId } });
    expect((await step(facilitator, 'record-verification', { outcome: 'confirmed', notes: 'Sesuai' })).status).toBe('verified');
    const recommended = await step(officer, 'recommend', {
      recommendation: 'Rujuk ke RSUD dan Dinas Pendidikan.',
      needs: [{ needId: c.needs[0]!.id, recommendation: 'Surat jaminan ke RSUD' }],
    });
    expect(recommended.status).toBe('recommended');
    expect(recommended.needs[0].recommendation).toBe('Surat jaminan ke RSUD');
    expect(recommended.allowedActions).not.toContain('decide');
    const decided = await step(coordinator, 'decide', { decision: 'refer', notes: 'Rujuk' });
    expect(decided).toMatchObject({ status: 'in_progress', decision: 'refer', decidedBy: { name: 'Koordinator Puskesos Cinunuk' }, acceptsReferrals: true, offersResolve: false });
    expect(decided.allowedActions).not.toContain('resolve');
    const early = await officer.post(`/api/v1/cases/${c.id}/resolve`, {});
    expect(early.status).toBe(409);
    expect(early.error?.openNeeds).toHaveLength(2);
    for (const need of decided.needs) {
      const moved = await officer.post(`/api/v1/cases/${c.id}/needs/${need.id}/status`, { status: 'resolved', note: 'Dilayani' }, CaseView);
      expect(moved.status).toBe(200);
    }
    const ready = (await officer.get(`/api/v1/cases/${c.id}`, CaseView)).body;
    expect(ready.offersResolve).toBe(true);
    expect(ready.allowedActions).toContain('resolve');
    const resolved = await step(officer, 'resolve', { notes: 'Semua kebutuhan terpenuhi' });
    expect(resolved).toMatchObject({ status: 'resolved', allowedActions: [] });
    expect(resolved.resolvedAt).toBeTruthy();
    expect(resolved.timeline.map((e: { action: string }) => e.action)).toEqual([
      'register', 'check_registry', 'request_verification', 'record_verification', 'recommend', 'decide', 'need_status', 'need_status', 'resolve',
    ]);
    const again = await officer.post(`/api/v1/cases/${c.id}/needs/${c.needs[0]!.id}/status`, { status: 'open' }, CaseView);
    expect(again.status).toBe(409);
  });

  it('closes a case rejected at the decision and the needs with it', async () => {
    const c = await aRecommendedCase(t.deps);
    const res = await (await t.as('koordinator.cinunuk')).post(`/api/v1/cases/${c.id}/decide`, { decision: 'reject', notes: 'Tidak memenuhi syarat' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', closeReason: 'rejected', decision: 'reject', acceptsReferrals: false });
    expect(res.body.needs.map((n: { status: string }) => n.status)).toEqual(['closed', 'closed']);
  });

  it('resolves a case handled directly, settling its needs', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'handle_directly' });
    expect(c.needs.map((n) => n.status)).toEqual(['in_progress', 'in_progress']);
    const res = await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${c.id}/resolve`, { notes: 'Diberi bantuan langsung' });
    expect(res.body.status).toBe('resolved');
    expect(res.body.needs.map((n: { status: string }) => n.status)).toEqual(['resolved', 'resolved']);
  });

  it('closes at the front office with feedback', async () => {
    const c = await aCase(t.deps);
    const res = await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${c.id}/close-at-front-office`, { feedback: 'Sudah dijelaskan cara mendaftar BPJS.' });
    expect(res.body).toMatchObject({ status: 'closed', closeReason: 'answered_at_front_office' });
    expect(res.body.timeline.at(-1).details).toMatchObject({ feedback: 'Sudah dijelaskan cara mendaftar BPJS.' });
  });

  it('flags a resident found missing from the registry at the check', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, registryStatus: 'proposed' });
    const c = await aCase(t.deps, { person });
    expect(c.needsRegistryProposal).toBe(false);
    await t.deps.db.query(`UPDATE persons SET registry_status = 'not_registered' WHERE id = $1`, [person.id]);
    const res = await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${c.id}/check-registry`, {});
    expect(res.body.needsRegistryProposal).toBe(true);
    expect(res.body.timeline.at(-1).details).toMatchObject({ registryStatus: 'not_registered' });
  });
});

describe('who may act', () => {
  it('lets only the coordinator decide a village case (403 for the manager and the officer\'s role lacks the permission)', async () => {
    const c = await aRecommendedCase(t.deps);
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${c.id}/decide`, BODY.decide)).status).toBe(403);
    expect((await (await t.as('kabupaten')).post(`/api/v1/cases/${c.id}/decide`, BODY.decide)).status).toBe(403);
    expect((await (await t.as('koordinator.cinunuk')).post(`/api/v1/cases/${c.id}/decide`, BODY.decide)).status).toBe(200);
  });

  it('hides a Cinunuk case from the Soreang officer: not listed, 404 to read and to change', async () => {
    const c = await aCase(t.deps);
    const soreang = await t.as('puskesos.soreang');
    expect((await soreang.get(`/api/v1/cases/${c.id}`, CaseView)).status).toBe(404);
    const list = await soreang.get('/api/v1/cases?list=all&limit=200', listOf(CaseSummary));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    for (const action of CASE_ACTIONS.filter((a) => a !== 'decide')) {
      const res = await soreang.post(`/api/v1/cases/${c.id}/${caseActionPath(action)}`, BODY[action]);
      expect(res.status, action).toBe(404);
    }
    expect((await soreang.post(`/api/v1/cases/${c.id}/notes`, { text: 'x' }, CaseView)).status).toBe(404);
    expect((await soreang.post(`/api/v1/cases/${c.id}/assign`, { assigneeId: null }, CaseView)).status).toBe(404);
    // even a malformed body: the record's existence is not revealed
    expect((await soreang.post(`/api/v1/cases/${c.id}/escalate`, {})).status).toBe(404);
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${c.id}/escalate`, {})).status).toBe(400);
    const soreangCase = await aCase(t.deps, { village: SOREANG, as: 'puskesos.soreang' });
    expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/cases/${soreangCase.id}`, CaseView)).status).toBe(404);
  });

  it('assigns only to officers who may work the case, and notes land in the timeline', async () => {
    const c = await aCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const assignees = (await officer.get(`/api/v1/cases/${c.id}/assignees`, AssigneeList)).body.items.map((a: { name: string }) => a.name);
    expect(assignees).toEqual(expect.arrayContaining(['Petugas Puskesos Cinunuk', 'Koordinator Puskesos Cinunuk', 'Fasilitator Desa Cinunuk', 'Supervisor Kecamatan Cileunyi', 'Manajer SLRT Kabupaten Bandung']));
    expect(assignees).not.toContain('Petugas Puskesos Soreang');
    const { rows } = await t.deps.db.query<{ id: string }>(`SELECT id FROM users WHERE username IN ('puskesos.soreang', 'koordinator.cinunuk') ORDER BY username`);
    const [coordinatorId, soreangId] = rows.map((r) => r.id);
    const bad = await officer.post(`/api/v1/cases/${c.id}/assign`, { assigneeId: soreangId }, CaseView);
    expect(bad.status).toBe(400);
    expect(bad.error?.fields).toHaveProperty('assigneeId');
    const ok = await officer.post(`/api/v1/cases/${c.id}/assign`, { assigneeId: coordinatorId }, CaseView);
    expect(ok.body.assignedTo).toMatchObject({ id: coordinatorId, name: 'Koordinator Puskesos Cinunuk' });
    const mine = await (await t.as('koordinator.cinunuk')).get('/api/v1/cases?list=mine', listOf(CaseSummary));
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const noted = await officer.post(`/api/v1/cases/${c.id}/notes`, { text: 'Warga akan kembali hari Senin.' }, CaseView);
    expect(noted.body.timeline.at(-1)).toMatchObject({ action: 'note', details: { text: 'Warga akan kembali hari Senin.' } });
    expect(await auditActions(c.id)).toEqual(expect.arrayContaining(['case.assign', 'case.note']));
    // assignment is not a first action: the deadline still runs
    expect(noted.body.firstActionAt).toBeNull();
  });

  it('audits every read of a case', async () => {
    const c = await aCase(t.deps);
    await (await t.as('koordinator.cinunuk')).get(`/api/v1/cases/${c.id}`, CaseView);
    const { rows } = await t.deps.db.query<{ actor_name: string; purpose: string }>(`SELECT actor_name, purpose FROM audit_events WHERE action = 'case.read' AND $1 = ANY(record_ids)`, [c.id]);
    expect(rows).toEqual([{ actor_name: 'koordinator.cinunuk', purpose: 'case.handling' }]);
  });
});
