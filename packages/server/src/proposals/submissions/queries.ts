import type { Queryable } from '../../db/database.ts';
import type { Col, Cols, Joined, With } from '../../db/rows.ts';

/** SQL of the national submission batches and their rows. */

export type SubmissionRow = Cols<'proposal_submissions', 'id' | 'kab_code' | 'code' | 'status' | 'note' | 'created_at' | 'sent_at' | 'answered_at' | 'answer_file'> & {
  created_at_key: string;
  created_by_name: Col<'users', 'display_name'> | null;
  /** Counts of the batch's rows (computed). */
  proposals: number;
  rows: number;
  accepted: number;
  rejected: number;
};

const SUBMISSION_SELECT = `
  SELECT s.id, s.kab_code, s.code, s.status, s.note, s.created_at, to_json(s.created_at)#>>'{}' AS created_at_key, u.display_name AS created_by_name, s.sent_at, s.answered_at, s.answer_file,
    (SELECT count(DISTINCT r.proposal_id)::int FROM proposal_submission_rows r WHERE r.submission_id = s.id) AS proposals,
    (SELECT count(*)::int FROM proposal_submission_rows r WHERE r.submission_id = s.id) AS rows,
    (SELECT count(*)::int FROM proposal_submission_rows r WHERE r.submission_id = s.id AND r.result = 'accepted') AS accepted,
    (SELECT count(*)::int FROM proposal_submission_rows r WHERE r.submission_id = s.id AND r.result = 'rejected') AS rejected
  FROM proposal_submissions s LEFT JOIN users u ON u.id = s.created_by`;

