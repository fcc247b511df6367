import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOf } from '../http/schemas.ts';
import { isPersonalPermission, PERMISSIONS, roleHasPermission, type Permission, AuthSession, CaseSummary, FundingLine, FundingList, GradeList, HistoryList, OutreachList, OutreachView, PersonSearchPage, PuskesosProfile, VisitList, VisitView } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { multipartBody } from '../registry/testing.ts';
import { TINY_PNG } from '../cases/testing.ts';
import { DEMO_PASSWORD } from '../demo/seed.ts';
import { createUserDirect } from '../users/service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CINUNUK = '32.04.05.2004';
const CILEUNYI_WETAN = '32.04.05.2002';
const SOREANG = '32.04.37.2001';
const url = (v: string, rest = '') => `/api/v1/puskesos/${v}${rest}`;

const PROFILE = {
  status: 'active', gradeCode: 'madya', legalBasisNumber: '141/Kep.12-Desa/2024', legalBasisDate: '2024-03-01', host: 'village_office',
  openingHours: 'Senin-Jumat 08.00-15.00', address: 'Kantor Desa Cinunuk', phone: '022 7801234', latitude: -6.93, longitude: 107.72, population: 41000,
  facilities: [
    { item: 'building', condition: 'fair', source: 'village' },
    { item: 'computer', condition: 'good', source: 'csr' },
    { item: 'vehicle', condition: 'none' },
  ],
};

