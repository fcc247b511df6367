import type { Deps, RequestContext } from '../http/context.ts';
import type { Queryable } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { notFound } from '../http/errors.ts';
import { fieldError } from '../http/errors.ts';
import { newSecret, sha256 } from '../auth/tokens.ts';
import { forgetActors } from '../auth/actor-cache.ts';

interface TokenRow {
  id: string; user_id: string; username: string; name: string; prefix: string;
  created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null;
}

const view = (r: TokenRow) => ({
  id: r.id, userId: r.user_id, username: r.username, name: r.name, prefix: r.prefix,
  createdAt: r.created_at.toISOString(), lastUsedAt: r.last_used_at?.toISOString() ?? null,
  expiresAt: r.expires_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null,
});

const SELECT = `SELECT t.id, t.user_id, u.username, t.name, t.prefix, t.created_at, t.last_used_at, t.expires_at, t.revoked_at
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

export async function listApiTokens(deps: Deps, ctx: RequestContext) {
  const { rows } = await deps.db.query<TokenRow>(`${SELECT} WHERE u.kab_code = $1 ORDER BY t.created_at DESC`, [ctx.actor.kabCode]);
  return rows.map(view);
}

/** Creates a bearer token acting as `userId`. The secret is shown once, stored only hashed. */
export async function createApiToken(deps: Deps, ctx: RequestContext, input: { userId: string; name: string; expiresInDays?: number | undefined }) {
  return deps.db.transaction(async (tx) => {
    const user = await tx.query('SELECT 1 FROM users WHERE id = $1 AND kab_code = $2', [input.userId, ctx.actor.kabCode]);
    if (!user.rows.length) throw fieldError('userId', 'field.invalid');
    const { id, token } = await insertApiToken(tx, { userId: input.userId, name: input.name, createdBy: ctx.actor.userId, expiresInDays: input.expiresInDays });
    await ctx.auditWrite(tx, { action: 'token.create', recordType: 'api_token', recordIds: [id], details: { userId: input.userId, name: input.name } });
    const { rows } = await tx.query<TokenRow>(`${SELECT} WHERE t.id = $1`, [id]);
    return { ...view(rows[0]!), token };
  });
}

export async function insertApiToken(q: Queryable, input: { userId: string; name: string; createdBy: string | null; expiresInDays?: number | undefined }) {
  const id = newId();
  const token = newSecret('slrt_');
  await q.query(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(days => $7::int) END)`,
    [id, input.userId, input.name, sha256(token), token.slice(0, 10), input.createdBy, input.expiresInDays ?? null],
  );
  return { id, token };
}

export async function revokeApiToken(deps: Deps, ctx: RequestContext, id: string) {
  await deps.db.transaction(async (tx) => {
    const res = await tx.query(
      `UPDATE api_tokens t SET revoked_at = now() FROM users u
       WHERE t.id = $1 AND u.id = t.user_id AND u.kab_code = $2 AND t.revoked_at IS NULL`,
      [id, ctx.actor.kabCode],
    );
    if (!res.rowCount) throw notFound();
    forgetActors();
    await ctx.auditWrite(tx, { action: 'token.revoke', recordType: 'api_token', recordIds: [id] });
  });
}
