import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActionLabel, auditPurposeLabel, t as msg, type AccessLogEntry } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aReferral } from '../referrals/testing.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { withSubjects } from '../audit/subject-queries.ts';

/**
 * "Who saw my data": a resident's access log through the API, built from audit events that
 * carry the person's id wherever they were written (a case, a referral read by a partner's
 * account or through a link, the household).
 */

let t: TestApp;
let referral: Awaited<ReturnType<typeof aReferral>>;
let personId: string;
let householdId: string;

beforeAll(async () => {
  t = await createTestApp();
  referral = await aReferral(t.deps, { accepted: true });
  const c = (await t.deps.db.query<{ person_id: string; household_id: string }>('SELECT person_id, household_id FROM cases WHERE id = $1', [referral.caseId])).rows[0]!;
  personId = c.person_id;
  householdId = c.household_id;
  // the partner reads the referral with its account, and a small partner through a link
  expect((await (await t.as('mitra.dinkes')).get(`/api/v1/referrals/${referral.id}`)).status).toBe(200);
  const link = await (await t.as('puskesos.cinunuk')).post(`/api/v1/referrals/${referral.id}/links`, {});
  expect(link.status).toBe(201);
  expect((await t.anonymous().get(`/api/v1/referral-links/${link.body.token}`)).status).toBe(200);
  // the officer opens the household
  expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/households/${householdId}`)).status).toBe(200);
});
afterAll(() => t.close());

async function log(username: string, id = personId) {
  return (await t.as(username)).get<{ items: AccessLogEntry[]; nextCursor: string | null }>(`/api/v1/persons/${id}/access-log?limit=200`);
}

describe('GET /api/v1/persons/:id/access-log', () => {
  it('lists the case, the partner\'s reads (account and link) and the household read, with who, role, organization and purpose', async () => {
    const res = await log('dpo');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items;
    for (const e of items) expect(Object.keys(e).sort()).toEqual(['action', 'actionLabel', 'actor', 'at', 'organization', 'purpose', 'purposeLabel', 'role', 'roleLabel']);
    expect(items.map((e) => e.action)).toEqual(expect.arrayContaining(['case.create', 'referral.create', 'referral.read', 'household.read']));
    const partner = items.find((e) => e.role === 'partner_officer' && e.action === 'referral.read');
    expect(partner).toMatchObject({ actor: 'Petugas Dinas Kesehatan', organization: 'Dinas Kesehatan Kabupaten Bandung' });
    expect(partner?.purpose).toBeTruthy();
    const viaLink = items.find((e) => e.role === 'link' && e.action === 'referral.read');
    expect(viaLink?.organization).toBe('Dinas Kesehatan Kabupaten Bandung');
    expect(items.find((e) => e.action === 'household.read')?.actor).toBe('Petugas Puskesos Cinunuk');
    // newest first
    const times = items.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('names each action, role and purpose in the reader\'s language, keeping the codes for machines', async () => {
    const dpo = await t.as('dpo');
    dpo.locale = 'id';
    const id = (await dpo.get<{ items: AccessLogEntry[] }>(`/api/v1/persons/${personId}/access-log?limit=200`)).body.items;
    const partner = id.find((e) => e.role === 'partner_officer' && e.action === 'referral.read');
    expect(partner).toMatchObject({ actionLabel: 'Membaca rujukan', roleLabel: msg('id', 'role.partner_officer'), purpose: 'referral.handling', purposeLabel: 'Penanganan rujukan' });
    // a partner acting through a signed link has a role by name too
    expect(id.find((e) => e.role === 'link')?.roleLabel).toBe('Mitra melalui tautan rujukan');
    for (const e of id) {
      expect(e.actionLabel).toBe(auditActionLabel('id', e.action));
      // every purpose recorded here has a label (not its code)
      if (e.purpose) expect(e.purposeLabel, e.purpose).not.toBe(e.purpose);
      expect(e.purposeLabel).toBe(e.purpose ? auditPurposeLabel('id', e.purpose) : null);
    }
    dpo.locale = 'en';
    try {
      const en = (await dpo.get<{ items: AccessLogEntry[] }>(`/api/v1/persons/${personId}/access-log?limit=200`)).body.items;
      expect(en.find((e) => e.role === 'partner_officer' && e.action === 'referral.read'))
        .toMatchObject({ actionLabel: 'Read a referral', roleLabel: 'Partner officer', purposeLabel: 'Handling a referral' });
    } finally {
      dpo.locale = 'en';
    }
  });

  it('finds events recorded against case and referral ids only, which a search by the person\'s id in record_ids misses', async () => {
    const missed = await t.deps.db.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_events WHERE details -> 'subjects' -> 'persons' ? $1 AND NOT ($1 = ANY(record_ids))`, [personId],
    );
    const actions = missed.rows.map((r) => r.action);
    expect(actions.length).toBeGreaterThan(2);
    expect(actions).toEqual(expect.arrayContaining(['referral.accept']));
    const logged = new Set((await log('dpo')).body.items.map((e) => e.action));
    for (const a of actions) expect(logged.has(a), a).toBe(true);
    const { rows } = await t.deps.db.query<{ details: { subjects: { persons: string[]; households: string[] } } }>(
      `SELECT details FROM audit_events WHERE action = 'case.create' AND $1 = ANY(record_ids)`, [referral.caseId],
    );
    expect(rows[0]?.details.subjects).toEqual({ persons: [personId], households: [householdId] });
  });

  it('names, where the caller passed the subjects it had just read, the same persons and households as the lookup by record ids', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const { nik } = (await t.deps.db.query<{ nik: string }>('SELECT nik FROM persons WHERE id = $1', [personId])).rows[0]!;
    expect(nik).toBeTruthy();
    for (const url of [`/api/v1/cases/${referral.caseId}`, '/api/v1/cases?list=all&limit=50', `/api/v1/persons?nik=${nik}`]) expect((await officer.get(url)).status, url).toBe(200);
    const passed = ['case.read', 'case.list', 'person.search', 'case.create', 'referral.create', 'case.need_status'];
    const { rows } = await t.deps.db.query<{ action: string; record_type: string; record_ids: string[]; details: { subjects: { persons: string[]; households: string[] } } }>(
      `SELECT action, record_type, record_ids, details FROM audit_events WHERE action = ANY($1::text[]) AND details ? 'subjects'`, [passed],
    );
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(passed));
    const sorted = (x: { persons: string[]; households: string[] } | undefined) => x && { persons: [...x.persons].sort(), households: [...x.households].sort() };
    for (const r of rows) {
      const looked = await withSubjects(t.deps.db, '3204', { action: r.action, recordType: r.record_type, recordIds: r.record_ids });
      expect(sorted(r.details.subjects), r.action).toEqual(sorted(looked.details?.subjects as { persons: string[]; households: string[] } | undefined));
    }
  });

  it('lists a household read in every member\'s log, but not another member\'s case', async () => {
    const h = (await t.deps.db.query<{ kk: string; family_id: string; village_code: string }>(
      'SELECT p.kk, p.family_id, p.village_code FROM persons p WHERE p.id = $1', [personId],
    )).rows[0]!;
    const sibling = await aPerson(t.deps.db, {
      household: { id: householdId, familyId: h.family_id, kk: h.kk, villageCode: h.village_code, kabCode: '3204' },
      fullName: 'Rina Marlina', relationship: 'child',
    });
    const theirs = (await log('dpo', sibling.id)).body.items;
    expect(theirs.some((e) => e.action === 'household.read')).toBe(true);
    expect(theirs.some((e) => e.action === 'case.create' || e.action === 'referral.read')).toBe(false);
  });

  it('pages with nextCursor without repeating an event', async () => {
    const client = await t.as('auditor');
    const first = await client.get<{ items: AccessLogEntry[]; nextCursor: string | null }>(`/api/v1/persons/${personId}/access-log?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toMatch(/^\d+$/);
    const second = await client.get<{ items: AccessLogEntry[] }>(`/api/v1/persons/${personId}/access-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(Date.parse(second.body.items[0]!.at)).toBeLessThanOrEqual(Date.parse(first.body.items[1]!.at));
    expect((await client.get(`/api/v1/persons/${personId}/access-log?cursor=abc`)).body.error.fields).toHaveProperty('cursor');
  });

  it('is for the DPO, the auditor and the officers holding the person\'s case: 404 for others in scope, 403 for roles without it', async () => {
    for (const who of ['dpo', 'auditor', 'puskesos.cinunuk', 'koordinator.cinunuk', 'supervisor.cileunyi', 'kabupaten']) expect((await log(who)).status, who).toBe(200);
    expect((await log('puskesos.soreang')).status).toBe(404);
    for (const who of ['eksekutif', 'mitra.dinkes', 'admin']) expect((await log(who)).status, who).toBe(403);
    // a Cinunuk resident without any case: the village officer holds no case of theirs
    const noCase = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Tanpa Kasus' });
    expect((await log('puskesos.cinunuk', noCase.id)).status).toBe(404);
    expect((await log('dpo', noCase.id)).status).toBe(200);
    expect((await log('dpo', '01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('records the reading of the log itself, so it shows in the log', async () => {
    await log('auditor');
    const items = (await log('dpo')).body.items;
    expect(items.some((e) => e.action === 'person.access_log' && e.actor === 'Auditor Data Pribadi')).toBe(true);
  });
});

describe('GET /api/v1/persons/:id/access-log.pdf', () => {
  it('prints the resident\'s report: the data held and who processed it', async () => {
    const asked = await (await t.as('dpo')).post('/api/v1/data-requests', { personId, kind: 'access', channel: 'walk_in', details: 'Data saya dan siapa yang melihatnya.' });
    expect(asked.status).toBe(201);
    const res = await (await t.as('dpo')).get(`/api/v1/persons/${personId}/access-log.pdf`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toBe('application/pdf');
    const text = await pdfText(res.raw.rawPayload);
    expect(text).toContain('LAPORAN DATA PRIBADI DAN PEMROSESANNYA');
    expect(text).toContain('Dinas Kesehatan Kabupaten Bandung');
    expect(text).toContain('Petugas Dinas Kesehatan');
    expect(text).toContain('Siti Aminah');
    expect(text).not.toMatch(/\d{16}/);
    // actions and roles by label, never by code
    expect(text).toContain('Membaca rujukan');
    expect(text).toContain('Membaca data rumah tangga');
    expect(text).toContain(msg('id', 'role.partner_officer'));
    // purposes, the link's role, the case's status and sectors, the request's kind and status: by label too
    expect(text).toContain('Penanganan rujukan');
    expect(text).toContain('Mitra melalui tautan rujukan');
    expect(text).toContain('Layanan ditetapkan, sedang ditangani');
    expect(text).toContain('Permintaan Anda tentang data pribadi (1)');
    expect(text).toContain('Akses data · Menunggu jawaban');
    for (const code of ['referral.read', 'household.read', 'case.create', 'partner_officer', 'puskesos_officer', 'referral.handling', 'case.handling', 'in_progress', '(link)', 'received']) {
      expect(text).not.toContain(code);
    }
    const printed = await t.deps.db.query(`SELECT 1 FROM audit_events WHERE action = 'person.access_report.print' AND $1 = ANY(record_ids)`, [personId]);
    expect(printed.rows).toHaveLength(1);
  });

  it('prints the report in English when asked (lang=en); 400 for another language', async () => {
    const dpo = await t.as('dpo');
    const text = await pdfText((await dpo.get(`/api/v1/persons/${personId}/access-log.pdf?lang=en`)).raw.rawPayload);
    expect(text).toContain(msg('en', 'privacy.report.title').toUpperCase());
    expect(text).toContain('Read a referral');
    expect(text).toContain('Partner officer');
    expect(text).not.toContain('referral.read');
    expect((await dpo.get(`/api/v1/persons/${personId}/access-log.pdf?lang=fr`)).body.error.fields).toHaveProperty('lang');
  });
});

describe('GET /api/v1/privacy/persons?nik=', () => {
  it('finds a resident by NIK for the DPO; 404 unknown, 400 malformed, 403 for others', async () => {
    const p = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Dewi Lestari' });
    const dpo = await t.as('dpo');
    const found = await dpo.get(`/api/v1/privacy/persons?nik=${p.nik}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: p.id, fullName: 'Dewi Lestari', restriction: null });
    expect((await dpo.get('/api/v1/privacy/persons?nik=3204050000000000')).status).toBe(404);
    const bad = await dpo.get('/api/v1/privacy/persons?nik=12ab');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['nik']);
    expect((await (await t.as('auditor')).get(`/api/v1/privacy/persons?nik=${p.nik}`)).status).toBe(403);
  });
});
