import { useT } from '../i18n/i18n.tsx';

/** What a page or a list shows when its data did not load: the message, and a button to try again. */
export function LoadError({ error, onRetry }: { error: string | null; onRetry: () => void }) {
  const t = useT('common');
  return (
    <div className="alert alert--error" role="alert">
      <p>{error}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('action.retry')}
      </button>
    </div>
  );
}
