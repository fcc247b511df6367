import { useState } from 'react';
import { CASE_DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, DOCUMENT_MIME_TYPES, type CaseDocumentKind } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { useCodeLabel } from '../cases/labels.ts';
import type { IntakeDraft } from './intake-draft.ts';

/** Step 5: documents to attach after the case is made, and a review of what will be sent. */
export function DocumentsStep({ files, setFiles, draft }: { files: Array<{ kind: CaseDocumentKind; file: File }>; setFiles: (f: Array<{ kind: CaseDocumentKind; file: File }>) => void; draft: IntakeDraft }) {
  const t = useT('intake');
  const label = useCodeLabel();
  const [kind, setKind] = useState<CaseDocumentKind>('ktp');
  const [tooBig, setTooBig] = useState(false);
  const resident = draft.resident?.mode === 'found' ? draft.resident.person.fullName : draft.resident?.person.fullName;
  return (
    <fieldset>
      <legend>{t('step.documents')}</legend>
      <SelectField id="document-kind" label={t('documents.kind')} value={kind} onChange={(e) => setKind(e.target.value as CaseDocumentKind)}>
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
        <input
          id="document-file"
          type="file"
          accept={DOCUMENT_MIME_TYPES.join(',')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setTooBig(file.size > DOCUMENT_MAX_BYTES);
            if (file.size <= DOCUMENT_MAX_BYTES) setFiles([...files, { kind, file }]);
          }}
        />
      </div>
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
