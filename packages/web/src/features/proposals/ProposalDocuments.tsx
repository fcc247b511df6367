import type { ProposalDetail } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { DocumentCards } from '../../ui/DocumentCards.tsx';
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
      <DocumentCards
        documents={p.documents}
        none={t('documents.none')}
        href={(d) => proposalApi.documentUrl(p.id, d.id)}
        title={documentTitle(t)}
        meta={(d) => t('documents.meta', { name: d.uploadedBy?.name ?? '—', date: date(d.uploadedAt, true) })}
      />
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

/** A proposal's or a round's file as its link reads: "Berita acara: rapat.pdf". */
export function documentTitle(t: ReturnType<typeof useT<'proposals'>>) {
  return (d: { kind: string; fileName: string }) => `${t(`document.${d.kind}` as never)}: ${d.fileName}`;
}

/** The proposal pages' wording of the shared upload form. */
export function uploadLabels(t: ReturnType<typeof useT<'proposals'>>) {
  return { kind: t('documents.kind'), file: t('documents.file'), hint: t('documents.hint'), tooBig: t('documents.tooBig'), upload: t('documents.upload'), uploading: t('documents.uploading') };
}
