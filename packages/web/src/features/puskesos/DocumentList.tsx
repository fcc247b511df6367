import { useState } from 'react';
import { api, errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { puskesosDocuments, type PuskesosDocumentOwner } from './puskesos-api.ts';

/**
 * The files of a funding line (budget pages, receipts, decrees) or of a visit (photos), each
 * opening in a new tab. Whoever may attach them (`canRemove`: the koordinator or the kabupaten
 * for funding, the supervisor or the kabupaten for visits) may remove one after a confirmation;
 * the server hides it, audits the removal and writes it in the Puskesos history.
 */
export function DocumentList({ owner, id, documents, label, canRemove, onDone, testId }: {
  owner: PuskesosDocumentOwner; id: string; documents: ReadonlyArray<{ id: string; fileName: string; kind?: string }>;
  label: (d: { fileName: string; kind?: string }) => string; canRemove: boolean; onDone: () => void; testId?: string;
}) {
  const t = useT('puskesos');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (documents.length === 0) return null;
  const remove = async (d: { id: string; fileName: string }) => {
    if (!window.confirm(t('documents.confirmRemove', { name: d.fileName }))) return;
    setBusy(d.id);
    setError(null);
    try {
      await api.delete(`/${owner}/${id}/documents/${d.id}`);
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {error && <p className="field-error" role="alert">{error}</p>}
      <ul className="puskesos-documents" data-testid={testId}>
        {documents.map((d) => (
          <li key={d.id} data-document={d.id}>
            <a href={puskesosDocuments.url(owner, id, d.id)} target="_blank" rel="noopener">{label(d)}</a>
            {canRemove && (
              <button type="button" className="button button--small" aria-label={t('documents.removeLabel', { name: d.fileName })} disabled={busy === d.id} onClick={() => void remove(d)}>
                {t('documents.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
