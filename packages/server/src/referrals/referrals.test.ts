import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CaseView, listOf, NotificationPage, OrganizationView, ReferralBoard, ReferralCreated, ReferralListItem, ReferralSummary, ReferralView, ServiceView,
  SPECIFIC_PERSON_FIELDS, TokenCreated, UnreadCount, UserView, DocumentView,
} from '@slrt/core';
import { createTestApp, type TestApp, type TestClient } from '../testing/test-app.ts';
import { aCase, aDecidedCase, TINY_PNG } from '../cases/testing.ts';
import { aReferral, dinkesId, JAMKESDA_SERVICE, serviceId } from './testing.ts';

let t: TestApp;
let officer: TestClient;
let partner: TestClient;
let otherPartner: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  officer = await t.as('puskesos.cinunuk');
  partner = await t.as('mitra.dinkes');
  // an officer of another partner organization (Baznas)
  const admin = await t.as('admin');
  const baznas = (await admin.get('/api/v1/organizations?q=baznas', listOf(OrganizationView))).body.items[0]!;
  const created = await admin.post('/api/v1/users', {
    username: 'mitra.baznas', displayName: 'Petugas Baznas', password: 'a-long-password-1', roles: [{ role: 'partner_officer', organizationId: baznas.id }],
  });
  expect(created.status).toBe(201);
  otherPartner = await t.as('mitra.baznas', 'a-long-password-1');
});
afterAll(() => t.close());

async function referNeed(over: Record<string, unknown> = {}) {
  const c = await aDecidedCase(t.deps, { decision: 'refer' });
  const need = c.needs.find((n) => n.sector === 'health')!;
  const res = await officer.post('/api/v1/referrals', { caseId: c.id, needId: need.id, serviceId: await serviceId(t.deps), ...over }, ReferralCreated);
  return { c, need, res };
}

describe('sending a referral', () => {
  it('answers 201 with id, number and status, moves the need to in progress, and tells the partner', async () => {
    const before = (await partner.get('/api/v1/notifications/unread-count', UnreadCount)).body.count;
    const { c, need, res } = await referNeed();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'sent' });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.number).toMatch(/^RUJ-3204-\d{4}-\d{5}$/);
    expect(res.body.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const kase = (await officer.get(`/api/v1/cases/${c.id}`, CaseView)).body;
    expect(kase.needs.find((n) => n.id === need.id)?.status).toBe('in_progress');
    expect(kase.timeline.map((e) => e.action)).toContain('referral_sent');
    expect((await partner.get('/api/v1/notifications/unread-count', UnreadCount)).body.count).toBe(before + 1);
    const note = (await partner.get('/api/v1/notifications?unread=true', NotificationPage)).body.items[0]!;
    expect(note).toMatchObject({ kind: 'referral.created', link: `/mitra/rujukan/${res.body.id}` });
    expect(note.message).toContain(res.body.number);
  });

  it('refuses a second referral of the same need while one is open, a case not decided for referral, and more data than the service asks', async () => {
    const { c, need, res } = await referNeed();
    expect(res.status).toBe(201);
    const again = await officer.post('/api/v1/referrals', { caseId: c.id, needId: need.id, serviceId: await serviceId(t.deps) }, ReferralCreated);
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('conflict');

    const undecided = await aCase(t.deps);
    const early = await officer.post('/api/v1/referrals', { caseId: undecided.id, needId: undecided.needs[0]!.id, serviceId: await serviceId(t.deps) }, ReferralCreated);
    expect(early.status).toBe(409);

    const training = await serviceId(t.deps, 'Pelatihan kerja berbasis kompetensi');
    const tooMuch = await referNeed({ serviceId: training, sharedFields: ['fullName', 'kk'] });
    expect(tooMuch.res.status).toBe(400);
    expect(tooMuch.res.error?.fields).toHaveProperty('sharedFields.1');
    const unknown = await referNeed({ serviceId: '01900000-0000-7000-8000-000000000000' });
    expect(unknown.res.status).toBe(400);
    expect(unknown.res.error?.fields).toHaveProperty('serviceId');
    const noCase = await officer.post('/api/v1/referrals', { needId: need.id, serviceId: training }, ReferralCreated);
    expect(noCase.status).toBe(400);
    expect(noCase.error?.fields).toHaveProperty('caseId');
  });

  it('answers 404 to an officer of another village and 403 to a partner', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'refer' });
    const body = { caseId: c.id, needId: c.needs[0]!.id, serviceId: await serviceId(t.deps) };
    expect((await (await t.as('puskesos.soreang')).post('/api/v1/referrals', body, ReferralCreated)).status).toBe(404);
    expect((await partner.post('/api/v1/referrals', body, ReferralCreated)).status).toBe(403);
  });

  it('refuses an inactive service', async () => {
    const k = await t.as('kabupaten');
    const org = (await k.post('/api/v1/organizations', { name: 'Organisasi Tutup Sementara', type: 'community' }, OrganizationView)).body;
    const svc = (await k.post('/api/v1/services', { organizationId: org.id, name: 'Layanan tutup', sector: 'health', responseDays: 3, sharedFields: ['fullName'], status: 'temporarily closed' }, ServiceView)).body;
    const { res } = await referNeed({ serviceId: svc.id });
    expect(res.status).toBe(409);
  });
});

