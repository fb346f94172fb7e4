import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { ApiError, client, setCsrf, unwrap, type Session } from './api';

interface SessionState {
  session: Session | null;
  loading: boolean;
  setSession: (s: Session | null) => void;
}

const Ctx = createContext<SessionState>({
  session: null,
  loading: true,
  setSession: () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        const s = await unwrap(client.GET('/api/v1/auth/session'));
        setCsrf(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
  });
  const setSession = (s: Session | null) => {
    if (s) setCsrf(s.csrfToken);
    qc.setQueryData(['session'], s);
    if (!s) qc.removeQueries({ predicate: (x) => x.queryKey[0] !== 'session' });
  };
  return (
    <Ctx.Provider value={{ session: q.data ?? null, loading: q.isLoading, setSession }}>
      {children}
    </Ctx.Provider>
  );
}

export const useSession = () => useContext(Ctx);
