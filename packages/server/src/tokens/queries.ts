import type { Role, TokenScope } from '@slrt/core';
import type { Queryable } from '../db/database.ts';
import type { Cols, With } from '../db/rows.ts';
import { newId } from '../db/ids.ts';
import { newSecret, sha256 } from '../auth/tokens.ts';

export type TokenRow = With<Cols<'api_tokens',
  'id' | 'user_id' | 'name' | 'prefix' | 'scopes' | 'created_by' | 'created_by_name' | 'created_at' | 'last_used_at' | 'expires_at' | 'revoked_at'>,
  { scopes: TokenScope[] }> & Cols<'users', 'username'>;

const SELECT = `SELECT t.id, t.user_id, u.username, t.name, t.prefix, t.scopes, t.created_by, t.created_by_name,
    t.created_at, t.last_used_at, t.expires_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

export async function listTokens(q: Queryable, kabCode: string): Promise<TokenRow[]> {
  const { rows } = await q.query<TokenRow>(`${SELECT} WHERE u.kab_code = $1 ORDER BY t.created_at DESC`, [kabCode]);
  return rows;
}

export async function getToken(q: Queryable, id: string): Promise<TokenRow | null> {
  const { rows } = await q.query<TokenRow>(`${SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The account a token may be made for: a service account of this kabupaten, active. */
export async function serviceAccountOf(q: Queryable, kabCode: string, userId: string): Promise<Cols<'users', 'id' | 'service_account'> | null> {
  const { rows } = await q.query<Cols<'users', 'id' | 'service_account'>>(
    'SELECT id, service_account FROM users WHERE id = $1 AND kab_code = $2 AND active', [userId, kabCode]);
  return rows[0] ?? null;
}

export async function insertToken(
  q: Queryable,
  input: { userId: string; name: string; scopes: readonly TokenScope[]; createdBy: string | null; createdByName: string; expiresInDays?: number | undefined },
) {
  const id = newId();
  const token = newSecret('slrt_');
  await q.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, scopes, created_by, created_by_name, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::int IS NULL THEN NULL ELSE now() + make_interval(days => $9::int) END)`,
    [id, input.userId, input.name, sha256(token), token.slice(0, 10), [...input.scopes], input.createdBy, input.createdByName, input.expiresInDays ?? null],
  );
  return { id, token };
}

export async function revokeToken(q: Queryable, kabCode: string, id: string): Promise<boolean> {
  const res = await q.query(
    `UPDATE api_tokens t SET revoked_at = now() FROM users u
     WHERE t.id = $1 AND u.id = t.user_id AND u.kab_code = $2 AND t.revoked_at IS NULL`,
    [id, kabCode],
  );
  return res.rowCount > 0;
}

/** The roles an account holds (a token's scopes must lie within their permissions). */
export async function rolesOf(q: Queryable, userId: string): Promise<Role[]> {
  const { rows } = await q.query<With<Cols<'user_roles', 'role'>, { role: Role }>>('SELECT DISTINCT role FROM user_roles WHERE user_id = $1', [userId]);
  return rows.map((r) => r.role);
}
