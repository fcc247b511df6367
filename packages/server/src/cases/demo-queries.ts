import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/** SQL of the sample cases (demo mode only). */

/** A demo resident by the household's import reference and the person's full name, in one village. */
export async function demoResidentId(q: Queryable, kab: string, villageCode: string, householdRef: string, fullName: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'persons', 'id'>>(
    `SELECT p.id FROM persons p JOIN households h ON h.kab_code = p.kab_code AND h.id = p.household_id
     WHERE h.kab_code = $1 AND h.import_ref = $2 AND p.full_name = $3 AND p.village_code = $4`,
    [kab, householdRef, fullName, villageCode],
  );
  return rows[0]?.id ?? null;
}

export async function demoCaseExists(q: Queryable, kab: string, clientRequestId: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM cases WHERE kab_code = $1 AND client_request_id = $2', [kab, clientRequestId]);
  return rows.length > 0;
}

/** Moves a case and its timeline `days` into the past (an overdue demo case). */
export async function backdateCase(q: Queryable, kab: string, caseId: string, days: number): Promise<void> {
  await q.query(
    `UPDATE cases SET registered_at = registered_at - make_interval(days => $2), due_at = due_at - make_interval(days => $2), updated_at = updated_at - make_interval(days => $2) WHERE id = $1`,
    [caseId, days],
  );
  await q.query('UPDATE case_events SET at = at - make_interval(days => $2) WHERE kab_code = $3 AND case_id = $1', [caseId, days, kab]);
}
