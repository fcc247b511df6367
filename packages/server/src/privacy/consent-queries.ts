import type { Queryable } from '../db/database.ts';

/** SQL of consents as the DPO handles them (recorded at intake in case_consents). */

export interface ConsentRow {
  id: string;
  case_id: string;
  case_code: string;
  person_id: string;
  village_code: string;
  purpose: string;
  statement: string;
  method: string;
  given_at: Date;
  given_by: 'subject' | 'guardian';
  guardian_name: string | null;
  guardian_relationship: string | null;
  withdrawn_at: Date | null;
}

const COLUMNS = `x.id, x.case_id, c.code AS case_code, c.person_id, c.village_code, x.purpose, x.statement, x.method, x.given_at, x.given_by,
  x.guardian_name, x.guardian_relationship, x.withdrawn_at`;

export async function selectConsentsOf(q: Queryable, personId: string): Promise<ConsentRow[]> {
  const { rows } = await q.query<ConsentRow>(
    `SELECT ${COLUMNS} FROM case_consents x JOIN cases c ON c.id = x.case_id WHERE c.person_id = $1 ORDER BY x.given_at DESC, x.id`,
    [personId],
  );
  return rows;
}

export async function selectConsent(q: Queryable, kabCode: string, id: string): Promise<ConsentRow | undefined> {
  const { rows } = await q.query<ConsentRow>(`SELECT ${COLUMNS} FROM case_consents x JOIN cases c ON c.id = x.case_id WHERE x.id = $1 AND x.kab_code = $2 FOR UPDATE OF x`, [id, kabCode]);
  return rows[0];
}

export async function markWithdrawn(q: Queryable, id: string): Promise<void> {
  await q.query('UPDATE case_consents SET withdrawn_at = now() WHERE id = $1 AND withdrawn_at IS NULL', [id]);
}

/** The case's photos kept only on the strength of the photo consent (house photos): their ids. */
export async function selectConsentPhotos(q: Queryable, caseId: string): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT id FROM documents WHERE owner_type = 'case' AND owner_id = $1 AND kind = 'house_photo' AND deleted_at IS NULL`, [caseId],
  );
  return rows.map((r) => r.id);
}
