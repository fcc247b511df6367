import { useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { caseApi, type CaseView } from './case-api.ts';

/** A note added to the case's timeline. */
export function NoteForm({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (c.status === 'resolved' || c.status === 'closed') return null;
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        caseApi.note(c.id, text).then((next) => {
          setText('');
          onChange(next, t('case.noted'));
        }, setError);
      }}
    >
      <FormErrors error={error} placed={['text']} />
      <TextAreaField id="note" label={t('case.note')} value={text} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button" disabled={!text.trim()}>
        {t('case.addNote')}
      </button>
    </form>
  );
}
