import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNik } from '@slrt/core';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { CINUNUK } from '../registry/testing.ts';

/** Issue 13 item 7: an intake refused says what is wrong and how to fix it, never a code. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const intake = (newPerson: Record<string, unknown>) => ({
  channel: 'walk_in_puskesos', kind: 'complaint', complaint: 'Butuh bantuan berobat.', needs: [{ sector: 'health', urgency: 'normal', request: 'Berobat' }],
  newPerson: { fullName: 'Warga Baru', sex: 'F', household: { villageCode: CINUNUK }, ...newPerson },
});

describe('intake errors in sentences', () => {
  it('refuses a birth date after today with what to do, in both languages', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const future = `${new Date().getUTCFullYear() + 1}-02-03`;
    const id = await officer.request('POST', '/api/v1/cases', intake({ birthDate: future }), { 'accept-language': 'id' });
    expect(id.status).toBe(400);
    expect(id.body.error.fields).toEqual({ 'newPerson.birthDate': 'Tanggal lahir tidak boleh setelah hari ini. Isi tanggal lahir sesuai KTP atau KK.' });
    const en = await officer.post('/api/v1/cases', intake({ birthDate: future }));
    expect(en.body.error.fields['newPerson.birthDate']).toBe('The birth date cannot be after today. Enter the birth date as on the KTP or KK.');
  });

  it('refuses a date that is not on the calendar, and RT letters, saying how to write them', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const res = await officer.request('POST', '/api/v1/cases', intake({ birthDate: '1990-02-30', household: { villageCode: CINUNUK, rt: 'dua' } }), { 'accept-language': 'id' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      'newPerson.birthDate': 'newPerson.birthDate bukan tanggal yang ada di kalender. Isi hari, bulan dan tahun yang benar.',
      'newPerson.household.rt': 'newPerson.household.rt hanya boleh berisi angka (1-3 digit), misalnya 002.',
    });
  });

  it('turns NIK warnings into sentences with both dates and both sexes, not codes', async () => {
    const officer = await t.as('puskesos.cinunuk');
    const nik = composeNik({ kecamatanCode: '32.04.05', birthDate: '1991-01-03', sex: 'M', serial: 77 });
    const res = await officer.request('POST', '/api/v1/cases', intake({ nik, birthDate: '1991-02-03', sex: 'F' }), { 'accept-language': 'id' });
    expect(res.status).toBe(400);
    const message = res.body.error.fields['newPerson.nik'] as string;
    expect(message).toBe(
      'Tanggal lahir di NIK (3 Januari 1991) berbeda dengan tanggal lahir yang diisi (3 Februari 1991). Cocokkan dengan KTP atau KK, lalu perbaiki salah satunya. '
      + 'NIK menunjukkan jenis kelamin laki-laki, sedangkan yang diisi perempuan. Cocokkan dengan KTP atau KK, lalu perbaiki salah satunya. '
      + 'Jika dokumen kependudukan memang begitu, centang konfirmasi di bawah NIK lalu kirim lagi.',
    );
    expect(message).not.toMatch(/nik_\w+/);
    // the codes stay in the answer for programs that act on them
    expect(res.body.error.warnings.map((w: { code: string }) => w.code)).toEqual(['nik_birth_date_mismatch', 'nik_sex_mismatch']);
  });

  it('asks to choose among the offered options without listing internal codes', async () => {
    const admin = await t.as('admin');
    const res = await admin.request('POST', '/api/v1/users', { username: 'baru.satu', displayName: 'Baru', password: 'kata-sandi-panjang-1', roles: [{ role: 'kabupaten_boss', areaCode: '32.04' }] }, { 'accept-language': 'id' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields['roles.0.role']).toBe('Isi roles.0.role tidak ada dalam pilihan. Pilih salah satu pilihan yang tersedia.');
  });
});
