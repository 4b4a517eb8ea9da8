/** The signed-in user (GET /api/auth/me), sign-in and sign-out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.js';
import type { Me } from '../api/types.js';

interface Session {
  me: Me | null;
  checking: boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const Ctx = createContext<Session | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me');
    setCsrfToken(me.session?.csrfToken ?? null);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  useEffect(() => {
    fetchMe()
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setChecking(false));
  }, []);
  const login = useCallback(async (username: string, password: string) => {
    await api('/api/auth/login', { method: 'POST', body: { username, password } });
    setMe(await fetchMe());
  }, []);
  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', body: {} });
    } finally {
      setCsrfToken(null);
      setMe(null);
      window.history.pushState(null, '', '/');
    }
  }, []);
  const value = useMemo<Session>(
    () => ({ me, checking, login, logout, can: (p) => me?.permissions.includes(p) ?? false }),
    [me, checking, login, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
