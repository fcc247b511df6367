import { BITFLAG_LISTS, bitflagsFromSet, codesOf, toRegsosek, type BitflagListName, type CodeListName } from '../registry/code-lists.ts';
import { parseYmd } from '../registry/calendar-date.ts';

/**
 * The national submission file (docs/national-submission.md): one row per person a proposal
 * concerns, in the canonical layout of the registry import (registry.md) with household
 * columns repeated, then indicator columns, then the proposal's own columns. And the answer
 * file the national side sends back, read row by row.
 */

export const SUBMISSION_CANONICAL_COLUMNS = [
  'nik', 'kk', 'full_name', 'sex', 'birth_place', 'birth_date', 'relationship', 'marital_status', 'village_code',
  'address', 'rt', 'rw', 'household_ref', 'desil', 'desil_source', 'desil_date',
] as const;

/** Household indicator columns: column name, field of HouseholdIndicators, code list. */
export const SUBMISSION_INDICATOR_COLUMNS = [
  ['tenure', 'tenure', 'tenure'],
  ['land_evidence', 'landEvidence', 'land_evidence'],
  ['floor_area_m2', 'floorAreaM2', null],
  ['floor', 'floor', 'floor'],
  ['wall', 'wall', 'wall'],
  ['roof', 'roof', 'roof'],
  ['water', 'water', 'water'],
  ['lighting', 'lighting', 'lighting'],
  ['power_va', 'powerVa', 'power_va'],
  ['cooking_fuel', 'cookingFuel', 'cooking_fuel'],
  ['toilet', 'toilet', 'toilet'],
  ['disposal', 'disposal', 'disposal'],
  ['programs_received', 'programsReceived', 'programs_received'],
  ['assets', 'assets', 'assets'],
  ['owns_land', 'ownsLand', null],
  ['owns_other_house', 'ownsOtherHouse', null],
] as const satisfies ReadonlyArray<readonly [string, string, CodeListName | null]>;

const DISABILITY_DOMAINS = codesOf('disability_domain');

/** Person columns beyond the canonical ones: column name, PersonFields field, code list. */
export const SUBMISSION_PERSON_COLUMNS = [
  ['presence', 'presence', 'presence'],
  ['pregnant', 'pregnant', null],
  ['documents_held', 'documentsHeld', 'documents_held'],
  ['school_participation', 'schoolParticipation', 'school_participation'],
  ['education_level', 'educationLevel', 'education_level'],
  ['work_status', 'workStatus', 'work_status'],
  ['work_sector', 'workSector', 'work_sector'],
  ['chronic_illness', 'chronicIllnesses', 'chronic_illness'],
  ['health_insurance', 'healthInsurance', 'health_insurance'],
  ['pip_kip', 'pipKip', null],
  ['dukcapil_match', 'dukcapilMatch', 'dukcapil_match'],
  ['registry_status', 'registryStatus', null],
  ['inactive_reason', 'inactiveReason', null],
] as const satisfies ReadonlyArray<readonly [string, string, CodeListName | null]>;

export const SUBMISSION_DISABILITY_COLUMNS = DISABILITY_DOMAINS.map((d) => `disability_${d}`);

export const SUBMISSION_PROPOSAL_COLUMNS = [
  'row_ref', 'proposal_code', 'proposal_id', 'proposal_type', 'proposal_channel', 'proposal_reason', 'changed_fields',
  'round_period', 'round_basis', 'round_basis_date', 'verified_on', 'verified_by', 'approved_on',
] as const;

/** Every column of the submission file, in order. */
export const SUBMISSION_COLUMNS: readonly string[] = [
  ...SUBMISSION_CANONICAL_COLUMNS,
  ...SUBMISSION_INDICATOR_COLUMNS.map(([c]) => c),
  ...SUBMISSION_PERSON_COLUMNS.map(([c]) => c),
  ...SUBMISSION_DISABILITY_COLUMNS,
  ...SUBMISSION_PROPOSAL_COLUMNS,
];

