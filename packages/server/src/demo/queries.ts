import type { Queryable } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';
import { newId } from '../db/ids.ts';

/** SQL of the demo sign-ins and their organization (demo mode only). */

/** The organization of that name in the kabupaten, created when missing; answers its id. */
export async function ensureOrganization(q: Queryable, kabCode: string, name: string, type: string): Promise<string> {
  const found = await q.query<Cols<'organizations', 'id'>>('SELECT id FROM organizations WHERE kab_code = $1 AND name = $2', [kabCode, name]);
  if (found.rows[0]) return found.rows[0].id;
  const id = newId();
  await q.query('INSERT INTO organizations (id, kab_code, name, type) VALUES ($1, $2, $3, $4)', [id, kabCode, name, type]);
  return id;
}

export async function usernameTaken(q: Queryable, username: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM users WHERE username = $1', [username]);
  return rows.length > 0;
}
