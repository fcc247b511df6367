import type { Queryable } from '../db/database.ts';

/** SQL of the demo registry (demo mode only). */

/** Is there a household of the kabupaten with this import reference (seeded before)? */
export async function householdImported(q: Queryable, kab: string, importRef: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM households WHERE kab_code = $1 AND import_ref = $2', [kab, importRef]);
  return rows.length > 0;
}

/** The demo household's desil from the DTSEN (October 2025). */
export async function setDemoDesil(q: Queryable, kab: string, householdId: string, desil: number): Promise<void> {
  await q.query(`UPDATE households SET desil = $2, desil_source = 'DTSEN', desil_date = '2025-10-01' WHERE kab_code = $3 AND id = $1`, [householdId, desil, kab]);
}
