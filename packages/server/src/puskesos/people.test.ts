import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FundingLine, HandoverList, HandoverView, HistoryList, OfficerList, OfficerView, PuskesosAccountList, PuskesosProfile, SessionView, TrainingGapList, TrainingList, TrainingView } from '@slrt/core';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aCase } from '../cases/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { aProposal } from '../proposals/testing.ts';
import { SOREANG } from '../registry/testing.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { createUserDirect } from '../users/service.ts';
import { DEMO_PASSWORD } from '../demo/seed.ts';
import { anOfficer, CINUNUK } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const url = (v: string, rest = '') => `/api/v1/puskesos/${v}${rest}`;

describe('officers', () => {
  it('are kept by the koordinator, with or without an account; vacancies are the required positions nobody fills', async () => {
    const koordinator = await t.as('koordinator.cinunuk');
    const { rows } = await t.deps.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'koordinator.cinunuk'");
    const own = await koordinator.post(url(CINUNUK, '/officers'), { name: 'Asep Saepudin', position: 'koordinator', userId: rows[0]!.id, decreeNumber: '12/SK/2025', decreeDate: '2025-01-02', startDate: '2025-01-02', paid: true, monthlyHonorarium: 750_000 }, OfficerView);
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ hasAccount: true, userId: rows[0]!.id, active: true, paid: true });
    const volunteer = await koordinator.post(url(CINUNUK, '/officers'), { name: 'Iis Komariah', position: 'front_office', startDate: '2025-03-01', paid: false, monthlyHonorarium: 0 }, OfficerView);
    expect(volunteer.body).toMatchObject({ hasAccount: false, userId: null, paid: false, monthlyHonorarium: 0 });
    const unpaidHonor = await koordinator.post(url(CINUNUK, '/officers'), { name: 'X', position: 'psm', startDate: '2025-03-01', paid: false, monthlyHonorarium: 100 }, OfficerView);
    expect(unpaidHonor.status).toBe(400);
    expect(unpaidHonor.error?.fields).toHaveProperty('monthlyHonorarium');
    const { rows: soreangUser } = await t.deps.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'puskesos.soreang'");
    const foreign = await koordinator.post(url(CINUNUK, '/officers'), { name: 'Y', position: 'back_office', userId: soreangUser[0]!.id, startDate: '2025-03-01', paid: true }, OfficerView);
    expect(foreign.status).toBe(400);
    expect(foreign.error?.fields).toHaveProperty('userId');

    const list = await (await t.as('supervisor.cileunyi')).get(url(CINUNUK, '/officers'), OfficerList);
    expect(list.status).toBe(200);
    expect(list.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['Asep Saepudin', 'Iis Komariah']);
    expect(list.body.vacancies).toEqual(['back_office']);
    // an officer who left no longer fills the position
    const ended = await koordinator.patch(`/api/v1/puskesos-officers/${volunteer.body.id}`, { endDate: '2025-06-30' }, OfficerView);
    expect(ended.body.active).toBe(false);
    expect((await koordinator.get(url(CINUNUK, '/officers'), OfficerList)).body.vacancies).toEqual(['front_office', 'back_office']);
    const history = (await koordinator.get(url(CINUNUK, '/history'), HistoryList)).body.items[0];
    expect(history).toMatchObject({ entity: 'officer', action: 'update', changes: { end_date: { from: null, to: '2025-06-30' } } });
  });

  it('are staff data: not for the village head, the executive or another village', async () => {
    for (const user of ['kades.cinunuk', 'eksekutif', 'puskesos.cinunuk']) expect((await (await t.as(user)).get(url(CINUNUK, '/officers'), OfficerList)).status, user).toBe(403);
    expect((await (await t.as('supervisor.cileunyi')).get(url(SOREANG, '/officers'), OfficerList)).status).toBe(404);
    expect((await (await t.as('koordinator.cinunuk')).post(url(SOREANG, '/officers'), { name: 'Z', position: 'psm', startDate: '2025-01-01', paid: false }, OfficerView)).status).toBe(404);
  });
});

