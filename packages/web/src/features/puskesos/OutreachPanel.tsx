import { useState } from 'react';
import type { FormEvent } from 'react';
import { OUTREACH_BY } from '@slrt/core';
import type { OutreachView } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * The village's outreach log (sosialisasi) on its Puskesos page: the latest entries, and for
 * village staff a form to add one (date, place, audience, number reached, by whom). It feeds
 * the monthly report.
 */
export function OutreachPanel({ village, canWrite }: { village: string; canWrite: boolean }) {
  const t = useT('puskesos');
  const { data, reload } = useResource<{ items: OutreachView[] }>(`/puskesos/${village}/outreach`, { limit: 10 });
  const [form, setForm] = useState({ heldOn: today(), place: '', audience: '', reached: '', byName: '', byKind: 'officer' });
  const { busy, error, run } = useFormAction();
  const [saved, setSaved] = useState(false);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    await run(async () => {
      await api.post(`/puskesos/${village}/outreach`, { ...form, reached: form.reached === '' ? undefined : Number(form.reached) });
      setForm((f) => ({ ...f, place: '', audience: '', reached: '' }));
      setSaved(true);
      reload();
    });
  };

  return (
    <section aria-labelledby="outreach-title" data-testid="outreach">
      <h2 id="outreach-title">{t('outreach.title')}</h2>
      {data && data.items.length === 0 && <p>{t('outreach.none')}</p>}
      {data && data.items.length > 0 && (
        <ul data-testid="outreach-list">
          {data.items.map((o) => (
            <li key={o.id}>
              {t('outreach.item', { date: o.heldOn, place: o.place, audience: o.audience, reached: o.reached, by: o.byName })}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <>
          <h3>{t('outreach.add')}</h3>
          <FormErrors error={error} placed={['heldOn', 'place', 'audience', 'reached', 'byName', 'byKind']} />
          {saved && <p className="alert alert--ok" role="status">{t('outreach.saved')}</p>}
          <form onSubmit={(e) => void submit(e)} noValidate>
            <TextField id="outreach-date" label={t('outreach.heldOn')} type="date" value={form.heldOn} max={today()} onChange={set('heldOn')} error={fieldError(error, 'heldOn')} />
            <TextField id="outreach-place" label={t('outreach.place')} value={form.place} onChange={set('place')} error={fieldError(error, 'place')} />
            <TextField id="outreach-audience" label={t('outreach.audience')} value={form.audience} onChange={set('audience')} error={fieldError(error, 'audience')} />
            <TextField id="outreach-reached" label={t('outreach.reached')} type="number" inputMode="numeric" min={0} value={form.reached} onChange={set('reached')} error={fieldError(error, 'reached')} />
            <TextField id="outreach-by" label={t('outreach.byName')} value={form.byName} onChange={set('byName')} error={fieldError(error, 'byName')} />
            <SelectField id="outreach-kind" label={t('outreach.byKind')} value={form.byKind} onChange={set('byKind')} error={fieldError(error, 'byKind')}>
              {OUTREACH_BY.map((k) => <option key={k} value={k}>{t(`outreachBy.${k}`)}</option>)}
            </SelectField>
            <button type="submit" className="button button--primary" disabled={busy}>{t('outreach.save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
