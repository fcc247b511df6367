import { useState } from 'react';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MIME_TYPES, type ProposalDetail } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useDateText } from './labels.ts';
import { proposalApi } from './proposal-api.ts';

const DOCUMENT_KINDS = ['photo', 'minutes', 'attendance', 'sptjm', 'objection_letter', 'civil_document', 'other'] as const;

/** A proposal's evidence (photos, minutes, letters), and an upload form while it is open. */
export function Documents({ p, onChange, mayUpload }: { p: ProposalDetail; onChange: () => void; mayUpload: boolean }) {
  const t = useT('proposals');
  const date = useDateText();
  const [kind, setKind] = useState<string>('photo');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const tooBig = file !== null && file.size > DOCUMENT_MAX_BYTES;
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
        <UploadForm
          idPrefix="proposal-document"
          kinds={DOCUMENT_KINDS}
          kind={kind}
          setKind={setKind}
          file={file}
          setFile={setFile}
          busy={busy}
          tooBig={tooBig}
          error={error}
          onSubmit={(form) => {
            if (!file || tooBig) return;
            setBusy(true);
            setError(null);
            proposalApi
              .upload(p.id, kind, file)
              .then(() => {
                setFile(null);
                form.reset();
                onChange();
              }, setError)
              .finally(() => setBusy(false));
          }}
        />
      )}
    </section>
  );
}

/** A document upload: kind, a file (the phone's camera offered first), size checked before sending. */
export function UploadForm(props: {
  idPrefix: string;
  kinds: readonly string[];
  kind: string;
  setKind: (k: string) => void;
  file: File | null;
  setFile: (f: File | null) => void;
  busy: boolean;
  tooBig: boolean;
  error: unknown;
  onSubmit: (form: HTMLFormElement) => void;
}) {
  const t = useT('proposals');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(e.currentTarget);
      }}
    >
      <FormErrors error={props.error} placed={[]} />
      <SelectField id={`${props.idPrefix}-kind`} label={t('documents.kind')} value={props.kind} onChange={(e) => props.setKind(e.target.value)}>
        {props.kinds.map((k) => (
          <option key={k} value={k}>
            {t(`document.${k}` as never)}
          </option>
        ))}
      </SelectField>
      <div className={props.tooBig ? 'field field--error' : 'field'}>
        <label htmlFor={`${props.idPrefix}-file`}>{t('documents.file')}</label>
        <p className="hint">{t('documents.hint')}</p>
        {props.tooBig && <p className="field-error">{t('documents.tooBig')}</p>}
        <input id={`${props.idPrefix}-file`} type="file" accept={DOCUMENT_MIME_TYPES.join(',')} onChange={(e) => props.setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="submit" className="button" disabled={props.busy || !props.file || props.tooBig}>
        {props.busy ? t('documents.uploading') : t('documents.upload')}
      </button>
    </form>
  );
}

