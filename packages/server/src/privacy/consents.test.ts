import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonConsent } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCaseDocument } from '../cases/testing.ts';

/** Consents per person through the API: listed with basis, purpose and guardian; a withdrawal stops what rested on it. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('consents', () => {
  it('lists a child\'s consents with the guardian, and a withdrawal hides the photos kept on that consent', async () => {
    const child = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Nabila Putri', birthDate: '2015-03-02', relationship: 'child' });
    const officer = await t.as('puskesos.cinunuk');
    const created = await officer.post('/api/v1/cases', {
      personId: child.id, channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Anak butuh bantuan sekolah.',
      needs: [{ sector: 'education', urgency: 'normal', request: 'Seragam dan buku' }],
      consents: [
        { purpose: 'photo_documentation', statement: 'Foto rumah boleh dipakai untuk laporan kegiatan.', method: 'signature', givenBy: 'guardian', guardianName: 'Ibu Nani', guardianRelationship: 'Ibu' },
        { purpose: 'contact_followup', statement: 'Boleh dihubungi untuk tindak lanjut.', method: 'verbal', givenBy: 'guardian', guardianName: 'Ibu Nani', guardianRelationship: 'Ibu' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const caseId = created.body.id as string;
    const photo = await aCaseDocument(t.deps, caseId);

    const dpo = await t.as('dpo');
    const list = await dpo.get<{ items: PersonConsent[] }>(`/api/v1/persons/${child.id}/consents`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const photoConsent = list.body.items.find((c) => c.purpose === 'photo_documentation')!;
    expect(photoConsent).toMatchObject({ basis: 'consent', givenBy: 'guardian', guardianName: 'Ibu Nani', guardianRelationship: 'Ibu', withdrawnAt: null });
    expect((await officer.get(`/api/v1/persons/${child.id}/consents`)).status).toBe(200);
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/persons/${child.id}/consents`)).status).toBe(404);

    const withdrawn = await dpo.post<PersonConsent>(`/api/v1/consents/${photoConsent.id}/withdraw`, { note: 'Ibu Nani menarik persetujuan foto melalui surat.' });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body.withdrawnAt).toBeTruthy();
    const docs = await t.deps.db.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM documents WHERE id = $1', [photo.id]);
    expect(docs.rows[0]?.deleted_at).not.toBeNull();
    const caseView = await officer.get(`/api/v1/cases/${caseId}`);
    expect(caseView.body.documents.map((d: { id: string }) => d.id)).not.toContain(photo.id);
    const audit = await t.deps.db.query<{ details: { photosHidden: number } }>(`SELECT details FROM audit_events WHERE action = 'consent.withdraw' AND $1 = ANY(record_ids)`, [photoConsent.id]);
    expect(audit.rows[0]?.details.photosHidden).toBe(1);

    expect((await dpo.post(`/api/v1/consents/${photoConsent.id}/withdraw`, { note: 'Lagi.' })).status).toBe(409);
    expect((await (await t.as('auditor')).post(`/api/v1/consents/${photoConsent.id}/withdraw`, { note: 'x' })).status).toBe(403);
    const bad = await dpo.post(`/api/v1/consents/${photoConsent.id}/withdraw`, {});
    expect(Object.keys(bad.body.error.fields)).toEqual(['note']);
  });
});