describe('what the partner sees', () => {
  it('shows the partner only the fields the service declares, and no case links', async () => {
    const r = await aReferral(t.deps);
    const seen = await partner.get(`/api/v1/referrals/${r.id}`, ReferralView);
    expect(seen.status).toBe(200);
    const declared = (await partner.get(`/api/v1/services/${await serviceId(t.deps)}`, ServiceView)).body.sharedFields;
    expect(Object.keys(seen.body.subject).sort()).toEqual([...declared].sort());
    // the request is what the service must do: the partner sees it (issue 12); the case links stay with the office
    expect(seen.body).toMatchObject({ caseId: null, needId: null, personId: null, caseNumber: null, needSummary: expect.any(String), trackingCode: null });
    expect(seen.body.allowedActions.sort()).toEqual(['accept', 'decline']);
    expect(seen.body.subject.phone).toBe('081234567890');

    const staff = await officer.get(`/api/v1/referrals/${r.id}`, ReferralView);
    expect(staff.body.caseId).toBe(r.caseId);
    expect(staff.body.allowedActions).toEqual(['cancel']);
  });

  it('cuts the resident to a narrower list when the officer chooses one; never NIK or health data then', async () => {
    const r = await aReferral(t.deps, { input: { sharedFields: ['fullName', 'phone'] } });
    const seen = await partner.get(`/api/v1/referrals/${r.id}`, ReferralView);
    expect(Object.keys(seen.body.subject).sort()).toEqual(['fullName', 'phone']);
    const { rows } = await t.deps.db.query<{ nik: string }>('SELECT p.nik FROM referrals r JOIN persons p ON p.id = r.person_id WHERE r.id = $1', [r.id]);
    expect(JSON.stringify(seen.body)).not.toContain(rows[0]!.nik);
    for (const f of SPECIFIC_PERSON_FIELDS) expect(seen.body.subject).not.toHaveProperty(f);
    const list = await partner.get('/api/v1/referrals?limit=200', listOf(ReferralListItem));
    const row = list.body.items.find((x) => x.id === r.id);
    expect(row?.subjectName).toBeTruthy();
    expect(JSON.stringify(list.body)).not.toContain(rows[0]!.nik);
  });

  it('hides the name in the partner list when the service is not given it', async () => {
    const r = await aReferral(t.deps, { input: { sharedFields: ['phone'] } });
    const row = (await partner.get('/api/v1/referrals?limit=200', listOf(ReferralListItem))).body.items.find((x) => x.id === r.id);
    expect(row?.subjectName).toBeNull();
    expect((await partner.get(`/api/v1/referrals/${r.id}`, ReferralView)).body.subject).toEqual({ phone: '081234567890' });
  });

  it('answers 404 to an officer of another partner organization, for reading and for every action', async () => {
    const r = await aReferral(t.deps);
    expect((await otherPartner.get(`/api/v1/referrals/${r.id}`)).status).toBe(404);
    expect((await otherPartner.get(`/api/v1/referrals/${r.id}/fhir`)).status).toBe(404);
    expect((await otherPartner.post(`/api/v1/referrals/${r.id}/accept`, {})).status).toBe(404);
    expect((await otherPartner.post(`/api/v1/referrals/${r.id}/decline`, { reason: 'Bukan wewenang kami' })).status).toBe(404);
    expect((await otherPartner.post(`/api/v1/referrals/${r.id}/complete`, { outcome: 'fulfilled' })).status).toBe(404);
    const list = await otherPartner.get('/api/v1/referrals?limit=200', listOf(ReferralListItem));
    expect(list.body.items.map((x) => x.id)).not.toContain(r.id);
    expect((await partner.get(`/api/v1/referrals/${r.id}`)).status).toBe(200);
  });

  it('audits every read with the resident and the shared fields', async () => {
    const r = await aReferral(t.deps);
    await partner.get(`/api/v1/referrals/${r.id}`, ReferralView);
    const { rows } = await t.deps.db.query<{ actor_name: string; record_ids: string[]; details: { sharedFields: string[] } }>(
      `SELECT actor_name, record_ids, details FROM audit_events WHERE action = 'referral.read' AND $1 = ANY(record_ids) ORDER BY seq DESC LIMIT 1`, [r.id]);
    expect(rows[0]!.actor_name).toBe('mitra.dinkes');
    expect(rows[0]!.record_ids).toHaveLength(2);
    expect(rows[0]!.details.sharedFields.length).toBeGreaterThan(0);
  });
});

