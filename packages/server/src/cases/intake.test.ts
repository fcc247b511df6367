import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNik, CaseView, PersonSearchPage, SlaSettingsView } from '@slrt/core';
import type { QueryResult, Tx } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK, SOREANG } from '../registry/testing.ts';
import { TWO_NEEDS } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const intake = (personId: string, extra: Record<string, unknown> = {}) => ({
  personId,
  channel: 'walk_in_puskesos',
  kind: 'complaint',
  complaint: 'Anak saya sakit, tidak ada biaya ke rumah sakit.',
  needs: TWO_NEEDS,
  ...extra,
});

async function auditOf(recordId: string) {
  const { rows } = await t.deps.db.query<{ action: string; actor_name: string }>(
    'SELECT action, actor_name FROM audit_events WHERE $1 = ANY(record_ids) ORDER BY seq', [recordId]);
  return rows;
}

describe('POST /api/v1/cases (intake)', () => {
  it('registers a case for a resident found in the registry and answers the contract shape', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Siti Rahayu' });
    const officer = await t.as('puskesos.cinunuk');
    const res = await officer.post('/api/v1/cases', intake(person.id), CaseView);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'registered', level: 'village', villageCode: CINUNUK, urgency: 'high', fastTrack: false });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.code).toMatch(/^3204-\d{4}-\d{6}$/);
    // the resident's tracking code is random, ten characters without look-alikes, not the case number
    expect(res.body.trackingCode).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(res.body.needs).toHaveLength(2);
    expect(res.body.needs[0]).toMatchObject({ id: expect.any(String), sector: 'health', urgency: 'high', status: 'open' });
    expect(res.body.person).toMatchObject({ id: person.id, fullName: 'Siti Rahayu', registryStatus: 'registered' });
    expect(res.body.person.nikMasked).toBe(`${person.nik!.slice(0, 4)}********${person.nik!.slice(-4)}`);
    expect(JSON.stringify(res.body)).not.toContain(person.nik);
    expect(res.body.trackingPin).toBeNull();
    // high urgency: 3 days to first action
    expect(new Date(res.body.dueAt).getTime() - new Date(res.body.registeredAt).getTime()).toBe(3 * 86_400_000);
    expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual(['register']);
    expect(res.body.allowedActions).toEqual(['close_at_front_office', 'check_registry', 'escalate', 'transfer', 'close']);
    expect((await auditOf(res.body.id)).map((a) => a.action)).toContain('case.create');
  });
});

