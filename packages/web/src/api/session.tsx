import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api, configureApi } from './client.ts';
import type { User } from './user.ts';

interface AuthResponse {
  user: User;
  csrfToken: string;
}

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
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [ended, setEnded] = useState<SessionEnd>(null);

  const signedIn = useCallback((auth: AuthResponse) => {
    configureApi({ csrfToken: auth.csrfToken });
    setUser(auth.user);
    setStatus('signed-in');
    setEnded(null);
  }, []);

  const signedOut = useCallback(() => {
    configureApi({ csrfToken: null });
    setUser(null);
    setStatus('signed-out');
  }, []);

  const refresh = useCallback(async () => {
    try {
      signedIn(await api.get<AuthResponse>('/auth/me'));
    } catch (error) {
      // Anything but a 401 (offline, a server hiccup) keeps the session as it was.
      if (error instanceof ApiError && error.status === 401) signedOut();
    }
  }, [signedIn, signedOut]);

  useEffect(() => {
    configureApi({
      onUnauthorized: () => {
        setEnded('expired');
        signedOut();
      },
    });
    void (async () => {
      try {
        signedIn(await api.get<AuthResponse>('/auth/me'));
      } catch {
        signedOut();
      }
    })();
  }, [signedIn, signedOut]);

  const login = useCallback(
    async (username: string, password: string) => {
      const auth = await api.post<AuthResponse>('/auth/login', { username, password });
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
    () => ({ status, user, login, logout, refresh, ended }),
    [status, user, login, logout, refresh, ended],
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
