import { useEffect, useState } from 'react';
import {
  caseCodeLabel, mayShareField, SERVICE_SECTORS, SERVICE_STATUSES, SHAREABLE_FIELDS, WEEKDAYS,
  type Schedule, type ServiceSector, type ServiceStatus, type ServiceView, type ShareableField,
} from '@slrt/core';
import { useUser } from '../../api/session.tsx';
import { useResource } from '../../api/use-resource.ts';
import { navigate, useLocation, useParams, useSearchParam } from '../../app/router.tsx';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useReferralLabels } from '../referrals/labels.ts';
import { directoryApi, type ManageScope, type OrganizationDetail } from './directory-api.ts';
import '../referrals/referrals.css';

interface Values {
  name: string; description: string; sector: ServiceSector; status: ServiceStatus; eligibility: string; applicationProcess: string;
  documents: string; responseDays: string; capacityPerMonth: string; capacityNote: string; hoursNote: string;
  sharedFields: ShareableField[]; locationIds: string[]; schedules: Schedule[]; minimumAge: string; maximumAge: string;
}

function valuesOf(s: ServiceView | null): Values {
  return {
    name: s?.name ?? '', description: s?.description ?? '', sector: s?.sector ?? 'health', status: s?.status ?? 'active',
    eligibility: s?.eligibility ?? '', applicationProcess: s?.applicationProcess ?? '', documents: (s?.documentsRequired ?? []).join('\n'),
    responseDays: String(s?.responseDays ?? 7), capacityPerMonth: s?.capacityPerMonth != null ? String(s.capacityPerMonth) : '',
    capacityNote: s?.capacityNote ?? '', hoursNote: s?.hoursNote ?? '', sharedFields: s?.sharedFields ?? ['fullName', 'phone'],
    locationIds: s?.locations.map((l) => l.id) ?? [], schedules: s?.schedules.map((x) => ({ days: x.days, opensAt: x.opensAt, closesAt: x.closesAt, note: x.note ?? null })) ?? [],
    minimumAge: s?.minimumAge != null ? String(s.minimumAge) : '', maximumAge: s?.maximumAge != null ? String(s.maximumAge) : '',
  };
}

function bodyOf(v: Values) {
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  const orNull = (s: string) => (s.trim() ? s.trim() : null);
  return {
    name: v.name.trim(), description: v.description.trim(), sector: v.sector, status: v.status, eligibility: orNull(v.eligibility),
    applicationProcess: orNull(v.applicationProcess), documentsRequired: v.documents.split('\n').map((d) => d.trim()).filter(Boolean),
    responseDays: Number(v.responseDays), capacityPerMonth: num(v.capacityPerMonth), capacityNote: orNull(v.capacityNote),
    hoursNote: orNull(v.hoursNote), sharedFields: v.sharedFields, locationIds: v.locationIds, schedules: v.schedules,
    minimumAge: num(v.minimumAge), maximumAge: num(v.maximumAge),
  };
}

/**
 * `/direktori/layanan/baru?organisasi=`, `/direktori/layanan/:id/ubah` (the kabupaten) and
 * `/mitra/layanan/baru`, `/mitra/layanan/:id/ubah` (a partner, its own organization): a
 * service's entry, including the data a referral to it receives (specific health and
 * disability data only for health and disability services).
 */
