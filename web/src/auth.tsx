// Session state: the signed-in user, sign-in/out, and the global 401 → /login rule.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, type Me, onUnauthorized, setCsrfToken } from './api';

export interface AuthValue {
  user: Me | null;
  /** true until the initial /api/auth/me probe has answered */
  loading: boolean;
  /** `code`: the two-factor code or a recovery code, when the account has two-factor sign-in on. */
  login: (username: string, password: string, code?: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** re-reads the session (e.g. after a password change) */
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
  /** true after the user signed out here: the sign-in page then keeps no return address (the next user lands on their own 工作台). */
  signedOut: boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [signedOut, setSignedOut] = useState(false);
  const navigate = useNavigate();

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((res) => {
        if (cancelled) return;
        setCsrfToken(res.csrfToken);
        setUser(res.user);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    onUnauthorized(() => {
      setCsrfToken(null);
      setUser(null);
      navigate('/login', { replace: true });
    });
    return () => onUnauthorized(null);
  }, [navigate]);

  const login = useCallback(async (username: string, password: string, code?: string) => {
    const res = await api.login(username, password, code);
    setCsrfToken(res.csrfToken);
    setUser(res.user);
    setSignedOut(false);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setCsrfToken(null);
      setSignedOut(true);
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const refresh = useCallback(async () => {
    const res = await api.me();
    setCsrfToken(res.csrfToken);
    setUser(res.user);
  }, []);

  const can = useCallback((permission: string) => !!user?.permissions.includes(permission), [user]);

  const value = useMemo(
    () => ({ user, loading, login, logout, refresh, can, signedOut }),
    [user, loading, login, logout, refresh, can, signedOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for use inside the authenticated layout. */
export function useMe(): Me {
  const { user } = useAuth();
  if (!user) throw new Error('not signed in');
  return user;
}
