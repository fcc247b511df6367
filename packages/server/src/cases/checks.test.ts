import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNik } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aHousehold, aPerson, CINUNUK, contextAs } from '../registry/testing.ts';
import { applyRegistryChanges } from '../registry/changes.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { aCase } from './testing.ts';

/** Checks a real office relies on (issue 12, items 9-15). */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const todayWib = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Jakarta' });
const dayOffset = (ymd: string, days: number) => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('one rule for the date of a field visit (item 9)', () => {
  it('refuses a future visit date on a case\'s field verification, as proposal verification does, naming visitedOn', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const c = await aCase(t.deps);
    await officer.post(`/api/v1/cases/${c.id}/check-registry`, {});
    await officer.post(`/api/v1/cases/${c.id}/request-verification`, {});
    const body = { outcome: 'confirmed', notes: 'Sesuai.' };
    const future = await officer.post(`/api/v1/cases/${c.id}/record-verification`, { ...body, visitedOn: dayOffset(todayWib(), 1) });
    expect(future.status).toBe(400);
    expect(future.body.error.fields).toEqual({ visitedOn: 'The visit date cannot be after today.' });
    const before = await officer.post(`/api/v1/cases/${c.id}/record-verification`, { ...body, visitedOn: '2020-01-01' });
    expect(before.status).toBe(400);
    expect(before.body.error.fields).toHaveProperty('visitedOn');
    const indonesian = await officer.request('POST', `/api/v1/cases/${c.id}/record-verification`, { ...body, visitedOn: '2999-05-01' }, { 'accept-language': 'id' });
    expect(indonesian.body.error.fields.visitedOn).toBe('Tanggal kunjungan tidak boleh setelah hari ini.');
    const ok = await officer.post(`/api/v1/cases/${c.id}/record-verification`, { ...body, visitedOn: todayWib() });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('verified');
  });
});

describe('an invalid NIK says which rule failed, at the same field path as its warnings (item 15)', () => {
  const intake = (nik: string, extra: Record<string, unknown> = {}) => ({
    channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Butuh bantuan berobat.', needs: [{ sector: 'health', urgency: 'normal', request: 'Berobat' }],
    newPerson: { nik, fullName: 'Warga Baru', sex: 'F', birthDate: '1990-02-03', household: { villageCode: CINUNUK }, ...extra },
  });

  it('names the length, the digits, the date and the serial in the officer\'s language under newPerson.nik', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const good = composeNik({ kecamatanCode: '32.04.05', birthDate: '1990-02-03', sex: 'F', serial: 41 });
    const cases: Array<[string, string]> = [
      [good.slice(0, 15), 'NIK harus 16 digit (sekarang 15).'],
      [`${good.slice(0, 15)}A`, 'NIK hanya boleh berisi angka.'],
      [`${good.slice(0, 6)}990231${good.slice(12)}`, 'Tanggal lahir pada NIK (digit 7-12) tidak mungkin: tanggal tidak ada atau usia di luar 0-120 tahun.'],
      [`${good.slice(0, 12)}0000`, 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.'],
    ];
    for (const [nik, message] of cases) {
      const res = await officer.request('POST', '/api/v1/cases', intake(nik), { 'accept-language': 'id' });
      expect(res.status, nik).toBe(400);
      expect(res.body.error.fields, nik).toEqual({ 'newPerson.nik': message });
    }
    const english = await officer.post('/api/v1/cases', intake(good.slice(0, 15)));
    expect(english.body.error.fields).toEqual({ 'newPerson.nik': 'A NIK has 16 digits (this one has 15).' });
  });

  it('puts the warning of a NIK whose region is unknown under the same path', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const unknownRegion = composeNik({ kecamatanCode: '32.98.05', birthDate: '1990-02-03', sex: 'F', serial: 42 });
    const res = await officer.post('/api/v1/cases', intake(unknownRegion));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['newPerson.nik']);
    expect(res.body.error.warnings.map((w: { code: string }) => w.code)).toEqual(['nik_region_unknown']);
  });
});

