import type { ProposalDetail } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { DocumentUploadForm } from '../../ui/Upload.tsx';
import { useDateText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';

const DOCUMENT_KINDS = ['photo', 'minutes', 'attendance', 'sptjm', 'objection_letter', 'civil_document', 'other'] as const;

/** A proposal's evidence (photos, minutes, letters), and an upload form while it is open. */
export function Documents({ p, onChange, mayUpload }: { p: ProposalDetail; onChange: () => void; mayUpload: boolean }) {
  const t = useT('proposals');
  const date = useDateText();
  return (
    <section aria-labelledby="p-documents">
      <h2 id="p-documents">{t('documents.title')}</h2>
      {p.documents.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <ul className="cards">
          {p.documents.map((d) => (
            <li key={d.id} className="card" data-document-kind={d.kind}>
              <a href={proposalApi.documentUrl(p.id, d.id)} target="_blank" rel="noopener">
                {t(`document.${d.kind}` as never)}: {d.fileName}
              </a>
              <p className="card__meta">{t('documents.meta', { name: d.uploadedBy?.name ?? '—', date: date(d.uploadedAt, true) })}</p>
            </li>
          ))}
        </ul>
      )}
      {mayUpload && (
        <DocumentUploadForm
          idPrefix="proposal-document"
          labels={uploadLabels(t)}
          kinds={DOCUMENT_KINDS}
          initialKind="photo"
          kindLabel={(k) => t(`document.${k}` as never)}
          send={(kind) => (file, options) => proposalApi.upload(p.id, kind, file, options)}
          onDone={onChange}
        />
      )}
    </section>
  );
}

/** The proposal pages' wording of the shared upload form. */
export function uploadLabels(t: ReturnType<typeof useT<'proposals'>>) {
  return { kind: t('documents.kind'), file: t('documents.file'), hint: t('documents.hint'), tooBig: t('documents.tooBig'), upload: t('documents.upload'), uploading: t('documents.uploading') };
}
