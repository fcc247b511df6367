import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { caseApi, type CaseView } from './case-api.ts';

/** A note added to the case's timeline. */
export function NoteForm({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const [text, setText] = useState('');
  const { busy, error, run } = useFormAction();
  if (c.status === 'resolved' || c.status === 'closed') return null;
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => {
          const next = await caseApi.note(c.id, text);
          setText('');
          onChange(next, t('case.noted'));
        });
      }}
    >
      <FormErrors error={error} placed={['text']} />
      <TextAreaField id="note" label={t('case.note')} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button" disabled={busy || !text.trim()}>
        {t('case.addNote')}
      </button>
    </form>
  );
}
