import type { Permission, Role } from '@slrt/core';
import { ROLE_PERMISSIONS } from '@slrt/core';
import type { Db, Queryable, Tx } from '../db/database.ts';
import type { Col, Cols, Joined, With } from '../db/rows.ts';
import { invalidateActors } from '../auth/actor-cache.ts';

export type UserListRow = Cols<'users', 'id' | 'username' | 'display_name' | 'active' | 'locked_until' | 'service_account'> & {
  roles: Array<With<Cols<'user_roles', 'role' | 'area_code' | 'organization_id'>, { role: Role }> & Joined<{ area_name: Col<'areas', 'name'>; organization_name: Col<'organizations', 'name'> }>>;
};

const USER_SELECT = `
  SELECT u.id, u.username, u.display_name, u.active, u.locked_until, u.service_account,
    coalesce((SELECT json_agg(json_build_object('role', r.role, 'area_code', r.area_code, 'area_name', a.name,
                 'organization_id', r.organization_id, 'organization_name', o.name) ORDER BY r.role)
              FROM user_roles r LEFT JOIN areas a ON a.code = r.area_code LEFT JOIN organizations o ON o.id = r.organization_id
              WHERE r.user_id = u.id), '[]') AS roles
  FROM users u`;

export async function listUsers(q: Queryable, kabCode: string, opts: { after?: string; limit: number; search?: string }) {
  const params: unknown[] = [kabCode, opts.limit + 1];
  let where = 'u.kab_code = $1';
  if (opts.after) {
    params.push(opts.after);
    where += ` AND u.username > $${params.length}`;
  }
  if (opts.search) {
    params.push(`%${opts.search.toLowerCase()}%`);
    where += ` AND (u.username LIKE $${params.length} OR lower(u.display_name) LIKE $${params.length})`;
  }
  const { rows } = await q.query<UserListRow>(`${USER_SELECT} WHERE ${where} ORDER BY u.username LIMIT $2`, params);
  return rows;
}

export async function getUser(q: Queryable, kabCode: string, id: string): Promise<UserListRow | null> {
  const { rows } = await q.query<UserListRow>(`${USER_SELECT} WHERE u.kab_code = $1 AND u.id = $2`, [kabCode, id]);
  return rows[0] ?? null;
}

export function toUserView(row: UserListRow) {
  const perms = new Set<Permission>();
  for (const r of row.roles) for (const p of ROLE_PERMISSIONS[r.role]) perms.add(p);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    active: row.active,
    lockedUntil: row.locked_until && row.locked_until > new Date() ? row.locked_until.toISOString() : null,
    roles: row.roles.map((r) => ({
      role: r.role,
      ...(r.area_code ? { areaCode: r.area_code } : {}),
      ...(r.area_name ? { areaName: r.area_name } : {}),
      ...(r.organization_id ? { organizationId: r.organization_id } : {}),
      ...(r.organization_name ? { organizationName: r.organization_name } : {}),
    })),
    permissions: [...perms].sort(),
    serviceAccount: row.service_account,
  };
}

export async function insertUser(
  q: Queryable,
  u: { id: string; kabCode: string; username: string; displayName: string; passwordHash: string; serviceAccount?: boolean },
) {
  await q.query(
    'INSERT INTO users (id, kab_code, username, display_name, password_hash, service_account) VALUES ($1, $2, $3, $4, $5, $6)',
    [u.id, u.kabCode, u.username, u.displayName, u.passwordHash, u.serviceAccount ?? false],
  );
}

export async function replaceRoles(
  q: Tx | Db,
  userId: string,
  roles: ReadonlyArray<{ role: Role; areaCode?: string | undefined; organizationId?: string | undefined }>,
) {
  await invalidateActors(q);
  await q.query('DELETE FROM user_roles WHERE user_id = $1', [userId]);
  for (const r of roles) {
    await q.query('INSERT INTO user_roles (user_id, role, area_code, organization_id) VALUES ($1, $2, $3, $4)', [
      userId, r.role, r.areaCode ?? null, r.organizationId ?? null,
    ]);
  }
}

export async function updateUserFields(q: Tx | Db, id: string, f: { displayName?: string | undefined; active?: boolean | undefined }) {
  await invalidateActors(q);
  await q.query(
    `UPDATE users SET display_name = coalesce($2, display_name), active = coalesce($3, active), updated_at = now() WHERE id = $1`,
    [id, f.displayName ?? null, f.active ?? null],
  );
  if (f.active === false) await q.query('DELETE FROM sessions WHERE user_id = $1', [id]);
}

/** A user's display name (null when there is no such user). */
export async function displayNameOf(q: Queryable, id: string): Promise<string | null> {
  const { rows } = await q.query<Cols<'users', 'display_name'>>('SELECT display_name FROM users WHERE id = $1', [id]);
  return rows[0]?.display_name ?? null;
}

/** A role's organization must be one of this kabupaten's. */
export async function organizationInKabupaten(q: Queryable, organizationId: string, kabCode: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM organizations WHERE id = $1 AND kab_code = $2', [organizationId, kabCode]);
  return rows.length > 0;
}

export async function areaExists(q: Queryable, code: string): Promise<boolean> {
  const { rows } = await q.query('SELECT 1 FROM areas WHERE code = $1', [code]);
  return rows.length > 0;
}

/** Every account with its roles (role:area or role:organization), for the operator's CLI. */
export async function listAccountsWithRoles(q: Queryable) {
  const { rows } = await q.query<Cols<'users', 'username' | 'display_name' | 'active'> & { roles: string | null }>(
    `SELECT u.username, u.display_name, u.active, string_agg(r.role || ':' || coalesce(r.area_code, r.organization_id::text), ' ') AS roles
     FROM users u LEFT JOIN user_roles r ON r.user_id = u.id GROUP BY u.id ORDER BY u.username`);
  return rows;
}