describe('Puskesos profile', () => {
  it('exists, empty, for every village of the kabupaten', async () => {
    const kab = await t.as('kabupaten');
    const { rows } = await t.deps.db.query<{ villages: number; profiles: number }>(
      `SELECT (SELECT count(*)::int FROM areas WHERE level = 'village' AND code LIKE '32.04.%') AS villages,
              (SELECT count(*)::int FROM puskesos_profiles WHERE kab_code = '3204') AS profiles`,
    );
    expect(rows[0]!.profiles).toBe(rows[0]!.villages);
    expect(rows[0]!.villages).toBe(280);
    const res = await kab.get(url(SOREANG), PuskesosProfile);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ villageCode: SOREANG, status: 'not_formed', grade: null, host: null, facilities: [], facilitiesIndex: 0, approval: null });
  });

  it('answers each role inside its scope and 404 outside it', async () => {
    const cases: Array<[string, string, number]> = [
      ['koordinator.cinunuk', CINUNUK, 200], ['koordinator.cinunuk', CILEUNYI_WETAN, 404],
      ['puskesos.cinunuk', CINUNUK, 200], ['puskesos.soreang', CINUNUK, 404],
      ['supervisor.cileunyi', CILEUNYI_WETAN, 200], ['supervisor.cileunyi', SOREANG, 404],
      ['kabupaten', SOREANG, 200], ['eksekutif', SOREANG, 200],
      ['kades.cinunuk', CINUNUK, 200], ['kades.cinunuk', CILEUNYI_WETAN, 404],
      ['mitra.dinkes', CINUNUK, 403], ['auditor', CINUNUK, 403],
    ];
    for (const [user, village, status] of cases) {
      expect((await (await t.as(user)).get(url(village), PuskesosProfile)).status, `${user} ${village}`).toBe(status);
    }
    expect((await (await t.as('kabupaten')).get(url('32.04.05.9999'), PuskesosProfile)).status).toBe(404);
    const bad = await (await t.as('kabupaten')).get(url('3204052004'), PuskesosProfile);
    expect(bad.status).toBe(400);
    expect(bad.error?.fields).toHaveProperty('villageCode');
  });

  it('is changed by the village koordinator and the kabupaten, never by the supervisor, the officer or the village head', async () => {
    const koordinator = await t.as('koordinator.cinunuk');
    const res = await koordinator.put(url(CINUNUK), PROFILE, PuskesosProfile);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'active', grade: { code: 'madya', name: 'Madya' }, legalBasis: { number: '141/Kep.12-Desa/2024', date: '2024-03-01' }, population: 41000, version: 2, approvedCurrent: false });
    // building fair 2/3 + computer good 1 over nine items
    expect(res.body.facilitiesIndex).toBeCloseTo((2 / 3 + 1) / 9, 3);
    expect((await koordinator.put(url(CILEUNYI_WETAN), PROFILE, PuskesosProfile)).status).toBe(404);
    for (const user of ['supervisor.cileunyi', 'puskesos.cinunuk', 'kades.cinunuk', 'eksekutif']) {
      expect((await (await t.as(user)).put(url(CINUNUK), PROFILE, PuskesosProfile)).status, user).toBe(403);
    }
    const kab = await t.as('kabupaten');
    const again = await kab.put(url(CINUNUK), { ...PROFILE, host: 'own_building', version: 2 }, PuskesosProfile);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(3);
  });

  it('keeps every change in the history, field by field', async () => {
    const res = await (await t.as('kades.cinunuk')).get(url(CINUNUK, '/history'), HistoryList);
    expect(res.status).toBe(200);
    const [latest, first] = res.body.items;
    expect(latest).toMatchObject({ entity: 'profile', action: 'update', byName: 'Manajer SLRT Kabupaten Bandung', changes: { host: { from: 'village_office', to: 'own_building' }, version: { from: 2, to: 3 } } });
    expect(Object.keys(latest!.changes).sort()).toEqual(['host', 'version']);
    expect(first).toMatchObject({ byName: 'Koordinator Puskesos Cinunuk', changes: { status: { from: 'not_formed', to: 'active' }, population: { from: null, to: 41000 }, facilities: { building: { condition: { from: null, to: 'fair' } } } } });
    // the same profile again changes nothing and writes no history
    await (await t.as('kabupaten')).put(url(CINUNUK), { ...PROFILE, host: 'own_building' }, PuskesosProfile);
    expect((await (await t.as('kabupaten')).get(url(CINUNUK, '/history'), HistoryList)).body.items).toHaveLength(2);
  });

  it('refuses a stale version (409) and bad input naming the field (400)', async () => {
    const kab = await t.as('kabupaten');
    const stale = await kab.put(url(CINUNUK), { ...PROFILE, version: 1 }, PuskesosProfile);
    expect(stale.status).toBe(409);
    const grade = await kab.put(url(CINUNUK), { ...PROFILE, gradeCode: 'platinum' }, PuskesosProfile);
    expect(grade.status).toBe(400);
    expect(grade.error?.fields).toHaveProperty('gradeCode');
    const phone = await kab.put(url(CINUNUK), { ...PROFILE, phone: 'call me' }, PuskesosProfile);
    expect(phone.status).toBe(400);
    expect(phone.error?.fields).toHaveProperty('phone');
    const twice = await kab.put(url(CINUNUK), { ...PROFILE, facilities: [{ item: 'toilet', condition: 'good' }, { item: 'toilet', condition: 'poor' }] }, PuskesosProfile);
    expect(twice.status).toBe(400);
    expect(twice.error?.fields).toHaveProperty('facilities');
  });

  it('is approved by the village head, as of the version they saw', async () => {
    const kades = await t.as('kades.cinunuk');
    const current = (await kades.get(url(CINUNUK), PuskesosProfile)).body;
    expect((await kades.post(url(CINUNUK, '/approve'), { version: current.version - 1 }, PuskesosProfile)).status).toBe(409);
    const ok = await kades.post(url(CINUNUK, '/approve'), { version: current.version }, PuskesosProfile);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ approvedCurrent: true, approval: { version: current.version, byName: 'Kepala Desa Cinunuk' } });
    expect((await (await t.as('koordinator.cinunuk')).post(url(CINUNUK, '/approve'), { version: current.version }, PuskesosProfile)).status).toBe(403);
    // a later change needs a new approval
    const changed = await (await t.as('koordinator.cinunuk')).put(url(CINUNUK), { ...PROFILE, host: 'own_building', openingHours: 'Senin-Sabtu 08.00-14.00' }, PuskesosProfile);
    expect(changed.body.approvedCurrent).toBe(false);
  });

  it('grades are the kabupaten\'s data, changed by the kabupaten only, never removed while in use', async () => {
    const kab = await t.as('kabupaten');
    expect((await kab.get('/api/v1/puskesos/grades', GradeList)).body.items.map((g: { code: string }) => g.code)).toEqual(['utama', 'madya', 'pratama']);
    const dropMadya = await kab.put('/api/v1/puskesos/grades', { grades: [{ code: 'utama', name: 'Utama', rank: 1, criteria: ['Gedung sendiri'] }] }, GradeList);
    expect(dropMadya.status).toBe(409);
    const ok = await kab.put('/api/v1/puskesos/grades', { grades: [
      { code: 'utama', name: 'Utama', rank: 1, criteria: ['Gedung sendiri', 'Kendaraan operasional'] },
      { code: 'madya', name: 'Madya', rank: 2, criteria: ['Ruang layanan'] },
    ] }, GradeList);
    expect(ok.status).toBe(200);
    expect(ok.body.items).toHaveLength(2);
    expect((await (await t.as('supervisor.cileunyi')).put('/api/v1/puskesos/grades', { grades: [] }, GradeList)).status).toBe(403);
  });
});