describe('an officer\'s account', () => {
  const userId = async (username: string) => (await t.deps.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username])).rows[0]!.id;

  it('is picked among the staff accounts of the village and its kecamatan, shown on the officer, and kept in the history', async () => {
    const koordinator = await t.as('koordinator.cinunuk');
    const accounts = await koordinator.get(url(CINUNUK, '/accounts'), PuskesosAccountList);
    expect(accounts.status).toBe(200);
    const byName = new Map(accounts.body.items.map((a: { username: string; level: string }) => [a.username, a.level]));
    expect(byName.get('puskesos.cinunuk')).toBe('village');
    expect(byName.get('fasilitator.cinunuk')).toBe('village');
    expect(byName.get('supervisor.cileunyi')).toBe('kecamatan');
    // not the village head, another village's officer, a kabupaten role or a partner
    for (const other of ['kades.cinunuk', 'puskesos.soreang', 'kabupaten', 'mitra.dinkes']) expect(byName.has(other), other).toBe(false);
    // village accounts first
    expect(accounts.body.items.at(-1)!.level).toBe('kecamatan');

    const iis = (await koordinator.post(url(CINUNUK, '/officers'), { name: 'Iis Sumiati', position: 'back_office', startDate: '2025-04-01', paid: false }, OfficerView)).body;
    expect(iis.account).toBeNull();
    const linked = await koordinator.patch(`/api/v1/puskesos-officers/${iis.id}`, { userId: await userId('puskesos.cinunuk') }, OfficerView);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ hasAccount: true, userId: await userId('puskesos.cinunuk'), account: { username: 'puskesos.cinunuk', displayName: 'Petugas Puskesos Cinunuk' } });
    const listed = (await koordinator.get(url(CINUNUK, '/officers'), OfficerList)).body.items.find((o) => o.id === iis.id);
    expect(listed!.account).toEqual({ username: 'puskesos.cinunuk', displayName: 'Petugas Puskesos Cinunuk' });
    const again = (await koordinator.get(url(CINUNUK, '/accounts'), PuskesosAccountList)).body.items.find((a) => a.username === 'puskesos.cinunuk');
    expect(again!.officerId).toBe(iis.id);

    // one account, one active officer of the village
    const other = (await koordinator.post(url(CINUNUK, '/officers'), { name: 'Ade Sutisna', position: 'volunteer', startDate: '2025-05-01', paid: false }, OfficerView)).body;
    const twice = await koordinator.patch(`/api/v1/puskesos-officers/${other.id}`, { userId: await userId('puskesos.cinunuk') }, OfficerView);
    expect(twice.status).toBe(409);
    expect(twice.error?.message).toContain('Iis Sumiati');
    // an account of another kecamatan's village is named on the field
    const foreign = await koordinator.patch(`/api/v1/puskesos-officers/${other.id}`, { userId: await userId('puskesos.soreang') }, OfficerView);
    expect(foreign.status).toBe(400);
    expect(foreign.error?.fields).toHaveProperty('userId');
    // the kecamatan's account (a TKSK, a supervisor serving the village) may be linked
    const kec = await koordinator.patch(`/api/v1/puskesos-officers/${other.id}`, { userId: await userId('supervisor.cileunyi') }, OfficerView);
    expect(kec.body.account).toMatchObject({ username: 'supervisor.cileunyi' });

    // unlinking frees the account
    const unlinked = await koordinator.patch(`/api/v1/puskesos-officers/${iis.id}`, { userId: null }, OfficerView);
    expect(unlinked.body).toMatchObject({ hasAccount: false, userId: null, account: null });
    expect((await koordinator.patch(`/api/v1/puskesos-officers/${other.id}`, { userId: await userId('puskesos.cinunuk') }, OfficerView)).status).toBe(200);
    const history = (await koordinator.get(url(CINUNUK, '/history'), HistoryList)).body.items.find((h) => h.entityId === iis.id && h.action === 'update');
    expect(history!.changes.account).toEqual({ from: 'puskesos.cinunuk', to: null });
    const { rows } = await t.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'puskesos.accounts.read'");
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('picker scope: the village\'s koordinator and the kabupaten; 404 to another village\'s, 403 to the supervisor, the village head and the executive', async () => {
    const soreangKoordinator = 'koordinator.soreang.akun';
    await createUserDirect(t.deps.db, '3204', { username: soreangKoordinator, displayName: 'Koordinator Soreang', password: DEMO_PASSWORD, roles: [{ role: 'puskesos_coordinator', areaCode: SOREANG }] });
    expect((await (await t.as('kabupaten')).get(url(CINUNUK, '/accounts'), PuskesosAccountList)).status).toBe(200);
    expect((await (await t.as(soreangKoordinator)).get(url(CINUNUK, '/accounts'), PuskesosAccountList)).status).toBe(404);
    expect((await (await t.as(soreangKoordinator)).get(url(SOREANG, '/accounts'), PuskesosAccountList)).status).toBe(200);
    for (const user of ['supervisor.cileunyi', 'kades.cinunuk', 'eksekutif', 'puskesos.cinunuk']) expect((await (await t.as(user)).get(url(CINUNUK, '/accounts'), PuskesosAccountList)).status, user).toBe(403);
    // linking: the same gate (another village's koordinator does not find the officer)
    const officer = await anOfficer(t.deps, { name: 'Nana Suryana', position: 'psm' });
    expect((await (await t.as(soreangKoordinator)).patch(`/api/v1/puskesos-officers/${officer.id}`, { userId: null }, OfficerView)).status).toBe(404);
    expect((await (await t.as('kades.cinunuk')).patch(`/api/v1/puskesos-officers/${officer.id}`, { userId: null }, OfficerView)).status).toBe(403);
    expect((await (await t.as('eksekutif')).patch(`/api/v1/puskesos-officers/${officer.id}`, { userId: null }, OfficerView)).status).toBe(403);
    expect((await (await t.as('supervisor.cileunyi')).patch(`/api/v1/puskesos-officers/${officer.id}`, { userId: null }, OfficerView)).status).toBe(403);
  });
});

