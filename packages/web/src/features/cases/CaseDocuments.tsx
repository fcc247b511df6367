import { useState } from 'react';
import { CASE_DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, DOCUMENT_MIME_TYPES } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { caseApi, documentUrl, type CaseView } from './case-api.ts';
import { useCodeLabel, useDateFormat } from './labels.ts';

/** The case's attachments, and an upload form while the case is open. */
export function CaseDocuments({ c, onChange }: { c: CaseView; onChange: () => void }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const date = useDateFormat();
  const [kind, setKind] = useState<string>('ktp');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const open = c.status !== 'resolved' && c.status !== 'closed';
  const tooBig = file !== null && file.size > DOCUMENT_MAX_BYTES;

  return (
    <>
      <h2>{t('documents.title')}</h2>
      {c.documents.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <ul className="cards">
          {c.documents.map((d) => (
            <li key={d.id} className="card" data-document-kind={d.kind}>
              <a href={documentUrl(c.id, d.id)} target="_blank" rel="noopener">
                {label('case_document_kind', d.kind)}: {d.fileName}
              </a>
              <p className="card__meta">
                {t('documents.meta', { size: Math.max(1, Math.round(d.sizeBytes / 1024)), date: date(d.uploadedAt), name: d.uploadedBy?.name ?? '-' })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {open && (c.canWork || c.allowedActions.length > 0) && (
        <form
          className="no-print"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file || tooBig) return;
            setBusy(true);
            setError(null);
            caseApi
              .upload(c.id, kind, file)
              .then(() => {
                setFile(null);
                (e.target as HTMLFormElement).reset();
                onChange();
              }, setError)
              .finally(() => setBusy(false));
          }}
        >
          <FormErrors error={error} placed={[]} />
          <SelectField id="document-kind" label={t('documents.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
            {CASE_DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {label('case_document_kind', k)}
              </option>
            ))}
          </SelectField>
          <div className={tooBig ? 'field field--error' : 'field'}>
            <label htmlFor="document-file">{t('documents.file')}</label>
            <p className="hint">{t('documents.hint')}</p>
            {tooBig && <p className="field-error">{t('documents.tooBig')}</p>}
            <input id="document-file" type="file" accept={DOCUMENT_MIME_TYPES.join(',')} capture="environment" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
          <button type="submit" className="button" disabled={busy || !file || tooBig}>
            {busy ? t('documents.uploading') : t('documents.upload')}
          </button>
        </form>
      )}
    </>
  );
}
