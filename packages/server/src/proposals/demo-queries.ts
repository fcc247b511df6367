import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';

/** SQL of the sample proposals (demo mode only). */

export async function demoHouseholdId(q: Queryable, kab: string, villageCode: string, importRef: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'households', 'id'>>('SELECT id FROM households WHERE kab_code = $1 AND import_ref = $2 AND village_code = $3', [kab, importRef, villageCode]);
  return rows[0]?.id ?? null;
}

export async function demoPersonId(q: Queryable, householdId: string, fullName: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'persons', 'id'>>('SELECT id FROM persons WHERE household_id = $1 AND full_name = $2', [householdId, fullName]);
  return rows[0]?.id ?? null;
}

export async function anyProposalOn(q: Queryable, householdIds: readonly string[]): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM proposals WHERE household_id = ANY($1::uuid[]) LIMIT 1', [[...householdIds]]);
  return rows.length > 0;
}