describe('handover', () => {
  it('hands over exactly what the village has open, signed by both, and the new koordinator sees it first', async () => {
    const open1 = await aCase(t.deps);
    const open2 = await aCase(t.deps, { fastTrack: true });
    await aCase(t.deps, { as: 'puskesos.soreang', village: SOREANG });
    const referral = await aReferral(t.deps);
    const proposal = await aProposal(t.deps);
    const kab = await t.as('kabupaten');
    await kab.put(url(CINUNUK), { status: 'active', host: 'village_office', facilities: [{ item: 'computer', condition: 'good', source: 'csr' }, { item: 'printer', condition: 'poor', source: 'village' }, { item: 'vehicle', condition: 'none' }] }, PuskesosProfile);
    const year = new Date().getFullYear();
    await kab.post(url(CINUNUK, '/funding'), { year, source: 'dana_desa', kind: 'budget', category: 'operational', amount: 12_000_000 }, FundingLine);
    await kab.post(url(CINUNUK, '/funding'), { year: year - 1, source: 'dana_desa', kind: 'budget', category: 'operational', amount: 9_000_000 }, FundingLine);

    const { rows } = await t.deps.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'koordinator.cinunuk'");
    const res = await kab.post(url(CINUNUK, '/handovers'), { role: 'koordinator', outgoingName: 'Ujang Mulyana', incomingName: 'Koordinator Puskesos Cinunuk', incomingUserId: rows[0]!.id }, HandoverView);
    expect(res.status).toBe(201);
    const s = res.body.snapshot;
    // open cases: the two new ones and the referred case (in progress); not Soreang's
    expect(s.openCases.map((c: { code: string }) => c.code).sort()).toEqual([open1.code, open2.code, (await caseCode(referral.caseId))].sort());
    expect(s.openReferrals).toEqual([expect.objectContaining({ number: referral.number, status: 'sent', organization: 'Dinas Kesehatan Kabupaten Bandung' })]);
    expect(s.pendingProposals).toEqual([expect.objectContaining({ code: proposal.code })]);
    expect(s.equipment.map((e: { item: string }) => e.item).sort()).toEqual(['computer', 'printer']);
    expect(s.budget).toEqual({ year, lines: [{ source: 'dana_desa', kind: 'budget', category: 'operational', amount: 12_000_000, status: 'entered' }] });
    expect(res.body.outgoingSigned).toBeNull();

    const koordinator = await t.as('koordinator.cinunuk');
    const out = await koordinator.post(`/api/v1/puskesos-handovers/${res.body.id}/sign`, { party: 'outgoing', name: 'Ujang Mulyana' }, HandoverView);
    expect(out.body.outgoingSigned).toMatchObject({ name: 'Ujang Mulyana' });
    const inc = await koordinator.post(`/api/v1/puskesos-handovers/${res.body.id}/sign`, { party: 'incoming', name: 'Asep Saepudin' }, HandoverView);
    expect(inc.body.incomingSigned).toMatchObject({ name: 'Asep Saepudin' });
    expect((await koordinator.post(`/api/v1/puskesos-handovers/${res.body.id}/sign`, { party: 'incoming', name: 'Lain' }, HandoverView)).status).toBe(409);
    expect((await (await t.as('puskesos.soreang')).post(`/api/v1/puskesos-handovers/${res.body.id}/sign`, { party: 'incoming', name: 'Lain' }, HandoverView)).status).toBe(403);

    // kept, and the new koordinator's first screen lists it
    const mine = await koordinator.get('/api/v1/puskesos/handovers/mine', HandoverList);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]!.snapshot.openCases).toHaveLength(3);
    expect((await (await t.as('supervisor.cileunyi')).get('/api/v1/puskesos/handovers/mine', HandoverList)).body.items).toHaveLength(0);
    expect((await (await t.as('supervisor.cileunyi')).get(url(CINUNUK, '/handovers'), HandoverList)).body.items).toHaveLength(1);
    expect((await (await t.as('kades.cinunuk')).post(url(CINUNUK, '/handovers'), { role: 'village_head', outgoingName: 'A', incomingName: 'B' }, HandoverView)).status).toBe(403);
  });
});

