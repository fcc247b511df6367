import {
  isPersonalPermission, isWithinArea, ROLE_PERMISSIONS, ROLE_SCOPE_KIND,
  type CreateUserInput, type Role, type RoleGrantInput, type UpdateUserInput,
} from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import { AppError, fieldError, notFound } from '../http/errors.ts';
import { pgErrorCode, PG_UNIQUE_VIOLATION, type Db, type Queryable, type Tx } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { hashPassword } from '../auth/password.ts';
import { replacePassword } from '../auth/service.ts';
import { areaExists, getUser, listAccountsWithRoles, insertUser, listUsers, organizationInKabupaten, replaceRoles, toUserView, updateUserFields } from './queries.ts';

/**
 * Each role's scope must be of its kind and inside the admin's own kabupaten (`kabCode`, 4
 * digits): in an installation serving several, an admin grants nothing in another one.
 */
async function checkGrants(q: Queryable, kabCode: string, roles: readonly RoleGrantInput[]) {
  const kabupaten = `${kabCode.slice(0, 2)}.${kabCode.slice(2)}`;
  for (const [i, r] of roles.entries()) {
    const field = `roles.${i}`;
    if (ROLE_SCOPE_KIND[r.role] === 'organization') {
      if (!r.organizationId) throw fieldError(`${field}.organizationId`, 'auth.scope_required', { role: r.role });
      if (!(await organizationInKabupaten(q, r.organizationId, kabCode))) throw fieldError(`${field}.organizationId`, 'field.invalid');
    } else {
      if (!r.areaCode) throw fieldError(`${field}.areaCode`, 'auth.scope_required', { role: r.role });
      if (!isWithinArea(r.areaCode, kabupaten)) throw fieldError(`${field}.areaCode`, 'auth.scope_outside', { code: r.areaCode });
      if (!(await areaExists(q, r.areaCode))) throw fieldError(`${field}.areaCode`, 'field.invalid');
    }
  }
}

export async function listUsersFor(deps: Deps, ctx: RequestContext, opts: { cursor?: string | undefined; limit: number; q?: string | undefined }) {
  const rows = await listUsers(deps.db, ctx.actor.kabCode, { limit: opts.limit, ...(opts.cursor ? { after: opts.cursor } : {}), ...(opts.q ? { search: opts.q } : {}) });
  const page = rows.slice(0, opts.limit);
  return { items: page.map(toUserView), nextCursor: rows.length > opts.limit ? (page.at(-1)?.username ?? null) : null };
}

export async function getUserFor(deps: Deps, ctx: RequestContext, id: string) {
  const row = await getUser(deps.db, ctx.actor.kabCode, id);
  if (!row) throw notFound();
  return toUserView(row);
}

/** A hash no password matches: a service account cannot sign in. */
const NO_PASSWORD = '!service-account';

/**
 * Roles whose permissions reach personal data are granted visibly: each grant is an audit
 * event of its own (`user.grant_personal_role`), which the auditor lists with
 * `GET /api/v1/audit/events?action=user.grant_personal_role`.
 */
async function auditPersonalGrants(
  tx: Tx, ctx: RequestContext, userId: string,
  before: ReadonlyArray<{ role: Role; areaCode?: string | null | undefined; organizationId?: string | null | undefined }>,
  after: readonly RoleGrantInput[],
) {
  const key = (g: { role: string; areaCode?: string | null | undefined; organizationId?: string | null | undefined }) => `${g.role}|${g.areaCode ?? ''}|${g.organizationId ?? ''}`;
  const held = new Set(before.map(key));
  for (const g of after) {
    if (held.has(key(g)) || !ROLE_PERMISSIONS[g.role].some((p) => isPersonalPermission(p))) continue;
    await ctx.auditWrite(tx, {
      action: 'user.grant_personal_role', recordType: 'user', recordIds: [userId],
      details: { role: g.role, areaCode: g.areaCode ?? null, organizationId: g.organizationId ?? null },
    });
  }
}

export async function createUser(deps: Deps, ctx: RequestContext, input: CreateUserInput) {
  const passwordHash = input.serviceAccount || input.password === undefined ? NO_PASSWORD : await hashPassword(input.password);
  const id = newId();
  try {
    await deps.db.transaction(async (tx) => {
      await checkGrants(tx, ctx.actor.kabCode, input.roles);
      await insertUser(tx, { id, kabCode: ctx.actor.kabCode, username: input.username, displayName: input.displayName, passwordHash, serviceAccount: Boolean(input.serviceAccount) });
      await replaceRoles(tx, id, input.roles);
      await ctx.auditWrite(tx, { action: 'user.create', recordType: 'user', recordIds: [id], details: { username: input.username, roles: input.roles, serviceAccount: Boolean(input.serviceAccount) } });
      await auditPersonalGrants(tx, ctx, id, [], input.roles);
    });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION) throw fieldError('username', 'auth.username_taken');
    throw err;
  }
  return getUserFor(deps, ctx, id);
}

export async function updateUser(deps: Deps, ctx: RequestContext, id: string, input: UpdateUserInput) {
  await deps.db.transaction(async (tx) => {
    const existing = await getUser(tx, ctx.actor.kabCode, id);
    if (!existing) throw notFound();
    if (input.roles) {
      // no one grants themself more (or quietly less): another admin must change an admin's roles
      if (id === ctx.actor.userId) throw new AppError('forbidden', { key: 'users.own_roles' });
      await checkGrants(tx, ctx.actor.kabCode, input.roles);
      await replaceRoles(tx, id, input.roles);
      await auditPersonalGrants(tx, ctx, id, existing.roles.map((r) => ({ role: r.role, areaCode: r.area_code, organizationId: r.organization_id })), input.roles);
    }
    if (id === ctx.actor.userId && input.active === false) throw new AppError('conflict', { key: 'error.conflict' });
    await updateUserFields(tx, id, input);
    await ctx.auditWrite(tx, { action: 'user.update', recordType: 'user', recordIds: [id], details: { ...input } });
  });
  return getUserFor(deps, ctx, id);
}

export async function resetPassword(deps: Deps, ctx: RequestContext, id: string, password: string) {
  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const user = await getUser(tx, ctx.actor.kabCode, id);
    if (!user) throw notFound();
    if (user.service_account) throw fieldError('password', 'users.service_account_password');
    await replacePassword(tx, id, passwordHash);
    await ctx.auditWrite(tx, { action: 'user.reset_password', recordType: 'user', recordIds: [id] });
  });
}

/** For the CLI: every account with its roles, unscoped (the operator runs the server). */
export function listAccountsForCli(db: Db) {
  return listAccountsWithRoles(db);
}

/** For the CLI and the demo seed: create a user without a request. */
export async function createUserDirect(
  q: Tx | Db,
  kabCode: string,
  input: { username: string; displayName: string; password: string | null; roles: RoleGrantInput[]; passwordHash?: string; serviceAccount?: boolean },
): Promise<string> {
  const id = newId();
  const passwordHash = input.serviceAccount || input.password === null ? NO_PASSWORD : (input.passwordHash ?? (await hashPassword(input.password)));
  await insertUser(q, { id, kabCode, username: input.username, displayName: input.displayName, passwordHash, serviceAccount: Boolean(input.serviceAccount) });
  await replaceRoles(q, id, input.roles);
  return id;
}
