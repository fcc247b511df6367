import { CASE_DOCUMENT_KINDS } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { DocumentUploadForm } from '../../ui/Upload.tsx';
import { caseApi, documentUrl, type CaseView } from './case-api.ts';
import { useCodeLabel, useDateFormat } from './labels.ts';

/** The case's attachments, and an upload form while the case is open. */
export function CaseDocuments({ c, onChange }: { c: CaseView; onChange: () => void }) {
  const t = useT('cases');
  const label = useCodeLabel();
  const date = useDateFormat();
  const open = c.status !== 'resolved' && c.status !== 'closed';

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
        <DocumentUploadForm
          className="no-print"
          idPrefix="document"
          labels={{ kind: t('documents.kind'), file: t('documents.file'), hint: t('documents.hint'), tooBig: t('documents.tooBig'), upload: t('documents.upload'), uploading: t('documents.uploading') }}
          kinds={CASE_DOCUMENT_KINDS}
          initialKind="ktp"
          kindLabel={(k) => label('case_document_kind', k)}
          send={(kind) => (file, options) => caseApi.upload(c.id, kind, file, options)}
          onDone={onChange}
        />
      )}
    </>
  );
}