describe('intake: a new resident, consent, fast track', () => {
  it('captures a person missing from the national data and flags the case for a registry proposal', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const nik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1990-02-03', sex: 'F', serial: 4321 });
    const res = await officer.post('/api/v1/cases', {
      newPerson: { nik, fullName: 'Euis Kurniasih', sex: 'F', birthDate: '1990-02-03', household: { villageCode: CINUNUK, address: 'Kp. Cinunuk RT 02', rt: '2', rw: '5' } },
      channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Belum terdaftar bantuan.',
      needs: [{ sector: 'social_assistance', urgency: 'normal', request: 'Didaftarkan sebagai penerima bantuan' }],
    }, CaseView);
    expect(res.status).toBe(201);
    expect(res.body.person).toMatchObject({ fullName: 'Euis Kurniasih', registryStatus: 'not_registered' });
    expect(res.body.needsRegistryProposal).toBe(true);
    expect(res.body.registryProposalId).toBeNull();
    expect(res.body.timeline[0]!.details).toMatchObject({ newPerson: true, needsRegistryProposal: true });
    const { rows } = await t.deps.db.query<{ registry_status: string; village_code: string }>('SELECT registry_status, village_code FROM persons WHERE id = $1', [res.body.person.id]);
    expect(rows[0]).toEqual({ registry_status: 'not_registered', village_code: CINUNUK });
    expect((await auditOf(res.body.person.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['person.create', 'case.create']));
  });

  it('writes nothing when the new person is refused (all or nothing)', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const before = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM households');
    const res = await officer.post('/api/v1/cases', {
      newPerson: { fullName: 'Warga Soreang', sex: 'M', household: { villageCode: SOREANG } },
      channel: 'walk_in_puskesos', kind: 'question', complaint: 'Tanya', needs: [{ sector: 'other', urgency: 'normal', request: 'Info' }],
    }, CaseView);
    expect(res.status).toBe(400);
    expect(res.error?.fields).toHaveProperty(['household.villageCode']);
    const after = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM households');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('gives a resident without a NIK a PIN for public tracking', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, nik: null });
    const res = await (await t.as('puskesos.cinunuk')).post('/api/v1/cases', intake(person.id), CaseView);
    expect(res.status).toBe(201);
    expect(res.body.person.nikMasked).toBeNull();
    expect(res.body.trackingPin).toMatch(/^\d{4}$/);
  });

  it('records the legal basis and consents, with a guardian for a child', async () => {
    const child = await aPerson(t.deps.db, { village: CINUNUK, birthDate: '2015-04-01', sex: 'M', relationship: 'child' });
    const officer = await t.as('puskesos.cinunuk');
    const consent = { purpose: 'photo_documentation', statement: 'Foto rumah boleh dipakai untuk laporan.', method: 'signature' };
    const bySelf = await officer.post('/api/v1/cases', intake(child.id, { legalBasis: 'consent', consents: [{ ...consent, givenBy: 'subject' }] }), CaseView);
    expect(bySelf.status).toBe(400);
    expect(bySelf.error?.fields).toHaveProperty(['consents.0.givenBy']);
    const noName = await officer.post('/api/v1/cases', intake(child.id, { consents: [{ ...consent, givenBy: 'guardian' }] }), CaseView);
    expect(noName.status).toBe(400);
    expect(noName.error?.fields).toHaveProperty(['consents.0.guardianName']);
    const ok = await officer.post('/api/v1/cases', intake(child.id, {
      legalBasis: 'consent', consents: [{ ...consent, givenBy: 'guardian', guardianName: 'Ibu Kandung', guardianRelationship: 'ibu' }],
    }), CaseView);
    expect(ok.status).toBe(201);
    expect(ok.body.legalBasis).toBe('consent');
    expect(ok.body.consents).toEqual([expect.objectContaining({ purpose: 'photo_documentation', givenBy: 'guardian', guardianName: 'Ibu Kandung', recordedBy: expect.objectContaining({ name: 'Petugas Puskesos Cinunuk' }) })]);
    const noConsent = await officer.post('/api/v1/cases', intake(child.id, { legalBasis: 'consent' }), CaseView);
    expect(noConsent.status).toBe(400);
    expect(noConsent.error?.fields).toHaveProperty('consents');
  });

  it('puts the fast track at least at high urgency and emergencies at one day', async () => {
    const officer = await t.as('fasilitator.cinunuk');
    // elderly by birth date: the fast track's reasons are checked against the record (checks.test.ts)
    const person = await aPerson(t.deps.db, { village: CINUNUK, birthDate: '1950-04-02' });
    const normal = [{ sector: 'elderly', urgency: 'normal', request: 'Kursi roda' }];
    const fast = await officer.post('/api/v1/cases', intake(person.id, { channel: 'facilitator_visit', needs: normal, fastTrack: true, fastTrackReasons: ['elderly', 'disability'] }), CaseView);
    expect(fast.status).toBe(201);
    expect(fast.body).toMatchObject({ fastTrack: true, fastTrackReasons: ['elderly', 'disability'], urgency: 'high' });
    const emergency = await officer.post('/api/v1/cases', intake(person.id, { needs: [{ sector: 'violence_abuse', urgency: 'emergency', request: 'Perlindungan' }] }), CaseView);
    expect(new Date(emergency.body.dueAt).getTime() - new Date(emergency.body.registeredAt).getTime()).toBe(86_400_000);
    const noReason = await officer.post('/api/v1/cases', intake(person.id, { fastTrack: true }), CaseView);
    expect(noReason.status).toBe(400);
    expect(noReason.error?.fields).toHaveProperty('fastTrackReasons');
  });

  it('uses the kabupaten\'s own SLA days once the manager sets them', async () => {
    const manager = await t.as('kabupaten');
    expect((await manager.get('/api/v1/cases/settings/sla', SlaSettingsView)).body).toEqual({ emergency: 1, high: 3, normal: 14 });
    const coordinator = await t.as('koordinator.cinunuk');
    expect((await coordinator.request('PUT', '/api/v1/cases/settings/sla', { emergency: 1, high: 2, normal: 7 })).status).toBe(403);
    expect((await manager.request('PUT', '/api/v1/cases/settings/sla', { emergency: 1, high: 2, normal: 0 })).status).toBe(400);
    const set = await manager.request('PUT', '/api/v1/cases/settings/sla', { emergency: 1, high: 2, normal: 7 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ emergency: 1, high: 2, normal: 7 });
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const res = await (await t.as('puskesos.cinunuk')).post('/api/v1/cases', intake(person.id, { needs: [{ sector: 'housing', urgency: 'normal', request: 'Rutilahu' }] }), CaseView);
    expect(new Date(res.body.dueAt).getTime() - new Date(res.body.registeredAt).getTime()).toBe(7 * 86_400_000);
    await manager.request('PUT', '/api/v1/cases/settings/sla', { emergency: 1, high: 3, normal: 14 });
  });
});

