import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { pdfText } from '../letters/pdf-text.ts';
import { aPerson, CINUNUK } from '../registry/testing.ts';
import { aCase, aDecidedCase, aRecommendedCase } from './testing.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const pdfOf = (res: { raw: { rawPayload: Buffer } }) => pdfText(res.raw.rawPayload);

describe('the receipt (tanda terima)', () => {
  it('prints the tracking code, the needs and how to follow the case, and audits the print', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Nining Suryani' });
    const c = await aCase(t.deps, { person });
    const res = await (await t.as('puskesos.cinunuk')).get(`/api/v1/cases/${c.id}/receipt.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfOf(res);
    for (const expected of ['PEMERINTAH KABUPATEN BANDUNG', 'TANDA TERIMA LAYANAN', c.trackingCode, c.code, 'Nining Suryani', 'Puskesos Desa Cinunuk', 'Kesehatan (Tinggi): Biaya berobat anak di rumah sakit', 'Pendidikan (Biasa)', '4 angka terakhir NIK', '/lacak']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain(person.nik!);
    const { rows } = await t.deps.db.query(`SELECT 1 FROM audit_events WHERE action = 'case.receipt_print' AND $1 = ANY(record_ids)`, [c.id]);
    expect(rows).toHaveLength(1);
  });

  it('prints the PIN for a resident without a NIK', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, nik: null });
    const c = await aCase(t.deps, { person });
    const text = await pdfOf(await (await t.as('puskesos.cinunuk')).get(`/api/v1/cases/${c.id}/receipt.pdf`));
    expect(text).toContain(`PIN ${c.trackingPin}`);
  });
});

describe('letters', () => {
  it('issues a numbered recommendation letter naming the deciding officer, with a QR code to the public check', async () => {
    const c = await aDecidedCase(t.deps, { decision: 'refer' });
    const officer = await t.as('puskesos.cinunuk');
    const issued = await officer.post(`/api/v1/cases/${c.id}/letters`, { kind: 'recommendation' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      kind: 'recommendation', status: 'valid', signerName: 'Koordinator Puskesos Cinunuk', signerTitle: 'Koordinator Puskesos Desa Cinunuk',
      issuingOffice: 'Puskesos Desa Cinunuk, Kecamatan Cileunyi, Kabupaten Bandung',
    });
    expect(issued.body.number).toMatch(/^\d{4}\/REK\/SLRT-3204\/[IVX]+\/\d{4}$/);
    // the QR code carries the configured PUBLIC_URL, whatever forwarding headers anyone sends
    expect(issued.body.verifyUrl).toBe(`${t.deps.config.publicUrl}/verifikasi/${issued.body.verifyToken}`);
    const forged = await officer.request('GET', `/api/v1/cases/${c.id}/letters/${issued.body.id}`, undefined, { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example.org', host: 'evil.example.org' });
    expect(forged.body.verifyUrl).toBe(issued.body.verifyUrl);
    // a second request prints the same letter, it does not number a new one
    const again = await officer.post(`/api/v1/cases/${c.id}/letters`, { kind: 'recommendation' });
    expect(again.status).toBe(200);
    expect(again.body.number).toBe(issued.body.number);

    const pdf = await officer.get(`/api/v1/cases/${c.id}/letters/${issued.body.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = await pdfOf(pdf);
    for (const expected of ['SURAT REKOMENDASI', `Nomor: ${issued.body.number}`, 'Koordinator Puskesos Cinunuk', 'Kesehatan (Tinggi)', 'Penetapan layanan: Dirujuk ke mitra layanan', 'verifikasi/']) {
      expect(text).toContain(expected);
    }
    const view = (await officer.get(`/api/v1/cases/${c.id}`)).body;
    expect(view.letters).toEqual([expect.objectContaining({ id: issued.body.id, number: issued.body.number })]);
    expect(view.timeline.at(-1)).toMatchObject({ action: 'letter_issued', details: { number: issued.body.number } });
  });

  it('refuses a recommendation before the decision and a certificate before the registry check', async () => {
    const c = await aCase(t.deps);
    const coordinator = await t.as('koordinator.cinunuk');
    const early = await coordinator.post(`/api/v1/cases/${c.id}/letters`, { kind: 'recommendation' });
    expect(early.status).toBe(409);
    expect((await coordinator.post(`/api/v1/cases/${c.id}/letters`, { kind: 'registry_certificate' })).status).toBe(409);
    const r = await aRecommendedCase(t.deps);
    // the certificate is signed by an officer who decides at the case's level
    expect((await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${r.id}/letters`, { kind: 'registry_certificate' })).status).toBe(403);
    const cert = await coordinator.post(`/api/v1/cases/${r.id}/letters`, { kind: 'registry_certificate' });
    expect(cert.status).toBe(201);
    expect(cert.body.number).toMatch(/\/SKET\//);
    const text = await pdfOf(await coordinator.get(`/api/v1/cases/${r.id}/letters/${cert.body.id}/pdf`));
    expect(text).toContain('SURAT KETERANGAN STATUS REGISTRI');
    expect(text).toContain('Terdaftar di DTSEN');
  });

  it('numbers letters one after another, and a revoked letter shows as revoked on the public page', async () => {
    const a = await aDecidedCase(t.deps);
    const b = await aDecidedCase(t.deps);
    const officer = await t.as('puskesos.cinunuk');
    const la = (await officer.post(`/api/v1/cases/${a.id}/letters`, { kind: 'recommendation' })).body;
    const lb = (await officer.post(`/api/v1/cases/${b.id}/letters`, { kind: 'recommendation' })).body;
    expect(Number(lb.number.split('/')[0])).toBe(Number(la.number.split('/')[0]) + 1);
    expect((await officer.post(`/api/v1/cases/${a.id}/letters/${la.id}/revoke`, { reason: 'Salah data' })).status).toBe(403);
    const coordinator = await t.as('koordinator.cinunuk');
    const revoked = await coordinator.post(`/api/v1/cases/${a.id}/letters/${la.id}/revoke`, { reason: 'Salah data' });
    expect(revoked.body.status).toBe('revoked');
    expect((await coordinator.post(`/api/v1/cases/${a.id}/letters/${la.id}/revoke`, { reason: 'lagi' })).status).toBe(409);
    const pub = await t.anonymous().get(`/api/v1/public/letters/${la.verifyToken}`);
    expect(pub.body).toMatchObject({ number: la.number, status: 'revoked' });
    const reissued = await officer.post(`/api/v1/cases/${a.id}/letters`, { kind: 'recommendation' });
    expect(reissued.status).toBe(201);
    expect(reissued.body.number).not.toBe(la.number);
  });
});

describe('public verification of a letter', () => {
  it('confirms number, date, office and validity by QR token or by number, and nothing about the resident', async () => {
    const person = await aPerson(t.deps.db, { village: CINUNUK, fullName: 'Asep Saepudin' });
    const c = await aDecidedCase(t.deps, { person });
    const letter = (await (await t.as('puskesos.cinunuk')).post(`/api/v1/cases/${c.id}/letters`, { kind: 'recommendation' })).body;
    const anon = t.anonymous();
    const byToken = await anon.get(`/api/v1/public/letters/${letter.verifyToken}`);
    expect(byToken.status).toBe(200);
    expect(byToken.body).toEqual({
      number: letter.number, kind: 'recommendation', issuedAt: letter.issuedAt, validUntil: letter.validUntil, status: 'valid', revokedAt: null,
      issuingOffice: 'Puskesos Desa Cinunuk, Kecamatan Cileunyi, Kabupaten Bandung',
    });
    const body = JSON.stringify(byToken.body);
    for (const secret of ['Asep', person.nik!, person.nik!.slice(-4), c.code, person.id]) expect(body).not.toContain(secret);
    const byNumber = await anon.get(`/api/v1/public/letters/${encodeURIComponent(letter.number)}`);
    expect(byNumber.status).toBe(200);
    expect(byNumber.body.number).toBe(letter.number);
    expect((await anon.get('/api/v1/public/letters/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await anon.get(`/api/v1/public/letters/${encodeURIComponent('9999/REK/SLRT-3204/I/2020')}`)).status).toBe(404);
    expect((await anon.get('/api/v1/public/letters/x')).status).toBe(404);
  });
});