describe('the supervisor\'s visit', () => {
  it('records the checklist, confirms the inventory, takes photos through the documents', async () => {
    const sup = await t.as('supervisor.cileunyi');
    const checklist = [{ item: 'building', condition: 'good', confirmed: true }, { item: 'internet', condition: 'poor', confirmed: true }, { item: 'vehicle', condition: 'none', confirmed: false }];
    const res = await sup.post(url(CINUNUK, '/visits'), { visitDate: '2026-11-02', checklist, note: 'Ruang tunggu belum ada.' }, VisitView);
    expect(res.status).toBe(201);
    expect((await (await t.as('koordinator.cinunuk')).post(url(CINUNUK, '/visits'), { visitDate: '2026-11-02', checklist }, VisitView)).status).toBe(403);
    expect((await sup.post(url(SOREANG, '/visits'), { visitDate: '2026-11-02', checklist }, VisitView)).status).toBe(404);
    const future = await sup.post(url(CINUNUK, '/visits'), { visitDate: '2999-01-01', checklist }, VisitView);
    expect(future.status).toBe(400);
    expect(future.error?.fields).toHaveProperty('visitDate');

    const profile = (await sup.get(url(CINUNUK), PuskesosProfile)).body;
    expect(profile.facilities.find((f: { item: string }) => f.item === 'building')).toMatchObject({ condition: 'good', confirmedAt: '2026-11-02' });
    expect(profile.facilities.find((f: { item: string }) => f.item === 'internet')).toMatchObject({ condition: 'poor', confirmedAt: '2026-11-02' });

    const { body, headers } = multipartBody({}, { name: 'ruang.png', content: TINY_PNG, type: 'image/png' });
    const photo = await sup.request('POST', `/api/v1/puskesos-visits/${res.body.id}/documents?kind=photo`, body, headers);
    expect(photo.status).toBe(201);
    const visits = await (await t.as('kades.cinunuk')).get(url(CINUNUK, '/visits'), VisitList);
    expect(visits.body.items[0]).toMatchObject({ visitDate: '2026-11-02', visitedByName: 'Supervisor Kecamatan Cileunyi', photos: [{ fileName: 'ruang.png' }] });
    expect((await (await t.as('kades.cinunuk')).get(`/api/v1/puskesos-visits/${res.body.id}/documents/${photo.body.id}`)).status).toBe(200);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/puskesos-visits/${res.body.id}/documents/${photo.body.id}`)).status).toBe(404);
  });
});

describe('funding', () => {
  it('is entered by the koordinator, confirmed by the supervisor, and approved by the village head when the village pays', async () => {
    const koordinator = await t.as('koordinator.cinunuk');
    const dd = await koordinator.post(url(CINUNUK, '/funding'), { year: 2026, source: 'dana_desa', kind: 'budget', category: 'honorarium', amount: 24_000_000 }, FundingLine);
    expect(dd.status).toBe(201);
    expect(dd.body).toMatchObject({ status: 'entered', villagePaid: true });
    const csr = await koordinator.post(url(CINUNUK, '/funding'), { year: 2026, source: 'csr', kind: 'budget', category: 'equipment', amount: 5_000_000 }, FundingLine);
    const kades = await t.as('kades.cinunuk');
    const early = await kades.post(`/api/v1/puskesos-funding/${dd.body.id}/approve`, {}, FundingLine);
    expect(early.status).toBe(409);
    expect(early.error?.allowedActions).toEqual(['confirm']);
    const sup = await t.as('supervisor.cileunyi');
    expect((await sup.post(`/api/v1/puskesos-funding/${dd.body.id}/confirm`, {}, FundingLine)).body.status).toBe('confirmed');
    expect((await sup.post(`/api/v1/puskesos-funding/${csr.body.id}/confirm`, {}, FundingLine)).body.status).toBe('confirmed');
    expect((await kades.post(`/api/v1/puskesos-funding/${dd.body.id}/approve`, {}, FundingLine)).body.status).toBe('approved');
    expect((await kades.post(`/api/v1/puskesos-funding/${csr.body.id}/approve`, {}, FundingLine)).status).toBe(409);
    expect((await koordinator.post(`/api/v1/puskesos-funding/${dd.body.id}/confirm`, {}, FundingLine)).status).toBe(403);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/puskesos/${SOREANG}/funding`, FundingList)).body.items).toHaveLength(0);

    const { body, headers } = multipartBody({}, { name: 'apbdes.pdf', content: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), type: 'application/pdf' });
    expect((await koordinator.request('POST', `/api/v1/puskesos-funding/${dd.body.id}/documents?kind=budget_page`, body, headers)).status).toBe(201);
    const list = await kades.get(url(CINUNUK, '/funding?year=2026'), FundingList);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items.find((l) => l.source === 'dana_desa')!.documents).toEqual([expect.objectContaining({ kind: 'budget_page', fileName: 'apbdes.pdf' })]);
    expect(list.body.totals.find((x: { source: string }) => x.source === 'dana_desa')).toEqual({ source: 'dana_desa', budget: 24_000_000, spending: 0 });
    const history = (await kades.get(url(CINUNUK, '/history'), HistoryList)).body.items.filter((h: { entity: string }) => h.entity === 'funding').map((h: { action: string }) => h.action);
    expect(history).toEqual(['document_attached', 'approve', 'confirm', 'confirm', 'create', 'create']);
  });
});

