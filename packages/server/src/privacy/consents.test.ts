import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonConsent } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCaseDocument, aDecidedCase } from '../cases/testing.ts';
import { dinkesId, serviceId } from '../referrals/testing.ts';

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
    // only that consent: the one to be contacted stands
    const after = (await dpo.get<{ items: PersonConsent[] }>(`/api/v1/persons/${child.id}/consents`)).body.items;
    expect(after.find((c) => c.purpose === 'contact_followup')?.withdrawnAt).toBeNull();

    expect((await dpo.post(`/api/v1/consents/${photoConsent.id}/withdraw`, { note: 'Lagi.' })).status).toBe(409);
    expect((await (await t.as('auditor')).post(`/api/v1/consents/${photoConsent.id}/withdraw`, { note: 'x' })).status).toBe(403);
    const bad = await dpo.post(`/api/v1/consents/${photoConsent.id}/withdraw`, {});
    expect(Object.keys(bad.body.error.fields)).toEqual(['note']);
  });

  it('withdraws the sharing with one partner only: that partner\'s referrals share nothing and its link stops, the other partner and the photos stay, no new referral goes to it', async () => {
    const BAZNAS_HEALTH = 'Bantuan biaya pengobatan';
    const c = await aDecidedCase(t.deps, {
      needs: [
        { sector: 'health', urgency: 'high', request: 'Biaya berobat di rumah sakit' },
        { sector: 'health', urgency: 'normal', request: 'Ongkos transport berobat' },
        { sector: 'health', urgency: 'normal', request: 'Obat di luar formularium' },
      ],
      consents: [
        { purpose: 'share_with_partners', statement: 'Data boleh dibagikan kepada mitra yang menangani kebutuhan saya.', method: 'signature', givenBy: 'subject' },
        { purpose: 'photo_documentation', statement: 'Foto rumah boleh dipakai untuk laporan.', method: 'signature', givenBy: 'subject' },
      ],
    });
    const photo = await aCaseDocument(t.deps, c.id);
    const officer = await t.as('puskesos.cinunuk');
    const refer = (needId: string, service?: string) => serviceId(t.deps, service).then((sid) => officer.post<{ id: string }>('/api/v1/referrals', { caseId: c.id, needId, serviceId: sid, contactPhone: '081234567890' }));
    const [n1, n2, n3] = c.needs;
    const toDinkes = await refer(n1!.id);
    const toBaznas = await refer(n2!.id, BAZNAS_HEALTH);
    expect([toDinkes.status, toBaznas.status]).toEqual([201, 201]);
    const made = await officer.post<{ token: string }>(`/api/v1/referrals/${toDinkes.body.id}/links`, {});
    expect(made.status).toBe(201);
    const link = made.body.token;
    expect((await t.anonymous().get(`/api/v1/referral-links/${link}`)).status).toBe(200);

    const dpo = await t.as('dpo');
    const sharing = (await dpo.get<{ items: PersonConsent[] }>(`/api/v1/persons/${c.person.id}/consents`)).body.items.find((x) => x.purpose === 'share_with_partners')!;
    const dinkes = await dinkesId(t.deps);
    expect(sharing.partners.map((p) => p.organizationId)).toContain(dinkes);
    expect(sharing.partners).toHaveLength(2);

    const res = await dpo.post<PersonConsent>(`/api/v1/consents/${sharing.id}/withdraw`, { note: 'Warga tidak ingin datanya dibagikan ke Dinas Kesehatan.', organizationId: dinkes });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.withdrawnAt).toBeNull();
    expect(res.body.partners.find((p) => p.organizationId === dinkes)?.withdrawnAt).toBeTruthy();
    expect(res.body.partners.find((p) => p.organizationId !== dinkes)?.withdrawnAt).toBeNull();

    // Dinas Kesehatan: its referral shares no personal field, its link is revoked
    const partnerView = await (await t.as('mitra.dinkes')).get<{ sharedFields: string[]; subject: Record<string, unknown> }>(`/api/v1/referrals/${toDinkes.body.id}`);
    expect(partnerView.status).toBe(200);
    expect(partnerView.body.sharedFields).toEqual([]);
    expect(partnerView.body.subject).toEqual({});
    expect((await t.anonymous().get(`/api/v1/referral-links/${link}`)).status).not.toBe(200);
    // Baznas still receives what its service declared; the photos stay
    const baznas = await t.deps.db.query<{ shared_fields: string[] }>('SELECT shared_fields FROM referrals WHERE id = $1', [toBaznas.body.id]);
    expect(baznas.rows[0]?.shared_fields.length).toBeGreaterThan(0);
    expect((await t.deps.db.query('SELECT deleted_at FROM documents WHERE id = $1 AND deleted_at IS NULL', [photo.id])).rows).toHaveLength(1);
    // no new referral of the case goes to Dinas Kesehatan; another partner still can
    const again = await refer(n3!.id);
    expect(again.status).toBe(409);
    expect((await refer(n3!.id, BAZNAS_HEALTH)).status).toBe(201);
    const audit = await t.deps.db.query<{ details: { organizationId: string; referralsNarrowed: number; linksRevoked: number } }>(
      `SELECT details FROM audit_events WHERE action = 'consent.withdraw_partner' AND $1 = ANY(record_ids)`, [sharing.id],
    );
    expect(audit.rows[0]?.details).toMatchObject({ organizationId: dinkes, referralsNarrowed: 1, linksRevoked: 1 });

    // once per partner; a partner only on the sharing consent
    expect((await dpo.post(`/api/v1/consents/${sharing.id}/withdraw`, { note: 'Lagi.', organizationId: dinkes })).status).toBe(409);
    const photoConsent = (await dpo.get<{ items: PersonConsent[] }>(`/api/v1/persons/${c.person.id}/consents`)).body.items.find((x) => x.purpose === 'photo_documentation')!;
    const wrong = await dpo.post(`/api/v1/consents/${photoConsent.id}/withdraw`, { note: 'x', organizationId: dinkes });
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.body.error.fields)).toEqual(['organizationId']);
  });
});
