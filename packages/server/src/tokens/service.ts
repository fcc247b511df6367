import { ROLE_PERMISSIONS, type TokenScope } from '@slrt/core';
import type { Deps, RequestContext } from '../http/context.ts';
import type { Tx } from '../db/database.ts';
import { fieldError, notFound } from '../http/errors.ts';
import { invalidateActors } from '../auth/actor-cache.ts';
import { getToken, insertToken, listTokens, revokeToken, rolesOf, serviceAccountOf, type TokenRow } from './queries.ts';

const view = (r: TokenRow) => ({
  id: r.id, userId: r.user_id, username: r.username, name: r.name, prefix: r.prefix, scopes: r.scopes,
  createdBy: r.created_by, createdByName: r.created_by_name,
  createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null,
  expiresAt: r.expires_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function listApiTokens(deps: Deps, ctx: RequestContext) {
  return (await listTokens(deps.db, ctx.actor.kabCode)).map(view);
}

/**
 * Checks what a token may be made for: only a service account (a partner's system, an
 * integration; never a person's own account, which would let an admin act under that
 * person's name), and only scopes that the account's roles grant. Throws a field-named 400.
 */
async function checkTokenTarget(tx: Tx, kabCode: string, input: { userId: string; scopes: readonly TokenScope[] }) {
  const target = await serviceAccountOf(tx, kabCode, input.userId);
  if (!target) throw fieldError('userId', 'field.invalid');
  if (!target.service_account) throw fieldError('userId', 'tokens.not_service_account');
  const held = new Set((await rolesOf(tx, input.userId)).flatMap((role) => ROLE_PERMISSIONS[role]));
  for (const [i, scope] of input.scopes.entries()) {
    if (!held.has(scope)) throw fieldError(`scopes.${i}`, 'tokens.scope_not_held', { scope });
  }
}

/**
 * Creates a bearer token for a service account, limited to `scopes` (narrower than the
 * account's roles). Records who created it; the secret is shown once, stored only hashed.
 */
export async function createApiToken(
  deps: Deps, ctx: RequestContext,
  input: { userId: string; name: string; scopes: TokenScope[]; expiresInDays?: number | undefined },
) {
  return deps.db.transaction(async (tx) => {
    await checkTokenTarget(tx, ctx.actor.kabCode, input);
    const { id, token } = await insertToken(tx, { ...input, createdBy: ctx.actor.userId, createdByName: ctx.actor.username });
    await ctx.auditWrite(tx, { action: 'token.create', recordType: 'api_token', recordIds: [id, input.userId], details: { userId: input.userId, name: input.name, scopes: input.scopes } });
    const row = await getToken(tx, id);
    if (!row) throw notFound();
    return { ...view(row), token };
  });
}

/** For the CLI: the same rules, created by the operator. */
export async function createApiTokenDirect(
  deps: Deps, kabCode: string, operator: string,
  input: { userId: string; name: string; scopes: TokenScope[]; expiresInDays?: number | undefined },
  audit: (tx: Tx, id: string) => Promise<void>,
) {
  return deps.db.transaction(async (tx) => {
    await checkTokenTarget(tx, kabCode, input);
    const created = await insertToken(tx, { ...input, createdBy: null, createdByName: operator });
    await audit(tx, created.id);
    return created;
  });
}

/** For the CLI: revoke a token of the kabupaten without a request; false when no such active token. */
export async function revokeApiTokenDirect(deps: Deps, kabCode: string, id: string, audit: (tx: Tx) => Promise<void>): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    if (!(await revokeToken(tx, kabCode, id))) return false;
    await audit(tx);
    await invalidateActors(tx);
    return true;
  });
}

export async function revokeApiToken(deps: Deps, ctx: RequestContext, id: string) {
  await deps.db.transaction(async (tx) => {
    if (!(await revokeToken(tx, ctx.actor.kabCode, id))) throw notFound();
    await ctx.auditWrite(tx, { action: 'token.revoke', recordType: 'api_token', recordIds: [id] });
    await invalidateActors(tx);
  });
}

