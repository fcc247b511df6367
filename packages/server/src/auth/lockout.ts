import type { Deps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { attempt, clearLimit, type Limit } from '../limits/service.ts';
import type { Queryable } from '../db/database.ts';
import { clearFailedLogins, isKnownClient, markLocked, rememberClient, type UserRow } from './queries.ts';
import { verifyPassword } from './password.ts';

export const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;
/** Days a successful sign-in keeps an address known to its account. */
const KNOWN_CLIENT_DAYS = 90;

/** Password checks per account in the lockout window, from addresses the account has not signed in from. */
const ACCOUNT_LIMIT: Limit = { name: 'login.account', max: LOCK_AFTER_FAILURES, windowSeconds: LOCK_MINUTES * 60 };
/** The same allowance again for each address the account signed in from before. */
const KNOWN_CLIENT_LIMIT: Limit = { name: 'login.known', max: LOCK_AFTER_FAILURES, windowSeconds: LOCK_MINUTES * 60 };

function lockedError(retryAfterSeconds: number): AppError {
  return new AppError('locked', { key: 'auth.locked', params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) } }, undefined, { retryAfterSeconds });
}

/**
 * Checks a password (sign-in, or the current password of a change) under the lockout.
 *
 * The check is claimed before it is made: one statement increments the account's counter and
 * returns it (`rate_counters`), and a claim past the 5th in the window answers 423 without
 * looking at the password. So however many requests race, on however many server processes,
 * at most 5 wrong passwords per account are ever checked in 15 minutes. A right password
 * clears the counter.
 *
 * Against lockout as a denial of service (anyone who knows a username could lock its owner
 * out): an address the account signed in from successfully in the last 90 days counts its
 * tries on a counter of its own, so the owner at the usual office still signs in while the
 * account is locked for everyone else. A guesser gets no more than 5 tries per 15 minutes from
 * anywhere new, and 5 more only from an address the owner really uses.
 */
export async function checkPasswordUnderLockout(deps: Deps, user: UserRow, password: string, clientAddr: string | null): Promise<boolean> {
  const known = clientAddr !== null && (await isKnownClient(deps.db, user.id, clientAddr, KNOWN_CLIENT_DAYS));
  const [limit, key] = known ? [KNOWN_CLIENT_LIMIT, `${user.id}:${clientAddr}`] : [ACCOUNT_LIMIT, user.id];
  const claim = await attempt(deps.db, limit, key);
  if (!claim.allowed) throw lockedError(claim.retryAfterSeconds);
  const ok = user.active && (await verifyPassword(user.password_hash, password));
  if (ok) {
    await clearLimit(deps.db, limit, key);
    if (!known) await clearFailedLogins(deps.db, user.id);
    if (clientAddr) await rememberClient(deps.db, user.id, clientAddr);
    return true;
  }
  if (!known) await markLocked(deps.db, user.id, claim.hits, claim.hits >= limit.max ? new Date(Date.now() + claim.retryAfterSeconds * 1000) : null);
  return false;
}

/** Ends a lockout (a password set by an admin or by the owner). */
export async function unlockAccount(q: Queryable, userId: string): Promise<void> {
  await clearLimit(q, ACCOUNT_LIMIT, userId);
  await clearFailedLogins(q, userId);
}
