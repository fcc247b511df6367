import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { OFFICER_POSITIONS } from '@slrt/core';
import type { OfficerList, PuskesosAccountList } from '@slrt/core';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import { permissionsOf } from '../../api/user.ts';
import { useResource } from '../../api/use-resource.ts';
import { Link } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { formats } from './format.ts';
import { HandoversPanel } from './HandoversPanel.tsx';
import { AccountSelect, OfficerAccount } from './OfficerAccount.tsx';
import { todayText, useVillage } from './puskesos-api.ts';
import './puskesos.css';
import { puskesosUrl } from '../../app/page-urls.ts';


/**
 * `/puskesos/petugas` (`?desa=`): the officers of a Puskesos (position, decree, start and end,
 * paid or volunteer, honorarium, trainings lacking, the SLRT account where they have one) and the
 * positions no one fills; the koordinator or the kabupaten adds an officer, links or unlinks an
 * account (staff of the village or its kecamatan) and ends one's service; below, the handovers.
 */
export default function OfficersPage() {
  const t = useT('puskesos');
  const { locale } = useLocale();
  const perms = permissionsOf(useUser());
  const village = useVillage();
  const list = useResource<OfficerList>(village ? `/puskesos/${village}/officers` : null);
  const canWrite = perms.has('puskesos.write');
  const accounts = useResource<PuskesosAccountList>(village && canWrite ? `/puskesos/${village}/accounts` : null);
  const f = useMemo(() => formats(locale), [locale]);
  const empty = { name: '', position: 'front_office', userId: '', decreeNumber: '', decreeDate: '', startDate: todayText(), paid: 'volunteer', monthlyHonorarium: '' };
  const [form, setForm] = useState(empty);
  const { busy, error, run } = useFormAction();
  const rowAction = useFormAction();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((x) => ({ ...x, [k]: e.target.value }));
  const reload = () => {
    list.reload();
    accounts.reload();
  };

  if (!village) return <section><h1>{t('officers.title')}</h1><p>{t('profile.pick')} <Link to="/puskesos/kesetaraan">{t('nav.equity')}</Link></p></section>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post(`/puskesos/${village}/officers`, {
        name: form.name, position: form.position, userId: form.userId || null, decreeNumber: form.decreeNumber || null, decreeDate: form.decreeDate || null,
        startDate: form.startDate, paid: form.paid === 'paid', monthlyHonorarium: form.paid === 'paid' && form.monthlyHonorarium !== '' ? Number(form.monthlyHonorarium) : 0,
      });
      setForm(empty);
      reload();
    });
  };
  const end = (id: string) =>
    rowAction.run(async () => {
      await api.patch(`/puskesos-officers/${id}`, { endDate: todayText() });
      reload();
    });

  return (
    <section className="puskesos-officers" data-village={village}>
      <h1>{t('officers.title')}</h1>
      <p className="lead">{t('officers.intro')}</p>
      <p><Link to={puskesosUrl('', village)}>{t('back.profile')}</Link></p>
      {list.error && <div className="alert alert--error" role="alert"><p>{list.error}</p></div>}
      {rowAction.message && <div className="alert alert--error" role="alert"><p>{rowAction.message}</p></div>}
      {list.data && (
        <>
          <p data-testid="officers-vacancies">
            {list.data.vacancies.length === 0 ? t('officers.noVacancies') : t('officers.vacancies', { positions: list.data.vacancies.map((p) => t(`position.${p}`)).join(', ') })}
          </p>
          {list.data.items.length === 0 ? <p>{t('officers.none')}</p> : (
            <ul className="cards" data-testid="officers-list">
              {list.data.items.map((o) => (
                <li key={o.id} className={o.active ? 'card' : 'card card--muted'} data-officer={o.id} data-active={o.active}>
                  <p><strong>{o.name}</strong> · {t(`position.${o.position}`)}</p>
                  <p>{o.paid ? t('officers.paidAmount', { amount: f.rupiah(o.monthlyHonorarium) }) : t('officers.volunteer')}</p>
                  <p className="card__meta">
                    {t('officers.period', { start: o.startDate, end: o.endDate ?? t('officers.now') })}
                    {o.decreeNumber ? ` · ${t('officers.decree', { number: o.decreeNumber })}` : ''}
                  </p>
                  {o.missingTrainings.length > 0 && <p className="hint">{t('officers.lacks', { trainings: o.missingTrainings.join(', ') })}</p>}
                  <OfficerAccount officer={o} accounts={accounts.data?.items ?? null} canWrite={canWrite} onDone={reload} />
                  {canWrite && o.active && (
                    <button type="button" className="button button--small" disabled={rowAction.busy} onClick={() => void end(o.id)}>{t('officers.end')}</button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {canWrite && (
        <>
          <h2>{t('officers.add')}</h2>
          <FormErrors error={error} placed={['name', 'position', 'userId', 'decreeNumber', 'decreeDate', 'startDate', 'paid', 'monthlyHonorarium']} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <TextField id="officer-name" label={t('officers.name')} value={form.name} onChange={set('name')} error={fieldError(error, 'name')} />
            <SelectField id="officer-position" label={t('officers.position')} value={form.position} onChange={set('position')} error={fieldError(error, 'position')}>
              {OFFICER_POSITIONS.map((p) => <option key={p} value={p}>{t(`position.${p}`)}</option>)}
            </SelectField>
            <AccountSelect
              id="officer-account" value={form.userId} onChange={(userId) => setForm((x) => ({ ...x, userId }))}
              accounts={accounts.data?.items ?? []} error={fieldError(error, 'userId')} hint={t('officers.accountHint')}
            />
            <TextField id="officer-decree" label={t('officers.decreeNumber')} value={form.decreeNumber} onChange={set('decreeNumber')} error={fieldError(error, 'decreeNumber')} />
            <TextField id="officer-decree-date" label={t('officers.decreeDate')} type="date" value={form.decreeDate} onChange={set('decreeDate')} error={fieldError(error, 'decreeDate')} />
            <TextField id="officer-start" label={t('officers.startDate')} type="date" value={form.startDate} onChange={set('startDate')} error={fieldError(error, 'startDate')} />
            <SelectField id="officer-paid" label={t('officers.paid')} value={form.paid} onChange={set('paid')} error={fieldError(error, 'paid')}>
              <option value="volunteer">{t('officers.volunteer')}</option>
              <option value="paid">{t('officers.paidOption')}</option>
            </SelectField>
            {form.paid === 'paid' && (
              <TextField id="officer-honorarium" label={t('officers.honorarium')} type="number" inputMode="numeric" min={0} value={form.monthlyHonorarium} onChange={set('monthlyHonorarium')} error={fieldError(error, 'monthlyHonorarium')} />
            )}
            <button type="submit" className="button button--primary" disabled={busy}>{t('officers.save')}</button>
          </form>
        </>
      )}
      <HandoversPanel village={village} officers={list.data?.items ?? []} canWrite={canWrite} />
    </section>
  );
}
