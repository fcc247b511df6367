import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferralLetterIssued, ReferralTracking, ReferralView } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { aReferral } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('surat rujukan and public tracking', () => {
  it('issues a numbered referral letter once, prints it as PDF for both sides, and tracks it publicly without the resident', async () => {
    const r = await aReferral(t.deps, { input: { sharedFields: ['fullName', 'phone'] } });
    const officer = await t.as('puskesos.cinunuk');
    const issued = await officer.post(`/api/v1/referrals/${r.id}/letter`, {}, ReferralLetterIssued);
    expect(issued.status).toBe(201);
    expect(issued.body.letter.number).toMatch(/^\d{4}\/RUJ\/SLRT-3204\/[IVX]+\/\d{4}$/);
    expect(issued.body.letter.status).toBe('valid');
    const again = await officer.post(`/api/v1/referrals/${r.id}/letter`, {}, ReferralLetterIssued);
    expect(again.status).toBe(200);
    expect(again.body.letter.id).toBe(issued.body.letter.id);

    const { rows } = await t.deps.db.query<{ content: { fields: Array<{ label: string; value: string }> }; nik: string }>(
      `SELECT l.content, p.nik FROM letters l JOIN referrals r ON r.id = l.owner_id JOIN persons p ON p.id = r.person_id WHERE l.id = $1`, [issued.body.letter.id]);
    const labels = rows[0]!.content.fields.map((f) => f.label);
    expect(labels).toEqual(expect.arrayContaining(['Nomor rujukan', 'Nama', 'Telepon', 'Kebutuhan', 'Kode lacak']));
    expect(labels).not.toContain('NIK');
    expect(JSON.stringify(rows[0]!.content)).not.toContain(rows[0]!.nik);

    for (const who of ['puskesos.cinunuk', 'mitra.dinkes']) {
      const pdf = await (await t.as(who)).get(`/api/v1/referrals/${r.id}/letter.pdf`);
      expect(pdf.status, who).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect((await (await t.as('puskesos.soreang')).get(`/api/v1/referrals/${r.id}/letter.pdf`)).status).toBe(404);
    expect((await (await t.as('mitra.dinkes')).post(`/api/v1/referrals/${r.id}/letter`)).status).toBe(403);

    const code = (await officer.get(`/api/v1/referrals/${r.id}`, ReferralView)).body.trackingCode;
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    const track = await t.anonymous().get(`/api/v1/public/referrals/${code!.toLowerCase()}`, ReferralTracking);
    expect(track.status).toBe(200);
    expect(track.body).toMatchObject({ number: r.number, status: 'sent', organizationName: 'Dinas Kesehatan Kabupaten Bandung' });
    expect(track.body.letter).toMatchObject({ number: issued.body.letter.number, status: 'valid' });
    // whom to ask: the referring Puskesos, its public contact only
    expect(Object.keys(track.body.puskesos ?? {}).sort()).toEqual(['address', 'kecamatanName', 'openingHours', 'phone', 'villageName']);
    expect(track.body.puskesos).toMatchObject({ villageName: 'Cinunuk', kecamatanName: 'Cileunyi' });
    const name = (await officer.get(`/api/v1/referrals/${r.id}`, ReferralView)).body.subject.fullName!;
    expect(JSON.stringify(track.body)).not.toContain(name);
    expect((await t.anonymous().get('/api/v1/public/referrals/AAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('answers 404 for a referral without a letter', async () => {
    const r = await aReferral(t.deps);
    expect((await (await t.as('puskesos.cinunuk')).get(`/api/v1/referrals/${r.id}/letter.pdf`)).status).toBe(404);
  });
});
