import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Breach } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK, SOREANG } from '../registry/testing.ts';
import { pdfText } from '../letters/pdf-text.ts';

/**
 * The breach register through the API: the 72 hour clock, the persons affected computed from
 * what a misused account read in the period, and the letters.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const HOUR = 3_600_000;

describe('breaches', () => {
  it('computes the persons affected from what the misused account read in the period, and prints the letters', async () => {
    const from = new Date(Date.now() - 60_000).toISOString();
    const read1 = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Ika Rahmawati' });
    const read2 = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Jajang Nurjaman' });
    const notRead = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Komar Sudrajat' });
    const other = await aPerson(t.deps.db, { village: SOREANG, fullName: 'Lilis Suryani' });
    const misused = await t.as('puskesos.cinunuk');
    for (const p of [read1, read2]) expect((await misused.get(`/api/v1/persons/${p.id}`)).status).toBe(200);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/persons/${other.id}`)).status).toBe(200);
    const to = new Date(Date.now() + 1000).toISOString();

    const foundAt = new Date(Date.now() - 100 * HOUR).toISOString();
    const dpo = await t.as('dpo');
    const res = await dpo.post<Breach>('/api/v1/breaches', {
      title: 'Akun petugas dipakai orang lain', description: 'Kata sandi petugas diketahui pihak lain yang membuka data warga.',
      foundAt, occurredFrom: from, occurredTo: to, dataCategories: ['identity', 'welfare'],
      cause: 'Kata sandi ditulis di meja loket.', measures: 'Kata sandi diganti, sesi dicabut, petugas dilatih.', accountUsername: 'puskesos.cinunuk',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.personsAffected).toBe(2);
    expect(Date.parse(res.body.notifyDueAt) - Date.parse(foundAt)).toBe(72 * HOUR);
    expect(res.body.overdue).toBe(true);
    const affected = await t.deps.db.query<{ person_id: string }>('SELECT person_id FROM breach_persons WHERE breach_id = $1', [res.body.id]);
    expect(affected.rows.map((r) => r.person_id).sort()).toEqual([read1.id, read2.id].sort());
    expect(affected.rows.map((r) => r.person_id)).not.toContain(notRead.id);

    const authority = await dpo.get(`/api/v1/breaches/${res.body.id}/letters.pdf?recipient=authority`);
    expect(authority.status).toBe(200);
    const letter = await pdfText(authority.raw.rawPayload);
    expect(letter).toContain('Lembaga Pelindungan Data Pribadi');
    expect(letter).toContain('Akun petugas dipakai orang lain');
    expect(letter).toContain('Kata sandi diganti, sesi dicabut, petugas dilatih.');
    const persons = await pdfText((await dpo.get(`/api/v1/breaches/${res.body.id}/letters.pdf?recipient=persons`)).raw.rawPayload);
    expect(persons).toContain('Ika Rahmawati');
    expect(persons).toContain('Jajang Nurjaman');
    expect(persons).not.toContain('Komar Sudrajat');

    for (const recipient of ['authority', 'persons']) {
      expect((await dpo.post(`/api/v1/breaches/${res.body.id}/notified`, { recipient })).status).toBe(200);
    }
    const after = await (await t.as('auditor')).get<Breach>(`/api/v1/breaches/${res.body.id}`);
    expect(after.body.overdue).toBe(false);
    expect(after.body.authorityNotifiedAt).toBeTruthy();
  });

  it('answers 400 naming the field for an account without its period or an unknown account; 403 for the auditor writing', async () => {
    const dpo = await t.as('dpo');
    const base = { title: 'X', description: 'Y', foundAt: new Date().toISOString(), dataCategories: ['identity'], cause: 'Z', measures: 'W' };
    const noPeriod = await dpo.post('/api/v1/breaches', { ...base, accountUsername: 'puskesos.cinunuk' });
    expect(noPeriod.status).toBe(400);
    expect(Object.keys(noPeriod.body.error.fields)).toEqual(['occurredFrom']);
    const unknown = await dpo.post('/api/v1/breaches', { ...base, accountUsername: 'nobody', occurredFrom: base.foundAt, occurredTo: base.foundAt });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['accountUsername']);
    const noData = await dpo.post('/api/v1/breaches', { ...base, dataCategories: [] });
    expect(Object.keys(noData.body.error.fields)).toEqual(['dataCategories']);
    expect((await (await t.as('auditor')).post('/api/v1/breaches', base)).status).toBe(403);
    const fresh = await dpo.post<Breach>('/api/v1/breaches', base);
    expect(fresh.status).toBe(201);
    expect(fresh.body).toMatchObject({ personsAffected: 0, overdue: false });
  });
});
