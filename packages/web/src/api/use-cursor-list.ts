import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from './client.ts';
import type { Page, Query } from './client.ts';

export interface CursorList<T> {
  items: T[];
  /** First page loading (or reloading). */
  loading: boolean;
  /** A further page loading. */
  loadingMore: boolean;
  /** The last failure's message, for the page to show next to a retry button. */
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one item in place (after a PATCH answered with the new version). */
  replace: (match: (item: T) => boolean, next: T) => void;
}

/**
 * Loads a `{ items, nextCursor }` list page by page. `path` null waits (a dependency not
 * chosen yet). A change of `path` or `query` starts over; a stale answer is dropped.
 */
export function useCursorList<T>(path: string | null, query?: Query): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const queryKey = JSON.stringify(query ?? {});

  const fetchPage = useCallback(
    async (from: string | null, append: boolean) => {
      if (path === null) return;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      if (append) setLoadingMore(true);
      else setLoading(true);
      setError(null);
      try {
        const page = await api.get<Page<T>>(path, { ...(JSON.parse(queryKey) as Query), cursor: from }, abort.signal);
        if (abort.signal.aborted) return;
        setItems((old) => (append ? [...old, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (abort.signal.aborted) return;
        setError(errorMessage(e));
      } finally {
        if (!abort.signal.aborted) {
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [path, queryKey],
  );

  useEffect(() => {
    setItems([]);
    setCursor(null);
    void fetchPage(null, false);
    return () => controller.current?.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (cursor && !loadingMore) void fetchPage(cursor, true);
  }, [cursor, loadingMore, fetchPage]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  const replace = useCallback((match: (item: T) => boolean, next: T) => {
    setItems((old) => old.map((item) => (match(item) ? next : item)));
  }, []);

  return { items, loading, loadingMore, error, hasMore: cursor !== null, loadMore, reload, replace };
}
