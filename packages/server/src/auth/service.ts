import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import type { AuditContext } from '../audit/audit-event.ts';
import {
  deleteSession, deleteSessionsOfUser, findUserByUsername, insertSession, setPassword,
} from './queries.ts';
import { checkPasswordUnderLockout, unlockAccount } from './lockout.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.ts';
import { newSecret, sha256 } from './tokens.ts';
import { fieldError } from '../http/errors.ts';
import type { RequestContext } from '../http/context.ts';

export { LOCK_AFTER_FAILURES, LOCK_MINUTES } from './lockout.ts';

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
    await setPassword(tx, user.id, passwordHash);
    await unlockAccount(tx, user.id);
    // other sessions end: a changed password should lock out whoever else held one
    await deleteSessionsOfUser(tx, user.id, cookie ? sha256(cookie) : undefined);
    await ctx.auditWrite(tx, { action: 'auth.password_changed', recordType: 'user', recordIds: [user.id] });
  });
}
