import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api, configureApi } from './client.ts';
import type { AuthSession } from '@slrt/core';
import type { User } from './user.ts';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';
export type SessionEnd = 'expired' | 'by-user' | null;

export interface Session {
  status: SessionStatus;
  user: User | null;
  /** Signs in; rejects with `ApiError` (401 wrong credentials, 400 malformed). */
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  /** Reloads `me` (after the user changed something about themselves). */
  refresh: () => Promise<void>;
  /**
   * Why there is no session: `expired` when it ended under the user (a 401 on a data call),
   * `by-user` after signing out, null at start. Sign-in says so, and only returns the user
   * to where they were when they did not sign out themselves.
   */
  ended: SessionEnd;
  /**
   * True while the session is the one last confirmed on this device (the server could not be
   * reached): the app works offline with it, and confirms it when the link returns.
   */
  unconfirmed: boolean;
}

/**
 * The identity last confirmed by the server, kept on the device so that opening or reloading
 * the app without a link is not mistaken for being signed out ("cannot reach the server" is
 * not "signed out"). Used for at most SESSION_OFFLINE_MS after it was last confirmed; removed
 * at sign-out and on a 401. It holds the user's name and roles, not the session cookie or the
 * CSRF token (both stay with the server's answer).
 */
const CACHE_KEY = 'slrt.session.v1';
const SESSION_OFFLINE_MS = 12 * 60 * 60 * 1000;

function remember(user: User): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify({ user, confirmedAt: Date.now() }));
  } catch {
    // storage disabled: no offline start
  }
}

function forget(): void {
  try {
    localStorage.removeItem(CACHE_KEY);
  } catch {
    // storage disabled: nothing kept
  }
}

/** The last confirmed user, when confirmed within SESSION_OFFLINE_MS. */
function lastKnownUser(): User | null {
  try {
    const saved = JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null') as { user?: User; confirmedAt?: number } | null;
    if (!saved?.user || typeof saved.confirmedAt !== 'number') return null;
    const age = Date.now() - saved.confirmedAt;
    return age >= 0 && age < SESSION_OFFLINE_MS ? saved.user : null;
  } catch {
    return null;
  }
}

/** The server was not reached (no link, or a proxy answering for it): not a verdict on the session. */
function unreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  // Start from what this device knows while the server confirms it: the last confirmed user's
  // workspace starts its own requests at once instead of a round trip later (400 ms and more on
  // a weak link). A data call's 401 or the check's 401 still ends the session.
  const [user, setUser] = useState<User | null>(lastKnownUser);
  const [status, setStatus] = useState<SessionStatus>(() => (user ? 'signed-in' : 'loading'));
  const [ended, setEnded] = useState<SessionEnd>(null);
  const [unconfirmed, setUnconfirmed] = useState(false);

  const signedIn = useCallback((auth: AuthSession) => {
    configureApi({ csrfToken: auth.csrfToken });
    remember(auth.user);
    setUser(auth.user);
    setStatus('signed-in');
    setEnded(null);
    setUnconfirmed(false);
  }, []);

  const signedOut = useCallback(() => {
    configureApi({ csrfToken: null });
    forget();
    setUser(null);
    setStatus('signed-out');
    setUnconfirmed(false);
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await api.get<AuthSession>('/auth/me'));
    } catch (error) {
      // Anything but a 401 (offline, a server hiccup) keeps the session as it was.
      if (error instanceof ApiError && error.status === 401) signedOut();
    }
  }, [signedIn, signedOut]);

  // An offline start confirms its session as soon as the link returns.
  useEffect(() => {
    if (!unconfirmed) return;
    const confirm = () => void refresh();
    window.addEventListener('online', confirm);
    return () => window.removeEventListener('online', confirm);
  }, [unconfirmed, refresh]);

  useEffect(() => {
    configureApi({
      onUnauthorized: () => {
        setEnded('expired');
        signedOut();
      },
    });
    void (async () => {
      try {
        signedIn(await api.get<AuthSession>('/auth/me'));
      } catch (error) {
        const known = unreachable(error) ? lastKnownUser() : null;
        if (!known) {
          signedOut();
          return;
        }
        setUser(known);
        setStatus('signed-in');
        setUnconfirmed(true);
      }
    })();
  }, [signedIn, signedOut]);

  const login = useCallback(
    async (username: string, password: string) => {
      const auth = await api.post<AuthSession>('/auth/login', { username, password });
      signedIn(auth);
      return auth.user;
    },
    [signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch {
      // Signed out here even if the server could not be told; the session expires on its own.
    }
    setEnded('by-user');
    signedOut();
  }, [signedOut]);

  const value = useMemo<Session>(
    () => ({ status, user, login, logout, refresh, ended, unconfirmed }),
    [status, user, login, logout, refresh, ended, unconfirmed],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

/** The signed-in user, for pages that are only rendered behind sign-in. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser called without a signed-in user');
  return user;
}
