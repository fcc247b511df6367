import type { ReactNode } from 'react';
import type { CursorList } from '../api/use-cursor-list.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * A list read page by page (`useCursorList`) as cards: the loading notice, the empty message,
 * the cards, and the button for the next page while there is one.
 */
export function CursorCards<T>({ list, empty, testId, children }: { list: CursorList<T>; empty: string; testId?: string; children: (item: T) => ReactNode }) {
  const t = useT('common');
  return (
    <>
      {list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul className="cards" data-testid={testId}>
          {list.items.map(children)}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {t('action.loadMore')}
        </button>
      )}
    </>
  );
}