export interface SubmissionPerson {
  nik: string | null;
  kk: string | null;
  fullName: string;
  sex: 'M' | 'F';
  birthPlace: string | null;
  birthDate: string | null;
  relationship: string | null;
  maritalStatus: string | null;
  disability: Record<string, string> | null;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
  [field: string]: unknown;
}

export interface SubmissionHousehold {
  id: string;
  villageCode: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  indicators: Record<string, unknown>;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
}

export interface SubmissionProposal {
  rowRef: string;
  code: string;
  id: string;
  type: string;
  channel: string;
  reason: string;
  changedFields: readonly string[];
  roundPeriod: string | null;
  roundBasis: string | null;
  roundBasisDate: string | null;
  verifiedOn: string | null;
  verifiedBy: string | null;
  approvedOn: string | null;
}

const isBitflag = (list: CodeListName): list is BitflagListName => (BITFLAG_LISTS as readonly string[]).includes(list);

/**
 * A value as the file carries it: a code as its Regsosek number where the list has one (else
 * the code), a bit-flag set as its sum, another set as codes joined by `;`, a boolean as 1/0.
 */
export function cellOf(value: unknown, list: CodeListName | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) {
    if (list && isBitflag(list)) return String(bitflagsFromSet(list, value as string[]));
    return (value as unknown[]).map((v) => cellOf(v, list)).join(';');
  }
  if (typeof value === 'string' && list) return String(toRegsosek(list, value) ?? value);
  return String(value);
}

/** One row of the submission file, `{ column: text }` in SUBMISSION_COLUMNS order. */
export function submissionRow(person: SubmissionPerson, household: SubmissionHousehold, proposal: SubmissionProposal): Record<string, string> {
  const desil = household.desil ?? person.desil;
  const fromHousehold = household.desil !== null;
  const row: Record<string, string> = {
    nik: person.nik ?? '',
    kk: person.kk ?? '',
    full_name: person.fullName,
    sex: person.sex === 'M' ? 'L' : 'P',
    birth_place: person.birthPlace ?? '',
    birth_date: person.birthDate ?? '',
    relationship: cellOf(person.relationship, 'relationship'),
    marital_status: cellOf(person.maritalStatus, 'marital_status'),
    village_code: household.villageCode,
    address: household.address ?? '',
    rt: household.rt ?? '',
    rw: household.rw ?? '',
    household_ref: household.id,
    desil: desil === null ? '' : String(desil),
    desil_source: (fromHousehold ? household.desilSource : person.desilSource) ?? '',
    desil_date: (fromHousehold ? household.desilDate : person.desilDate) ?? '',
  };
  for (const [column, field, list] of SUBMISSION_INDICATOR_COLUMNS) row[column] = cellOf(household.indicators[field], list);
  for (const [column, field, list] of SUBMISSION_PERSON_COLUMNS) row[column] = cellOf(person[field], list);
  for (const domain of DISABILITY_DOMAINS) row[`disability_${domain}`] = person.disability?.[domain] ?? '';
  Object.assign(row, {
    row_ref: proposal.rowRef,
    proposal_code: proposal.code,
    proposal_id: proposal.id,
    proposal_type: proposal.type,
    proposal_channel: proposal.channel,
    proposal_reason: proposal.reason,
    changed_fields: proposal.changedFields.join(';'),
    round_period: proposal.roundPeriod ?? '',
    round_basis: proposal.roundBasis ?? '',
    round_basis_date: proposal.roundBasisDate ?? '',
    verified_on: proposal.verifiedOn ?? '',
    verified_by: proposal.verifiedBy ?? '',
    approved_on: proposal.approvedOn ?? '',
  });
  return Object.fromEntries(SUBMISSION_COLUMNS.map((c) => [c, row[c] ?? '']));
}

// ---------------------------------------------------------------------------------------------
// The answer file

