import type { Queryable } from '../db/database.ts';
import type { Col, Cols, NotNull } from '../db/rows.ts';

/** SQL of enrollments (who receives which program) and of enrollment imports. */

export type EnrollmentRow = Cols<'program_enrollments',
  | 'id' | 'kab_code' | 'village_code' | 'program_id' | 'household_id' | 'person_id' | 'period' | 'started_on' | 'ended_on'
  | 'end_reason' | 'source_type' | 'created_by' | 'ended_by'> & {
  program_code: Col<'programs', 'code'>;
  program_name: Col<'programs', 'name'>;
  person_name: Col<'persons', 'full_name'> | null;
};

const ENROLLMENT_SELECT = `
  SELECT e.id, e.kab_code, e.village_code, e.program_id, pr.code AS program_code, pr.name AS program_name,
    e.household_id, e.person_id, p.full_name AS person_name, e.period, e.started_on, e.ended_on, e.end_reason,
    e.source_type, e.created_by, e.ended_by
  FROM program_enrollments e
  JOIN programs pr ON pr.id = e.program_id
  LEFT JOIN persons p ON p.id = e.person_id`;

/** A household's enrollments: current first, then the past, newest first. */
export async function selectHouseholdEnrollments(q: Queryable, householdId: string): Promise<EnrollmentRow[]> {
  const { rows } = await q.query<EnrollmentRow>(
    `${ENROLLMENT_SELECT} WHERE e.household_id = $1 ORDER BY (e.ended_on IS NULL) DESC, e.started_on DESC, e.id DESC`,
    [householdId],
  );
  return rows;
}