describe('the closed loop', () => {
  it('accept, start, complete with an outcome: the need resolves and the case offers to resolve', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'refer', needs: [{ sector: 'health', urgency: 'high', request: 'Biaya berobat' }] });
    const created = await officer.post('/api/v1/referrals', { caseId: c.id, needId: c.needs[0]!.id, serviceId: await serviceId(t.deps) }, ReferralCreated);
    const id = created.body.id;
    const accepted = await partner.post(`/api/v1/referrals/${id}/accept`, {}, ReferralView);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted' });
    expect(accepted.body.allowedActions.sort()).toEqual(['complete', 'start']);
    const again = await partner.post(`/api/v1/referrals/${id}/accept`, {}, ReferralView);
    expect(again.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'invalid_transition', status: 'accepted' });
    expect((again.error?.allowedActions as string[]).sort()).toEqual(['complete', 'start']);
    expect((await partner.post(`/api/v1/referrals/${id}/start`, { notes: 'Pasien datang' }, ReferralView)).body.status).toBe('in_service');
    const bad = await partner.post(`/api/v1/referrals/${id}/complete`, { outcome: 'great' }, ReferralView);
    expect(bad.status).toBe(400);
    expect(bad.error?.fields).toHaveProperty('outcome');
    const done = await partner.post(`/api/v1/referrals/${id}/complete`, { outcome: 'fulfilled', notes: 'Pasien dirawat dan dijamin Jamkesda.' }, ReferralView);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'fulfilled', outcomeNotes: 'Pasien dirawat dan dijamin Jamkesda.', allowedActions: [] });
    expect(done.body.events?.map((e) => e.action)).toEqual(['sent', 'accept', 'start', 'complete']);

    const kase = (await officer.get(`/api/v1/cases/${c.id}`, CaseView)).body;
    expect(kase.needs[0]!.status).toBe('resolved');
    expect(kase.needs[0]!.statusNote).toContain('Terpenuhi');
    expect(kase.offersResolve).toBe(true);
    const completed = kase.timeline.find((e) => e.action === 'referral_completed');
    expect(completed?.details).toMatchObject({ outcome: 'fulfilled', notes: 'Pasien dirawat dan dijamin Jamkesda.' });
    const notes = (await officer.get('/api/v1/notifications?limit=100', NotificationPage)).body.items.filter((n) => n.recordId === id);
    expect(notes.map((n) => n.kind).sort()).toEqual(['referral.accepted', 'referral.completed', 'referral.started']);
  });

  it('a declined referral goes back to the back office, which re-refers the need', async () => {
    const r = await aReferral(t.deps);
    const noReason = await partner.post(`/api/v1/referrals/${r.id}/decline`, {}, ReferralView);
    expect(noReason.status).toBe(400);
    expect(noReason.error?.fields).toHaveProperty('reason');
    const declined = await partner.post(`/api/v1/referrals/${r.id}/decline`, { reason: 'Kuota bulan ini penuh' }, ReferralView);
    expect(declined.body).toMatchObject({ status: 'declined', declineReason: 'Kuota bulan ini penuh' });
    const kase = (await officer.get(`/api/v1/cases/${r.caseId}`, CaseView)).body;
    // the need is handed back to the office: open, to be referred anew (need-person.test.ts)
    expect(kase.needs.find((n) => n.id === r.needId)?.status).toBe('open');
    expect(kase.offersResolve).toBe(false);
    const baznasHealth = await serviceId(t.deps, 'Bantuan biaya pengobatan');
    const again = await officer.post('/api/v1/referrals', { caseId: r.caseId, needId: r.needId, serviceId: baznasHealth }, ReferralCreated);
    expect(again.status).toBe(201);
    expect((await otherPartner.get(`/api/v1/referrals/${again.body.id}`)).status).toBe(200);
  });

  it('the referring office revokes a referral with a reason; partners cannot, and the office cannot answer for the partner', async () => {
    const r = await aReferral(t.deps);
    expect((await partner.post(`/api/v1/referrals/${r.id}/cancel`, { reason: 'salah kirim' })).status).toBe(403);
    expect((await officer.post(`/api/v1/referrals/${r.id}/accept`, {})).status).toBe(403);
    expect((await (await t.as('puskesos.soreang')).post(`/api/v1/referrals/${r.id}/cancel`, { reason: 'salah kirim' })).status).toBe(404);
    const cancelled = await officer.post(`/api/v1/referrals/${r.id}/cancel`, { reason: 'Warga sudah dilayani langsung' }, ReferralView);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Warga sudah dilayani langsung', allowedActions: [] });
    expect((await partner.post(`/api/v1/referrals/${r.id}/accept`, {})).status).toBe(409);
  });

  it('takes evidence from the partner while open and checks it on completion', async () => {
    const r = await aReferral(t.deps, { accepted: true });
    const boundary = '----slrt';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="kursi-roda.png"\r\nContent-Type: image/png\r\n\r\n`),
      TINY_PNG, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await partner.request('POST', `/api/v1/referrals/${r.id}/documents?kind=evidence`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` }, DocumentView);
    expect(up.status).toBe(201);
    const foreign = await partner.post(`/api/v1/referrals/${r.id}/complete`, { outcome: 'partly', documentIds: ['01900000-0000-7000-8000-000000000000'] }, ReferralView);
    expect(foreign.status).toBe(400);
    expect(foreign.error?.fields).toHaveProperty('documentIds');
    const done = await partner.post(`/api/v1/referrals/${r.id}/complete`, { outcome: 'partly', notes: 'Sebagian', documentIds: [up.body.id] }, ReferralView);
    expect(done.status).toBe(200);
    expect(done.body.evidence).toEqual([{ id: up.body.id, fileName: up.body.fileName }]);
    const staffView = await officer.get(`/api/v1/referrals/${r.id}/documents/${up.body.id}`);
    expect(staffView.status).toBe(200);
    expect(staffView.headers['content-type']).toBe('image/png');
    // partly fulfilled: the need stays with the back office
    const kase = (await officer.get(`/api/v1/cases/${r.caseId}`, CaseView)).body;
    expect(kase.needs.find((n) => n.id === r.needId)?.status).toBe('in_progress');
    const another = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lagi.png"\r\nContent-Type: image/png\r\n\r\n`),
      TINY_PNG, Buffer.from('late'), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const late = await partner.request('POST', `/api/v1/referrals/${r.id}/documents?kind=evidence`, another, { 'content-type': `multipart/form-data; boundary=${boundary}` });
    expect(late.status).toBe(409);
  });
});

