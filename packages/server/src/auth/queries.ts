import type { RoleGrant } from '@slrt/core';
import type { Db, Queryable, Tx } from '../db/database.ts';
import type { Cols } from '../db/rows.ts';
import { invalidateActors, type GrantRow, type SessionActorRow } from './actor-cache.ts';

export type UserRow = Cols<'users',
  'id' | 'kab_code' | 'username' | 'display_name' | 'password_hash' | 'active' | 'failed_logins' | 'locked_until' | 'service_account'>;

export function toGrants(rows: readonly GrantRow[]): RoleGrant[] {
  return rows.map((r) =>
    r.role === 'partner_officer'
      ? { role: 'partner_officer', organizationId: r.organization_id as string }
      : { role: r.role, areaCode: r.area_code as string },
  );
}

export async function findUserByUsername(q: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await q.query<UserRow>(
    `SELECT id, kab_code, username, display_name, password_hash, active, failed_logins, locked_until, service_account
     FROM users WHERE username = $1`,
    [username],
  );
  return rows[0] ?? null;
}

export async function grantsOf(q: Queryable, userId: string): Promise<GrantRow[]> {
  const { rows } = await q.query<GrantRow>(
    'SELECT role, area_code, organization_id FROM user_roles WHERE user_id = $1 ORDER BY role, area_code',
    [userId],
  );
  return rows;
}

export async function clearFailedLogins(q: Queryable, userId: string) {
  await q.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [userId]);
}

export async function insertSession(
  q: Queryable,
  s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date; clientAddr: string | null; userAgent: string | null },
) {
  await q.query(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, client_addr, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.tokenHash, s.userId, s.csrfToken, s.expiresAt, s.clientAddr, s.userAgent],
  );
}

/** One round trip per request: the session (or token), its user and roles. */
export async function findSessionActor(q: Queryable, tokenHash: string): Promise<SessionActorRow | null> {
  const { rows } = await q.query<SessionActorRow>(
    `SELECT s.user_id, u.kab_code, u.username, u.display_name, s.csrf_token, s.last_seen_at, NULL::uuid AS token_id, NULL::text[] AS scopes,
            coalesce((SELECT json_agg(json_build_object('role', r.role, 'area_code', r.area_code, 'organization_id', r.organization_id))
                      FROM user_roles r WHERE r.user_id = u.id), '[]') AS grants
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
    [tokenHash],
    'auth_session_actor',
  );
  return rows[0] ?? null;
}

export async function findTokenActor(q: Queryable, tokenHash: string): Promise<SessionActorRow | null> {
  const { rows } = await q.query<SessionActorRow>(
    `SELECT t.user_id, u.kab_code, u.username, u.display_name, NULL AS csrf_token, t.last_used_at AS last_seen_at, t.id AS token_id, t.scopes,
            coalesce((SELECT json_agg(json_build_object('role', r.role, 'area_code', r.area_code, 'organization_id', r.organization_id))
                      FROM user_roles r WHERE r.user_id = u.id), '[]') AS grants
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.active AND u.service_account`,
    [tokenHash],
    'auth_token_actor',
  );
  return rows[0] ?? null;
}

export async function touchSession(q: Queryable, tokenHash: string, expiresAt: Date) {
  await q.query('UPDATE sessions SET last_seen_at = now(), expires_at = $2 WHERE token_hash = $1', [tokenHash, expiresAt]);
}

export async function touchToken(q: Queryable, tokenHash: string) {
  await q.query('UPDATE api_tokens SET last_used_at = now() WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSession(q: Tx | Db, tokenHash: string) {
  await invalidateActors(q);
  await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

export async function deleteSessionsOfUser(q: Tx | Db, userId: string, exceptTokenHash?: string) {
  await invalidateActors(q);
  await q.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [userId, exceptTokenHash ?? '']);
}

/**
 * Sets a password. Every bearer token of the account ends with it: a token must not outlive
 * the password of the account it acts for (service accounts have none, and keep theirs).
 */
export async function setPassword(q: Tx | Db, userId: string, passwordHash: string) {
  await invalidateActors(q);
  await q.query(
    'UPDATE users SET password_hash = $2, password_changed_at = now(), failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1',
    [userId, passwordHash],
  );
  await q.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

/** Whether `clientAddr` signed in to this account successfully in the last `days`. */
export async function isKnownClient(q: Queryable, userId: string, clientAddr: string, days: number): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM user_known_clients WHERE user_id = $1 AND client_addr = $2 AND last_login_at > now() - make_interval(days => $3)',
    [userId, clientAddr, days],
    'auth_known_client',
  );
  return rows.length > 0;
}

export async function rememberClient(q: Queryable, userId: string, clientAddr: string) {
  await q.query(
    `INSERT INTO user_known_clients (user_id, client_addr, last_login_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id, client_addr) DO UPDATE SET last_login_at = now()`,
    [userId, clientAddr],
  );
}

/** What the admin sees of a lockout: failures in the window, and until when the account is locked. */
export async function markLocked(q: Queryable, userId: string, failures: number, lockedUntil: Date | null) {
  await q.query('UPDATE users SET failed_logins = $2, locked_until = coalesce($3, locked_until) WHERE id = $1', [userId, failures, lockedUntil]);
}
