import { useState } from 'react';
import { DOCUMENT_MIME_TYPES } from '@slrt/core';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { puskesosDocuments } from './puskesos-api.ts';

/**
 * Attaches a file to a funding line (a page of the village budget, a receipt, a decree) or to a
 * visit (a photo): the phone offers its camera; a file over the size limit is named before sending.
 */
export function DocumentUpload({ owner, id, kinds, onDone }: { owner: 'puskesos-funding' | 'puskesos-visits'; id: string; kinds: readonly string[]; onDone: () => void }) {
  const t = useT('puskesos');
  const [kind, setKind] = useState(kinds[0] ?? 'photo');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, run } = useFormAction();
  const tooBig = file !== null && puskesosDocuments.tooBig(file);
  const prefix = `doc-${id}`;
  return (
    <form
      className="puskesos-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (!file || tooBig) return;
        const form = e.currentTarget;
        void run(async () => {
          await puskesosDocuments.upload(owner, id, kind, file);
          setFile(null);
          form.reset();
          onDone();
        });
      }}
    >
      <FormErrors error={error} placed={[]} />
      {kinds.length > 1 && (
        <SelectField id={`${prefix}-kind`} label={t('documents.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => <option key={k} value={k}>{t(`documentKind.${k}` as never)}</option>)}
        </SelectField>
      )}
      <div className={tooBig ? 'field field--error' : 'field'}>
        <label htmlFor={`${prefix}-file`}>{t('documents.file')}</label>
        {tooBig && <p className="field-error">{t('documents.tooBig')}</p>}
        <input id={`${prefix}-file`} type="file" accept={DOCUMENT_MIME_TYPES.join(',')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="submit" className="button button--small" disabled={busy || !file || tooBig}>{t('documents.upload')}</button>
    </form>
  );
}
