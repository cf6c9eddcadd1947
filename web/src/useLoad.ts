// Loads data with a memoized loader; re-runs when the loader changes or on reload().
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export interface LoadState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(loader: () => Promise<T>): LoadState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const seq = useRef(0);

  useEffect(() => {
    const id = ++seq.current;
    setLoading(true);
    loader()
      .then((result) => {
        if (id !== seq.current) return;
        setData(result);
        setError(null);
      })
      .catch((err: unknown) => {
        if (id !== seq.current) return;
        setError(err instanceof ApiError ? err : new ApiError(0, 'ERROR', String(err)));
      })
      .finally(() => {
        if (id === seq.current) setLoading(false);
      });
    // nonce forces a reload
    void nonce;
  }, [loader, nonce]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