export default function ServiceFormPage() {
  const t = useT('directory');
  const { locale } = useLocale();
  const { field } = useReferralLabels();
  const user = useUser();
  const { pathname } = useLocation();
  const { id } = useParams();
  const scope: ManageScope = pathname.startsWith('/mitra/') ? 'own' : 'kabupaten';
  const ownOrg = user.roles.find((r) => r.organizationId)?.organizationId;
  const service = useResource<ServiceView>(id ? `/services/${encodeURIComponent(id)}` : null);
  const requestedOrg = useSearchParam('organisasi');
  const orgId = service.data?.organizationId ?? (scope === 'own' ? ownOrg : requestedOrg) ?? null;
  const org = useResource<OrganizationDetail>(orgId ? `/organizations/${encodeURIComponent(orgId)}` : null);
  const [v, setV] = useState<Values>(valuesOf(null));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (service.data) setV(valuesOf(service.data));
  }, [service.data]);
  if (id && !service.data) return service.error ? <p className="alert alert--error" role="alert">{service.error}</p> : <p role="status">{t('app.loading')}</p>;
  if (!orgId) return <p className="alert alert--error">{t('service.noOrganization')}</p>;

  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((x) => x !== item));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = id ? await directoryApi.updateService(scope, id, bodyOf(v)) : await directoryApi.createService(scope, { organizationId: orgId, ...bodyOf(v) });
      navigate(`/direktori/layanan/${saved.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{id ? t('service.editTitle') : t('service.newTitle')}</h1>
      {org.data && <p className="lead">{org.data.name}</p>}
      <FormErrors error={error} placed={['name', 'description', 'sector', 'responseDays', 'sharedFields', 'eligibility', 'capacityPerMonth', 'minimumAge', 'maximumAge']} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextField id="svc-name" label={t('service.name')} value={v.name} onChange={(e) => set('name', e.target.value)} error={fieldError(error, 'name')} />
        <TextAreaField rows={3} id="svc-description" label={t('service.description')} value={v.description} onChange={(e) => set('description', e.target.value)} error={fieldError(error, 'description')} />
        <SelectField id="svc-sector" label={t('sector')} value={v.sector} onChange={(e) => set('sector', e.target.value as ServiceSector)} error={fieldError(error, 'sector')}>
          {SERVICE_SECTORS.map((s) => (
            <option key={s} value={s}>{caseCodeLabel('sector', s, locale)}</option>
          ))}
        </SelectField>
        <SelectField id="svc-status" label={t('service.status')} value={v.status} onChange={(e) => set('status', e.target.value as ServiceStatus)}>
          {SERVICE_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`status.${s === 'temporarily closed' ? 'temporarily_closed' : s}` as 'status.active')}</option>
          ))}
        </SelectField>
        <TextAreaField rows={3} id="svc-eligibility" label={t('service.eligibility')} value={v.eligibility} onChange={(e) => set('eligibility', e.target.value)} error={fieldError(error, 'eligibility')} />
        <TextAreaField rows={3} id="svc-process" label={t('service.applicationProcess')} value={v.applicationProcess} onChange={(e) => set('applicationProcess', e.target.value)} />
        <TextAreaField rows={3} id="svc-documents" label={t('service.documents')} hint={t('service.documentsHint')} value={v.documents} onChange={(e) => set('documents', e.target.value)} />
        <TextField id="svc-days" label={t('service.responseTime')} hint={t('service.responseHint')} type="number" min={1} max={90} inputMode="numeric" value={v.responseDays} onChange={(e) => set('responseDays', e.target.value)} error={fieldError(error, 'responseDays')} />
        <TextField id="svc-capacity" label={t('service.capacity')} type="number" min={0} inputMode="numeric" value={v.capacityPerMonth} onChange={(e) => set('capacityPerMonth', e.target.value)} error={fieldError(error, 'capacityPerMonth')} />
        <TextField id="svc-capacity-note" label={t('service.capacityNote')} value={v.capacityNote} onChange={(e) => set('capacityNote', e.target.value)} />
        <TextField id="svc-min-age" label={t('service.minimumAge')} type="number" min={0} inputMode="numeric" value={v.minimumAge} onChange={(e) => set('minimumAge', e.target.value)} error={fieldError(error, 'minimumAge')} />
        <TextField id="svc-max-age" label={t('service.maximumAge')} type="number" min={0} inputMode="numeric" value={v.maximumAge} onChange={(e) => set('maximumAge', e.target.value)} error={fieldError(error, 'maximumAge')} />

        <fieldset className="choices">
          <legend>{t('service.hours')}</legend>
          {v.schedules.map((s, i) => (
            <div key={i} className="panel">
              <div className="actions">
                {WEEKDAYS.map((d) => (
                  <label key={d} className="choice">
                    <input type="checkbox" checked={s.days.includes(d)} onChange={(e) => set('schedules', v.schedules.map((x, j) => (j === i ? { ...x, days: toggle(x.days, d, e.target.checked) } : x)))} />
                    {t(`day.${d}`)}
                  </label>
                ))}
              </div>
              <TextField id={`svc-opens-${i}`} label={t('service.opensAt')} type="time" value={s.opensAt} onChange={(e) => set('schedules', v.schedules.map((x, j) => (j === i ? { ...x, opensAt: e.target.value } : x)))} error={fieldError(error, `schedules.${i}.opensAt`)} />
              <TextField id={`svc-closes-${i}`} label={t('service.closesAt')} type="time" value={s.closesAt} onChange={(e) => set('schedules', v.schedules.map((x, j) => (j === i ? { ...x, closesAt: e.target.value } : x)))} error={fieldError(error, `schedules.${i}.closesAt`)} />
              <button type="button" className="button button--small" onClick={() => set('schedules', v.schedules.filter((_, j) => j !== i))}>{t('service.removeHours')}</button>
            </div>
          ))}
          <button type="button" className="button button--small" onClick={() => set('schedules', [...v.schedules, { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opensAt: '08:00', closesAt: '15:00', note: null }])}>
            {t('service.addHours')}
          </button>
        </fieldset>
        <TextField id="svc-hours-note" label={t('service.hoursNote')} value={v.hoursNote} onChange={(e) => set('hoursNote', e.target.value)} />

        <fieldset className="choices">
          <legend>{t('service.shared')}</legend>
          <p className="hint">{t('service.sharedHint')}</p>
          {fieldError(error, 'sharedFields') && <p className="field-error">{fieldError(error, 'sharedFields')}</p>}
          {SHAREABLE_FIELDS.map((f) => (
            <label key={f} className="choice">
              <input type="checkbox" disabled={!mayShareField(v.sector, f)} checked={v.sharedFields.includes(f) && mayShareField(v.sector, f)} onChange={(e) => set('sharedFields', toggle(v.sharedFields, f, e.target.checked))} />
              {field(f)}
            </label>
          ))}
        </fieldset>

        {org.data && org.data.locations.length > 0 && (
          <fieldset className="choices">
            <legend>{t('service.locations')}</legend>
            {org.data.locations.map((l) => (
              <label key={l.id} className="choice">
                <input type="checkbox" checked={v.locationIds.includes(l.id)} onChange={(e) => set('locationIds', toggle(v.locationIds, l.id, e.target.checked))} />
                {l.name}
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>{t('service.save')}</button>
      </form>
    </section>
  );
}