describe('intake: idempotency on a weak link', () => {
  it('returns the first case for a retry with the same Idempotency-Key, and refuses the key with another body', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const officer = await t.as('puskesos.cinunuk');
    const key = `hp-${person.id}`;
    const first = await officer.request('POST', '/api/v1/cases', intake(person.id), { 'idempotency-key': key });
    const retry = await officer.request('POST', '/api/v1/cases', intake(person.id), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.code).toBe(first.body.code);
    const { rows } = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE person_id = $1', [person.id]);
    expect(rows[0]!.n).toBe(1);
    const other = await officer.request('POST', '/api/v1/cases', intake(person.id, { complaint: 'Lain' }), { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.error?.code).toBe('conflict');
  });

  it('accepts clientRequestId in the body too, and survives two retries racing', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const officer = await t.as('puskesos.cinunuk');
    const body = intake(person.id, { clientRequestId: `race-${person.id}` });
    const [a, b] = await Promise.all([officer.post('/api/v1/cases', body, CaseView), officer.post('/api/v1/cases', body, CaseView)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const mismatch = await officer.request('POST', '/api/v1/cases', body, { 'idempotency-key': 'another-key-123' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.error?.fields).toHaveProperty('clientRequestId');
  });
});

describe('intake: refusals', () => {
  it('names the field for bad input and writes nothing', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const officer = await t.as('puskesos.cinunuk');
    const badSector = await officer.post('/api/v1/cases', intake(person.id, { needs: [{ sector: 'transport', urgency: 'normal', request: 'x' }] }), CaseView);
    expect(badSector.status).toBe(400);
    expect(badSector.error?.fields).toHaveProperty(['needs.0.sector']);
    const noNeeds = await officer.post('/api/v1/cases', intake(person.id, { needs: [] }), CaseView);
    expect(noNeeds.status).toBe(400);
    expect(noNeeds.error?.fields).toHaveProperty('needs');
    const neither = await officer.post('/api/v1/cases', { channel: 'online', kind: 'question', complaint: 'x', needs: TWO_NEEDS }, CaseView);
    expect(neither.status).toBe(400);
    expect(neither.error?.fields).toHaveProperty('personId');
    const badChannel = await officer.post('/api/v1/cases', intake(person.id, { channel: 'pigeon' }), CaseView);
    expect(badChannel.error?.fields).toHaveProperty('channel');
    const { rows } = await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE person_id = $1', [person.id]);
    expect(rows[0]!.n).toBe(0);
  });

  it('answers 404 for a resident outside the officer\'s village and 403 to roles without intake', async () => {
    const soreang = await aPerson(t.deps.db, { village: SOREANG });
    const res = await (await t.as('puskesos.cinunuk')).post('/api/v1/cases', intake(soreang.id), CaseView);
    expect(res.status).toBe(404);
    expect((await (await t.as('eksekutif')).post('/api/v1/cases', intake(soreang.id), CaseView)).status).toBe(403);
    expect((await (await t.as('mitra.dinkes')).post('/api/v1/cases', intake(soreang.id), CaseView)).status).toBe(403);
    expect((await t.anonymous().post('/api/v1/cases', intake(soreang.id), CaseView)).status).toBe(401);
  });

  it('speaks Indonesian by default', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const officer = await t.as('puskesos.cinunuk');
    const res = await officer.request('POST', '/api/v1/cases', intake(person.id, { fastTrack: true }), { 'accept-language': 'id' });
    expect(res.error?.fields?.fastTrackReasons).toBe('Jalur cepat membutuhkan paling sedikit satu alasan.');
  });
});

describe('contract: the residents of a village', () => {
  it('GET /api/v1/persons?area=<village> lists the residents the caller may see, for intake to pick from', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Warga Kontrak Cinunuk' });
    const mine = await (await t.as('puskesos.cinunuk')).get(`/api/v1/persons?area=${CINUNUK}&limit=100`, PersonSearchPage);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(person.id);
    const theirs = await (await t.as('puskesos.soreang')).get(`/api/v1/persons?area=${CINUNUK}&limit=100`, PersonSearchPage);
    expect((theirs.body.items ?? []).map((p: { id: string }) => p.id)).not.toContain(person.id);
  });
});