describe('removing a budget page or a visit photo', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
  const attach = async (who: string, path: string, name: string, content: Buffer, type: string) => {
    const { body, headers } = multipartBody({}, { name, content, type });
    const res = await (await t.as(who)).request('POST', path, body, headers);
    expect(res.status, `${who} attaches ${name}`).toBe(201);
    return res.body.id as string;
  };
  const outsiders = async () => {
    const kab = '3204';
    for (const [username, role, areaCode] of [['koordinator.soreang.dok', 'puskesos_coordinator', SOREANG], ['supervisor.soreang.dok', 'supervisor', SOREANG.slice(0, 8)]] as const) {
      const { rows } = await t.deps.db.query('SELECT 1 FROM users WHERE username = $1', [username]);
      if (!rows.length) await createUserDirect(t.deps.db, kab, { username, displayName: username, password: DEMO_PASSWORD, roles: [{ role, areaCode }] });
    }
  };

  it('a budget page: by the koordinator or the kabupaten (who may attach it); 404 to another village, 403 to the supervisor, the village head and the executive; kept in the history and the audit', async () => {
    await outsiders();
    const line = (await (await t.as('koordinator.cinunuk')).post(url(CINUNUK, '/funding'), { year: 2026, source: 'apbd_kabupaten', kind: 'spending', category: 'operational', amount: 1_500_000 }, FundingLine)).body;
    const docs = `/api/v1/puskesos-funding/${line.id}/documents`;
    const first = await attach('koordinator.cinunuk', `${docs}?kind=budget_page`, 'halaman-3.pdf', PDF, 'application/pdf');
    const second = await attach('kabupaten', `${docs}?kind=receipt`, 'kuitansi.png', TINY_PNG, 'image/png');
    expect((await (await t.as('koordinator.soreang.dok')).request('DELETE', `${docs}/${first}`)).status).toBe(404);
    for (const who of ['supervisor.cileunyi', 'kades.cinunuk', 'eksekutif', 'puskesos.cinunuk']) expect((await (await t.as(who)).request('DELETE', `${docs}/${first}`)).status, who).toBe(403);

    expect((await (await t.as('koordinator.cinunuk')).request('DELETE', `${docs}/${first}`)).status).toBe(200);
    expect((await (await t.as('kabupaten')).request('DELETE', `${docs}/${second}`)).status).toBe(200);
    expect((await (await t.as('kabupaten')).request('DELETE', `${docs}/${second}`)).status).toBe(404);
    const kades = await t.as('kades.cinunuk');
    expect((await kades.get(url(CINUNUK, '/funding?year=2026'), FundingList)).body.items.find((l) => l.id === line.id)!.documents).toEqual([]);
    expect((await kades.get(`${docs}/${first}`)).status).toBe(404);
    const history = (await kades.get(url(CINUNUK, '/history'), HistoryList)).body.items.filter((h) => h.entityId === line.id).map((h) => `${h.action} ${h.changes.fileName ?? ''}`.trim());
    expect(history).toEqual(['document_removed kuitansi.png', 'document_removed halaman-3.pdf', 'document_attached kuitansi.png', 'document_attached halaman-3.pdf', 'create']);
    const { rows } = await t.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.remove' AND $1 = ANY(record_ids)", [first]);
    expect(rows[0]!.n).toBe(1);
  });

  it('a visit photo: by the supervisor of the kecamatan or the kabupaten (who may take it); 404 to another kecamatan, 403 to the koordinator, the village head and the executive', async () => {
    await outsiders();
    const visit = (await (await t.as('supervisor.cileunyi')).post(url(CINUNUK, '/visits'), { visitDate: '2026-11-20', checklist: [{ item: 'toilet', condition: 'fair', confirmed: false }] }, VisitView)).body;
    const docs = `/api/v1/puskesos-visits/${visit.id}/documents`;
    const photo = await attach('supervisor.cileunyi', `${docs}?kind=photo`, 'toilet.png', TINY_PNG, 'image/png');
    const other = await attach('kabupaten', `${docs}?kind=photo`, 'depan.pdf', PDF, 'application/pdf');
    expect((await (await t.as('supervisor.soreang.dok')).request('DELETE', `${docs}/${photo}`)).status).toBe(404);
    for (const who of ['koordinator.cinunuk', 'kades.cinunuk', 'eksekutif', 'puskesos.cinunuk']) expect((await (await t.as(who)).request('DELETE', `${docs}/${photo}`)).status, who).toBe(403);
    expect((await (await t.as('supervisor.cileunyi')).request('DELETE', `${docs}/${photo}`)).status).toBe(200);
    expect((await (await t.as('kabupaten')).request('DELETE', `${docs}/${other}`)).status).toBe(200);
    const kept = (await (await t.as('kades.cinunuk')).get(url(CINUNUK, '/visits'), VisitList)).body.items.find((v: { id: string }) => v.id === visit.id);
    expect(kept!.photos).toEqual([]);
    const history = (await (await t.as('kabupaten')).get(url(CINUNUK, '/history'), HistoryList)).body.items.filter((h) => h.entityId === visit.id).map((h) => h.action);
    expect(history).toEqual(['photo_removed', 'photo_removed', 'photo_attached', 'photo_attached', 'create']);
  });
});

