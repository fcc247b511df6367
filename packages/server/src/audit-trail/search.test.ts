import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFile } from '../audit/anchor.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/** The auditor's workspace behind the web app: the trail searched, verified, anchored, exported. */

let t: TestApp;
let person: { id: string; nik: string | null };
beforeAll(async () => {
  t = await createTestApp();
  person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Siti Audit' });
  const officer = await t.as('puskesos.cinunuk');
  expect((await officer.get(`/api/v1/persons/${person.id}`)).status).toBe(200);
});
afterAll(() => t.close());

const lastEvent = async (action: string) => (await t.deps.db.query<{ record_type: string | null; record_ids: string[]; details: Record<string, unknown> | null; actor_name: string }>(
  'SELECT record_type, record_ids, details, actor_name FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1', [action])).rows[0];

describe('GET /api/v1/audit/events', () => {
  it('finds a person\'s events by NIK, names the person, and records the search against them without the NIK', async () => {
    const auditor = await t.as('auditor');
    auditor.locale = 'id';
    const res = await auditor.get(`/api/v1/audit/events?nik=${person.nik}`);
    expect(res.status).toBe(200);
    expect(res.body.person).toEqual({ id: person.id, fullName: 'Siti Audit' });
    const read = res.body.items.find((e: { action: string }) => e.action === 'person.read');
    expect(read).toMatchObject({ actorName: 'puskesos.cinunuk', actionLabel: 'Membaca data warga' });
    const searched = await lastEvent('audit.search_person');
    expect(searched).toMatchObject({ actor_name: 'auditor', record_type: 'person', record_ids: [person.id] });
    expect(JSON.stringify(searched!.details)).not.toContain(person.nik);
    // the person's access log shows that the auditor looked
    const dpo = await t.as('dpo');
    const log = await dpo.get(`/api/v1/persons/${person.id}/access-log`);
    expect(log.status).toBe(200);
    expect(log.body.items.some((e: { action: string }) => e.action === 'audit.search_person')).toBe(true);
  });

  it('narrows by user, action (prefix) and period, in the reader\'s language', async () => {
    const auditor = await t.as('auditor');
    auditor.locale = 'en';
    const today = new Date().toISOString().slice(0, 10);
    const res = await auditor.get(`/api/v1/audit/events?actor=puskesos.cinunuk&action=person.&from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const e of res.body.items) {
      expect(e.actorName).toBe('puskesos.cinunuk');
      expect(e.action.startsWith('person.')).toBe(true);
    }
    expect(res.body.items.find((e: { action: string }) => e.action === 'person.read').actionLabel).toBe('Read a resident\'s record');
    const before = await auditor.get(`/api/v1/audit/events?actor=puskesos.cinunuk&to=2000-01-01`);
    expect(before.body.items).toEqual([]);
    // an unknown NIK: nothing, and no person
    const nobody = await auditor.get('/api/v1/audit/events?nik=3204050101010001');
    expect(nobody.body).toMatchObject({ items: [], person: null });
  });

  it('answers 400 naming the field for a bad NIK or date, and 403 to other roles', async () => {
    const auditor = await t.as('auditor');
    const bad = await auditor.get('/api/v1/audit/events?nik=12ab');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('nik');
    const date = await auditor.get('/api/v1/audit/events?from=2024-02-30');
    expect(date.status).toBe(400);
    expect(date.body.error.fields).toHaveProperty('from');
    expect((await (await t.as('puskesos.cinunuk')).get('/api/v1/audit/events')).status).toBe(403);
    expect((await (await t.as('dpo')).get('/api/v1/audit/events')).status).toBe(403);
  });
});

describe('GET /api/v1/audit/events.csv', () => {
  it('exports the search with labelled columns through the one CSV writer, and records the export', async () => {
    const auditor = await t.as('auditor');
    auditor.locale = 'id';
    const res = await auditor.get(`/api/v1/audit/events.csv?nik=${person.nik}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="audit-trail-3204-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = res.raw.body;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('No. urut,Waktu,Pengguna,Peran,Kode kegiatan,Kegiatan,Jenis data,Id data,Tujuan,Alamat klien');
    expect(lines.some((l) => l.includes('person.read,Membaca data warga') && l.includes('Petugas Puskesos'))).toBe(true);
    expect(await lastEvent('audit.export')).toMatchObject({ record_type: 'person', record_ids: [person.id] });
  });
});

describe('GET /api/v1/audit/anchors', () => {
  it('lists the signed anchors newest first, a forged line marked unsigned; the DPO may see them too', async () => {
    const auditor = await t.as('auditor');
    expect((await auditor.get('/api/v1/audit/verify')).body.ok).toBe(true);
    const first = await auditor.get('/api/v1/audit/anchors');
    expect(first.status).toBe(200);
    expect(first.body.external).toBe(false);
    expect(first.body.items[0]).toMatchObject({ signed: true });
    const top = first.body.items[0];
    fs.appendFileSync(anchorFile(t.deps.config.dataDir), `${JSON.stringify({ kabCode: '3204', seq: top.seq + 100, hash: 'f'.repeat(64), at: new Date().toISOString(), mac: '00'.repeat(32) })}\n`);
    const dpo = await t.as('dpo');
    const after = await dpo.get('/api/v1/audit/anchors');
    expect(after.status).toBe(200);
    expect(after.body.items[0]).toMatchObject({ seq: top.seq + 100, signed: false });
    expect(after.body.items[1]).toEqual(top);
    expect((await dpo.get('/api/v1/audit/verify')).body.ok).toBe(true);
    expect((await (await t.as('puskesos.cinunuk')).get('/api/v1/audit/anchors')).status).toBe(403);
  });
});
