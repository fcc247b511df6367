import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { AuditContext } from '../audit/audit-event.ts';
import {
  clearFailedLogins, deleteSession, deleteSessionsOfUser, findUserByUsername, insertSession,
  recordFailedLogin, setPassword,
} from './queries.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { newSecret, sha256 } from './tokens.ts';
import { fieldError } from '../http/errors.ts';
import type { RequestContext } from '../http/context.ts';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

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
  const user = await findUserByUsername(deps.db, input.username.trim().toLowerCase());
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(await dummyHash, input.password);
    await deps.db.transaction((tx) =>
      deps.auditLog.record(tx, audit, { action: 'auth.login_failed', details: { username: input.username.slice(0, 64), reason: 'unknown_user' } }),
    );
    throw new AppError('unauthenticated', { key: 'auth.invalid_credentials' });
  }
  if (user.locked_until && user.locked_until > new Date()) {
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000);
    throw new AppError('locked', { key: 'auth.locked', params: { minutes } });
  }
  const ok = user.active && (await verifyPassword(user.password_hash, input.password));
  const who = { ...audit, actorId: user.id, actorName: user.username };
  if (!ok) {
    await deps.db.transaction(async (tx) => {
      await recordFailedLogin(tx, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
      await deps.auditLog.record(tx, who, { action: 'auth.login_failed', recordType: 'user', recordIds: [user.id], details: { reason: user.active ? 'password' : 'inactive' } });
    });
    throw new AppError('unauthenticated', { key: 'auth.invalid_credentials' });
  }
  const cookie = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + deps.config.sessionIdleHours * 3600_000);
  await deps.db.transaction(async (tx) => {
    await clearFailedLogins(tx, user.id);
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
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw fieldError('currentPassword', 'auth.wrong_current_password');
  }
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) throw fieldError('newPassword', 'auth.password_too_weak');
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction(async (tx) => {
    await setPassword(tx, user.id, passwordHash);
    // other sessions end: a changed password should lock out whoever else held one
    await deleteSessionsOfUser(tx, user.id, cookie ? sha256(cookie) : undefined);
    await ctx.auditWrite(tx, { action: 'auth.password_changed', recordType: 'user', recordIds: [user.id] });
  });
}