describe('a partner system with a bearer token', () => {
  it('lists, reads, accepts and completes over the API without a session', async () => {
    const admin = await t.as('admin');
    const user = (await admin.get('/api/v1/users?q=sistem.dinkes', listOf(UserView))).body.items[0]!;
    const token = (await admin.post('/api/v1/tokens', { userId: user.id, name: 'SIMPUS Dinkes', scopes: ['referrals.read', 'referrals.respond'] }, TokenCreated)).body.token;
    const machine = t.anonymous();
    machine.bearer = token;
    const r = await aReferral(t.deps);
    const list = await machine.get('/api/v1/referrals?status=sent&limit=200', listOf(ReferralListItem));
    expect(list.status).toBe(200);
    expect(list.body.items.map((x) => x.id)).toContain(r.id);
    expect(list.body.items.every((x) => x.status === 'sent')).toBe(true);
    expect((await machine.post(`/api/v1/referrals/${r.id}/accept`, {})).status).toBe(200);
    const done = await machine.post(`/api/v1/referrals/${r.id}/complete`, { outcome: 'not_fulfilled', notes: 'Warga tidak datang' }, ReferralView);
    expect(done.status).toBe(200);
    expect(done.body.events?.filter((e) => e.actorKind === 'token').map((e) => e.action)).toEqual(['accept', 'complete']);
    expect((await machine.get('/api/v1/referrals?status=bogus')).status).toBe(400);
  });
});