describe('the decile read from one place (item 12) and letters\' dates through one formatter (item 14)', () => {
  it('copies the national answer\'s household desil to its members: search, person view, export and certificate agree, dated "1 Oktober 2025"', async () => {
    const household = await aHousehold(t.deps.db, { village: CINUNUK });
    const head = await aPerson(t.deps.db, { household, fullName: 'Ujang Sopandi', sex: 'M', birthDate: '1970-03-04' });
    const wife = await aPerson(t.deps.db, { household, fullName: 'Imas Masitoh', sex: 'F', relationship: 'spouse' });
    // the national answer lands on the household, as submissions/answer.ts applies it (an import)
    const ctx = await contextAs(t.deps, 'kabupaten');
    await t.deps.db.transaction((tx) => applyRegistryChanges(tx, ctx, {
      recordType: 'household', recordId: household.id, reason: 'Jawaban DTSEN', source: { type: 'import', id: household.id }, permission: 'registry.write',
      changes: { desil: 2, desilSource: 'DTSEN', desilDate: '2025-10-01' },
    }));
    const officer = await t.as('puskesos.cinunuk');
    const found = (await officer.get(`/api/v1/persons?nik=${wife.nik}`)).body.items[0];
    expect(found).toMatchObject({ id: wife.id, desil: 2, desilDate: '2025-10-01' });
    expect((await officer.get(`/api/v1/persons/${head.id}`)).body).toMatchObject({ desil: 2, desilSource: 'DTSEN' });
    const exported = String((await (await t.as('kabupaten')).get(`/api/v1/registry/export?area=${CINUNUK}`)).body);
    const line = exported.split('\r\n').find((l) => l.includes(wife.nik!)) ?? exported.split('\n').find((l) => l.includes(wife.nik!));
    expect(line).toContain(',2,DTSEN,2025-10-01,');

    // a registry certificate for the head: the desil and its date as every other date on the letter
    const c = await aCase(t.deps, { person: head });
    await officer.post(`/api/v1/cases/${c.id}/check-registry`, {});
    const coordinator = await t.as('koordinator.cinunuk');
    const cert = await coordinator.post(`/api/v1/cases/${c.id}/letters`, { kind: 'registry_certificate' });
    expect(cert.status).toBe(201);
    const text = await pdfText((await coordinator.get(`/api/v1/cases/${c.id}/letters/${cert.body.id}/pdf`)).raw.rawPayload);
    expect(text).toContain('1 Oktober 2025');
    expect(text).toContain('4 Maret 1970');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});

describe('a resident registered in another village of the kabupaten (item 13)', () => {
  it('tells a Cinunuk officer searching the NIK which village (its name only), and starts the case at that village\'s Puskesos', async () => {
    const soreangResident = await aPerson(t.deps.db, { village: '32.04.37.2001', fullName: 'Cucu Sumiati' });
    const officer = await t.as('puskesos.cinunuk');
    const found = await officer.get(`/api/v1/persons?nik=${soreangResident.nik}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([]);
    expect(found.body.elsewhere).toEqual({ villageCode: '32.04.37.2001', villageName: expect.stringMatching(/soreang/i) });
    expect(JSON.stringify(found.body)).not.toContain('Cucu');
    // someone nowhere in the kabupaten: nothing to say
    const nobody = await officer.get('/api/v1/persons?nik=3204054101900099');
    expect(nobody.body.elsewhere ?? null).toBeNull();

    const started = await officer.post('/api/v1/cases/at-resident-village', {
      nik: soreangResident.nik, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Warga Soreang datang ke Cinunuk.',
      needs: [{ sector: 'health', urgency: 'high', request: 'Berobat ke puskesmas' }],
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ villageCode: '32.04.37.2001', case: null, code: expect.stringMatching(/^3204-/) });
    const soreang = await t.as('puskesos.soreang');
    const there = await soreang.get(`/api/v1/cases/${started.body.id}`);
    expect(there.status).toBe(200);
    expect(there.body).toMatchObject({ person: { id: soreangResident.id }, villageCode: '32.04.37.2001', registeredBy: { name: 'Petugas Puskesos Cinunuk' } });
    const notes = (await soreang.get('/api/v1/notifications')).body.items.filter((n: { recordId: string }) => n.recordId === started.body.id);
    expect(notes.map((n: { kind: string }) => n.kind)).toEqual(['case.started_for_village']);
    expect((await officer.get(`/api/v1/cases/${started.body.id}`)).status).toBe(404);

    const unknown = await officer.post('/api/v1/cases/at-resident-village', {
      nik: '3204054101900099', channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'x', needs: [{ sector: 'health', urgency: 'high', request: 'x' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toHaveProperty('nik');
    expect((await (await t.as('eksekutif')).post('/api/v1/cases/at-resident-village', { nik: soreangResident.nik })).status).toBe(403);
  });
});

describe('coded values read as labels on the referral letter (item 7)', () => {
  it('prints "BPJS Kesehatan/JKN PBI" and "Berjalan: ..." instead of pbi_jkn and walking: a_lot', async () => {
    const { aReferral } = await import('../referrals/testing.ts');
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Onah Rohanah', healthInsurance: ['pbi_jkn'], disability: { walking: 'a_lot' } });
    const r = await aReferral(t.deps, { person, service: 'Pelayanan pasien tidak mampu (PBI dan jaminan daerah)', input: { sharedFields: ['fullName', 'healthInsurance', 'disability'] } });
    const officer = await t.as('puskesos.cinunuk');
    expect((await officer.post(`/api/v1/referrals/${r.id}/letter`, {})).status).toBe(201);
    const text = await pdfText((await officer.get(`/api/v1/referrals/${r.id}/letter.pdf`)).raw.rawPayload);
    expect(text).toContain('BPJS Kesehatan/JKN PBI');
    expect(text).not.toContain('pbi_jkn');
    expect(text).not.toContain('a_lot');
    expect(text).not.toContain('walking');
    expect(text).toContain('Berjalan/naik tangga: Banyak kesulitan');
  });
});

describe('fast-track reasons checked against the record (item 10)', () => {
  const body = (personId: string, extra: Record<string, unknown> = {}) => ({
    personId, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Butuh bantuan.', fastTrack: true, fastTrackReasons: ['elderly'],
    needs: [{ sector: 'social_assistance', urgency: 'normal', request: 'Bantuan sembako' }], ...extra,
  });

  it('refuses "elderly" for a 41-year-old unless a reason is typed, which the timeline keeps; accepts it for a 70-year-old', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const today = todayWib();
    const young = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Iis Rahayu', birthDate: `${Number(today.slice(0, 4)) - 41}-01-15` });
    const refused = await officer.post('/api/v1/cases', body(young.id));
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields)).toEqual(['fastTrackReasons.0']);
    const man = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Dede Kurnia', sex: 'M', birthDate: '1990-01-01' });
    const pregnantMan = await officer.post('/api/v1/cases', body(man.id, { fastTrackReasons: ['urgent_health', 'pregnant_breastfeeding'] }));
    expect(Object.keys(pregnantMan.body.error.fields)).toEqual(['fastTrackReasons.1']);

    const kept = await officer.post('/api/v1/cases', body(young.id, { fastTrackOverride: 'Tampak jauh lebih tua; KTP hilang, tanggal lahir di registri diragukan.' }));
    expect(kept.status).toBe(201);
    expect(kept.body.fastTrack).toBe(true);
    expect(kept.body.timeline[0].details).toMatchObject({ fastTrackOverride: 'Tampak jauh lebih tua; KTP hilang, tanggal lahir di registri diragukan.', fastTrackContradicted: ['elderly'] });

    const old = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Mak Icih', birthDate: '1955-03-01' });
    expect((await officer.post('/api/v1/cases', body(old.id))).status).toBe(201);
  });
});