/** Header names of the answer file (case-insensitive) and the synonyms each accepts. */
export const ANSWER_HEADER_SYNONYMS = {
  row_ref: ['row_ref', 'ref', 'no_ref', 'nomor_baris'],
  proposal_code: ['proposal_code', 'kode_usulan', 'no_usulan', 'nomor_usulan'],
  nik: ['nik', 'no_nik'],
  result: ['result', 'hasil', 'status', 'status_usulan', 'keputusan'],
  reason: ['reason', 'keterangan', 'alasan', 'catatan'],
  desil: ['desil', 'desil_kesejahteraan', 'decile'],
  desil_source: ['desil_source', 'sumber_desil', 'sumber'],
  desil_date: ['desil_date', 'tanggal_desil', 'tgl_desil'],
} as const;
export type AnswerColumn = keyof typeof ANSWER_HEADER_SYNONYMS;

/** The answer column a header names, or null. */
export function answerColumnOf(header: string): AnswerColumn | null {
  const h = header.trim().toLowerCase().replace(/[\s.-]+/g, '_');
  for (const [column, names] of Object.entries(ANSWER_HEADER_SYNONYMS) as Array<[AnswerColumn, readonly string[]]>) {
    if (names.includes(h)) return column;
  }
  return null;
}

const ACCEPTED = new Set(['accepted', 'accept', 'diterima', 'terima', 'ya', 'y', '1', 'sesuai', 'layak', 'approved', 'disetujui', 'setuju']);
const REJECTED = new Set(['rejected', 'reject', 'ditolak', 'tolak', 'tidak', 't', 'n', '0', 'tidak_sesuai', 'tidak_layak', 'not_approved', 'tidak_disetujui']);

/** The national side's verdict on a row, from the words it may use; null when unreadable. */
export function answerResultOf(value: string): 'accepted' | 'rejected' | null {
  const v = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (ACCEPTED.has(v)) return 'accepted';
  if (REJECTED.has(v)) return 'rejected';
  return null;
}

/** A date as `YYYY-MM-DD` from `YYYY-MM-DD`, `DD-MM-YYYY` or `DD/MM/YYYY`; null when none. */
export function answerDateOf(value: string): string | null {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const dmy = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(v);
  const text = iso ? v : dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : null;
  return text && parseYmd(text) ? text : null;
}

export interface AnswerRow {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  rowRef: string | null;
  proposalCode: string | null;
  nik: string | null;
  result: 'accepted' | 'rejected';
  reason: string | null;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
}

export type AnswerProblem = { line: number; key: string; params?: Record<string, string | number> };

/** Reads one record of the answer file (its cells by answer column). */
export function readAnswerRow(line: number, cells: Partial<Record<AnswerColumn, string>>): { ok: true; row: AnswerRow } | { ok: false; problem: AnswerProblem } {
  const text = (c: AnswerColumn) => {
    const v = cells[c]?.trim();
    return v ? v : null;
  };
  const result = answerResultOf(cells.result ?? '');
  if (!result) return { ok: false, problem: { line, key: 'submission.answer_result_unreadable', params: { value: cells.result ?? '' } } };
  const rowRef = text('row_ref');
  const nik = text('nik');
  if (!rowRef && !nik) return { ok: false, problem: { line, key: 'submission.answer_no_key' } };
  let desil: number | null = null;
  if (text('desil')) {
    desil = Number(text('desil'));
    if (!Number.isInteger(desil) || desil < 1 || desil > 10) return { ok: false, problem: { line, key: 'submission.answer_desil_invalid', params: { value: text('desil')! } } };
  }
  let desilDate: string | null = null;
  if (text('desil_date')) {
    desilDate = answerDateOf(text('desil_date')!);
    if (!desilDate) return { ok: false, problem: { line, key: 'submission.answer_date_invalid', params: { value: text('desil_date')! } } };
  }
  return {
    ok: true,
    row: { line, rowRef, proposalCode: text('proposal_code'), nik, result, reason: text('reason'), desil, desilSource: text('desil_source'), desilDate },
  };
}
