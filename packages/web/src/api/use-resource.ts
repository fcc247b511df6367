import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from './client.ts';
import type { Query } from './client.ts';

export interface Resource<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/** GETs one resource; `path` null waits. A change of path drops the stale answer. */
export function useResource<T>(path: string | null, query?: Query): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const queryKey = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return undefined;
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(path, JSON.parse(queryKey) as Query, abort.signal)
      .then((result) => {
        if (!abort.signal.aborted) setData(result);
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(errorMessage(e));
      })
      .finally(() => {
        if (!abort.signal.aborted) setLoading(false);
      });
    return () => abort.abort();
  }, [path, queryKey, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, loading, error, reload };
}