async function caseCode(id: string): Promise<string> {
  const { rows } = await t.deps.db.query<{ code: string }>('SELECT code FROM cases WHERE id = $1', [id]);
  return rows[0]!.code;
}

describe('training and competency', () => {
  it('shows the supervisor who lacks which training and prints the invitation list', async () => {
    const kab = await t.as('kabupaten');
    const basic = (await kab.post('/api/v1/trainings', { title: 'Dasar SLRT', organizer: 'kabupaten', topic: 'Alur layanan', hours: 16, certificate: true }, TrainingView)).body;
    const cm = (await kab.post('/api/v1/trainings', { title: 'Manajemen Kasus', organizer: 'province', topic: 'Asesmen', hours: 24, certificate: true }, TrainingView)).body;
    expect((await kab.post('/api/v1/trainings', { title: 'Dasar SLRT', organizer: 'kabupaten', topic: 'x', hours: 1, certificate: false }, TrainingView)).status).toBe(409);
    expect((await (await t.as('supervisor.cileunyi')).post('/api/v1/trainings', { title: 'X', organizer: 'kabupaten', topic: 'x', hours: 1, certificate: false }, TrainingView)).status).toBe(403);
    const comps = await kab.put('/api/v1/trainings/competencies', { positions: [{ position: 'koordinator', trainingIds: [basic.id, cm.id] }, { position: 'front_office', trainingIds: [basic.id] }] }, TrainingList);
    expect(comps.body.items.find((x) => x.id === basic.id)!.requiredFor.sort()).toEqual(['front_office', 'koordinator']);

    const a = await anOfficer(t.deps, { name: 'Rina Nurhayati', position: 'koordinator', village: '32.04.05.2002' });
    const b = await anOfficer(t.deps, { name: 'Tatang Sopandi', position: 'front_office', village: '32.04.05.2002' });
    await anOfficer(t.deps, { name: 'Lilis Permana', position: 'front_office', village: SOREANG });
    const session = await kab.post(`/api/v1/trainings/${basic.id}/sessions`, { startsOn: '2026-02-10', place: 'Gedung SLRT, Soreang', areaCode: '32.04' }, SessionView);
    expect(session.status).toBe(201);
    const att = await kab.put(`/api/v1/training-sessions/${session.body.id}/attendance`, { officerIds: [b.id] }, SessionView);
    expect(att.body.attendees).toBe(1);
    expect(att.body.attendeeIds).toEqual([b.id]);

    const sup = await t.as('supervisor.cileunyi');
    const gaps = await sup.get('/api/v1/trainings/gaps?area=32.04.05', TrainingGapList);
    expect(gaps.status).toBe(200);
    const byName = new Map(gaps.body.items.map((g: { name: string; missing: Array<{ title: string }> }) => [g.name, g.missing.map((m) => m.title).sort()]));
    expect(byName.get('Rina Nurhayati')).toEqual(['Dasar SLRT', 'Manajemen Kasus']);
    // each with its kecamatan: the kabupaten's view counts the gaps per kecamatan
    expect(gaps.body.items.find((g) => g.name === 'Rina Nurhayati')).toMatchObject({ villageName: 'Cileunyi Wetan', kecamatanCode: '32.04.05', kecamatanName: 'Cileunyi' });
    expect(byName.has('Tatang Sopandi')).toBe(false);
    expect(byName.has('Lilis Permana')).toBe(false);
    expect((await sup.get('/api/v1/trainings/gaps?area=32.04.37', TrainingGapList)).status).toBe(404);

    const officers = (await sup.get(url('32.04.05.2002', '/officers'), OfficerList)).body.items;
    expect(officers.find((o) => o.id === a.id)!.missingTrainings).toEqual(['Dasar SLRT', 'Manajemen Kasus']);
    expect(officers.find((o) => o.id === b.id)).toMatchObject({ trainings: ['Dasar SLRT'], missingTrainings: [] });

    // the kabupaten plans a session for those who lack the basic training: the invitation list
    kab.locale = 'id';
    const list = await kab.get(`/api/v1/trainings/${basic.id}/invitations?area=32.04`, TrainingGapList);
    // Asep, Cinunuk's koordinator from the first test, lacks it too
    expect(list.body.items.map((g: { name: string }) => g.name).sort()).toEqual(['Asep Saepudin', 'Lilis Permana', 'Rina Nurhayati']);
    const pdf = await kab.get(`/api/v1/trainings/${basic.id}/invitations?area=32.04&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.raw.rawPayload);
    expect(text).toContain('Daftar Undangan Pelatihan');
    expect(text).toContain('Rina Nurhayati');
    expect(text).toContain('Lilis Permana');
    const xlsx = await kab.get(`/api/v1/trainings/${basic.id}/invitations?area=32.04.05&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([['No', 'Nama', 'Jabatan', 'Desa/Kelurahan'], [1, 'Rina Nurhayati', 'Koordinator', 'Cileunyi Wetan'], [2, 'Asep Saepudin', 'Koordinator', 'Cinunuk']]);
  });
});
