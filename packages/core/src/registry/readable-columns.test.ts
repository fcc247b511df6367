import { describe, expect, it } from 'vitest';
import { SUBMISSION_COLUMNS } from '../proposal/submission-layout.ts';
import { readableCell, readableColumnHeader, readableRow } from './readable-columns.ts';

/** Cells and their readable form: [column, value in the file, language, label (exact, or a pattern)]. */
type Cell = readonly [column: string, value: string, locale: 'id' | 'en', label: string | RegExp];
function expectCells(cells: readonly Cell[], mode: 'code' | 'regsosek') {
  for (const [column, value, locale, label] of cells) {
    const read = expect(readableCell(column, value, locale, mode), `${column} ${JSON.stringify(value)} (${locale})`);
    if (typeof label === 'string') read.toBe(label);
    else read.toMatch(label);
  }
}

/** The registry export's codes. */
const CODE_CELLS: readonly Cell[] = [
  ['health_insurance', 'pbi_jkn;jkn_employer', 'id', 'BPJS Kesehatan/JKN PBI; BPJS Kesehatan/JKN pemberi kerja'],
  ['disability_walking', 'a_lot', 'id', 'Banyak kesulitan'],
  ['disability_walking', 'a_lot', 'en', 'A lot of difficulty'],
  ['assets', '-', 'en', 'None'],
  ['pip_kip', 'ya', 'en', 'Yes'],
  ['pip_kip', 'tidak', 'id', 'Tidak'],
  ['sex', 'P', 'en', 'Female'],
  ['registry_status', 'not_registered', 'id', 'Belum terdaftar'],
  ['floor', 'marble_granite', 'en', 'Marble/granite'],
  // text, numbers and dates as they are; a value outside its list stays visible
  ['full_name', 'Ani', 'en', 'Ani'],
  ['birth_date', '1980-01-02', 'en', '1980-01-02'],
  ['floor', 'lava', 'en', 'lava'],
  ['floor', '', 'en', ''],
];

/** The submission file's Regsosek numbers, bit-flag sums and proposal codes. */
const REGSOSEK_CELLS: readonly Cell[] = [
  ['relationship', '2', 'id', 'Istri/suami'],
  ['floor', '1', 'en', 'Marble/granite'],
  ['health_insurance', '5', 'id', 'BPJS Kesehatan/JKN PBI; BPJS Kesehatan/JKN pemberi kerja'],
  ['health_insurance', '0', 'en', 'None'],
  ['pregnant', '1', 'id', 'Ya'],
  ['proposal_type', 'new', 'id', 'Usulan baru'],
  ['proposal_channel', 'village_deliberation', 'en', 'Village deliberation'],
  ['round_basis', 'musdes', 'en', /^Village deliberation/],
  ['changed_fields', 'healthInsurance;floor', 'id', 'Jaminan kesehatan; Jenis lantai'],
];

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
    expectCells(CODE_CELLS, 'code');
  });

  it('reads the submission file\'s Regsosek numbers, bit-flag sums and proposal codes as labels', () => {
    expectCells(REGSOSEK_CELLS, 'regsosek');
    expect(readableRow(['sex', 'desil'], ['L', '3'], 'id', 'regsosek')).toEqual(['Laki-laki', '3']);
  });
});