describe('intake: the answer, the serials, the cost', () => {
  it('answers exactly what a read of the case gives (the answer is built from what was inserted)', async () => {
    const child = await aPerson(t.deps.db, { village: CINUNUK, birthDate: '2016-07-01', sex: 'F', relationship: 'child' });
    const officer = await t.as('puskesos.cinunuk');
    const consent = (purpose: string) => ({ purpose, statement: `Setuju: ${purpose}`, method: 'verbal', givenBy: 'guardian', guardianName: 'Ayah Kandung', guardianRelationship: 'ayah' });
    const created = await officer.post('/api/v1/cases', intake(child.id, {
      fastTrack: true, fastTrackReasons: ['violence_women_children'], legalBasis: 'consent',
      consents: [consent('photo_documentation'), { ...consent('share_with_partners'), givenAt: '2026-01-02T03:04:05+07:00' }],
    }), CaseView);
    expect(created.status).toBe(201);
    expect(created.body.consents).toHaveLength(2);
    const read = await officer.get(`/api/v1/cases/${created.body.id}`, CaseView);
    expect(read.status).toBe(200);
    expect(created.body).toEqual(read.body);

    const nik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1985-11-20', sex: 'M', serial: 8765 });
    const fresh = await officer.post('/api/v1/cases', {
      newPerson: { nik, fullName: 'Asep Sunandar', sex: 'M', birthDate: '1985-11-20', household: { villageCode: CINUNUK, address: 'Kp. Babakan RT 01', rt: '1', rw: '3' } },
      channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Belum terdaftar.', needs: TWO_NEEDS,
    }, CaseView);
    expect(fresh.status).toBe(201);
    expect(fresh.body).toEqual((await officer.get(`/api/v1/cases/${fresh.body.id}`, CaseView)).body);
  });

  it('never gives two concurrent intakes the same tracking code', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const people = await Promise.all(Array.from({ length: 20 }, () => aPerson(t.deps.db, { village: CINUNUK })));
    const results = await Promise.all(people.map((p) => officer.post('/api/v1/cases', intake(p.id), CaseView)));
    expect(results.map((r) => r.status)).toEqual(people.map(() => 201));
    const codes = results.map((r) => r.body.code as string);
    expect(new Set(codes).size).toBe(20);
    // one month, one counter: the serials follow each other (no gap without a failure)
    const serials = codes.map((c) => Number(c.split('-')[2])).sort((a, b) => a - b);
    expect(serials.at(-1)! - serials[0]!).toBe(19);
    const { rows } = await t.deps.db.query<{ code: string }>('SELECT code FROM cases WHERE id = ANY($1::uuid[]) ORDER BY code', [results.map((r) => r.body.id)]);
    expect(rows.map((r) => r.code)).toEqual([...codes].sort());
  });

  it('takes few statements: no read-back of the case, the SLA days read once a minute', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK });
    const officer = await t.as('puskesos.cinunuk');
    await officer.post('/api/v1/cases', intake(person.id), CaseView); // warms the SLA days
    const db = t.deps.db;
    const statements: string[] = [];
    const { query, transaction } = db;
    db.query = <R,>(sql: string, params?: readonly unknown[]) => { statements.push(sql); return query.call(db, sql, params) as Promise<QueryResult<R>>; };
    db.transaction = <T,>(fn: (tx: Tx) => Promise<T>) => transaction.call(db, (tx) => {
      statements.push('BEGIN');
      const counted = Object.assign(Object.create(Object.getPrototypeOf(tx) as object) as Tx, tx, {
        query: <R,>(sql: string, params?: readonly unknown[]) => { statements.push(sql); return tx.query<R>(sql, params); },
      });
      return fn(counted).finally(() => statements.push('COMMIT'));
    }) as Promise<T>;
    try {
      const res = await officer.post('/api/v1/cases', intake(person.id), CaseView);
      expect(res.status).toBe(201);
    } finally {
      db.query = query;
      db.transaction = transaction;
    }
    // BEGIN, the person, the case with its rows and serial, the audit event (3), COMMIT; was 17
    expect(statements.length).toBeLessThanOrEqual(7);
    expect(statements.filter((s) => /case_sla_settings|FROM case_needs|FROM case_events|FROM case_consents/.test(s))).toEqual([]);
    expect(statements.filter((s) => /case_code_counters/.test(s))).toHaveLength(1);
  });
});
