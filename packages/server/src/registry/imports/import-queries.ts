import type { AuditContext } from '../../audit/audit-event.ts';
import type { Queryable } from '../../db/database.ts';
import type { Cols, Row, With } from '../../db/rows.ts';
import type { PersonRecord } from '../records.ts';
import type { ImportFormat } from './read-file.ts';

/** SQL of the registry_imports tables. */

export type ImportRow = With<Row<'registry_imports'>, {
  mapping: Record<string, string>;
  options: {
    desilSource?: string; desilDate?: string; batchSize?: number; header?: string[];
    /** The path chosen at the first row: 'staging' (bulk load under way), 'applied' (bulk load done) or 'off' (batches). */
    bulk?: 'staging' | 'applied' | 'off';
  };
  audit_context: AuditContext;
}>;

export async function insertImport(
  q: Queryable,
  i: { id: string; kabCode: string; fileName: string; storedPath: string; format: ImportFormat; mapping: Record<string, string>; options: ImportRow['options']; createdBy: string | null; createdByName: string | null; auditContext: AuditContext },
) {
  await q.query(
    `INSERT INTO registry_imports (id, kab_code, status, file_name, stored_path, format, mapping, options, created_by, created_by_name, audit_context)
     VALUES ($1, $2, 'queued', $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10::jsonb)`,
    [i.id, i.kabCode, i.fileName, i.storedPath, i.format, JSON.stringify(i.mapping), JSON.stringify(i.options), i.createdBy, i.createdByName, JSON.stringify(i.auditContext)],
  );
}

export async function selectImport(q: Queryable, kabCode: string, id: string): Promise<ImportRow | null> {
  const { rows } = await q.query<ImportRow>('SELECT * FROM registry_imports WHERE kab_code = $1 AND id = $2', [kabCode, id]);
  return rows[0] ?? null;
}

