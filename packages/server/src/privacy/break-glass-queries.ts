import type { Queryable } from '../db/database.ts';
import type { Col, Cols } from '../db/rows.ts';

/** SQL of break-glass grants. */

export type GrantRow = Cols<'break_glass_grants', 'id' | 'person_id' | 'reason' | 'granted_at' | 'expires_at' | 'review' | 'review_note'>
  & Cols<'users', 'username'> & { person_name: Col<'persons', 'full_name'> };

const COLUMNS = 'g.id, u.username, g.person_id, p.full_name AS person_name, g.reason, g.granted_at, g.expires_at, g.review, g.review_note';
const FROM = 'break_glass_grants g JOIN users u ON u.id = g.user_id JOIN persons p ON p.id = g.person_id';

export async function insertGrant(q: Queryable, g: { id: string; kabCode: string; userId: string; personId: string; reason: string; expiresAt: Date }): Promise<void> {
  await q.query(
    'INSERT INTO break_glass_grants (id, kab_code, user_id, person_id, reason, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [g.id, g.kabCode, g.userId, g.personId, g.reason, g.expiresAt],
  );
}

/** The user's live grant on the person, if any. */
export async function selectLiveGrant(q: Queryable, userId: string, personId: string, now: Date): Promise<Cols<'break_glass_grants', 'id'> | undefined> {
  const { rows } = await q.query<Cols<'break_glass_grants', 'id'>>(
    'SELECT id FROM break_glass_grants WHERE user_id = $1 AND person_id = $2 AND expires_at > $3 ORDER BY expires_at DESC LIMIT 1',
    [userId, personId, now],
  );
  return rows[0];
}

export async function selectGrants(q: Queryable, kabCode: string, unreviewedOnly: boolean, page: { limit: number; offset: number }): Promise<GrantRow[]> {
  const { rows } = await q.query<GrantRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE g.kab_code = $1 ${unreviewedOnly ? 'AND g.review IS NULL' : ''}
     ORDER BY g.granted_at DESC, g.id LIMIT $2 OFFSET $3`,
    [kabCode, page.limit + 1, page.offset],
  );
  return rows;
}

export async function selectGrant(q: Queryable, kabCode: string, id: string): Promise<GrantRow | undefined> {
  const { rows } = await q.query<GrantRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE g.id = $1 AND g.kab_code = $2`, [id, kabCode]);
  return rows[0];
}

export async function reviewGrant(q: Queryable, id: string, review: 'approved' | 'flagged', note: string | null, userId: string): Promise<number> {
  const res = await q.query(
    'UPDATE break_glass_grants SET review = $2, review_note = $3, reviewed_at = now(), reviewed_by = $4 WHERE id = $1 AND review IS NULL',
    [id, review, note, userId],
  );
  return res.rowCount;
}