export async function selectSubmission(q: Queryable, kabCode: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<SubmissionRow | null> {
  const { rows } = await q.query<SubmissionRow>(`${SUBMISSION_SELECT} WHERE s.kab_code = $1 AND s.id = $2${opts.forUpdate ? ' FOR UPDATE OF s' : ''}`, [kabCode, id]);
  return rows[0] ?? null;
}

export async function listSubmissions(q: Queryable, kabCode: string, page: { limit: number; after?: { at: string; id: string } | null }): Promise<SubmissionRow[]> {
  const params: unknown[] = [kabCode, page.limit + 1];
  let where = 's.kab_code = $1';
  if (page.after) {
    params.push(page.after.at, page.after.id);
    where += ' AND (s.created_at, s.id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await q.query<SubmissionRow>(`${SUBMISSION_SELECT} WHERE ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT $2`, params);
  return rows;
}

export async function insertSubmission(q: Queryable, s: { id: string; kabCode: string; code: string; note: string | null; createdBy: string }): Promise<void> {
  await q.query(
    `INSERT INTO proposal_submissions (id, kab_code, code, status, note, created_by) VALUES ($1, $2, $3, 'prepared', $4, $5)`,
    [s.id, s.kabCode, s.code, s.note, s.createdBy],
  );
}

export interface NewSubmissionRow {
  id: string;
  kabCode: string;
  villageCode: string;
  submissionId: string;
  proposalId: string;
  rowNo: number;
  personId: string | null;
  householdId: string | null;
  row: Record<string, string>;
}

export async function insertSubmissionRows(q: Queryable, rows: readonly NewSubmissionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO proposal_submission_rows (id, kab_code, village_code, submission_id, proposal_id, row_no, person_id, household_id, row)
     SELECT id, kab_code, village_code, submission_id, proposal_id, row_no, person_id, household_id, row
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kab_code char(4), village_code text, submission_id uuid, proposal_id uuid, row_no int,
       person_id uuid, household_id uuid, row jsonb)`,
    [JSON.stringify(rows.map((r) => ({
      id: r.id, kab_code: r.kabCode, village_code: r.villageCode, submission_id: r.submissionId, proposal_id: r.proposalId, row_no: r.rowNo,
      person_id: r.personId, household_id: r.householdId, row: r.row,
    })))],
  );
}

export type SubmissionLine = With<Cols<'proposal_submission_rows',
  'id' | 'proposal_id' | 'village_code' | 'row_no' | 'person_id' | 'household_id' | 'row' | 'result' | 'result_reason' | 'desil'>,
  { row: Record<string, string> }> & { proposal_code: Col<'proposals', 'code'> };

export async function selectSubmissionLines(q: Queryable, submissionId: string, opts: { forUpdate?: boolean } = {}): Promise<SubmissionLine[]> {
  const { rows } = await q.query<SubmissionLine>(
    `SELECT r.id, r.proposal_id, p.code AS proposal_code, r.village_code, r.row_no, r.person_id, r.household_id, r.row, r.result, r.result_reason, r.desil
     FROM proposal_submission_rows r JOIN proposals p ON p.id = r.proposal_id
     WHERE r.submission_id = $1 ORDER BY r.row_no${opts.forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [submissionId],
  );
  return rows;
}

export async function markSubmissionSent(q: Queryable, id: string, by: string): Promise<void> {
  await q.query(`UPDATE proposal_submissions SET status = 'sent', sent_at = now(), sent_by = $2 WHERE id = $1`, [id, by]);
}

export async function markRowAnswered(
  q: Queryable,
  id: string,
  a: { result: 'accepted' | 'rejected'; reason: string | null; desil: number | null; desilSource: string | null; desilDate: string | null },
): Promise<void> {
  await q.query(
    `UPDATE proposal_submission_rows SET result = $2, result_reason = $3, desil = $4, desil_source = $5, desil_date = $6::date, answered_at = now() WHERE id = $1`,
    [id, a.result, a.reason, a.desil, a.desilSource, a.desilDate],
  );
}

export async function markSubmissionAnswered(q: Queryable, id: string, fileName: string, complete: boolean): Promise<void> {
  await q.query(
    `UPDATE proposal_submissions SET answer_file = $2, status = CASE WHEN $3::boolean THEN 'answered' ELSE status END,
       answered_at = CASE WHEN $3::boolean THEN now() ELSE answered_at END WHERE id = $1`,
    [id, fileName, complete],
  );
}

/** The batch of a proposal and its rows' answers, for the proposal's page. */
export async function selectSubmissionOfProposal(q: Queryable, proposalId: string) {
  const { rows } = await q.query<Cols<'proposal_submissions', 'id' | 'code' | 'status'> & Cols<'proposal_submission_rows', 'row_no' | 'result' | 'result_reason' | 'desil'>>(
    `SELECT s.id, s.code, s.status, r.row_no, r.result, r.result_reason, r.desil
     FROM proposal_submission_rows r JOIN proposal_submissions s ON s.id = r.submission_id
     WHERE r.proposal_id = $1 ORDER BY s.created_at DESC, r.row_no`,
    [proposalId],
  );
  const first = rows[0];
  if (!first) return null;
  return {
    id: first.id,
    code: first.code,
    status: first.status,
    rows: rows.filter((r) => r.id === first.id).map((r) => ({ rowNo: r.row_no, result: r.result, resultReason: r.result_reason, desil: r.desil })),
  };
}

/** Approved proposals of the kabupaten not yet in any batch, oldest approval first (optionally only `ids`). */
export async function selectSubmittableIds(q: Queryable, kabCode: string, ids: readonly string[] | null): Promise<string[]> {
  const { rows } = await q.query<Cols<'proposals', 'id'>>(
    `SELECT p.id FROM proposals p
     WHERE p.kab_code = $1 AND p.status = 'approved'
       AND NOT EXISTS (SELECT 1 FROM proposal_submission_rows sr WHERE sr.proposal_id = p.id)
       AND ($2::uuid[] IS NULL OR p.id = ANY($2::uuid[]))
     ORDER BY p.status_at, p.id FOR UPDATE OF p`,
    [kabCode, ids],
  );
  return rows.map((r) => r.id);
}

/** The facts of a proposal the submission row carries: its round's basis, its last valid visit, its ratification. */
export async function selectSubmissionFacts(q: Queryable, proposalId: string) {
  const { rows } = await q.query<Joined<Cols<'proposal_rounds', 'basis' | 'basis_date'> & Cols<'proposal_verifications', 'visit_date' | 'verifier_name'> & {
    round_period: Col<'proposal_rounds', 'period'>; approved_at: Col<'proposal_steps', 'at'>;
  }>>(
    `SELECT r.period AS round_period, r.basis, r.basis_date,
       (SELECT v.visit_date FROM proposal_verifications v WHERE v.proposal_id = p.id AND v.verdict = 'valid' ORDER BY v.created_at DESC LIMIT 1) AS visit_date,
       (SELECT v.verifier_name FROM proposal_verifications v WHERE v.proposal_id = p.id AND v.verdict = 'valid' ORDER BY v.created_at DESC LIMIT 1) AS verifier_name,
       (SELECT s.at FROM proposal_steps s WHERE s.proposal_id = p.id AND s.action = 'ratify' ORDER BY s.at DESC LIMIT 1) AS approved_at
     FROM proposals p LEFT JOIN proposal_rounds r ON r.id = p.round_id WHERE p.id = $1`,
    [proposalId],
  );
  return rows[0]!;
}