describe('lists and boards', () => {
  it('filters the back office list by status, partner and overdue, and pages without repeats', async () => {
    const r = await aReferral(t.deps);
    await t.deps.db.query(`UPDATE referrals SET overdue_at = now() WHERE id = $1`, [r.id]);
    const overdue = await officer.get('/api/v1/referrals?overdue=true&limit=200', listOf(ReferralListItem));
    expect(overdue.body.items.map((x) => x.id)).toContain(r.id);
    expect(overdue.body.items.every((x) => x.overdue)).toBe(true);
    const byOrg = await officer.get(`/api/v1/referrals?organizationId=${await dinkesId(t.deps)}&status=sent,accepted&limit=200`, listOf(ReferralListItem));
    expect(byOrg.body.items.every((x) => ['sent', 'accepted'].includes(x.status))).toBe(true);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ id: string }>; nextCursor: string | null } } = await officer.get(`/api/v1/referrals?limit=3${cursor ? `&cursor=${cursor}` : ''}`, listOf(ReferralListItem));
      ids.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe((await officer.get('/api/v1/referrals?limit=200', listOf(ReferralListItem))).body.items.length);
    const summary = await officer.get('/api/v1/referrals/summary', ReferralSummary);
    expect(summary.body.overdue).toBeGreaterThanOrEqual(1);
    expect(summary.body.byStatus.sent).toBeGreaterThanOrEqual(1);
    expect((await (await t.as('puskesos.soreang')).get('/api/v1/referrals', listOf(ReferralListItem))).body.items).toEqual([]);
  });

  it('shows supervisors and the kabupaten each partner\'s acceptance rate and times; aggregates only for executives', async () => {
    const board = await (await t.as('supervisor.cileunyi')).get('/api/v1/referrals/board', ReferralBoard);
    expect(board.status).toBe(200);
    const dinkes = board.body.partners.find((p) => p.organizationName === 'Dinas Kesehatan Kabupaten Bandung')!;
    expect(dinkes.total).toBeGreaterThan(3);
    expect(dinkes.acceptanceRate).toBeGreaterThan(0);
    expect(dinkes.acceptanceRate).toBeLessThanOrEqual(1);
    expect(dinkes.avgHoursToAccept).not.toBeNull();
    expect(dinkes.avgDaysToComplete).not.toBeNull();
    expect(board.body.suppressed).toBe(false);
    const exec = await t.as('eksekutif');
    // the executive holds no personal-data permission: counts 1-4 as <5, and the cells that would reveal them hidden
    const kab = (await (await t.as('kabupaten')).get('/api/v1/referrals/board', ReferralBoard)).body;
    const shown = await exec.get('/api/v1/referrals/board', ReferralBoard);
    expect(shown.status).toBe(200);
    expect(shown.body.suppressed).toBe(true);
    const counts = (b: ReferralBoard) => [
      ...Object.values(b.byStatus), b.overdue,
      ...b.partners.flatMap((p) => (['total', 'open', 'accepted', 'declined', 'completed', 'cancelled', 'overdue'] as const).map((k) => p[k])),
    ];
    const exact = counts(kab) as number[];
    const hidden = counts(shown.body);
    expect(exact.some((n) => n >= 1 && n <= 4), 'the test data has small counts').toBe(true);
    exact.forEach((n, i) => {
      if (n >= 1 && n <= 4) expect(hidden[i]).toBe('<5');
      else expect([n, 'x']).toContain(hidden[i]);
    });
    // no published total minus the shown parts gives a hidden cell: per partner total = open + declined + completed + cancelled
    for (const p of shown.body.partners) {
      const parts = [p.open, p.declined, p.completed, p.cancelled];
      if (typeof p.total === 'number' && parts.filter((x) => typeof x !== 'number').length === 1) {
        throw new Error(`${p.organizationName}: one hidden part beside a shown total`);
      }
      if (p.accepted === '<5' || p.accepted === 'x') expect(p.acceptanceRate).toBeNull();
    }
    expect((await exec.get('/api/v1/referrals')).status).toBe(403);
    expect((await officer.get('/api/v1/referrals/board')).status).toBe(403);
    const soreangBoard = await (await t.as('kabupaten')).get('/api/v1/referrals/board?from=2999-01-01&to=2999-01-31', ReferralBoard);
    expect(soreangBoard.body.partners).toEqual([]);
  });
});

describe('the referral service to a health service', () => {
  it('uses the demo Jamkesda service of Dinas Kesehatan', async () => {
    const svc = (await partner.get(`/api/v1/services/${await serviceId(t.deps, JAMKESDA_SERVICE)}`, ServiceView)).body;
    expect(svc.organizationId).toBe(await dinkesId(t.deps));
  });
});
