import { describe, expect, it } from 'vitest';
import {
  SUBMISSION_CANONICAL_COLUMNS, SUBMISSION_COLUMNS, answerColumnOf, answerDateOf, answerResultOf, cellOf, readAnswerRow, submissionRow,
} from './submission-layout.ts';

const person = {
  nik: '3204055205900001', kk: '3204052103150007', fullName: 'Siti Aminah', sex: 'F' as const, birthPlace: 'Bandung', birthDate: '1990-05-12',
  relationship: 'head', maritalStatus: 'widowed', disability: { seeing: 'some' }, desil: null, desilSource: null, desilDate: null,
  pregnant: false, healthInsurance: ['pbi_jkn'], registryStatus: 'proposed', inactiveReason: null,
};
const household = {
  id: '0190a1b2-0000-7000-8000-000000000002', villageCode: '32.04.05.2004', address: 'Kp. Babakan', rt: '001', rw: '002',
  indicators: { floor: 'earth', assets: ['television', 'motorcycle'], ownsLand: true }, desil: 3, desilSource: 'DTSEN', desilDate: '2025-10-01',
};
const proposal = {
  rowRef: 'KRM-2025-0001-0001', code: 'USL-2025-000001', id: '0190a1b2-0000-7000-8000-000000000009', type: 'new', channel: 'walk_in',
  reason: 'Belum terdaftar', changedFields: ['fullName', 'sex'], roundPeriod: '2025-03', roundBasis: 'musdes', roundBasisDate: '2025-03-15',
  verifiedOn: '2025-03-10', verifiedBy: 'Fasilitator', approvedOn: '2025-03-25',
};

describe('submission file', () => {
  it('starts with the canonical registry columns and has no column twice', () => {
    expect(SUBMISSION_COLUMNS.slice(0, SUBMISSION_CANONICAL_COLUMNS.length)).toEqual([...SUBMISSION_CANONICAL_COLUMNS]);
    expect(new Set(SUBMISSION_COLUMNS).size).toBe(SUBMISSION_COLUMNS.length);
    expect(SUBMISSION_COLUMNS).toContain('row_ref');
    expect(SUBMISSION_COLUMNS).toContain('disability_seeing');
  });

  it('writes a row in the canonical encoding: L/P, Regsosek numbers, bit-flag sums, 1/0', () => {
    const row = submissionRow(person, household, proposal);
    expect(Object.keys(row)).toEqual([...SUBMISSION_COLUMNS]);
    expect(row).toMatchObject({
      nik: '3204055205900001', sex: 'P', relationship: '1', marital_status: '4', village_code: '32.04.05.2004',
      household_ref: household.id, desil: '3', desil_source: 'DTSEN', desil_date: '2025-10-01',
      floor: '8', owns_land: '1', pregnant: '0', disability_seeing: 'some', disability_hearing: '',
      registry_status: 'proposed', inactive_reason: '', row_ref: 'KRM-2025-0001-0001', changed_fields: 'fullName;sex',
    });
    expect(Number(row.assets)).toBeGreaterThan(0);
    expect(row.health_insurance).toMatch(/^\d+$/);
  });

  it('keeps a NIK as text and leaves unknown values empty', () => {
    const row = submissionRow({ ...person, nik: '9471014512990003', maritalStatus: null }, { ...household, desil: null }, proposal);
    expect(row.nik).toBe('9471014512990003');
    expect(row.marital_status).toBe('');
    expect(row.desil).toBe('');
    expect(cellOf(undefined, null)).toBe('');
    expect(cellOf(['a', 'b'], null)).toBe('a;b');
  });
});

describe('answer file', () => {
  it('recognises headers and their synonyms', () => {
    expect(answerColumnOf('ROW_REF')).toBe('row_ref');
    expect(answerColumnOf('Hasil')).toBe('result');
    expect(answerColumnOf('Keterangan')).toBe('reason');
    expect(answerColumnOf('desil kesejahteraan')).toBe('desil');
    expect(answerColumnOf('nama')).toBeNull();
  });

  it('reads the verdict in Indonesian or English, and dates in both orders', () => {
    expect(answerResultOf('Diterima')).toBe('accepted');
    expect(answerResultOf(' accepted ')).toBe('accepted');
    expect(answerResultOf('DITOLAK')).toBe('rejected');
    expect(answerResultOf('tidak sesuai')).toBe('rejected');
    expect(answerResultOf('mungkin')).toBeNull();
    expect(answerDateOf('2025-10-01')).toBe('2025-10-01');
    expect(answerDateOf('1-10-2025')).toBe('2025-10-01');
    expect(answerDateOf('31/02/2025')).toBeNull();
  });

  it('reads a row, and says why a row cannot be read', () => {
    expect(readAnswerRow(2, { row_ref: 'KRM-2025-0001-0001', result: 'diterima', desil: '2', desil_date: '01-11-2025' })).toEqual({
      ok: true,
      row: { line: 2, rowRef: 'KRM-2025-0001-0001', proposalCode: null, nik: null, result: 'accepted', reason: null, desil: 2, desilSource: null, desilDate: '2025-11-01' },
    });
    expect(readAnswerRow(3, { row_ref: 'x', result: '?' })).toMatchObject({ ok: false, problem: { line: 3, key: 'submission.answer_result_unreadable' } });
    expect(readAnswerRow(4, { result: 'ditolak' })).toMatchObject({ ok: false, problem: { key: 'submission.answer_no_key' } });
    expect(readAnswerRow(5, { nik: '3204055205900001', result: 'diterima', desil: '11' })).toMatchObject({ ok: false, problem: { key: 'submission.answer_desil_invalid' } });
    expect(readAnswerRow(6, { nik: '3204055205900001', result: 'diterima', desil_date: '2025-13-01' })).toMatchObject({ ok: false, problem: { key: 'submission.answer_date_invalid' } });
  });
});
