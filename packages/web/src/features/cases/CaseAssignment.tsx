import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { FormErrors } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { caseApi, type CaseView } from './case-api.ts';

/** Who handles the case: the assignment form. */
export function Assignment({ c, onChange }: { c: CaseView; onChange: (next: CaseView, message?: string) => void }) {
  const t = useT('cases');
  const [options, setOptions] = useState<Array<{ id: string; name: string }>>([]);
  const [choice, setChoice] = useState(c.assignedTo?.id ?? '');
  const { busy, error, setError, run } = useFormAction();
  useEffect(() => {
    caseApi.assignees(c.id).then((r) => setOptions(r.items), setError);
  }, [c.id, c.level, setError]);
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        void run(async () => onChange(await caseApi.assign(c.id, choice || null), t('case.assigned')));
      }}
    >
      <h2>{t('case.assignment')}</h2>
      <FormErrors error={error} placed={[]} />
      <SelectField id="assignee" label={t('case.assignee')} value={choice} onChange={(e) => setChoice(e.target.value)}>
        <option value="">{t('case.unassigned')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="button" disabled={busy}>
        {t('case.assign')}
      </button>
    </form>
  );
}
