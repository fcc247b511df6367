import { Actor } from '../access/actor.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { AuditContext } from '../audit/audit-event.ts';
import {
  deleteSession, deleteSessionsOfUser, findSessionActor, findUserByUsername, grantsOf, insertSession, setPassword, toGrants,
} from './queries.ts';
import { checkPasswordUnderLockout, unlockAccount } from './lockout.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { newSecret, sha256 } from './tokens.ts';
import { fieldError } from '../http/errors.ts';
import type { RequestContext } from '../http/context.ts';

export { LOCK_AFTER_FAILURES } from './lockout.ts';

// A fixed hash to verify against when the username is unknown, so timing does not tell
// whether a username exists.
let dummyHash: Promise<string> | null = null;

/**
 * Signs a user in: argon2id check, lockout after repeated failures, a new server-side
 * session with its CSRF token. Failures are audited (who tried which username, from where).
 */
export async function login(
  deps: Deps,
  audit: AuditContext,
  input: { username: string; password: string; userAgent: string | null },
): Promise<{ cookie: string; csrfToken: string; userId: string; kabCode: string; expiresAt: Date }> {
  const found = await findUserByUsername(deps.db, input.username.trim().toLowerCase());
  // a service account (a partner's system) has no password to sign in with: it uses tokens
  const user = found?.service_account ? null : found;
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, input.password);
    await deps.db.transaction((tx) =>
      deps.auditLog.record(tx, audit, { action: 'auth.login_failed', details: { username: input.username.slice(0, 64), reason: 'unknown_user' } }),
    );
    throw new AppError('unauthenticated', { key: 'auth.invalid_credentials' });
  }
  const who = { ...audit, actorId: user.id, actorName: user.username };
  let ok: boolean;
  try {
    ok = await checkPasswordUnderLockout(deps, user, input.password, audit.clientAddr);
  } catch (err) {
    if (err instanceof AppError && err.code === 'locked') {
      await deps.db.transaction((tx) => deps.auditLog.record(tx, who, { action: 'auth.login_locked', recordType: 'user', recordIds: [user.id] }));
    }
    throw err;
  }
  if (!ok) {
    await deps.db.transaction((tx) =>
      deps.auditLog.record(tx, who, { action: 'auth.login_failed', recordType: 'user', recordIds: [user.id], details: { reason: user.active ? 'password' : 'inactive' } }),
    );
    throw new AppError('unauthenticated', { key: 'auth.invalid_credentials' });
  }
  const cookie = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + deps.config.sessionIdleHours * 3600_000);
  await deps.db.transaction(async (tx) => {
    await insertSession(tx, { tokenHash: sha256(cookie), userId: user.id, csrfToken, expiresAt, clientAddr: audit.clientAddr, userAgent: input.userAgent });
    await deps.auditLog.record(tx, who, { action: 'auth.login', recordType: 'user', recordIds: [user.id] });
  });
  return { cookie, csrfToken, userId: user.id, kabCode: user.kab_code, expiresAt };
}

export async function logout(deps: Deps, ctx: RequestContext, cookie: string | undefined) {
  await deps.db.transaction(async (tx) => {
    if (cookie) await deleteSession(tx, sha256(cookie));
    await ctx.auditWrite(tx, { action: 'auth.logout', recordType: 'user', recordIds: [ctx.actor.userId] });
  });
}

export async function changeOwnPassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
  cookie: string | undefined,
) {
  const user = await findUserByUsername(deps.db, ctx.actor.username);
  if (!user) throw fieldError('currentPassword', 'auth.wrong_current_password');
  // a wrong current password counts like a failed sign-in (same lockout)
  if (!(await checkPasswordUnderLockout(deps, user, input.currentPassword, ctx.auditContext.clientAddr))) {
    await deps.db.transaction((tx) => ctx.auditWrite(tx, { action: 'auth.password_change_failed', recordType: 'user', recordIds: [user.id] }));
    throw fieldError('currentPassword', 'auth.wrong_current_password');
  }
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) throw fieldError('newPassword', 'auth.password_too_weak');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    // other sessions end: a changed password should lock out whoever else held one
    await replacePassword(tx, user.id, passwordHash, cookie);
    await ctx.auditWrite(tx, { action: 'auth.password_changed', recordType: 'user', recordIds: [user.id] });
  });
}

/**
 * Replaces a user's password (already hashed), unlocks the account and ends its sessions: all
 * of them, or all but the one whose cookie is kept. The caller audits, in the same transaction.
 */
export async function replacePassword(tx: Tx, userId: string, passwordHash: string, keepSessionOfCookie?: string) {
  await setPassword(tx, userId, passwordHash);
  await unlockAccount(tx, userId);
  await deleteSessionsOfUser(tx, userId, keepSessionOfCookie ? sha256(keepSessionOfCookie) : undefined);
}

/** A user by username, for the command line (null when there is none). */
export async function accountOf(q: Queryable, username: string): Promise<{ id: string; serviceAccount: boolean } | null> {
  const user = await findUserByUsername(q, username);
  return user ? { id: user.id, serviceAccount: user.service_account } : null;
}

/** The CSRF token of the session a cookie holds (null when it holds none). */
export async function csrfTokenOfSession(q: Queryable, cookie: string): Promise<string | null> {
  return (await findSessionActor(q, sha256(cookie)))?.csrf_token ?? null;
}

/**
 * A request context for a named user outside any request (the demo seeders): their roles as
 * the database holds them, audited with client address `seed`. Null when there is no such user.
 */
export async function contextOfUser(deps: Deps, username: string): Promise<RequestContext | null> {
  const user = await findUserByUsername(deps.db, username);
  if (!user) return null;
  const actor = new Actor({ userId: user.id, username, displayName: user.display_name, kabCode: user.kab_code, grants: toGrants(await grantsOf(deps.db, user.id)), via: 'session' });
  const auditContext: AuditContext = { kabCode: user.kab_code, actorId: user.id, actorName: username, actorRoles: actor.roles.join(','), clientAddr: 'seed', requestId: null };
  return {
    actor, locale: 'id', auditContext,
    auditWrite: (tx, input) => deps.auditLog.record(tx, auditContext, input),
    auditRead: (input) => deps.auditLog.recordRead(auditContext, input),
    noPersonalData: () => undefined,
  };
}
