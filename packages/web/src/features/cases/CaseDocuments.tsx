import { CASE_DOCUMENT_KINDS } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { DocumentCards } from '../../ui/DocumentCards.tsx';
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
      <DocumentCards
        documents={c.documents}
        none={t('documents.none')}
        href={(d) => documentUrl(c.id, d.id)}
        title={(d) => `${label('case_document_kind', d.kind)}: ${d.fileName}`}
        meta={(d) => t('documents.meta', { size: Math.max(1, Math.round(d.sizeBytes / 1024)), date: date(d.uploadedAt), name: d.uploadedBy?.name ?? '-' })}
      />
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