export async function selectEnrollment(q: Queryable, kabCode: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<EnrollmentRow | null> {
  const { rows } = await q.query<EnrollmentRow>(
    `${ENROLLMENT_SELECT} WHERE e.kab_code = $1 AND e.id = $2${opts.forUpdate ? ' FOR UPDATE OF e' : ''}`,
    [kabCode, id],
  );
  return rows[0] ?? null;
}

export async function selectCurrentEnrollment(q: Queryable, programId: string, householdId: string, personId: string | null): Promise<Cols<'program_enrollments', 'id'> | null> {
  const { rows } = await q.query<Cols<'program_enrollments', 'id'>>(
    `SELECT id FROM program_enrollments WHERE program_id = $1 AND household_id = $2
       AND coalesce(person_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce($3::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
       AND ended_on IS NULL`,
    [programId, householdId, personId],
  );
  return rows[0] ?? null;
}

export interface NewEnrollment {
  id: string; kabCode: string; villageCode: string; programId: string; householdId: string; personId: string | null;
  period: string | null; startedOn: string; sourceType: 'import' | 'officer' | 'seed' | 'proposal'; sourceId: string | null; createdBy: string | null;
}

/** Inserts enrollments; a current one for the same program, household and person is left as is. Returns the ids inserted. */
export async function insertEnrollments(q: Queryable, list: readonly NewEnrollment[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const { rows } = await q.query<Cols<'program_enrollments', 'id'>>(
    `INSERT INTO program_enrollments (id, kab_code, village_code, program_id, household_id, person_id, period, started_on, source_type, source_id, created_by)
     SELECT * FROM unnest($1::uuid[], $2::char(4)[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::date[], $9::text[], $10::text[], $11::text[])
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      list.map((e) => e.id), list.map((e) => e.kabCode), list.map((e) => e.villageCode), list.map((e) => e.programId),
      list.map((e) => e.householdId), list.map((e) => e.personId), list.map((e) => e.period), list.map((e) => e.startedOn),
      list.map((e) => e.sourceType), list.map((e) => e.sourceId), list.map((e) => e.createdBy),
    ],
  );
  return new Set(rows.map((r) => r.id));
}

export async function endEnrollment(q: Queryable, id: string, e: { endedOn: string; reason: string; endedBy: string; sourceId?: string }) {
  await q.query(
    'UPDATE program_enrollments SET ended_on = $2, end_reason = $3, ended_by = $4, end_source_id = $5 WHERE id = $1 AND ended_on IS NULL',
    [id, e.endedOn, e.reason, e.endedBy, e.sourceId ?? null],
  );
}

/** Persons by NIK with their household (kabupaten-wide; the caller filters by area). */
export async function selectPersonsByNik(q: Queryable, kabCode: string, niks: readonly string[]) {
  if (niks.length === 0) return new Map<string, { personId: string; householdId: string; villageCode: string }>();
  const { rows } = await q.query<NotNull<Cols<'persons', 'id' | 'nik' | 'household_id' | 'village_code'>, 'nik'>>(
    'SELECT id, nik, household_id, village_code FROM persons WHERE kab_code = $1 AND nik = ANY($2::char(16)[])',
    [kabCode, niks],
  );
  return new Map(rows.map((r) => [r.nik, { personId: r.id, householdId: r.household_id, villageCode: r.village_code }]));
}

/** Households by the current KK number of one of their families. */
export async function selectHouseholdsByKk(q: Queryable, kabCode: string, kks: readonly string[]) {
  if (kks.length === 0) return new Map<string, { householdId: string; villageCode: string }>();
  const { rows } = await q.query<Cols<'families', 'kk' | 'household_id'> & Cols<'households', 'village_code'>>(
    'SELECT f.kk, f.household_id, h.village_code FROM families f JOIN households h ON h.kab_code = f.kab_code AND h.id = f.household_id WHERE f.kab_code = $1 AND f.kk = ANY($2::char(16)[])',
    [kabCode, kks],
  );
  return new Map(rows.map((r) => [r.kk, { householdId: r.household_id, villageCode: r.village_code }]));
}

export async function insertEnrollmentImport(q: Queryable, i: {
  id: string; kabCode: string; programId: string; period: string; fileName: string; idColumn: string;
  totalRows: number; enrolled: number; alreadyEnrolled: number; errorRows: number; createdBy: string;
}) {
  await q.query(
    `INSERT INTO program_enrollment_imports (id, kab_code, program_id, period, file_name, id_column, total_rows, enrolled, already_enrolled, error_rows, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [i.id, i.kabCode, i.programId, i.period, i.fileName, i.idColumn, i.totalRows, i.enrolled, i.alreadyEnrolled, i.errorRows, i.createdBy],
  );
}

export async function insertEnrollmentImportErrors(q: Queryable, importId: string, kabCode: string, errors: readonly { rowNo: number; field: string; code: string; value: string | null }[]) {
  if (errors.length === 0) return;
  await q.query(
    `INSERT INTO program_enrollment_import_errors (import_id, kab_code, row_no, field, code, value)
     SELECT $1, $6, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
    [importId, errors.map((e) => e.rowNo), errors.map((e) => e.field), errors.map((e) => e.code), errors.map((e) => e.value), kabCode],
  );
}

export type EnrollmentImportRow = Cols<'program_enrollment_imports',
  'id' | 'period' | 'file_name' | 'id_column' | 'total_rows' | 'enrolled' | 'already_enrolled' | 'error_rows' | 'created_by' | 'created_at'>
  & { program_code: Col<'programs', 'code'> };

export async function selectEnrollmentImport(q: Queryable, kabCode: string, id: string): Promise<EnrollmentImportRow | null> {
  const { rows } = await q.query<EnrollmentImportRow>(
    `SELECT i.id, pr.code AS program_code, i.period, i.file_name, i.id_column, i.total_rows, i.enrolled, i.already_enrolled,
       i.error_rows, i.created_by, i.created_at
     FROM program_enrollment_imports i JOIN programs pr ON pr.id = i.program_id WHERE i.kab_code = $1 AND i.id = $2`,
    [kabCode, id],
  );
  return rows[0] ?? null;
}

export async function selectEnrollmentImportErrors(q: Queryable, importId: string) {
  const { rows } = await q.query<Cols<'program_enrollment_import_errors', 'row_no' | 'field' | 'code' | 'value'>>(
    'SELECT row_no, field, code, value FROM program_enrollment_import_errors WHERE import_id = $1 ORDER BY row_no, field',
    [importId],
  );
  return rows;
}
