import { describe, expect, it } from 'vitest';
import { SUBMISSION_COLUMNS } from '../proposal/submission-layout.ts';
import { readableCell, readableColumnHeader, readableRow } from './readable-columns.ts';

describe('the readable form of the registry exchange files', () => {
  it('names every submission column in both languages, each name once', () => {
    for (const locale of ['id', 'en'] as const) {
      const headers = SUBMISSION_COLUMNS.map((c) => readableColumnHeader(c, locale));
      expect(headers.filter((h, i) => SUBMISSION_COLUMNS[i] === h && !['nik', 'rt', 'rw'].includes(h))).toEqual([]);
      expect(headers.filter((h) => /^registry\./.test(h))).toEqual([]);
      expect(new Set(headers).size).toBe(headers.length);
    }
    expect(readableColumnHeader('health_insurance', 'id')).toBe('Jaminan kesehatan');
    expect(readableColumnHeader('disability_walking', 'en')).toMatch(/^Disability: Walking/);
    expect(readableColumnHeader('relationship', 'en')).toBe('Relationship to the head');
  });

  it('reads the registry export\'s codes as labels', () => {
    expect(readableCell('health_insurance', 'pbi_jkn;jkn_employer', 'id', 'code')).toBe('BPJS Kesehatan/JKN PBI; BPJS Kesehatan/JKN pemberi kerja');
    expect(readableCell('disability_walking', 'a_lot', 'id', 'code')).toBe('Banyak kesulitan');
    expect(readableCell('disability_walking', 'a_lot', 'en', 'code')).toBe('A lot of difficulty');
    expect(readableCell('assets', '-', 'en', 'code')).toBe('None');
    expect(readableCell('pip_kip', 'ya', 'en', 'code')).toBe('Yes');
    expect(readableCell('pip_kip', 'tidak', 'id', 'code')).toBe('Tidak');
    expect(readableCell('sex', 'P', 'en', 'code')).toBe('Female');
    expect(readableCell('registry_status', 'not_registered', 'id', 'code')).toBe('Belum terdaftar');
    expect(readableCell('floor', 'marble_granite', 'en', 'code')).toBe('Marble/granite');
    // text, numbers and dates as they are; a value outside its list stays visible
    expect(readableCell('full_name', 'Ani', 'en', 'code')).toBe('Ani');
    expect(readableCell('birth_date', '1980-01-02', 'en', 'code')).toBe('1980-01-02');
    expect(readableCell('floor', 'lava', 'en', 'code')).toBe('lava');
    expect(readableCell('floor', '', 'en', 'code')).toBe('');
  });

  it('reads the submission file\'s Regsosek numbers, bit-flag sums and proposal codes as labels', () => {
    expect(readableCell('relationship', '2', 'id', 'regsosek')).toBe('Istri/suami');
    expect(readableCell('floor', '1', 'en', 'regsosek')).toBe('Marble/granite');
    expect(readableCell('health_insurance', '5', 'id', 'regsosek')).toBe('BPJS Kesehatan/JKN PBI; BPJS Kesehatan/JKN pemberi kerja');
    expect(readableCell('health_insurance', '0', 'en', 'regsosek')).toBe('None');
    expect(readableCell('pregnant', '1', 'id', 'regsosek')).toBe('Ya');
    expect(readableCell('proposal_type', 'new', 'id', 'regsosek')).toBe('Usulan baru');
    expect(readableCell('proposal_channel', 'village_deliberation', 'en', 'regsosek')).toBe('Village deliberation');
    expect(readableCell('round_basis', 'musdes', 'en', 'regsosek')).toMatch(/^Village deliberation/);
    expect(readableCell('changed_fields', 'healthInsurance;floor', 'id', 'regsosek')).toBe('Jaminan kesehatan; Jenis lantai');
    expect(readableRow(['sex', 'desil'], ['L', '3'], 'id', 'regsosek')).toEqual(['Laki-laki', '3']);
  });
});