describe('outreach log', () => {
  it('is written by village staff and PSKS volunteers are named by kind', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const res = await officer.post(url(CINUNUK, '/outreach'), { heldOn: '2026-11-03', place: 'Balai RW 05', audience: 'Ibu-ibu PKK', reached: 45, byName: 'Dedi (TKSK)', byKind: 'tksk' }, OutreachView);
    expect(res.status).toBe(201);
    expect((await officer.post(url(SOREANG, '/outreach'), { heldOn: '2026-11-03', place: 'x', audience: 'x', reached: 1, byName: 'x', byKind: 'psm' }, OutreachView)).status).toBe(404);
    expect((await (await t.as('kades.cinunuk')).post(url(CINUNUK, '/outreach'), { heldOn: '2026-11-03', place: 'x', audience: 'x', reached: 1, byName: 'x', byKind: 'psm' }, OutreachView)).status).toBe(403);
    const list = await (await t.as('kades.cinunuk')).get(url(CINUNUK, '/outreach'), OutreachList);
    expect(list.body.items[0]).toMatchObject({ heldOn: '2026-11-03', reached: 45, byKind: 'tksk' });
  });
});

describe('the village head', () => {
  it('signs in, sees aggregates only, and gets 403 for residents', async () => {
    const kades = await t.as('kades.cinunuk');
    const me = await kades.get('/api/v1/auth/me', AuthSession);
    expect(me.status).toBe(200);
    expect((await kades.get('/api/v1/persons?area=32.04.05.2004', PersonSearchPage)).status).toBe(403);
    expect((await kades.get('/api/v1/cases', listOf(CaseSummary))).status).toBe(403);
    for (const p of Object.keys(PERMISSIONS) as Permission[]) {
      if (isPersonalPermission(p)) expect(roleHasPermission('village_head', p), p).toBe(false);
    }
  });
});