export async function selectImportById(q: Queryable, id: string): Promise<ImportRow | null> {
  const { rows } = await q.query<ImportRow>('SELECT * FROM registry_imports WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function listImports(q: Queryable, kabCode: string, opts: { limit: number; before?: string | undefined }) {
  const params: unknown[] = [kabCode, opts.limit + 1];
  let where = 'kab_code = $1';
  if (opts.before) where += ` AND id < $${params.push(opts.before)}::uuid`;
  const { rows } = await q.query<ImportRow>(`SELECT * FROM registry_imports WHERE ${where} ORDER BY id DESC LIMIT $2`, params);
  return rows;
}

/** Imports to (re)start: queued, or running when a process stopped (the claim says whose). Oldest first. */
export async function pendingImports(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<Cols<'registry_imports', 'id'>>(`SELECT id FROM registry_imports WHERE status IN ('queued', 'running') ORDER BY created_at, id`);
  return rows.map((r) => r.id);
}

/**
 * Claims the import for one run, in one statement, so that of two processes exactly one gets
 * it: a queued (or failed, when run by hand) import, or a running one whose claim has lapsed.
 */
export async function claimImport(q: Queryable, id: string, owner: string, leaseSeconds: number): Promise<boolean> {
  const r = await q.query(
    `UPDATE registry_imports SET status = 'running', claimed_by = $2, claimed_until = now() + make_interval(secs => $3),
       started_at = coalesce(started_at, now()), error = NULL, updated_at = now()
     WHERE id = $1 AND (status IN ('queued', 'failed') OR (status = 'running' AND (claimed_by IS NULL OR claimed_by = $2 OR claimed_until < now())))
     RETURNING id`,
    [id, owner, leaseSeconds],
  );
  return r.rows.length === 1;
}

/** Extends the run's claim; false when another run has taken the import over. */
export async function renewClaim(q: Queryable, id: string, owner: string, leaseSeconds: number): Promise<boolean> {
  const r = await q.query(
    `UPDATE registry_imports SET claimed_until = now() + make_interval(secs => $3) WHERE id = $1 AND claimed_by = $2 AND status = 'running' RETURNING id`,
    [id, owner, leaseSeconds],
  );
  return r.rows.length === 1;
}

export async function setBulkMode(q: Queryable, id: string, bulk: 'staging' | 'off') {
  await q.query(`UPDATE registry_imports SET options = options || jsonb_build_object('bulk', $2::text), updated_at = now() WHERE id = $1`, [id, bulk]);
}

export async function setRowsTotal(q: Queryable, id: string, total: number) {
  await q.query('UPDATE registry_imports SET rows_total = $2, updated_at = now() WHERE id = $1', [id, total]);
}

export async function markFinished(q: Queryable, id: string, status: 'done' | 'failed', error: string | null) {
  await q.query(
    `UPDATE registry_imports SET status = $2, error = $3, finished_at = CASE WHEN $2 = 'done' THEN now() ELSE finished_at END,
       claimed_by = NULL, claimed_until = NULL, updated_at = now() WHERE id = $1`,
    [id, status, error],
  );
}

/** Queues a failed import again; it resumes after its last committed batch. */
export async function requeue(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query(`UPDATE registry_imports SET status = 'queued', error = NULL, updated_at = now() WHERE id = $1 AND status = 'failed'`, [id]);
  return r.rowCount > 0;
}

export async function forgetSeen(q: Queryable, id: string) {
  await q.query('DELETE FROM registry_import_seen WHERE import_id = $1', [id]);
}

export async function selectImportErrors(q: Queryable, importId: string, after: number, limit: number) {
  const { rows } = await q.query<With<Cols<'registry_import_errors', 'id' | 'row_no' | 'column_name' | 'reason_key'>, { reason_params: Record<string, string | number> }>>(
    'SELECT id, row_no, column_name, reason_key, reason_params FROM registry_import_errors WHERE import_id = $1 AND id > $2 ORDER BY id LIMIT $3',
    [importId, after, limit],
  );
  return rows;
}

/** The kabupaten's villages and the BPS crosswalk, for checking rows. */
export async function villagesForImport(q: Queryable, kabupatenCode: string) {
  const { rows } = await q.query<Cols<'areas', 'code' | 'bps_code'>>(
    `SELECT v.code, v.bps_code FROM areas v JOIN areas k ON k.code = v.parent_code WHERE k.parent_code = $1 AND v.level = 'village'`,
    [kabupatenCode],
  );
  return {
    villages: new Set(rows.map((r) => r.code)),
    bps: new Map(rows.filter((r) => r.bps_code).map((r) => [r.bps_code!.replace(/\D/g, ''), r.code])),
  };
}

/** What the import compares of an existing person: the registry's record without the area names. */
export type ImportedPersonState = Pick<PersonRecord,
  | 'id' | 'villageCode' | 'householdId' | 'familyId' | 'kk' | 'fullName' | 'birthPlace' | 'birthDate' | 'sex' | 'relationship'
  | 'maritalStatus' | 'presence' | 'pregnant' | 'documentsHeld' | 'schoolParticipation' | 'educationLevel' | 'workStatus'
  | 'workSector' | 'disability' | 'chronicIllnesses' | 'healthInsurance' | 'pipKip' | 'dukcapilMatch' | 'registryStatus' | 'desil'
  | 'desilSource' | 'desilDate' | 'nikWarnings'> & { nik: string };

/**
 * The persons of a batch's NIKs, locked for the update: only the columns the import compares,
 * from persons alone (no joins to areas; the import never shows names of places).
 */
export async function selectImportedPersons(q: Queryable, kabCode: string, niks: string[]): Promise<ImportedPersonState[]> {
  const { rows } = await q.query<ImportedPersonState>(
    `SELECT id, nik, village_code AS "villageCode", household_id AS "householdId", family_id AS "familyId", kk, full_name AS "fullName",
       birth_place AS "birthPlace", birth_date AS "birthDate", sex, relationship, marital_status AS "maritalStatus", presence, pregnant,
       documents_held AS "documentsHeld", school_participation AS "schoolParticipation", education_level AS "educationLevel",
       work_status AS "workStatus", work_sector AS "workSector", disability, chronic_illnesses AS "chronicIllnesses",
       health_insurance AS "healthInsurance", pip_kip AS "pipKip", dukcapil_match AS "dukcapilMatch", registry_status AS "registryStatus",
       desil, desil_source AS "desilSource", desil_date AS "desilDate", nik_warnings AS "nikWarnings"
     FROM persons WHERE kab_code = $1 AND nik = ANY($2::text[]) FOR UPDATE`,
    [kabCode, niks],
  );
  return rows;
}
