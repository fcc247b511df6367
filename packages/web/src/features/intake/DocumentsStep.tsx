import { useState } from 'react';
import { CASE_DOCUMENT_KINDS, type CaseDocumentKind } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { FilePicker } from '../../ui/Upload.tsx';
import { useCodeLabel } from '../cases/labels.ts';
import type { IntakeDraft } from './intake-draft.ts';

/** Step 5: documents to attach after the case is made (photos made small as they are picked), and a review of what will be sent. */
export function DocumentsStep({ files, setFiles, draft }: { files: Array<{ kind: CaseDocumentKind; file: File }>; setFiles: (f: Array<{ kind: CaseDocumentKind; file: File }>) => void; draft: IntakeDraft }) {
  const t = useT('intake');
  const label = useCodeLabel();
  const [kind, setKind] = useState<CaseDocumentKind>('ktp');
  const resident = draft.resident?.mode === 'found' ? draft.resident.person.fullName : draft.resident?.person.fullName;
  return (
    <fieldset>
      <legend>{t('step.documents')}</legend>
      <FilePicker
        id="document-file"
        kindId="document-kind"
        labels={{ kind: t('documents.kind'), file: t('documents.file'), hint: t('documents.hint'), tooBig: t('documents.tooBig') }}
        kinds={{ options: CASE_DOCUMENT_KINDS, value: kind, set: (k) => setKind(k as CaseDocumentKind), label: (k) => label('case_document_kind', k) }}
        onPick={(picked) => setFiles([...files, ...picked.map((file) => ({ kind, file }))])}
      />
      {files.length > 0 && (
        <ul className="cards" data-testid="intake-files">
          {files.map((f, i) => (
            <li key={i} className="card">
              {label('case_document_kind', f.kind)}: {f.file.name}{' '}
              <button type="button" className="button button--small" onClick={() => setFiles(files.filter((_x, j) => j !== i))}>
                {t('documents.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('review.title')}</h2>
      <dl className="dl">
        <dt>{t('review.resident')}</dt>
        <dd>{resident ?? '-'}</dd>
        <dt>{t('review.service')}</dt>
        <dd>
          {label('channel', draft.channel)} · {label('kind', draft.kind)}
          {draft.fastTrack && ` · ${t('review.fastTrack')}`}
        </dd>
        <dt>{t('review.needs')}</dt>
        <dd>{draft.needs.map((n) => `${n.sector ? label('sector', n.sector) : '?'} (${label('urgency', n.urgency)})`).join(', ')}</dd>
        <dt>{t('review.documents')}</dt>
        <dd>{files.length}</dd>
      </dl>
    </fieldset>
  );
}
